"""The Telegram settings, from the environment (DESIGN.md, Contracts)."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ..engine.operators import Operators, Registration

DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"
TELEGRAM_SCRIPT = "https://telegram.org/js/telegram-web-app.js"  # what a Mini App loads
# seconds before a send Telegram had trouble with (a 5xx, a time-out) is tried again; the
# pause doubles with each try, up to a minute (bot/telegram/postman.py)
TROUBLE_PAUSE = 0.25


@dataclass(frozen=True)
class Webhook:
    """Telegram posts updates to `url`; the bot listens on `listen:port` behind it."""

    url: str
    port: int = 8443
    listen: str = "0.0.0.0"
    secret_token: str = field(default_factory=lambda: secrets.token_urlsafe(32))


@dataclass(frozen=True)
class WebApp:
    """The web pages (Mini App) at their public https address `url`, served on
    `listen:port` behind it; `script`: Telegram's telegram-web-app.js ("": none)."""

    url: str
    port: int = 8081
    listen: str = "0.0.0.0"
    script: str = TELEGRAM_SCRIPT


@dataclass(frozen=True)
class RateLimits:
    """Sends allowed: a small burst at once, then a steady rate.

    Telegram allows 30 messages a second in all and 20 a minute to one group. A leaky
    bucket lets `burst` through at once on top of its rate, so python-telegram-bot's
    defaults (a burst of 30 plus 30 a second) can put 59 sends into one second. These
    keep every window within Telegram's limits: 5 + 24/s <= 30 in any second and
    4 + 15/min <= 20 in any minute per group (measured in bench/throughput.py).
    """

    per_second: float = 24
    burst: int = 5
    per_group_minute: float = 15
    group_burst: int = 4
    retries: int = 0  # the rate limiter's own tries after a 429: none, the postman waits them out


@dataclass(frozen=True)
class Settings:
    token: str
    api_base_url: str = DEFAULT_API_BASE_URL
    webhook: Webhook | None = None  # long polling when not set
    webapp: WebApp | None = None  # the web pages are not served (nor offered) when not set
    rate_limits: RateLimits = field(default_factory=RateLimits)
    poll_timeout: int = 30  # seconds a getUpdates call may wait for news
    tick_seconds: float = 30  # the longest wait between two looks at what is due (check-ins)
    typing_after: float = 0.1  # seconds the engine works on a turn before "typing…" shows
    trouble_pause: float = TROUBLE_PAUSE
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)  # tests set their own
    # who decides claims on a gemeente: on Telegram, by default an operator approves them
    operators: Operators = field(default_factory=lambda: Operators(Registration.APPROVAL))

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Settings | None:
        """The settings, or None without a TELEGRAM_BOT_TOKEN."""
        token = env.get("TELEGRAM_BOT_TOKEN", "").strip()
        if not token:
            return None
        webhook = None
        if url := env.get("WIJKBOT_WEBHOOK_URL", "").strip():
            options: dict[str, Any] = {}  # only what is set; Webhook has the defaults
            if port := env.get("WIJKBOT_WEBHOOK_PORT"):
                options["port"] = _port(port)
            if listen := env.get("WIJKBOT_WEBHOOK_LISTEN"):
                options["listen"] = listen
            if secret := env.get("WIJKBOT_WEBHOOK_SECRET"):
                options["secret_token"] = secret
            webhook = Webhook(url=url, **options)
        base_url = env.get("WIJKBOT_API_BASE_URL", "").strip() or DEFAULT_API_BASE_URL
        operators = Operators.from_env(env, Registration.APPROVAL)
        return cls(
            token=token,
            api_base_url=base_url,
            webhook=webhook,
            webapp=webapp_from_env(env),
            operators=operators,
        )


def webapp_from_env(env: Mapping[str, str]) -> WebApp | None:
    """WIJKBOT_WEBAPP_URL (its public https address), WIJKBOT_WEBAPP_PORT, _LISTEN and
    _SCRIPT (where the page loads telegram-web-app.js from)."""
    url = env.get("WIJKBOT_WEBAPP_URL", "").strip()
    if not url:
        return None
    options: dict[str, Any] = {}
    if port := env.get("WIJKBOT_WEBAPP_PORT"):
        options["port"] = _port(port, "WIJKBOT_WEBAPP_PORT")
    if listen := env.get("WIJKBOT_WEBAPP_LISTEN"):
        options["listen"] = listen
    if (script := env.get("WIJKBOT_WEBAPP_SCRIPT")) is not None:  # "": none
        options["script"] = script.strip()
    return WebApp(url=url.rstrip("/"), **options)


def _port(value: str, name: str = "WIJKBOT_WEBHOOK_PORT") -> int:
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise ValueError(f"{name} must be a port number, not {value!r}")
    return int(value)
