"""The local demo server that `./dev run` starts beside the app (a seeded demo bank on loopback),
so a newcomer can try sync with nothing to configure. `./dev run` exports where it listens and
where the seeded users' passwords are; the first-run dialog offers to connect to it."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

DEMO_BOOK_PASSPHRASE = "kamdesk-demo"


@dataclass(frozen=True)
class LocalDemoServer:
    url: str
    username: str
    password: str
    display_name: str


def local_demo_server() -> LocalDemoServer | None:
    """The running local demo server and a relationship manager to sign in as, or None."""
    url = os.environ.get("KAMDESK_DEMO_SERVER")
    users_file = os.environ.get("KAMDESK_DEMO_USERS")
    if not url or not users_file:
        return None
    try:
        users = json.loads(Path(users_file).read_text(encoding="utf-8"))["users"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    rm = next((u for u in users if u.get("role") == "rm"), None)
    if rm is None:
        return None
    return LocalDemoServer(url, rm["username"], rm["password"], rm.get("display_name") or rm["username"])
