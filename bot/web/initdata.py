"""Telegram's signature on a Mini App's initData, checked as Telegram specifies
(core.telegram.org/bots/webapps, "Validating data received via the Mini App"):

    data_check_string = the received fields but `hash`, sorted by key, as key=value lines
    secret_key = HMAC_SHA256(key="WebAppData", message=bot_token)
    hash = hex(HMAC_SHA256(key=secret_key, message=data_check_string))

and `auth_date` at most an hour old. Only then is `user` who Telegram says it is.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl

MAX_AGE = timedelta(hours=1)
CLOCK_SKEW = timedelta(minutes=5)  # an auth_date this far ahead of our clock still counts


class NotSigned(ValueError):
    """The initData is missing, forged, altered or too old (the reason says which)."""


@dataclass(frozen=True)
class WebAppUser:
    id: str  # the Telegram user id, as the bot's events carry it
    name: str


def validate(init_data: str, token: str, now: datetime, max_age: timedelta = MAX_AGE) -> WebAppUser:
    """The user Telegram signed `init_data` for; NotSigned when it is not Telegram's."""
    try:
        pairs = parse_qsl(init_data, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        raise NotSigned("not a query string") from None
    fields = dict(pairs)
    if len(fields) != len(pairs):
        raise NotSigned("a field occurs twice")
    received = fields.pop("hash", "")
    check = "\n".join(f"{key}={value}" for key, value in sorted(fields.items()))
    secret = hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()
    expected = hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, received):
        raise NotSigned("the hash does not match")
    if not fields.get("auth_date", "").isdigit():
        raise NotSigned("no auth_date")
    signed_at = datetime.fromtimestamp(int(fields["auth_date"]), UTC)
    if now - signed_at > max_age or signed_at - now > CLOCK_SKEW:
        raise NotSigned("auth_date is out of date")
    return _user(fields.get("user", ""))


def _user(field: str) -> WebAppUser:
    try:
        user = json.loads(field)
        user_id = int(user["id"])
    except (ValueError, TypeError, KeyError):
        raise NotSigned("no user") from None
    name = " ".join(str(user.get(k) or "") for k in ("first_name", "last_name")).strip()
    return WebAppUser(str(user_id), name)
