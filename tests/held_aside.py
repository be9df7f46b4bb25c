"""An engine call marked `aside` that holds the engine's drawing thread until the test lets
it go, as a long report would keep it busy: no hook in the bot, the real door
(`EngineProcess.run`) and the real thread (bot/engine_process.py).

The call, in the engine process, connects to a socket the test listens on, says it has
begun and waits for a word back; the test waits for "begun" and answers when the block
ends. Nothing sleeps: each side waits for the other's word.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from bot.engine_process import EngineProcess, aside

BEGUN, GO = b"begun\n", b"go\n"


@aside
def occupy(services: Any, port: int, name: str) -> str:
    """Hold the aside thread until the test says go; returns `name`."""
    with socket.create_connection(("127.0.0.1", port)) as test:
        test.sendall(BEGUN)
        test.makefile("rb").readline()
    return name


@asynccontextmanager
async def held(engine: EngineProcess, name: str = "held") -> AsyncIterator[asyncio.Future[str]]:
    """The engine's aside thread is busy with `occupy` until the block ends; yields that
    call's outcome (a future), done once the block has let it go."""
    begun: asyncio.Future[asyncio.StreamWriter] = asyncio.get_running_loop().create_future()

    async def connected(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        assert await reader.readline() == BEGUN
        begun.set_result(writer)

    server = await asyncio.start_server(connected, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    outcome = asyncio.ensure_future(engine.run(occupy, port, name))
    try:
        writer = await asyncio.wait_for(begun, 30)
        try:
            yield outcome
        finally:
            writer.write(GO)
            await writer.drain()
            writer.close()
    finally:
        server.close()
