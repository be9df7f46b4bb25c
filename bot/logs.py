"""How `wijkbot run` logs: one line per event, as text or, with WIJKBOT_LOG_FORMAT=json, as
JSON lines (python-json-logger) that a log collector reads without parsing text."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping

from pythonjsonlogger.json import JsonFormatter

TEXT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
JSON_FIELDS = "{asctime}{levelname}{name}{message}"
RENAMED = {"asctime": "time", "levelname": "level", "name": "logger", "exc_info": "traceback"}
FORMATS = ("text", "json")


class OneLineFormatter(logging.Formatter):
    """The text format with a traceback on the same line (its line breaks written as \\n), so
    one event is one line also in `docker logs` and journald."""

    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).replace("\n", "\\n")


def configure_logging(env: Mapping[str, str] = os.environ) -> None:
    """Log to stderr in the format WIJKBOT_LOG_FORMAT names (text, the default, or json)."""
    chosen = env.get("WIJKBOT_LOG_FORMAT", "").strip().lower() or "text"
    if chosen not in FORMATS:
        raise ValueError(f"WIJKBOT_LOG_FORMAT must be text or json, not {chosen!r}")
    formatter: logging.Formatter = (
        JsonFormatter(JSON_FIELDS, style="{", rename_fields=RENAMED, json_ensure_ascii=False)
        if chosen == "json"
        else OneLineFormatter(TEXT)
    )
    handler = logging.StreamHandler()
    handler.setFormatter(formatter)
    logging.basicConfig(level=logging.INFO, handlers=[handler], force=True)
    for chatty in ("httpx", "apscheduler"):  # a line per Bot API call, per job run otherwise
        logging.getLogger(chatty).setLevel(logging.WARNING)
