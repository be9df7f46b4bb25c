"""The web part on aiohttp: the two pages, their files, and the API behind them.

    GET  /startpositie?g=CODE       the page with the six sliders
    GET  /voortgang?g=CODE          the gemeente's progress, read only
    GET  /api/startpositie?g=CODE   what the page shows (JSON)
    POST /api/startpositie?g=CODE   {"phases": {theme key: 1-4}}: saved, the chat confirms
    GET  /api/voortgang?g=CODE

Every API request carries the Mini App's initData as `Authorization: tma <initData>`:
without Telegram's signature 401, for someone outside the gemeente 403, and nothing changes.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlparse

from aiohttp import web

from ..engine_process import EngineProcess, EngineStopped
from ..vocabulary import Mail, Page, PageRefusal, PageRefused
from . import calls, texts
from .initdata import NotSigned, WebAppUser, validate

log = logging.getLogger(__name__)
T = TypeVar("T")

STATIC = Path(__file__).parent / "static"
STATUS = {PageRefused.NOT_A_MEMBER: 403, PageRefused.BAD_INPUT: 400}
MAX_BODY = 16 * 1024  # six numbers fit many times over


@dataclass(frozen=True)
class Door:
    """What the web part needs: the engine process, the bot token that signs initData,
    where the chat's confirmation goes (the postman), the time, and Telegram's script."""

    engine: EngineProcess
    token: str
    post: Callable[[list[Mail]], None]
    clock: Callable[[], datetime]
    script: str  # Telegram's WebApp script ("": none; tests put a stand-in in the page)


DOOR = web.AppKey("door", Door)


def build_web(door: Door) -> web.Application:
    app = web.Application(client_max_size=MAX_BODY, middlewares=[_headers])
    app[DOOR] = door
    app.router.add_get("/api/{page}", _show)
    app.router.add_post(f"/api/{Page.STARTPOSITIE}", _save)
    app.router.add_static("/static", STATIC)
    app.router.add_get("/{page}", _page)
    return app


async def start_web(app: web.Application, listen: str, port: int) -> web.AppRunner:
    """Serve `app` on listen:port in the running loop, until the runner's cleanup."""
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, listen, port).start()
    log.info("The web pages are served on %s:%s", listen, port)
    return runner


# -- pages -----------------------------------------------------------------------------------


async def _page(request: web.Request) -> web.Response:
    page = _known(request.match_info["page"])
    script = request.app[DOOR].script
    tag = f'<script src="{script}"></script>' if script else ""
    html = (STATIC / f"{page}.html").read_text(encoding="utf-8")
    return web.Response(text=html.replace("<!-- telegram -->", tag), content_type="text/html")


@web.middleware
async def _headers(request: web.Request, handler: Any) -> web.StreamResponse:
    """Scripts only from here (and Telegram's), nothing stored by the browser's cache
    between two people's visits of the API."""
    response: web.StreamResponse = await handler(request)
    script = request.app[DOOR].script
    origin = f"{urlparse(script).scheme}://{urlparse(script).netloc}" if script else ""
    response.headers["Content-Security-Policy"] = (
        f"default-src 'self'; script-src 'self' {origin}".strip()
        + "; img-src 'self' data:; object-src 'none'; base-uri 'none'"
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    if request.path.startswith("/api/"):
        response.headers["Cache-Control"] = "no-store"
    return response


# -- API -------------------------------------------------------------------------------------


async def _show(request: web.Request) -> web.Response:
    page = _known(request.match_info["page"])
    door = request.app[DOOR]
    user = _signed(request)
    shown = await _ask(door, calls.page, user.id, request.query.get("g", ""), page)
    if isinstance(shown, PageRefusal):
        return _refused(shown)
    return web.json_response(shown)


async def _save(request: web.Request) -> web.Response:
    door = request.app[DOOR]
    user = _signed(request)
    try:
        body = await request.json()
    except ValueError:
        raise _error(web.HTTPBadRequest, texts.BAD_REQUEST) from None
    phases = body.get("phases") if isinstance(body, dict) else None
    code = request.query.get("g", "")
    saved = await _ask(door, calls.save_startpositie, user.id, user.name, code, phases)
    if isinstance(saved, PageRefusal):
        return _refused(saved)
    door.post(saved)
    log.info("Startpositie saved from the web page for gemeente %s", code)
    return web.json_response({"saved": True})


async def _ask(door: Door, call: Callable[..., T], *args: object) -> T:
    """`call` in the engine process; a 503 when that stopped under it (nothing was stored:
    the call is one transaction)."""
    try:
        return await door.engine.run(call, *args)
    except EngineStopped:
        raise _error(web.HTTPServiceUnavailable, texts.ENGINE_STOPPED) from None


def _signed(request: web.Request) -> WebAppUser:
    scheme, _, init_data = request.headers.get("Authorization", "").partition(" ")
    door = request.app[DOOR]
    try:
        if scheme.lower() != "tma":
            raise NotSigned("no initData")
        return validate(init_data, door.token, door.clock())
    except NotSigned as refused:
        log.info("A web request without Telegram's signature was refused: %s", refused)
        raise _error(web.HTTPUnauthorized, texts.NOT_SIGNED) from None


def _known(name: str) -> Page:
    if name not in Page.__members__.values():
        raise web.HTTPNotFound()
    return Page(name)


def _refused(refusal: PageRefusal) -> web.Response:
    return web.json_response({"error": refusal.message}, status=STATUS[refusal.reason])


def _error(kind: type[web.HTTPError], message: str) -> web.HTTPError:
    return kind(text=json.dumps({"error": message}), content_type="application/json")
