"""What the web pages' tests share: initData signed as the Telegram app signs it (written
here from Telegram's description, not taken from bot/web), and the bot with its pages."""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from bot.telegram.config import WebApp
from tests.botapi import TOKEN, StandInBotAPI, User
from tests.telegram_harness import Running, running_bot

CODE = "GM1509"  # Oude IJsselstreek, the gemeente tests/scripted.py registers


def signed(user: User, token: str = TOKEN, age: float = 0, **extra: str) -> str:
    """initData for `user`, signed `age` seconds ago: query_id, user, auth_date, hash."""
    fields = {
        "query_id": "AAH-test",
        "user": json.dumps({"id": user.id, "first_name": user.first_name, "language_code": "nl"}),
        "auth_date": str(int(time.time() - age)),
        **extra,
    }
    check = "\n".join(f"{k}={v}" for k, v in sorted(fields.items()))
    secret = hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()
    fields["hash"] = hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()
    return urlencode(fields)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@asynccontextmanager
async def bot_with_pages(db: Path, api: StandInBotAPI, **settings: Any) -> AsyncIterator[Running]:
    """`wijkbot run` with WIJKBOT_WEBAPP_URL: the bot, and its pages on 127.0.0.1 (the
    test page brings its own stand-in of Telegram's script)."""
    port = free_port()
    page = WebApp(url=f"http://127.0.0.1:{port}", port=port, listen="127.0.0.1", script="")
    async with running_bot(db, api, webapp=page, **settings) as bot:
        yield bot


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def telegram_stand_in(init_data: str) -> str:
    """A script that plays Telegram's WebApp object inside the page, before the page's own
    scripts run: signed initData, a dark theme, a main button the test presses, close()."""
    theme = {
        "bg_color": "#17212b",
        "text_color": "#f5f5f5",
        "hint_color": "#a8b4c0",
        "link_color": "#6ab3f3",
        "button_color": "#5288c1",
        "button_text_color": "#ffffff",
        "secondary_bg_color": "#232e3c",
    }
    return f"""
    window.Telegram = {{ WebApp: {{
      initData: {json.dumps(init_data)},
      themeParams: {json.dumps(theme)},
      colorScheme: "dark",
      ready() {{}}, expand() {{}}, onEvent() {{}},
      close() {{ document.documentElement.dataset.closed = "ja"; }},
      MainButton: {{
        text: "", visible: false, progress: false, handlers: [],
        setText(text) {{ this.text = text; }},
        show() {{ this.visible = true; }}, hide() {{ this.visible = false; }},
        showProgress() {{ this.progress = true; }}, hideProgress() {{ this.progress = false; }},
        onClick(handler) {{ this.handlers.push(handler); }},
        press() {{ this.handlers.forEach((handler) => handler()); }},
      }},
    }} }};
    """
