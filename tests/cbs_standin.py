"""A stand-in for CBS's OData v3 feed (opendata.cbs.nl/ODataFeed/odata), on 127.0.0.1.

It serves a recorded table (tests/data/cbs_85984NED.json: a few wijken of two gemeenten,
in CBS's own JSON) as CBS does: `{"odata.metadata", "value": [...]}`, `$select` applied,
and long answers in pages linked by `odata.nextLink`. Like the real feed it ignores nothing
it is not told to: `$filter` is not applied, so the client must pick gemeenten and wijken
itself. Tests change `table` to play a changed table or missing figures.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from tests.plain_http import no_certificates

RECORDED = Path(__file__).parent / "data" / "cbs_85984NED.json"
TABLE_ID = "85984NED"
PAGE = 4  # rows per page, small so paging is used


class StandInCbs:
    def __init__(self) -> None:
        self.table: dict[str, list[dict[str, Any]]] = json.loads(RECORDED.read_text("utf-8"))
        self.requests: list[str] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/ODataFeed/odata"
        # the server looks for shutdown() every `poll_interval`: 0.5 s unless told
        serve = functools.partial(self.server.serve_forever, poll_interval=0.01)
        self.thread = threading.Thread(target=serve, daemon=True)
        self._closing = contextlib.ExitStack()

    def __enter__(self) -> StandInCbs:
        self._closing.enter_context(no_certificates())  # the client of a test speaks to it
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self._closing.close()

    def rows(self) -> list[dict[str, Any]]:
        return self.table["TypedDataSet"]

    def answer(self, path: str, query: dict[str, str]) -> tuple[int, dict[str, Any]]:
        parts = path.strip("/").split("/")  # ODataFeed, odata, table, resource
        if len(parts) != 4 or parts[2] != TABLE_ID or parts[3] not in self.table:
            return 404, {"odata.error": {"code": "", "message": {"value": "Not found"}}}
        entries = copy.deepcopy(self.table[parts[3]])
        if "$select" in query:
            wanted = query["$select"].split(",")
            entries = [{k: v for k, v in e.items() if k in wanted} for e in entries]
        skip = int(query.get("$skip", "0"))
        page: dict[str, Any] = {
            "odata.metadata": f"{self.url}/{TABLE_ID}/$metadata#Cbs.OData.WebAPI.{parts[3]}",
            "value": entries[skip : skip + PAGE],
        }
        if skip + PAGE < len(entries):
            more = urlencode({**query, "$skip": str(skip + PAGE)})
            page["odata.nextLink"] = f"{self.url}/{TABLE_ID}/{parts[3]}?{more}"
        return 200, page

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                standin.requests.append(self.path)
                split = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(split.query).items()}
                status, body = standin.answer(split.path, query)
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json;charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *_: object) -> None:
                pass

        return Handler
