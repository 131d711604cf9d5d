"""Sync benchmarks (issue 4).

- sync.initial_*: initial sync of a 20,000-client book (one RM owning every client: ~120k
  records with contacts and contributions), records per second and wall time.
- sync.incremental_50_ms: one round pushing 50 local changes and pulling them back.
- sync.concurrent50_*: median and p95 round time with 50 devices syncing at once against
  PostgreSQL (SQLite when PostgreSQL is not reachable; the metric name says which), served by
  KAMDESK_BENCH_SYNC_WORKERS (default 2) server processes; the 50 clients run as threads of the
  benchmark process, so on a small machine their own CPU time is part of the round time.

KAMDESK_BENCH_SYNC_CLIENTS overrides the 20,000 (for a quick run).
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench.common import median, percentile, report, timer

KDF = {"name": "scrypt", "n": 2**10, "r": 8, "p": 1}
WORKERS = int(os.environ.get("KAMDESK_BENCH_SYNC_WORKERS", "2"))  # server processes for the 50-device run
PASS = "bench-passphrase-1"


def _pg_url() -> str | None:
    dsn = os.environ.get("KAMDESK_TEST_PG_DSN")
    if dsn:
        return dsn
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=0.5):
            return "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
    except OSError:
        return None


def _seed(db_url: str, data_dir: Path, clients: int, teams: int, rms_per_team: int) -> dict[str, Any]:
    from kamdesk.server import demo
    from kamdesk.server.app import build_state
    from kamdesk.server.settings import Settings

    settings = Settings.load(data_dir=data_dir, db_url=db_url, dev_mode=True)
    state = build_state(settings)
    with state.store.write() as conn:
        out = demo.seed(conn, state.keys, clients=clients, seed_value=11, teams=teams, rms_per_team=rms_per_team)
    state.store.close()
    return {u["username"]: u for u in out["users"]}


def _serve(db_url: str, data_dir: Path, workers: int = 1) -> tuple[subprocess.Popen[bytes], str]:
    """The real server in its own process (so client threads do not share its interpreter)."""
    from kamdesk.server.testing import free_port

    port = free_port()
    env = dict(os.environ, KAMDESK_SERVER_DATA_DIR=str(data_dir), KAMDESK_SERVER_LOG_LEVEL="WARNING")
    proc = subprocess.Popen([sys.executable, "-m", "kamdesk.server.cli", "serve", "--dev", "--db", db_url,
                             "--port", str(port), "--workers", str(workers)], env=env, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/api/v1/health", timeout=1).status_code == 200:
                return proc, url
        except httpx.TransportError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not start")


def _count_records(book: Any) -> int:
    from sqlalchemy import func, select

    from kamdesk.models import syncable_tables

    with book.session_scope() as s:
        return sum(s.scalar(select(func.count()).select_from(cls)) or 0 for cls in syncable_tables().values())


def bench_initial_and_incremental(tmp: Path, db_url: str, clients: int) -> None:
    from sqlalchemy import select

    from kamdesk.models import Client
    from kamdesk.sync.engine import SyncEngine, create_book_from_server

    users = _seed(db_url, tmp / "srv", clients, teams=1, rms_per_team=1)
    proc, url = _serve(db_url, tmp / "srv")
    try:
        with timer() as t:
            book = create_book_from_server(tmp / "rm.kdb", PASS, url, "rm11", users["rm11"]["password"], kdf=KDF)
        wall = t()
        n = _count_records(book)
        report("sync.initial_20k_wall_s", wall, "s")
        report("sync.initial_20k_records_per_s", n / wall, "rec/s", lower_is_better=False)
        with book.session_scope() as s:
            ids = list(s.scalars(select(Client.id).limit(50)))
        samples = []
        for round_no in range(3):
            with book.session_scope(write=True) as s:
                for i, cid in enumerate(ids):
                    s.get(Client, cid).notes = f"bench {round_no}-{i}"
            eng = SyncEngine(book)
            with timer() as t:
                r = eng.sync_round()
            eng.close()
            assert r.pushed == 50, r
            samples.append(t() * 1000)
        report("sync.incremental_50_ms", median(samples), "ms")
        book.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def bench_concurrent(tmp: Path, db_url: str, label: str, devices: int = 50) -> None:
    from sqlalchemy import select

    from kamdesk.models import Client
    from kamdesk.sync.engine import SyncEngine, create_book_from_server

    users = _seed(db_url, tmp / "srv50", clients=devices * 20, teams=10, rms_per_team=devices // 10)
    proc, url = _serve(db_url, tmp / "srv50", workers=WORKERS)
    try:
        rms = sorted(u for u, v in users.items() if v["role"] == "rm")[:devices]
        books = [create_book_from_server(tmp / f"d{i}.kdb", PASS, url, name, users[name]["password"], kdf=KDF)
                 for i, name in enumerate(rms)]
        for rnd in range(2):
            for i, book in enumerate(books):
                with book.session_scope() as s:
                    ids = list(s.scalars(select(Client.id).limit(5)))
                with book.session_scope(write=True) as s:
                    for cid in ids:
                        s.get(Client, cid).notes = f"round {rnd} device {i}"
            times: list[float] = []
            lock = threading.Lock()
            barrier = threading.Barrier(len(books))

            def run(book: Any) -> None:
                eng = SyncEngine(book)
                barrier.wait()
                start = time.perf_counter()
                eng.sync_round()
                with lock:
                    times.append((time.perf_counter() - start) * 1000)
                eng.close()

            threads = [threading.Thread(target=run, args=(b,)) for b in books]
            for th in threads:
                th.start()
            for th in threads:
                th.join()
        report(f"sync.concurrent{devices}_{label}_median_ms", median(times), "ms")
        report(f"sync.concurrent{devices}_{label}_p95_ms", percentile(times, 95), "ms")
        for b in books:
            b.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> None:
    clients = int(os.environ.get("KAMDESK_BENCH_SYNC_CLIENTS", "20000"))
    pg = _pg_url()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        bench_initial_and_incremental(tmp, f"sqlite:///{tmp / 'initial.db'}", clients)
        if pg:
            from kamdesk.server.testing import temporary_pg_database

            with temporary_pg_database(pg) as url:
                bench_concurrent(tmp, url, "pg")
        else:
            bench_concurrent(tmp, f"sqlite:///{tmp / 'concurrent.db'}", "sqlite")


if __name__ == "__main__":
    main()
