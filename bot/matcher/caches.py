"""Methods memoised per instance, kept out of a pickle (bot/parts_cache.py).

`functools.lru_cache` around a bound method does not pickle; a class that keeps such
caches names them in CACHED, makes them with `make_caches`, and gets them made again, empty,
when it is read back.
"""

from __future__ import annotations

from functools import lru_cache
from typing import ClassVar


class PerInstanceCaches:
    # the attribute that holds a cache -> (the method it caches, how many results it keeps)
    CACHED: ClassVar[dict[str, tuple[str, int]]] = {}

    def make_caches(self) -> None:
        for name, (method, size) in self.CACHED.items():
            setattr(self, name, lru_cache(maxsize=size)(getattr(self, method)))

    def __getstate__(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if k not in self.CACHED}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self.make_caches()
