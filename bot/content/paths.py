"""Where the content lives: inside the installed wheel, or beside the package in a checkout."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def content_root() -> Path:
    """The folder holding `knowledge/` and `flows/`.

    `WIJKBOT_CONTENT` wins (editors trying a copy); then the copy shipped inside the wheel;
    then the checkout the package was imported from (an editable install or the tests).
    """
    candidates = [
        Path(os.environ["WIJKBOT_CONTENT"]) if os.environ.get("WIJKBOT_CONTENT") else None,
        _PACKAGE / "_content",
        _PACKAGE.parent,
    ]
    for candidate in candidates:
        if candidate is not None and (candidate / "knowledge").is_dir():
            return candidate
    raise FileNotFoundError("no knowledge/ folder found; set WIJKBOT_CONTENT to its parent")
