"""Fetch one year of CBS's Kerncijfers wijken en buurten over its OData v3 feed (httpx).

Everything is fetched and checked before anything is stored: a table that changed, figures
that are missing or a network that is down raise CbsError with a message that says what,
and the database stays as it was.
"""

from __future__ import annotations

import os
import re
from typing import Any

import httpx

from .figures import FIGURES, TABLES, TITLE, Kerncijfers, Region

DEFAULT_URL = "https://opendata.cbs.nl/ODataFeed/odata"
TIMEOUT = httpx.Timeout(60.0, connect=10.0)
KINDS = {"GM": "gemeente", "WK": "wijk"}  # code prefix -> region kind; buurten are left out
REGION_FILTER = "startswith(WijkenEnBuurten,'GM') or startswith(WijkenEnBuurten,'WK')"
_WIJK_NUMBER = re.compile(r"^Wijk \d+\s+")  # "Wijk 02 Waterkwartier" -> "Waterkwartier"


class CbsError(Exception):
    """The figures could not be loaded; the message says why, for the operator."""


def base_url() -> str:
    """`WIJKBOT_CBS_URL` (a local stand-in in tests), else CBS's own OData feed."""
    return (os.environ.get("WIJKBOT_CBS_URL") or DEFAULT_URL).rstrip("/")


def fetch_kerncijfers(year: int, url: str | None = None) -> Kerncijfers:
    table = TABLES.get(year)
    if table is None:
        known = ", ".join(str(y) for y in TABLES)
        raise CbsError(f"No CBS table known for {year}; known years: {known}")
    with httpx.Client(base_url=f"{url or base_url()}/{table}/", timeout=TIMEOUT) as client:
        feed = _Feed(client, table)
        title = feed.title()
        columns = feed.columns()
        names = feed.names()
        rows = feed.rows(columns)
    regions = [_region(row, columns, feed.units, names) for row in rows if _kind(row)]
    if not any(r.kind == "wijk" for r in regions):
        raise CbsError(f"Table {table} returned no wijken; nothing was changed")
    return Kerncijfers(year, table, title, regions)


class _Feed:
    def __init__(self, client: httpx.Client, table: str) -> None:
        self.client = client
        self.table = table
        self.units: dict[str, str] = {}  # per figure key, as DataProperties gives it

    def title(self) -> str:
        infos = self._all("TableInfos", {})
        title = str(infos[0].get("Title", "")) if infos else ""
        if not title.startswith(TITLE):
            raise CbsError(f"Table {self.table} is not '{TITLE}' but {title!r}; nothing changed")
        return title

    def columns(self) -> dict[str, str]:
        """Per figure key its column in this table ("AantalInwoners_5"), and the units."""
        properties = self._all("DataProperties", {})
        keys = {str(p.get("Key", "")): p for p in properties}
        found: dict[str, str] = {}
        for figure in FIGURES:
            column = next((k for k in keys if k.rsplit("_", 1)[0] == figure.column), None)
            if column is not None:
                found[figure.key] = column
        missing = [f.column for f in FIGURES if f.key not in found]
        if missing:
            raise CbsError(
                f"Table {self.table} has changed: no column for {', '.join(missing)}; "
                "nothing was changed"
            )
        self.units = {key: str(keys[col].get("Unit") or "").strip() for key, col in found.items()}
        return found

    def names(self) -> dict[str, str]:
        """The name of every gemeente and wijk, by its code."""
        params = {"$filter": "startswith(Key,'GM') or startswith(Key,'WK')"}
        entries = self._all("WijkenEnBuurten", params)
        return {str(e["Key"]).strip(): _wijk_name(str(e.get("Title") or "")) for e in entries}

    def rows(self, columns: dict[str, str]) -> list[dict[str, Any]]:
        select = ["WijkenEnBuurten", *columns.values()]
        params = {"$filter": REGION_FILTER, "$select": ",".join(select)}
        rows = self._all("TypedDataSet", params)
        absent = [c for c in select if rows and not any(c in row for row in rows)]
        if absent:
            raise CbsError(
                f"The figures of table {self.table} are missing {', '.join(absent)}; "
                "nothing was changed"
            )
        return rows

    def _all(self, resource: str, params: dict[str, str]) -> list[dict[str, Any]]:
        """Every entry of a resource, following `odata.nextLink` from page to page."""
        found: list[dict[str, Any]] = []
        url: str | None = resource
        query: dict[str, str] | None = {"$format": "json", **params}
        while url is not None:
            page = self._get(url, query)
            found += page["value"]
            url, query = page.get("odata.nextLink"), None  # the link carries its own query
        return found

    def _get(self, url: str, params: dict[str, str] | None) -> dict[str, Any]:
        try:
            response = self.client.get(url, params=params)
        except httpx.HTTPError as error:
            raise CbsError(
                f"CBS could not be reached ({error.__class__.__name__}: {error}); "
                "is this machine online? Nothing was changed"
            ) from error
        if response.status_code == 404:
            raise CbsError(f"CBS has no {url} for table {self.table} (404); nothing was changed")
        if response.is_error:
            raise CbsError(
                f"CBS answered {response.status_code} for {url}; try again later. "
                "Nothing was changed"
            )
        try:
            page = response.json()
        except ValueError as error:
            raise CbsError(f"CBS sent no JSON for {url}; nothing was changed") from error
        if not isinstance(page, dict) or not isinstance(page.get("value"), list):
            raise CbsError(f"CBS's answer for {url} has no 'value' list; nothing was changed")
        return page


def _kind(row: dict[str, Any]) -> str | None:
    return KINDS.get(str(row.get("WijkenEnBuurten") or "").strip()[:2])


def _region(
    row: dict[str, Any], columns: dict[str, str], units: dict[str, str], names: dict[str, str]
) -> Region:
    code = str(row["WijkenEnBuurten"]).strip()
    kind = _kind(row)
    assert kind is not None
    return Region(
        code=code,
        kind=kind,
        name=names.get(code) or code,
        gemeente_code="GM" + code[2:6],
        figures={key: _number(row.get(column)) for key, column in columns.items()},
        units=units,
    )


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _wijk_name(title: str) -> str:
    return _WIJK_NUMBER.sub("", title.strip()) or title.strip()
