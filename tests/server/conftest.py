"""The server fixtures live in tests/server_fixtures.py (shared with tests/sync)."""
from tests.server_fixtures import any_bank, bank  # noqa: F401
