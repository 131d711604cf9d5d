"""As-you-type client search: names, short names, group (parent) names and contact names, in
Chinese, full pinyin and pinyin initials, plus exact lookup of codes through the blind index.

The index (Alembic revisions 5e4c0a1b9d21, 6a1f3c2d8e45, 7c3d9e1f2a60, 8d4e2f3a1b70):
- ``search_index``: one row per searchable name (client name, short name, contact name) with its
  client, full pinyin, initials and the client's tier rank and name (``tier_rank``, ``cname``);
  SQL triggers on ``clients`` and ``contacts`` keep it current for every writer (ORM, bulk Core
  inserts, sync, the sqlcipher shell). Pinyin cannot be computed in SQL: a new or renamed term
  gets ``py = NULL`` and `refresh_index` fills it (pypinyin) before the next search; a partial
  index makes the "anything stale?" check free. Bulk writers may call `refresh_index` once.
- ``search_fts``: FTS5 trigram mirror of term/py/ini (substrings of 3+ characters).
- ``search_gram``: every two-character substring, keyed in rank order (浦东, 科技).
- covering indexes on term/py/ini and one in rank order, plus ``ix_clients_scope`` on clients,
  so a search reads compact index pages, never the wide client rows.

Matching, in two passes: first the exact and prefix hits (covering-index ranges; a dense prefix
such as ``z`` or ``张`` walks the rank-ordered index and stops after the first few). When they
fill the page, done (prefix hits outrank every substring hit); else the full pass adds substrings:
FTS5 for 3+ characters, the bigram table for two Chinese characters, a walk of the rank index for
one. Codes: a query shaped like a unified social credit code, a resident ID number, an account
number or a mobile number is looked up exactly through the keyed blind index, only when the
session holds the C2-ID key (a compliance officer, who has no key, cannot search by code).
Candidates are ranked inside the index; visibility (`services.scope`) is checked for the best
few only, growing the batch until the page is full.

Ranking: exact > prefix > substring > pinyin (pinyin exact/prefix before pinyin substring); a
client's own name before its short name before a contact's or its group's name; ties by tier
(strategic first) then the client's name. A client appears once, with its best match. Group hits
go one level down: a query matching a parent finds its direct subsidiaries too. For a Latin query
of pinyin, the prefix pass is taken as complete when it fills the page (only a Latin substring
inside a name could outrank it).

Polyphones: pypinyin with heteronyms off, using its phrase dictionary (重庆 → chongqing,
银行 → yinhang); a name read differently from pypinyin's choice is found by its Chinese text or
initials of that choice only. ü is written ``v`` (吕 → lv), as people type it.
"""
from __future__ import annotations

import threading

import re
import unicodedata
from functools import lru_cache
from typing import Any

from pypinyin import lazy_pinyin

try:  # pypinyin's own tables: 5x faster than lazy_pinyin() (its style conversion), same output
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT
    from pypinyin.seg.simpleseg import seg as _seg
except ImportError:  # pragma: no cover - a pypinyin without these internals
    PHRASES_DICT = PINYIN_DICT = None
    _seg = None
from sqlalchemy import case, column, select, text
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.sql import Subquery

from kamdesk.models import TIERS
from kamdesk.security.fieldcrypto import blind_index
from kamdesk.services.dto import SearchHit
from kamdesk.services.scope import client_clause

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_NOT_ALNUM = re.compile(r"[^0-9a-z]")
_KINDS = {-1: "code", 0: "exact", 1: "prefix", 2: "substring", 3: "pinyin", 4: "pinyin"}
_FIELD_BONUS = {"name": 3, "short": 2, "contact": 1, "group": 0}

# query shapes for exact code lookups (after normalization: no spaces/dashes, upper case)
_CREDIT_CODE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
_ID_NUMBER = re.compile(r"^\d{17}[\dX]$|^\d{15}$")
_ACCOUNT = re.compile(r"^\d{12,25}$")
_MOBILE = re.compile(r"^(?:\+?86)?(1[3-9]\d{9})$")


# ---- pinyin -------------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _toneless(syllable: str) -> str:
    d = unicodedata.normalize("NFD", syllable).replace("u\u0308", "v").replace("U\u0308", "V")
    return "".join(ch for ch in d if not unicodedata.combining(ch))


def _han_pinyin(run: str) -> list[str]:
    """Syllables of a run of Han characters, as lazy_pinyin() gives them (phrases first, then the
    most common reading of each character; checked equal on the 55,781 demo names)."""
    if _seg is None or PHRASES_DICT is None or PINYIN_DICT is None:  # pragma: no cover
        return lazy_pinyin(run)
    out: list[str] = []
    for word in _seg(run):
        phrase = PHRASES_DICT.get(word) if len(word) > 1 else None
        if phrase:
            out += [_toneless(p[0]) for p in phrase]
            continue
        for ch in word:
            readings = PINYIN_DICT.get(ord(ch))
            out.append(_toneless(readings.split(",")[0]) if readings else ch)
    return out


@lru_cache(maxsize=65536)
def pinyin_keys(text_: str) -> tuple[str, str]:
    """(full pinyin, initials) of a name, lower case, letters and digits only:
    ``中国石油`` → (``zhongguoshiyou``, ``zgsy``); Latin runs and digits are kept whole in both
    (``ABC科技`` → (``abckeji``, ``abckj``)). Bulk writers may call it; the index fills itself."""
    value = unicodedata.normalize("NFKC", text_ or "")
    full: list[str] = []
    initials: list[str] = []
    pos = 0
    for m in _HAN.finditer(value):
        other = _NOT_ALNUM.sub("", value[pos : m.start()].lower())
        full.append(other)
        initials.append(other)
        for syllable in _han_pinyin(m.group(0)):
            s = _NOT_ALNUM.sub("", syllable.lower())
            full.append(s)
            initials.append(s[:1])
        pos = m.end()
    other = _NOT_ALNUM.sub("", value[pos:].lower())
    full.append(other)
    initials.append(other)
    return "".join(full), "".join(initials)


# ---- keeping the index current ------------------------------------------------------------------


def has_stale(session: Any) -> bool:
    """Terms whose pinyin or rank columns are still to be filled (new, renamed, bulk-loaded)."""
    return (session.execute(text("SELECT 1 FROM search_index WHERE py IS NULL LIMIT 1")).first() is not None
            or session.execute(text("SELECT 1 FROM search_index WHERE cname IS NULL LIMIT 1")).first() is not None
            or (session.execute(text("SELECT 1 FROM search_gram LIMIT 1")).first() is None
                and session.execute(text("SELECT 1 FROM search_index LIMIT 1")).first() is not None))


# The FTS mirror's update trigger, as the migrations create it (dropped during a bulk fill).
_FTS_ROW = "{p}.id, {p}.term, coalesce({p}.py, ''), coalesce({p}.ini, '')"
_FTS_UPDATE_TRIGGER = (
    "CREATE TRIGGER search_index_au AFTER UPDATE OF term, py, ini ON search_index BEGIN "
    f"INSERT INTO search_fts (search_fts, rowid, term, py, ini) VALUES ('delete', {_FTS_ROW.format(p='old')}); "
    f"INSERT INTO search_fts (rowid, term, py, ini) VALUES ({_FTS_ROW.format(p='new')}); END"
)
BULK_FILL = 2000  # above this many stale terms, rebuild the FTS mirror once instead of row by row
# The bigram table's triggers, as revision 7c3d9e1f2a60 creates them (dropped during a bulk fill).
_FR = "CASE {p}.field WHEN 'name' THEN 0 WHEN 'short' THEN 1 ELSE 2 END"
_GRAM_INSERT = ("INSERT OR IGNORE INTO search_gram (gram, fr, tier_rank, cname, si_id, client_id, field, term) "
                "SELECT substr({p}.term, n, 2), " + _FR + ", coalesce({p}.tier_rank, 9), coalesce({p}.cname, ''), "
                "{p}.id, {p}.client_id, {p}.field, {p}.term FROM search_seq WHERE n < length({p}.term);")
_GRAM_DELETE = ("DELETE FROM search_gram WHERE gram IN (SELECT substr({p}.term, n, 2) FROM search_seq "
                "WHERE n < length({p}.term)) AND fr = " + _FR + " AND tier_rank = coalesce({p}.tier_rank, 9) "
                "AND cname = coalesce({p}.cname, '') AND si_id = {p}.id;")
_GRAM_TRIGGERS = {
    "search_gram_ai": f"CREATE TRIGGER search_gram_ai AFTER INSERT ON search_index BEGIN {_GRAM_INSERT.format(p='new')} END",
    "search_gram_ad": f"CREATE TRIGGER search_gram_ad AFTER DELETE ON search_index BEGIN {_GRAM_DELETE.format(p='old')} END",
    "search_gram_au": ("CREATE TRIGGER search_gram_au AFTER UPDATE OF term, field, client_id, tier_rank, cname ON "
                       f"search_index BEGIN {_GRAM_DELETE.format(p='old')} {_GRAM_INSERT.format(p='new')} END"),
}
TIER_RANK_SQL = "CASE {col} " + " ".join(f"WHEN '{t}' THEN {i}" for i, t in enumerate(TIERS)) + f" ELSE {len(TIERS)} END"


def refresh_index(book: Any, *, batch: int = 5000) -> int:
    """Compute the pinyin of every new or renamed term (py IS NULL) and the client rank columns a
    bulk loader left empty. Returns how many terms got their pinyin. Cheap when nothing is stale;
    call it after bulk writes (the demo, an import, a first sync), or let `search` call it.

    After a bulk load (thousands of stale terms, or a bulk loader that bypassed the triggers) it
    works like a bulk loader itself: the search indexes and triggers are set aside, the columns
    filled in one pass, then the indexes rebuilt, the FTS mirror and the bigrams refilled in one
    statement each, and the planner's statistics refreshed (ANALYZE)."""
    with book.session_scope() as s:
        if not has_stale(s):
            return 0
    # One refresh at a time per process: a second caller waits here (not on SQLite's busy timeout,
    # which a 20,000-client bulk fill outlasts) and then finds nothing stale.
    with _REFRESH_LOCK:
        return _refresh_locked(book, batch)


_REFRESH_LOCK = threading.Lock()


def _refresh_locked(book: Any, batch: int) -> int:
    done = 0
    with book.session_scope(write=True) as s:
        if not has_stale(s):
            return 0
        stale = int(s.execute(text("SELECT count(*) FROM search_index WHERE py IS NULL")).scalar_one())
        unranked = int(s.execute(text("SELECT count(*) FROM search_index WHERE cname IS NULL")).scalar_one())
        gram_fill = (s.execute(text("SELECT 1 FROM search_gram LIMIT 1")).first() is None
                     and s.execute(text("SELECT 1 FROM search_index LIMIT 1")).first() is not None)
        bulk = gram_fill or stale > BULK_FILL or unranked > BULK_FILL
        indexes: list[str] = []
        if bulk:
            indexes = [r[0] for r in s.execute(text(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'search_index' AND sql IS NOT NULL"))]
            for name in [r[0] for r in s.execute(text(
                    "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'search_index' "
                    "AND sql IS NOT NULL"))]:
                s.execute(text(f'DROP INDEX "{name}"'))
            for trig in (*_GRAM_TRIGGERS, "search_index_au"):
                s.execute(text(f"DROP TRIGGER IF EXISTS {trig}"))
            s.execute(text("DELETE FROM search_gram"))
        if unranked:
            s.execute(text(
                f"UPDATE search_index SET "
                f"tier_rank = (SELECT {TIER_RANK_SQL.format(col='clients.tier')} FROM clients INDEXED BY {SCOPE_INDEX} "
                f"WHERE clients.id = search_index.client_id), "
                f"cname = coalesce((SELECT clients.name FROM clients INDEXED BY {SCOPE_INDEX} "
                f"WHERE clients.id = search_index.client_id), '') WHERE cname IS NULL"))
        while True:
            rows = s.execute(text("SELECT id, term FROM search_index WHERE py IS NULL LIMIT :n"),
                             {"n": -1 if bulk else batch}).all()
            if not rows:
                break
            params = []
            for rid, term in rows:
                py, ini = pinyin_keys(term)
                params.append({"id": rid, "py": py, "ini": ini})
            s.execute(text("UPDATE search_index SET py = :py, ini = :ini WHERE id = :id"), params)
            done += len(rows)
        if bulk:
            for ddl in indexes:
                s.execute(text(ddl))
            s.execute(text(_FTS_UPDATE_TRIGGER))
            s.execute(text("INSERT INTO search_fts (search_fts) VALUES ('rebuild')"))
            s.execute(text(_GRAM_INSERT.format(p="search_index").replace("FROM search_seq WHERE",
                                                                          "FROM search_index JOIN search_seq ON")
                           .rstrip(";") + " ORDER BY 1, 2, 3, 4, 5"))
            for ddl in _GRAM_TRIGGERS.values():
                s.execute(text(ddl))
        if bulk or not _has_statistics(s):
            # approximate statistics are all the planner needs: 3.4 s -> 0.04 s at 20,000 clients
            s.execute(text("PRAGMA analysis_limit = 1000"))
            s.execute(text("PRAGMA optimize=0x10002"))  # ANALYZE every table that needs it
    return done


def _has_statistics(s: Any) -> bool:
    return s.execute(text("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")).first() is not None


def rebuild_index(book: Any) -> int:
    """Rebuild the whole index from clients and contacts (repair; the triggers normally suffice).
    Returns the number of indexed terms."""
    with book.session_scope(write=True) as s:
        s.execute(text("DELETE FROM search_gram"))
        s.execute(text("DELETE FROM search_index"))
        s.execute(text("INSERT INTO search_fts (search_fts) VALUES ('rebuild')"))
        s.execute(text("INSERT INTO search_index (src_id, field, client_id, term) SELECT id, 'name', id, name "
                       "FROM clients WHERE NOT deleted AND coalesce(name, '') <> ''"))
        s.execute(text("INSERT INTO search_index (src_id, field, client_id, term) SELECT id, 'short', id, short_name "
                       "FROM clients WHERE NOT deleted AND coalesce(short_name, '') <> ''"))
        s.execute(text("INSERT INTO search_index (src_id, field, client_id, term) SELECT id, 'contact', client_id, name "
                       "FROM contacts WHERE NOT deleted AND coalesce(name, '') <> ''"))
    refresh_index(book)
    with book.session_scope() as s:
        return int(s.execute(text("SELECT count(*) FROM search_index")).scalar_one())


# ---- matching -----------------------------------------------------------------------------------

_FB = "CASE {p}field WHEN 'name' THEN 3 WHEN 'short' THEN 2 ELSE 1 END"
_COLS = "client_id, field, term, k, fb, tier_rank, cname"


def _ascii_lower(value: str) -> str:
    return "".join(ch.lower() if ch.isascii() else ch for ch in value)


def _fts_phrase(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def _code_parts(book: Any, q: str, params: dict[str, Any]) -> list[str]:
    """SQL parts for exact code lookups through the blind index (none without the C2-ID key)."""
    ring = book.ctx.keyring
    if not ring.has("C2-ID"):
        return []
    norm = unicodedata.normalize("NFKC", q).strip().upper().replace(" ", "").replace("-", "")
    wanted: list[tuple[str, str, str]] = []  # (table, field, normalized value)
    if _CREDIT_CODE.match(norm):
        wanted.append(("clients", "credit_code", norm))
    if _ID_NUMBER.match(norm):
        wanted.append(("clients", "id_number", norm))
    if _ACCOUNT.match(norm) and not _MOBILE.match(norm):
        wanted.append(("clients", "account_no", norm))
    m = _MOBILE.match(norm)
    if m:
        wanted.append(("clients", "phone", m.group(1)))
        wanted.append(("contacts", "phone", m.group(1)))
    from kamdesk.models import SENSITIVE

    rank = TIER_RANK_SQL.format(col="c.tier")
    parts = []
    for i, (table, fld, value) in enumerate(wanted):
        spec = SENSITIVE[table][fld]
        params[f"bi{i}"] = blind_index(ring, spec.domain, spec.mask, value)
        if table == "clients":
            parts.append(f"SELECT c.id, '{fld}', coalesce(c.{fld}_mask, ''), -1, 3, {rank}, c.name "
                         f"FROM clients c WHERE c.{fld}_bi = :bi{i} AND NOT c.deleted")
        else:
            parts.append(f"SELECT k.client_id, 'contact', k.name || ' ' || coalesce(k.{fld}_mask, ''), -1, 1, {rank}, "
                         f"c.name FROM contacts k CROSS JOIN clients c ON c.id = k.client_id "
                         f"WHERE k.{fld}_bi = :bi{i} AND NOT k.deleted")
    return parts


def _normalize(query: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", query or "")).strip()


def is_short(query: str) -> bool:
    """True when the query is too short for the trigram index (1–2 characters, pinyin included)."""
    ql = _ascii_lower(_normalize(query))
    qp = _NOT_ALNUM.sub("", ql) if ql.isascii() else ""
    return len(ql) < 3 and len(qp) < 3


_RANK_ORDER = "CASE field WHEN 'name' THEN 0 WHEN 'short' THEN 1 ELSE 2 END, tier_rank, cname"
DENSE = 1500  # a prefix matching more terms than this is walked in rank order instead of sorted


def _part(select_sql: str, cond: str, index: str, walk: bool) -> str:
    """One candidate source: a covering-index range (sorted afterwards) or, for a dense condition,
    a walk of the rank-ordered index that stops after :n rows (the caller binds :n)."""
    if walk:
        return (f"SELECT * FROM ({select_sql}INDEXED BY ix_search_index_rank WHERE {cond} "
                f"ORDER BY {_RANK_ORDER} LIMIT :n)")
    return f"{select_sql}INDEXED BY {index} WHERE {cond}"


def _dense_columns(s: Any, q: str, qp: str) -> frozenset[str]:
    """The index columns (term/py/ini) whose prefix range matches so many terms that walking the
    rank-ordered index beats sorting them all (decided per column: a walk for a sparse
    condition would read the whole index)."""
    probes = [("term", q, q + "\U0010ffff")] + ([("py", qp, qp + "~"), ("ini", qp, qp + "~")] if qp else [])
    out = set()
    for col, lo, hi in probes:
        n = int(s.execute(text(f"SELECT count(*) FROM (SELECT 1 FROM search_index WHERE {col} >= :lo "
                               f"AND {col} < :hi LIMIT {DENSE})"), {"lo": lo, "hi": hi}).scalar_one())
        if n >= DENSE:
            out.add(col)
    return frozenset(out)


def candidate_sql(book: Any, query: str, *, prefix_only: bool = False,
                   dense: frozenset[str] = frozenset()) -> tuple[str, dict[str, Any]] | None:
    """SQL selecting (client_id, field, term, k, fb, tier_rank, cname) for every index entry matching
    `query`, before visibility: k is the match class (-1 code, 0 exact, 1 prefix, 2 substring,
    3 pinyin, 4 pinyin substring), fb the field bonus, tier_rank/cname the client's tier and name
    for ordering. None for an empty query. Short queries read only covering indexes; `prefix_only`
    leaves out their substring scan."""
    q = _normalize(query)
    if not q:
        return None
    ql = _ascii_lower(q)
    qp = _NOT_ALNUM.sub("", ql) if ql.isascii() else ""
    params: dict[str, Any] = {"ql": ql, "qn": len(ql)}  # (names distinct from scope_sql's: no digit suffix)
    phrases = []
    if len(ql) >= 3:
        phrases.append("term : " + _fts_phrase(ql))
    if len(qp) >= 3:
        phrases.append("{py ini} : " + _fts_phrase(qp))
    if phrases and not prefix_only:
        kexpr = ["WHEN lower(si.term) = :ql THEN 0",
                 "WHEN substr(lower(si.term), 1, :qn) = :ql THEN 1",
                 "WHEN instr(lower(si.term), :ql) > 0 THEN 2"]
        if qp:
            params.update(qp=qp, qpn=len(qp))
            kexpr.append("WHEN substr(si.py, 1, :qpn) = :qp OR substr(si.ini, 1, :qpn) = :qp THEN 3")
        params["m"] = " OR ".join(phrases)
        parts = [f"SELECT si.client_id, si.field, si.term, CASE {' '.join(kexpr)} ELSE 4 END, {_FB.format(p='si.')}, "
                 "si.tier_rank, si.cname FROM search_index si "
                 "WHERE si.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH :m)"]
    else:  # prefixes (and 1–2 character queries, which trigram cannot match): covering-index range
        # scans; a dense prefix (z, 张) walks the rank-ordered index and stops early
        params.update(q=q, q_hi=q + "\U0010ffff")
        sel = f"SELECT client_id, field, term, {{k}}, {_FB.format(p='')}, tier_rank, cname FROM search_index "
        parts = [_part(sel.format(k="CASE WHEN term = :q THEN 0 ELSE 1 END"), "term >= :q AND term < :q_hi",
                       "ix_search_index_term", "term" in dense)]
        if qp:
            params.update(qp=qp, qp_hi=qp + "~")
            parts.append(_part(sel.format(k="3"), "py >= :qp AND py < :qp_hi", "ix_search_index_py", "py" in dense))
            parts.append(_part(sel.format(k="3"), "ini >= :qp AND ini < :qp_hi", "ix_search_index_ini", "ini" in dense))
        if not prefix_only and len(q) == 2 and not q.isascii():
            # two Chinese characters: the bigram table, keyed in rank order
            parts.append("SELECT * FROM (SELECT client_id, field, term, 2, 3 - fr, tier_rank, cname FROM search_gram "
                         "WHERE gram = :q ORDER BY fr, tier_rank, cname LIMIT :n)")
        elif not prefix_only:  # one character (or Latin): walk the rank-ordered index
            cond = "instr(lower(term), :ql) > 1" if q.isascii() else "instr(term, :q) > 1"
            parts.append(_part(sel.format(k="2"), cond, "", True))
    group = (f"SELECT ch.id, 'group', h.term, h.k, 0, {TIER_RANK_SQL.format(col='ch.tier')}, ch.name FROM hits h "
             "CROSS JOIN clients ch INDEXED BY ix_clients_parent_id ON ch.parent_id = h.client_id "
             "WHERE h.field IN ('name', 'short') AND NOT ch.deleted")
    union = " UNION ALL ".join([f"SELECT {_COLS} FROM hits", group, *_code_parts(book, q, params)])
    sql = (f"WITH hits ({_COLS}) AS MATERIALIZED ({' UNION ALL '.join(parts)}), cand ({_COLS}) AS ({union}) "
           f"SELECT {_COLS} FROM cand")
    params["n"] = -1  # per-source LIMIT of the rank-ordered walks: none, unless `_best` pages
    return sql, {k: v for k, v in params.items() if re.search(rf":{k}\b", sql)}


def candidates(book: Any, query: str, *, prefix_only: bool = False) -> Subquery | None:
    """The candidate rows as a Core subquery (see `candidate_sql`)."""
    built = candidate_sql(book, query, prefix_only=prefix_only)
    if built is None:
        return None
    sql, params = built
    stmt = text(sql).bindparams(**params).columns(*(column(c) for c in _COLS.split(", ")))
    return stmt.subquery("cand")


def matching_client_ids(book: Any, query: str):  # noqa: ANN201 - a Select of client ids
    """A Select of the ids of clients matching `query` (before visibility), for list filters."""
    cand = candidates(book, query)
    if cand is None:
        return None
    return select(cand.c.client_id)


def tier_rank(col: Any) -> Any:
    return case({t: i for i, t in enumerate(TIERS)}, value=col, else_=len(TIERS))


SCOPE_INDEX = "ix_clients_scope"  # covering index: the scope and ranking columns, not the wide rows
_NAMED = sqlite_dialect.dialect(paramstyle="named")


def scope_sql(book: Any) -> tuple[str, dict[str, Any]]:
    """`services.scope.client_clause` as SQL text over the table name ``clients`` plus its parameters,
    for hand-written statements that must fix the join order or the index (SQLite's planner has no
    statistics on a freshly loaded file and otherwise walks the wide client rows)."""
    compiled = client_clause(book).compile(dialect=_NAMED, compile_kwargs={"render_postcompile": True})
    return str(compiled), dict(compiled.params)


def visible_among(session: Any, book: Any, ids: list[str]) -> set[str]:
    """The ids among `ids` that the user may see (index-only lookups)."""
    clause, params = scope_sql(book)
    out: set[str] = set()
    wanted = list(dict.fromkeys(ids))
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        marks = ", ".join(f":vid{j}" for j in range(len(chunk)))
        sql = (f"SELECT clients.id FROM clients INDEXED BY {SCOPE_INDEX} "
               f"WHERE clients.id IN ({marks}) AND {clause}")
        out.update(r[0] for r in session.execute(text(sql), {**params, **{f"vid{j}": v for j, v in enumerate(chunk)}}))
    return out


def _best(book: Any, s: Any, built: tuple[str, dict[str, Any]], limit: int) -> tuple[list[Any], bool]:
    """The best row of each of the first `limit` visible clients, in rank order, and whether the
    candidates ran out. Candidates are ranked inside the index; visibility is checked only for the
    best few (in growing batches), so a common prefix (张) costs no more than a rare one."""
    sql, params = built
    stmt = text(f"{sql} ORDER BY k, fb DESC, coalesce(tier_rank, 9), cname, client_id LIMIT :n")
    n = max(limit * 3, 30)
    while True:
        rows = s.execute(stmt, {**params, "n": n}).all()
        seen: dict[str, Any] = {}
        for r in rows:
            seen.setdefault(r[0], r)
        visible = visible_among(s, book, list(seen))
        best = [r for cid, r in seen.items() if cid in visible][:limit]
        exhausted = len(rows) < n
        if len(best) >= limit or exhausted:
            return best, exhausted
        n *= 4


def search(book: Any, query: str, *, limit: int = 20) -> list[SearchHit]:
    """The best `limit` clients matching `query` among those the user may see (see module doc)."""
    limit = max(1, min(int(limit), 500))
    refresh_index(book)
    if not _normalize(query):
        return []
    with book.session_scope() as s:
        rows: list[Any] = []
        # Exact and prefix hits rank above every substring hit: when they fill the page, neither the
        # substring scan nor the trigram index is needed (张, 中国, zho: common keystrokes with
        # thousands of substring hits). For a Latin query the pinyin prefixes are taken as complete:
        # a Latin substring in the middle of a name is the only thing the full pass could add.
        q = _normalize(query)
        ql = _ascii_lower(q)
        dense = _dense_columns(s, q, _NOT_ALNUM.sub("", ql) if ql.isascii() else "")
        built = candidate_sql(book, query, prefix_only=True, dense=dense)
        assert built is not None
        rows, _exhausted = _best(book, s, built, limit)
        complete = len(rows) >= limit and (_normalize(query).isascii() or int(rows[-1][3]) <= 1)
        if not complete:
            built = candidate_sql(book, query, dense=dense)
            assert built is not None
            rows, _exhausted = _best(book, s, built, limit)
    hits = []
    for cid, fld, term, k, fb, _rank, cname in rows:
        score = 110.0 if k < 0 else 100.0 - 20 * int(k) + int(fb)
        hits.append(SearchHit(client_id=cid, name=cname or "", matched=term or "",
                              kind_of_match=_KINDS.get(int(k), "pinyin"), score=score, matched_field=fld,
                              tier=TIERS[_rank] if _rank is not None and 0 <= _rank < len(TIERS) else ""))
    return hits
