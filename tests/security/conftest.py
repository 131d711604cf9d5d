"""The security suites run against a real server on loopback (tests/server_fixtures.py). Most of
them only read or add their own records, so one seeded bank serves a whole module (`module_bank`)."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.server_fixtures import _start, any_bank, bank  # noqa: F401


@pytest.fixture(scope="module")
def module_bank(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, dict[str, Any]]]:
    """(server, users) on SQLite, shared by the tests of one module."""
    yield from _start(tmp_path_factory.mktemp("bank"), None, 12)


# real client books connected to the server, and sync rounds (shared with tests/sync)
from tests.sync.conftest import connect, engine_for, sync  # noqa: E402,F401
