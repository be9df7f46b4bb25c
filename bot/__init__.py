"""Wijkbot: a Telegram advice assistant for Dutch municipalities that work wijkgericht."""

__version__ = "0.1.0"
