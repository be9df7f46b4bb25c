"""The Telegram adapter (python-telegram-bot): Update -> Event, Reply -> Bot API calls."""

from .app import build_application, run_bot
from .config import RateLimits, Settings, Webhook

__all__ = ["RateLimits", "Settings", "Webhook", "build_application", "run_bot"]
