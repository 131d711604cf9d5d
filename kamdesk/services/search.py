"""As-you-type client search: names, short names, group (parent) names and contact names, in
Chinese, full pinyin and pinyin initials, plus exact lookup of codes through the blind index.

The index (`search_index`, mirrored by the FTS5 trigram table `search_fts`) is created by the
Alembic revision ``5e4c0a1b9d21`` and kept current by SQL triggers on ``clients`` and
``contacts``, so every writer (ORM, bulk Core inserts, sync, the sqlcipher shell) keeps it in
step. Pinyin cannot be computed in SQL: a new or renamed term gets ``py = NULL`` and
`refresh_index` fills it with pypinyin before the next search (a partial index makes the
"anything stale?" check free). Bulk writers may call `refresh_index(book)` once at the end.

Matching:
- 3+ characters: FTS5 trigram over the term, its full pinyin and its initials (substring).
- 1–2 characters (张三, 浦东, zg): trigram cannot match them, so a scan of the compact
  ``search_index`` (Chinese substring) plus index range scans for pinyin/initials prefixes.
- codes: a query shaped like a unified social credit code, a resident ID number, an account
  number or a mobile number is looked up exactly through the keyed blind index, only when the
  session holds the C2-ID key (a compliance officer, who has no key, cannot search by code).

Ranking: exact > prefix > substring > pinyin (pinyin exact/prefix before pinyin substring); a
client's own name before its short name before a contact's or its group's name; ties by tier
(strategic first) then name. A client appears once, with its best match. Group hits go one level
down: a query matching a parent finds its direct subsidiaries too.

Polyphones: pypinyin with heteronyms off, using its phrase dictionary (重庆 → chongqing,
银行 → yinhang); a name read differently from pypinyin's choice is found by its Chinese text or
initials of that choice only. ü is written ``v`` (吕 → lv), as people type it.
"""
from __future__ import annotations

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
from sqlalchemy import case, column, func, select, text
from sqlalchemy.sql import Subquery

from kamdesk.models import TIERS, Client
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
    return session.execute(text("SELECT 1 FROM search_index WHERE py IS NULL LIMIT 1")).first() is not None


# The FTS mirror's update trigger, as the migration creates it (dropped during a bulk fill).
_FTS_ROW = "{p}.id, {p}.term, coalesce({p}.py, ''), coalesce({p}.ini, '')"
_FTS_UPDATE_TRIGGER = (
    "CREATE TRIGGER search_index_au AFTER UPDATE ON search_index BEGIN "
    f"INSERT INTO search_fts (search_fts, rowid, term, py, ini) VALUES ('delete', {_FTS_ROW.format(p='old')}); "
    f"INSERT INTO search_fts (rowid, term, py, ini) VALUES ({_FTS_ROW.format(p='new')}); END"
)
BULK_FILL = 2000  # above this many stale terms, rebuild the FTS mirror once instead of row by row


def refresh_index(book: Any, *, batch: int = 5000) -> int:
    """Compute the pinyin of every new or renamed term (py IS NULL). Returns how many were filled.
    Cheap when nothing is stale; call it after bulk writes (the demo, an import, a first sync), or
    let `search` call it. A bulk fill rebuilds the FTS mirror once and refreshes the planner's
    statistics (ANALYZE), which a freshly bulk-loaded file lacks."""
    with book.session_scope() as s:
        if not has_stale(s):
            return 0
    done = 0
    with book.session_scope(write=True) as s:
        stale = int(s.execute(text("SELECT count(*) FROM search_index WHERE py IS NULL")).scalar_one())
        bulk = stale > BULK_FILL
        if bulk:
            s.execute(text("DROP TRIGGER IF EXISTS search_index_au"))
        while True:
            rows = s.execute(text("SELECT id, term FROM search_index WHERE py IS NULL LIMIT :n"), {"n": batch}).all()
            if not rows:
                break
            params = []
            for rid, term in rows:
                py, ini = pinyin_keys(term)
                params.append({"id": rid, "py": py, "ini": ini})
            s.execute(text("UPDATE search_index SET py = :py, ini = :ini WHERE id = :id"), params)
            done += len(rows)
        if bulk:
            s.execute(text(_FTS_UPDATE_TRIGGER))
            s.execute(text("INSERT INTO search_fts (search_fts) VALUES ('rebuild')"))
            s.execute(text("PRAGMA optimize=0x10002"))  # ANALYZE every table that needs it
    return done


def rebuild_index(book: Any) -> int:
    """Rebuild the whole index from clients and contacts (repair; the triggers normally suffice).
    Returns the number of indexed terms."""
    with book.session_scope(write=True) as s:
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

    parts = []
    for i, (table, fld, value) in enumerate(wanted):
        spec = SENSITIVE[table][fld]
        params[f"bi{i}"] = blind_index(ring, spec.domain, spec.mask, value)
        if table == "clients":
            parts.append(f"SELECT id AS client_id, '{fld}' AS field, coalesce({fld}_mask, '') AS term, -1 AS k, 3 AS fb "
                         f"FROM clients WHERE {fld}_bi = :bi{i} AND NOT deleted")
        else:
            parts.append(f"SELECT client_id AS client_id, 'contact' AS field, name || ' ' || coalesce({fld}_mask, '') "
                         f"AS term, -1 AS k, 1 AS fb FROM contacts WHERE {fld}_bi = :bi{i} AND NOT deleted")
    return parts


def candidates(book: Any, query: str) -> Subquery | None:
    """A subquery (client_id, field, term, k, fb) of every index entry matching `query`, before
    visibility: k is the match class (-1 code, 0 exact, 1 prefix, 2 substring, 3 pinyin, 4 pinyin
    substring), fb the field bonus. None for an empty query."""
    q = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", query or "")).strip()
    if not q:
        return None
    ql = _ascii_lower(q)
    qp = _NOT_ALNUM.sub("", ql) if ql.isascii() else ""
    params: dict[str, Any] = {"ql": ql, "qn": len(ql)}
    kexpr = ["WHEN lower(si.term) = :ql THEN 0",
             "WHEN substr(lower(si.term), 1, :qn) = :ql THEN 1",
             "WHEN instr(lower(si.term), :ql) > 0 THEN 2"]
    if qp:
        params.update(qp=qp, qpn=len(qp), qp_hi=qp + "~")
        kexpr.append("WHEN substr(si.py, 1, :qpn) = :qp OR substr(si.ini, 1, :qpn) = :qp THEN 3")
    k_sql = "CASE " + " ".join(kexpr) + " ELSE 4 END"
    phrases = []
    if len(ql) >= 3:
        phrases.append("term : " + _fts_phrase(ql))
    if len(qp) >= 3:
        phrases.append("{py ini} : " + _fts_phrase(qp))
    if phrases:
        params["m"] = " OR ".join(phrases)
        where = "si.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH :m)"
    else:  # 1–2 characters: substring scan of the compact index + prefix range scans for pinyin
        conds = ["instr(lower(si.term), :ql) > 0"]
        if qp:
            conds.append("(si.py >= :qp AND si.py < :qp_hi)")
            conds.append("(si.ini >= :qp AND si.ini < :qp_hi)")
        where = " OR ".join(conds)
    sql = (
        "WITH hits AS (SELECT si.client_id AS client_id, si.field AS field, si.term AS term, "
        f"{k_sql} AS k, CASE si.field WHEN 'name' THEN 3 WHEN 'short' THEN 2 ELSE 1 END AS fb "
        f"FROM search_index si WHERE {where}) "
        "SELECT client_id, field, term, k, fb FROM hits "
        "UNION ALL SELECT ch.id, 'group', h.term, h.k, 0 FROM hits h "
        "JOIN clients ch ON ch.parent_id = h.client_id AND NOT ch.deleted WHERE h.field IN ('name', 'short')"
    )
    for part in _code_parts(book, q, params):
        sql += " UNION ALL " + part
    used = {k: v for k, v in params.items() if re.search(rf":{k}\b", sql)}
    stmt = text(sql).bindparams(**used).columns(column("client_id"), column("field"), column("term"),
                                                    column("k"), column("fb"))
    return stmt.subquery("cand")


def matching_client_ids(book: Any, query: str):  # noqa: ANN201 - a Select of client ids
    """A Select of the ids of clients matching `query` (before visibility), for list filters."""
    cand = candidates(book, query)
    if cand is None:
        return None
    return select(cand.c.client_id)


def tier_rank(col: Any) -> Any:
    return case({t: i for i, t in enumerate(TIERS)}, value=col, else_=len(TIERS))


def search(book: Any, query: str, *, limit: int = 20) -> list[SearchHit]:
    """The best `limit` clients matching `query` among those the user may see (see module doc)."""
    limit = max(1, min(int(limit), 500))
    refresh_index(book)
    cand = candidates(book, query)
    if cand is None:
        return []
    with book.session_scope() as s:
        rn = func.row_number().over(partition_by=cand.c.client_id,
                                    order_by=(cand.c.k, cand.c.fb.desc())).label("rn")
        ranked = (
            select(cand.c.client_id, cand.c.field, cand.c.term, cand.c.k, cand.c.fb,
                   Client.name.label("name"), Client.tier.label("tier"), rn)
            .join(Client, Client.id == cand.c.client_id)
            .where(client_clause(book))
            .subquery("ranked")
        )
        stmt = (
            select(ranked.c.client_id, ranked.c.field, ranked.c.term, ranked.c.k, ranked.c.fb, ranked.c.name,
                   ranked.c.tier)
            .where(ranked.c.rn == 1)
            .order_by(ranked.c.k, ranked.c.fb.desc(), tier_rank(ranked.c.tier), ranked.c.name)
            .limit(limit)
        )
        rows = s.execute(stmt).all()
    hits = []
    for cid, fld, term, k, fb, name, tier in rows:
        score = 110.0 if k < 0 else 100.0 - 20 * int(k) + int(fb)
        hits.append(SearchHit(client_id=cid, name=name, matched=term or "", kind_of_match=_KINDS.get(int(k), "pinyin"),
                              score=score, matched_field=fld, tier=tier))
    return hits
