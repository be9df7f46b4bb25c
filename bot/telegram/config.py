"""The Telegram settings, from the environment (DESIGN.md, Contracts)."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field

from telegram.constants import FloodLimit

DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"


@dataclass(frozen=True)
class Webhook:
    """Telegram posts updates to `url`; the bot listens on `listen:port` behind it."""

    url: str
    port: int = 8443
    listen: str = "0.0.0.0"
    secret_token: str = field(default_factory=lambda: secrets.token_urlsafe(32))


@dataclass(frozen=True)
class Settings:
    token: str
    api_base_url: str = DEFAULT_API_BASE_URL
    webhook: Webhook | None = None  # long polling when not set
    max_sends_per_second: float = FloodLimit.MESSAGES_PER_SECOND  # 30, Telegram's own limits
    max_sends_per_group_minute: float = FloodLimit.MESSAGES_PER_MINUTE_PER_GROUP  # 20
    flood_retries: int = 5  # how often a send is tried again after a 429 (its retry_after)
    poll_timeout: int = 30  # seconds a getUpdates call may wait for news

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Settings | None:
        """The settings, or None without a TELEGRAM_BOT_TOKEN."""
        token = env.get("TELEGRAM_BOT_TOKEN", "").strip()
        if not token:
            return None
        webhook = None
        if url := env.get("WIJKBOT_WEBHOOK_URL", "").strip():
            webhook = Webhook(
                url=url,
                port=_port(env.get("WIJKBOT_WEBHOOK_PORT")),
                listen=env.get("WIJKBOT_WEBHOOK_LISTEN") or "0.0.0.0",
                **({"secret_token": s} if (s := env.get("WIJKBOT_WEBHOOK_SECRET")) else {}),
            )
        base_url = env.get("WIJKBOT_API_BASE_URL", "").strip() or DEFAULT_API_BASE_URL
        return cls(token=token, api_base_url=base_url, webhook=webhook)


def _port(value: str | None) -> int:
    if not value:
        return 8443
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise ValueError(f"WIJKBOT_WEBHOOK_PORT must be a port number, not {value!r}")
    return int(value)
