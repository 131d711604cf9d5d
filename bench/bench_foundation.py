"""Foundation benchmark: the encrypted client file.

Prints, for a 20,000-client demo file: the passphrase KDF time, time to open the file and show
the first page of clients, the insert rate through the encrypted file versus plain SQLite on
the same schema (the SQLCipher overhead as a ratio; SQLCipher documents 5–15 %), and file size.
Env: KAMDESK_BENCH_CLIENTS (default 20000).
"""
from __future__ import annotations

import base64
import os
import shutil
import tempfile
import time
from pathlib import Path

from bench.common import median, report, timer

from kamdesk.common.hlc import HybridClock
from kamdesk.models import Client, Contact
from kamdesk.models.db import make_engine
from kamdesk.models.migrate import upgrade
from kamdesk.models.session import BookSessionFactory, SessionContext
from kamdesk.security.fieldcrypto import KeyRing, generate_domain_key
from kamdesk.security.vault import DEFAULT_KDF, derive_kek

CLIENTS = int(os.environ.get("KAMDESK_BENCH_CLIENTS", "20000"))
CACHE = Path(tempfile.gettempdir()) / "kamdesk-bench"
DEMO_PASSPHRASE = "kamdesk-demo"


def demo_book_path(clients: int = CLIENTS, seed: int = 7) -> Path:
    """A cached demo book of `clients` clients (built once per size and seed)."""
    from kamdesk.services.demo import build_demo_book

    path = CACHE / f"demo-{clients}-{seed}.kdb"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        with timer() as t:
            build_demo_book(path, DEMO_PASSPHRASE, clients=clients, seed=seed).close()
        report("foundation.demo_build_s", t(), "s")
    return path


def _insert_rate(engine, rows: int, batch: int = 500) -> float:
    upgrade(engine, None)
    ring = KeyRing([generate_domain_key("C2-ID"), generate_domain_key("C2-FIN")])
    ctx = SessionContext(keyring=ring, clock=HybridClock("bench"), user_id="u", role="rm", device_id="bench")
    factory = BookSessionFactory(engine, ctx)
    start = time.perf_counter()
    for b in range(0, rows, batch):
        with factory.session_scope(write=True) as s:
            for i in range(b, min(rows, b + batch)):
                c = Client(kind="corporate", name=f"上海测试精密机械制造有限公司{i}", owner_id="u", city="上海")
                c.phone = f"138{i:08d}"
                c.net_worth = str(1_000_000 + i)
                s.add(c)
                s.add(Contact(client_id=c.id, name=f"联系人{i}", title="财务总监"))
    return rows / (time.perf_counter() - start)


def bench_insert() -> None:
    rows = min(CLIENTS, 10000)
    with tempfile.TemporaryDirectory() as d:
        enc = _insert_rate(make_engine(Path(d) / "enc.kdb", os.urandom(32)), rows)
        plain = _insert_rate(make_engine(Path(d) / "plain.db", None), rows)
    report("foundation.insert_rows_per_s_sqlcipher", enc, "rows/s", lower_is_better=False)
    report("foundation.insert_rows_per_s_plain", plain, "rows/s", lower_is_better=False)
    report("foundation.sqlcipher_overhead_pct", (plain / enc - 1) * 100, "%")


def bench_kdf() -> None:
    params = dict(DEFAULT_KDF, salt=base64.b64encode(os.urandom(16)).decode())
    samples = []
    for _ in range(3):
        with timer() as t:
            derive_kek("a passphrase", params)
        samples.append(t())
    report("foundation.passphrase_kdf_s", median(samples), "s")


def bench_open_first_page() -> None:
    from kamdesk.services.book import open_book
    from kamdesk.services.clients import list_clients

    src = demo_book_path()
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / src.name
        for f in src.parent.glob(src.name + "*"):
            if ".bak-" not in f.name:
                shutil.copy(f, Path(d) / f.name)
        samples = []
        for _ in range(3):
            with timer() as t:
                book = open_book(path, DEMO_PASSPHRASE)
                page = list_clients(book, limit=50)
            samples.append(t())
            book.close()
        report("foundation.open_and_first_page_s", median(samples), "s")
        print(f"  ({page.total} clients in the book; includes the ~{DEFAULT_KDF['n']} scrypt KDF)")
        report("foundation.file_size_mb", path.stat().st_size / 1e6, "MB")
        report("foundation.bytes_per_client", path.stat().st_size / max(page.total, 1), "B")


def main() -> None:
    bench_kdf()
    bench_insert()
    bench_open_first_page()


if __name__ == "__main__":
    main()
