"""Demo bank: generating the data and building the encrypted demo book (target: 20,000 clients
with all their rows well under 60 s on the 2-core reference machine).

    .venv/bin/python -m bench demo          # KAMDESK_BENCH_CLIENTS=20000 by default

Reports wall and CPU time: on a shared machine the wall time also measures the neighbours.
"""
from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from pathlib import Path

from bench.common import report, timer

CLIENTS = int(os.environ.get("KAMDESK_BENCH_CLIENTS", "20000"))
TODAY = dt.date(2026, 6, 15)
PASSPHRASE = "kamdesk-demo"


def main() -> None:
    from kamdesk.demodata import generate_bank
    from kamdesk.services.book import open_book
    from kamdesk.services.demo import build_demo_book

    cpu = time.process_time()
    with timer() as t:
        bank = generate_bank(CLIENTS, 7, today=TODAY)
    report(f"demo.generate_{CLIENTS}_s", t(), "s")
    report(f"demo.generate_{CLIENTS}_cpu_s", time.process_time() - cpu, "s")
    rows = sum(bank.counts().values())
    del bank

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "demo.kdb"
        marks: dict[str, float] = {}

        def progress(_done: int, _total: int, stage: str) -> None:
            marks.setdefault(stage, time.perf_counter())

        cpu = time.process_time()
        with timer() as t:  # the product's default KDF, as `kamdesk demo` runs it
            build_demo_book(path, PASSPHRASE, clients=CLIENTS, seed=7, today=TODAY, progress=progress).close()
        wall = t()
        report(f"demo.build_{CLIENTS}_s", wall, "s")
        report(f"demo.build_{CLIENTS}_cpu_s", time.process_time() - cpu, "s")
        report(f"demo.build_{CLIENTS}_rows_per_s", rows / wall, "rows/s", lower_is_better=False)
        if "search" in marks and "done" in marks:  # the client search index (services.search.refresh_index)
            report(f"demo.build_{CLIENTS}_search_index_s", marks["done"] - marks["search"], "s")
        size = sum(p.stat().st_size for p in Path(tmp).iterdir())
        report(f"demo.file_{CLIENTS}_mb", size / 1e6, "MB")
        with timer() as t:
            book = open_book(path, PASSPHRASE)
        report(f"demo.open_{CLIENTS}_s", t(), "s")
        book.close()


if __name__ == "__main__":
    main()
