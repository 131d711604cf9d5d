"""Running a real server in-process for tests and benchmarks: uvicorn on 127.0.0.1 and a free
port, in a background thread; and a throw-away PostgreSQL database."""
from __future__ import annotations

import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from kamdesk.server.app import ServerState, build_state, create_app
from kamdesk.server.settings import Settings


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class RunningServer:
    url: str
    state: ServerState
    settings: Settings


@contextmanager
def run_server(settings: Settings, *, state: ServerState | None = None) -> Iterator[RunningServer]:
    import uvicorn

    settings.port = settings.port or free_port()
    state = state or build_state(settings)
    app = create_app(settings, state=state)
    config = uvicorn.Config(app, host="127.0.0.1", port=settings.port, log_level="warning", access_log=False,
                            lifespan="off", ssl_certfile=settings.tls_cert, ssl_keyfile=settings.tls_key,
                            **settings.uvicorn_proxy_options())
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="kamdesk-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("test server did not start")
        time.sleep(0.02)
    try:
        scheme = "https" if settings.tls_cert else "http"
        yield RunningServer(f"{scheme}://127.0.0.1:{settings.port}", state, settings)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        state.store.close()


@contextmanager
def temporary_pg_database(dsn: str) -> Iterator[str]:
    """Create `kamdesk_test_<random>` next to the DSN's database and drop it afterwards."""
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(dsn)
    name = f"kamdesk_test_{uuid.uuid4().hex[:12]}"
    admin_kw: dict[str, Any] = {"host": url.host or "127.0.0.1", "port": url.port or 5432,
                                "user": url.username or "postgres", "dbname": "postgres", "autocommit": True}
    if url.password:
        admin_kw["password"] = url.password
    with psycopg.connect(**admin_kw) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(drivername="postgresql+psycopg", database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(**admin_kw) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
