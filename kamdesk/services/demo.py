"""Building the demo client file: a generated bank stored, encrypted, in a new client file.

`build_demo_book()` generates the bank (`kamdesk.demodata`), creates the file for the
relationship manager who owns the most clients, and bulk-inserts every record: each table's
Core `insert()` compiled once and run as DB-API executemany in batches, one write transaction
per table, on one connection. Sensitive fields are encrypted with `sensitive_columns` exactly as
the ORM flush hook would, but the hook and the outbox are bypassed on purpose: demo data is
local, has no clock stamps (`clock = {}`) and is never pushed. The client search index is filled
in bulk (`search.refresh_index`) instead of row by row by its triggers.

Measured on the 2-core reference machine (bench/bench_demo.py, docs/demo.md): 20,000 clients
with ~490,000 rows in ~46–53 s of CPU time, a third of it the search index (~355 MB file);
wall time depends on how busy the shared machine is.
"""
from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select, update

from kamdesk.common.errors import KamdeskError
from kamdesk.common.i18n import N_, _
from kamdesk.demodata import SENSITIVE_FIELDS, TABLES, DemoBank, client_history, generate_bank
from kamdesk.models import Base, ChangeLog, Outbox, Team, User
from kamdesk.models.local import CHANGE_LOG_RETENTION_DAYS
from kamdesk.models.base import Money
from kamdesk.models.session import SessionContext, sensitive_columns
from kamdesk.services.book import Book, UserInfo, create_book

DEMO_PASSPHRASE = "kamdesk-demo"  # documented: the demo file holds fictional data only
BATCH = 5000
_LOAD_CACHE_KIB = 256 * 1024  # page cache while loading (SQLite's default is 2 MiB)

Progress = Callable[[int, int, str], None]


class _Labels(dict[str, str]):
    """Labels marked in Chinese, translated when read (the language may change after import)."""

    def __getitem__(self, key: str) -> str:
        return _(super().__getitem__(key))

    def get(self, key: str, default: str | None = None) -> str | None:  # type: ignore[override]
        return _(super().__getitem__(key)) if key in self else default


# Stage labels shown by progress displays.
STAGE_LABELS: dict[str, str] = _Labels({
    "generate": N_("生成演示数据"), "create": N_("创建加密客户文件"), "teams": N_("团队"), "users": N_("用户"),
    "products": N_("产品"), "questionnaire_templates": N_("调研表模板"), "clients": N_("客户"), "contacts": N_("联系人"),
    "relationship_team": N_("服务团队"), "contributions": N_("贡献度"), "holdings": N_("持仓"), "visits": N_("拜访"),
    "questionnaire_responses": N_("调研表"), "tasks": N_("任务"), "opportunities": N_("商机"),
    "opportunity_members": N_("商机成员"), "opportunity_stages": N_("商机阶段"), "service_requests": N_("服务请求"),
    "service_request_events": N_("服务请求记录"), "risk_notes": N_("风险提示"), "search": N_("搜索索引"),
    "proposals": N_("示例方案"), "done": N_("完成"),
})

# Per-client tables and the user column that follows the client's owner when the demo RM takes the book.
_OWNER_COLUMNS: tuple[tuple[str, str], ...] = (
    ("visits", "owner_id"), ("tasks", "owner_id"), ("opportunities", "owner_id"), ("service_requests", "assignee_id"),
    ("opportunity_stages", "by_user_id"), ("service_request_events", "by_user_id"),
)
_CLIENT_TABLES: tuple[str, ...] = tuple(t for t in TABLES[5:])  # every table after "clients" has client_id


def focus_on(bank: DemoBank, rm: dict[str, Any], *, whole_bank: bool = True) -> None:
    """Make `rm`'s book the demo's book, in place.

    whole_bank=True hands every client to `rm` (so `--clients 20000` gives a 20,000-client book):
    owner, team and branch move to the RM, and the owner's visits, tasks, opportunities and
    requests follow. whole_bank=False keeps only what the RM may see (own clients plus those
    shared through a relationship team), as a server would send it."""
    if not whole_bank:
        visible = {c["id"] for c in bank.clients if c["owner_id"] == rm["id"]}
        visible |= {m["client_id"] for m in bank["relationship_team"] if m["user_id"] == rm["id"]}
        bank.tables["clients"] = [c for c in bank.clients if c["id"] in visible]
        for table in _CLIENT_TABLES:
            bank.tables[table] = [r for r in bank[table] if r["client_id"] in visible]
        return
    original = {c["id"]: c["owner_id"] for c in bank.clients}
    branch = bank.team(rm["team_id"])["branch"]
    for c in bank.clients:
        c["owner_id"], c["team_id"], c["branch"] = rm["id"], rm["team_id"], branch
    for table, col in _OWNER_COLUMNS:
        for r in bank[table]:
            if r[col] is not None and r[col] == original[r["client_id"]]:
                r[col] = rm["id"]
    for table, lead_role in (("relationship_team", "primary_rm"), ("opportunity_members", "lead")):
        rows = []
        for r in bank[table]:
            if r["role"] == lead_role:
                r["user_id"] = rm["id"]
            elif r["user_id"] == rm["id"]:
                continue  # the RM already leads: drop the duplicate membership
            rows.append(r)
        bank.tables[table] = rows


def _sync_defaults(stamp: dt.datetime) -> dict[str, Any]:
    """The sync metadata of a demo row: never stamped (clock {}), never pushed, not deleted."""
    return {"created_at": stamp, "updated_at": stamp, "clock": {}, "deleted": False, "server_seq": None}


def _params(ctx: SessionContext, table: str, rows: list[dict[str, Any]], procs: list[tuple[str, Any]],
            const: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Records as positional INSERT parameters: each value through its column's bind processor,
    constant sync columns pre-processed once (`const`), and sensitive plaintext replaced by the
    stored ciphertext, mask and blind index (`sensitive_columns`, as the ORM flush hook does)."""
    sensitive = SENSITIVE_FIELDS.get(table, ())
    out = []
    for r in rows:
        if sensitive:
            r = dict(r)
            for name in sensitive:
                value = r.pop(name)
                r.update(sensitive_columns(ctx, table, r["id"], name, None if value is None else str(value)))
        out.append(tuple(const[k] if k in const else v if (v := r.get(k)) is None or f is None else f(v)
                         for k, f in procs))
    return out


def build_demo_book(path: Path | str, passphrase: str, *, clients: int = 2000, seed: int = 7,
                    today: dt.date | None = None, kdf: dict[str, Any] | None = None,
                    progress: Progress | None = None, whole_bank: bool = True, rms: int | None = None) -> Book:
    """Create a demo client file at `path` (which must not exist) and return it open.

    The book belongs to the generated relationship manager who owns the most clients; with
    whole_bank=True (the default) every generated client is in that RM's book. `progress` is
    called as progress(done, total, stage) with stage a key of STAGE_LABELS. If the build fails,
    the half-built file is removed."""
    report = progress or (lambda done, total, stage: None)
    today = today or dt.date.today()
    path = Path(path)
    if path.exists():  # before the generation, not after it
        raise KamdeskError(_("文件已存在：{p}").format(p=path))
    started = time.perf_counter()
    report(0, 1, "generate")
    bank = generate_bank(clients, seed, today=today, rms=rms, progress=report)
    rm = bank.busiest_rm()
    focus_on(bank, rm, whole_bank=whole_bank)
    counts = bank.counts()
    total = sum(counts.values())
    report(0, total, "create")
    team = bank.team(rm["team_id"])
    user = UserInfo(id=rm["id"], username=rm["username"], display_name=rm["display_name"], role="rm",
                    team_id=rm["team_id"], branch=rm["branch"])
    book = create_book(path, passphrase, user=user, team_name=team["name"], kdf=kdf)
    try:
        if _insert_all(book, bank, rm, team, report, total):
            from kamdesk.services.search import refresh_index

            refresh_index(book)  # pinyin, rank columns, FTS5 mirror, bigrams, statistics: in bulk
        report(total, total, "proposals")
        _sample_proposals(book, today)
        _sample_approvals(book, today)
        # each client's 历史 tab starts with its past (after the last ORM write, whose retention
        # pruning counts from the wall clock, not from `today`)
        history = client_history(bank, seed, within_days=CHANGE_LOG_RETENTION_DAYS - 30)
        with book.engine.begin() as conn:
            for start in range(0, len(history), BATCH):
                conn.execute(insert(ChangeLog), history[start:start + BATCH])
        book.set_meta("demo", {"seed": seed, "clients": clients, "today": today.isoformat(), "whole_bank": whole_bank,
                               "counts": counts, "seconds": round(time.perf_counter() - started, 2)})
        with book.engine.connect() as conn:  # fold the WAL into the file so the file alone is complete
            conn.connection.dbapi_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        report(total, total, "done")
    except BaseException:  # includes a cancel raised by `progress`
        book.close()
        remove_book_files(path)
        raise
    return book


PROPOSAL_SAMPLES = 12  # for the largest clients: drafts, issued, accepted and declined ones


def _sample_proposals(book: Book, today: dt.date) -> None:
    """Proposals for the largest clients, made the way an RM makes them (recommendations, checks,
    issue, the client's answer), so the proposals screens show a book in use. The demo book is as
    it stands after a sync: nothing of it waits in the outbox."""
    from kamdesk.services import proposals
    from kamdesk.services.clients import client_ids

    for i, cid in enumerate(client_ids(book, sort="total_assets", descending=True)[:PROPOSAL_SAMPLES]):
        picks = proposals.recommend(book, cid, today=today)
        if not picks:
            continue
        p = proposals.create(book, cid, [proposals.LineInput(r.product_id, r.amount, r.reason) for r in picks],
                             today=today)
        if i % 4 == 0 or not proposals.check(book, p.id, today=today).ok:
            continue  # a draft still being worked on
        if i % 3 == 0:
            p = proposals.revise(book, p.id, change_summary=_("按客户反馈调整期限与金额"))
        proposals.issue(book, p.id, today=today)
        if i % 4 in (2, 3):
            proposals.set_outcome(book, p.id, "accepted" if i % 4 == 2 else "rejected")
    with book.session_scope(write=True) as s:
        s.execute(delete(Outbox))


EXCEPTION_SAMPLES = (  # (the RM's reason, days ago filed, the lead's decision: None pending, True approved,
    # False rejected, why, hours later decided)
    (N_("客户有三年以上同类产品投资经验，已书面确认知悉产品风险"), 1, None, "", 0),
    (N_("客户提供了近两年同类产品的投资记录，资金为闲置自有资金"), 6, True,
     N_("投资经验与资金来源已核实，同意例外，请留存客户书面确认"), 3),
    (N_("客户希望提高收益，主动要求配置该产品"), 12, False,
     N_("产品风险等级高于客户风险承受能力，且客户无同类产品投资经验，不予例外"), 22),
)


def _sample_approvals(book: Book, today: dt.date) -> None:
    """Suitability exceptions (例外申请) as an RM files them and the team lead decides them: one
    pending, one approved, one rejected, so the 审批 screen and the suitability check show a book
    in use. Like the rest of the demo book, as it stands after a sync (decisions made on the lead's
    device, nothing in the outbox)."""
    from kamdesk.models import Approval, Product, User
    from kamdesk.services import suitability
    from kamdesk.services.clients import client_ids

    with book.session_scope() as s:
        lead = s.scalar(select(User.id).where(User.role == "team_lead", User.team_id == book.user.team_id))
        products = list(s.scalars(select(Product.id).order_by(Product.risk_level.desc(), Product.code)))
    if lead is None or not products:
        return
    samples = iter(EXCEPTION_SAMPLES)
    sample = next(samples)
    for cid in client_ids(book, sort="total_assets", descending=True)[:200]:
        res = suitability.check(book, cid, products, today=today, include_overrides=False)
        item = next((i for i in res.items if i.status in suitability.OVERRIDABLE), None)
        if item is None:
            continue
        reason, days_ago, decision, why, hours = sample
        info = suitability.request_exception(book, cid, item.product_id, _(reason), today=today)
        filed = dt.datetime.combine(today - dt.timedelta(days=days_ago), dt.time(10, (5 + 7 * days_ago) % 60),
                                    tzinfo=dt.timezone(dt.timedelta(hours=8))).astimezone(dt.UTC)
        with book.session_scope(write=True) as s:
            for a in s.scalars(select(Approval).where(Approval.batch_id == info.batch_id)):
                a.requested_at = filed.replace(tzinfo=None)  # stored as naive UTC (approvals._now)
                if decision is not None:
                    a.status = "approved" if decision else "rejected"
                    a.decided_by, a.decision_reason = lead, _(why)
                    a.decided_at = a.requested_at + dt.timedelta(hours=hours)
        sample = next(samples, None)
        if sample is None:
            break
    with book.session_scope(write=True) as s:
        s.execute(delete(Outbox))


def remove_book_files(path: Path | str) -> None:
    """Delete a client file with its key sidecar, WAL and shared-memory files (not its backups)."""
    path = Path(path)
    for p in (path, path.with_name(path.name + ".keys"), path.with_name(path.name + "-wal"),
              path.with_name(path.name + "-shm"), path.with_name(path.name + "-journal")):
        p.unlink(missing_ok=True)


def _insert_sql(conn: Any, table: Any) -> tuple[str, list[tuple[str, Any]]]:
    """The compiled INSERT of all columns (positional), and each column's bind processor."""
    dialect = conn.dialect
    cols = list(table.columns)
    compiled = insert(table).compile(dialect=dialect, column_keys=[c.key for c in cols])
    order = compiled.positiontup or [c.key for c in cols]
    by_key = {c.key: c for c in cols}
    procs = []
    for k in order:
        col_type = by_key[k].type
        proc = col_type.bind_processor(dialect)
        if isinstance(col_type, Money) and proc is not None:
            proc = _money_processor(proc)
        procs.append((k, proc))
    return str(compiled), procs


def _money_processor(general: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Money's bind processor, short-cut for the generator's Decimals that already have exactly
    two decimal places (their text is what Money would store); anything else takes the general path."""

    def process(value: Any) -> Any:
        if type(value) is Decimal:
            text = str(value)
            if text[-3:-2] == "." and "E" not in text:
                return text
        return general(value)

    return process


def _insert_all(book: Book, bank: DemoBank, rm: dict[str, Any], team: dict[str, Any], report: Progress,
                total: int) -> bool:
    """Bulk-load every table: Core INSERT statements run as DB-API executemany over rows whose
    values went through each column type's own bind processor (what Core would do per row,
    minus its per-row bookkeeping, which dominated the load time)."""
    tables = Base.metadata.tables
    defaults = _sync_defaults(dt.datetime.combine(bank.today, dt.time(0, 0)))
    done = 0
    with book.session_scope(write=True) as s:  # create_book wrote the RM and the team without details
        s.execute(update(tables["teams"]).where(Team.id == team["id"]).values(lead_id=team["lead_id"]))
        s.execute(update(tables["users"]).where(User.id == rm["id"])
                  .values(title=rm["title"], phone=rm["phone"], email=rm["email"]))
    # One connection for the whole load, so its page cache stays warm across the batch transactions.
    # A brand-new file that is deleted if the build fails needs no fsync per batch: durability is
    # restored (synchronous = FULL) before the book is handed out. Per-row triggers on the loaded
    # tables (the search index) are suspended and the index is rebuilt in bulk afterwards.
    with book.engine.connect() as conn:
        raw = conn.connection.dbapi_connection  # autocommit driver: PRAGMAs outside any transaction
        raw.execute(f"PRAGMA cache_size = -{_LOAD_CACHE_KIB}")
        raw.execute("PRAGMA synchronous = OFF")
        has_search = raw.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                                 "AND name IN ('search_index', 'search_fts')").fetchone()[0] == 2
        # Only the triggers whose work _load_search_index redoes in bulk are suspended; any other
        # trigger keeps firing per row.
        names = ", ".join(f"'{t}'" for t in (*TABLES, "search_index"))
        triggers = raw.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ({names}) "
            "AND (sql LIKE '%search_index%' OR sql LIKE '%search_fts%')").fetchall() if has_search else []
        conn = conn.execution_options(kd_write=True)  # BEGIN IMMEDIATE: one writer at a time
        try:
            with conn.begin():
                for name, _sql in triggers:
                    conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
            for name in TABLES:
                rows = bank[name]
                if name == "teams":
                    rows = [t for t in rows if t["id"] != team["id"]]
                elif name == "users":
                    rows = [u for u in rows if u["id"] != rm["id"]]
                sql, procs = _insert_sql(conn, tables[name])
                const = {k: (v if v is None or f is None else f(v))
                         for k, f in procs if k in defaults for v in (defaults[k],)}
                with conn.begin():  # one write transaction per table
                    for start in range(0, len(rows), BATCH):
                        params = _params(book.ctx, name, rows[start:start + BATCH], procs, const)
                        conn.exec_driver_sql(sql, params)
                        done += len(params)
                        report(done, total, name)
                if not rows:
                    report(done, total, name)
            report(done, total, "search")
            if has_search:
                _load_search_index(conn, bank)
        finally:
            with conn.begin():
                for _name, sql in triggers:
                    conn.exec_driver_sql(sql)
            raw.execute("PRAGMA synchronous = FULL")
            raw.execute("PRAGMA cache_size = -2000")
    return has_search


def _load_search_index(conn: Any, bank: DemoBank) -> None:
    """Write the client search index's rows (`kamdesk.services.search`) in one statement while
    its per-row triggers are suspended. `search.refresh_index`, which is built for bulk loads,
    then fills the pinyin and rank columns, the FTS5 mirror and the bigrams in bulk; the result
    equals `search.rebuild_index` (tested) at a fraction of the per-row triggers' cost."""
    rows = []
    for c in bank.clients:
        rows.append((c["id"], "name", c["id"], c["name"]))
        if c["short_name"]:
            rows.append((c["id"], "short", c["id"], c["short_name"]))
    rows += [(k["id"], "contact", k["client_id"], k["name"]) for k in bank["contacts"] if k["name"]]
    with conn.begin():
        conn.exec_driver_sql("INSERT INTO search_index (src_id, field, client_id, term) VALUES (?, ?, ?, ?)", rows)
