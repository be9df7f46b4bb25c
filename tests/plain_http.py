"""For clients of the tests' stand-ins, which speak plain HTTP on 127.0.0.1."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock


@contextmanager
def no_certificates() -> Iterator[None]:
    """httpx reads the whole store of CA certificates for every client it makes (some 50 ms
    each). Against a stand-in none is needed, so meanwhile httpx is shown an empty folder of
    them (its SSL_CERT_DIR) instead."""
    with (
        tempfile.TemporaryDirectory() as empty,
        mock.patch.dict(os.environ, {"SSL_CERT_FILE": "", "SSL_CERT_DIR": empty}),
    ):
        yield
