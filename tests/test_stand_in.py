"""The stand-in Bot API the Telegram tests run against (tests/botapi.py) stops at once, also
when a bot's getUpdates is still on its way in as it stops: a bot killed right after asking
(tests/test_durability.py) held the stop for the 30 s of its long poll, one suite run in
about twenty."""

from __future__ import annotations

import asyncio
import json

from tests.botapi import TOKEN, StandInBotAPI

STOPS_WITHIN = 10  # s: a bound for a failure, not a measure (it takes milliseconds)


async def test_a_get_updates_arriving_as_it_stops_does_not_hold_the_stop() -> None:
    api = StandInBotAPI()
    await api.start()
    _, writer = await asyncio.open_connection("127.0.0.1", api.port)
    body = json.dumps({"offset": 1, "timeout": 30}).encode()
    head = f"POST /bot{TOKEN}/getUpdates HTTP/1.1\r\nHost: stand-in\r\n"
    head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    writer.write(head.encode() + body)
    await asyncio.sleep(0)  # sent; the stand-in reads it once the stop has begun
    async with asyncio.timeout(STOPS_WITHIN):
        await api.stop()
    writer.close()
