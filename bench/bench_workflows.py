"""Workflow services on a 20,000-client demo book: the service agenda for an RM and for a team
lead, grading the whole book (and applying the new tiers), and importing a generated
20,000-row spreadsheet (dry run and all-or-nothing import, rows per second).

    .venv/bin/python -m bench workflows        (KAMDESK_BENCH_CLIENTS overrides 20000)

The demo book is cached in /tmp/kamdesk-bench/ (built once, with a cheap KDF: the KDF is not
what is measured here); writes happen on a copy.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import median, report, timer

CLIENTS = int(os.environ.get("KAMDESK_BENCH_CLIENTS", "20000"))
IMPORT_ROWS = int(os.environ.get("KAMDESK_BENCH_IMPORT_ROWS", "20000"))
PASSPHRASE = "kamdesk-bench"
CACHE = Path("/tmp/kamdesk-bench")
FAST_KDF = {"name": "scrypt", "n": 2**10, "r": 8, "p": 1}
TODAY = dt.date(2026, 6, 15)


def _cached_book() -> Path:
    from kamdesk.services.demo import build_demo_book

    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"workflows-{CLIENTS}-{TODAY.isoformat()}.kdb"
    if not path.exists():
        tmp = path.with_name(path.name + ".building")
        for p in tmp.parent.glob(tmp.name + "*"):
            p.unlink()
        with timer() as t:
            build_demo_book(tmp, PASSPHRASE, clients=CLIENTS, seed=7, today=TODAY, kdf=FAST_KDF).close()
        for p in tmp.parent.glob(tmp.name + "*"):  # the file plus its vault side files
            p.rename(p.with_name(p.name.replace(tmp.name, path.name)))
        print(f"  (built the {CLIENTS}-client demo book in {t():.1f} s: {path})", flush=True)
    return path


def _copy(src: Path, dst_dir: Path) -> Path:
    dst = dst_dir / src.name
    for p in src.parent.glob(src.name + "*"):
        shutil.copy2(p, dst_dir / p.name)
    return dst


def _as_team_lead(book):  # noqa: ANN001, ANN202
    """The same file seen by the team's lead (the demo book's RM is in that team)."""
    book.user = dataclasses.replace(book.user, role="team_lead")
    book.ctx.role = "team_lead"
    return book


def _spreadsheet(path: Path, rows: int) -> Path:
    import openpyxl
    from stdnum.cn import uscc

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("客户")
    ws.append(["客户名称", "客户类型", "统一社会信用代码", "行业", "城市", "联系电话", "在我行资产", "风险承受能力",
               "风险评估日期", "年营业收入"])
    industries = ["制造业", "信息技术", "批发零售", "新能源", "建筑业"]
    for i in range(rows):
        base = f"91990000MA2X{i:05d}"
        ws.append([f"导入测试企业{i:05d}有限公司", "对公", base + uscc.calc_check_digit(base), industries[i % 5], "上海",
                   f"139{i:08d}", 1_000_000 + i * 37, "C3", "2026-01-05", 50_000_000 + i * 1000])
    wb.save(path)
    return path


def _measure(key: str, fn: Callable[[], Any], runs: int = 1) -> Any:
    """Median wall time and median CPU time of this process (the CPU figure is what a dedicated
    machine would show when the shared one is busy)."""
    walls, cpus, result = [], [], None
    for _i in range(runs):
        c0 = time.process_time()
        with timer() as t:
            result = fn()
        walls.append(t())
        cpus.append(time.process_time() - c0)
    report(key, median(walls), "s")
    report(key.replace("_s", "_cpu_s") if key.endswith("_s") else key + "_cpu", median(cpus), "s")
    return result


def main() -> None:
    from kamdesk.services import agenda, grading, importexport
    from kamdesk.services.book import open_book

    src = _cached_book()
    with tempfile.TemporaryDirectory(prefix="kamdesk-bench-wf-") as d:
        work = Path(d)
        path = _copy(src, work)
        book = open_book(path, PASSPHRASE)
        try:
            items = _measure("workflows.agenda_rm_20k_s", lambda: agenda.agenda(book, today=TODAY, horizon_days=30), 3)
            print(f"  ({len(items)} agenda items for the RM)")
            model = grading.load_model()
            rep = _measure("workflows.grade_book_20k_s", lambda: grading.grade_book(book, model=model, as_of=TODAY), 3)
            print(f"  ({len(rep.grades)} clients graded, {len(rep.moves)} tier moves, "
                  f"top 20 % hold {rep.pareto.top_share:.1%} of contribution)")
            _as_team_lead(book)
            items = _measure("workflows.agenda_team_20k_s",
                             lambda: agenda.agenda(book, today=TODAY, horizon_days=30, team=True), 3)
            print(f"  ({len(items)} agenda items for the team)")
            applied = _measure("workflows.grade_apply_20k_s",
                               lambda: grading.grade_book(book, model=model, as_of=TODAY, apply=True))
            print(f"  ({applied.applied_count} tiers written in bulk, clock-stamped, queued for sync, audited)")
        finally:
            book.close()

        sheet = CACHE / f"import-{IMPORT_ROWS}.xlsx"
        if not sheet.exists():
            with timer() as t:
                _spreadsheet(sheet, IMPORT_ROWS)
            print(f"  (generated a {IMPORT_ROWS}-row spreadsheet in {t():.1f} s: {sheet})")
        book = open_book(path, PASSPHRASE)
        try:
            dry = _measure("workflows.import_dry_run_20k_s", lambda: importexport.import_file(book, sheet, dry_run=True))
            if not dry.ok:
                print(f"  (dry run found {len(dry.errors)} errors; first: {dry.errors[0]})")
                return
            c0 = time.process_time()
            with timer() as t:
                rep = importexport.import_file(book, sheet)
            wall, cpu = t(), time.process_time() - c0
            report("workflows.import_20k_s", wall, "s")
            report("workflows.import_20k_cpu_s", cpu, "s")
            report("workflows.import_rows_per_s", rep.imported / wall, "rows/s", lower_is_better=False)
            report("workflows.import_rows_per_cpu_s", rep.imported / cpu, "rows/s", lower_is_better=False)
        finally:
            book.close()


if __name__ == "__main__":
    main()
