"""search bigrams: two-character substrings of every indexed term, in rank order

Two-character queries (浦东, 科技) cannot use the trigram index. ``search_gram`` holds every
two-character substring of every term with the term's rank columns as its key prefix, so
``WHERE gram = ?`` returns the hits already in rank order (exact/prefix hits come from the term
index). Kept current by SQL triggers on ``search_index`` (``search_seq`` numbers the character
positions: triggers cannot use recursive CTEs). A bulk loader that bypasses the triggers leaves
it empty; ``kamdesk.services.search.refresh_index`` then fills it in one statement.

Revision ID: 7c3d9e1f2a60
Revises: 6a1f3c2d8e45
Create Date: 2026-11-28 16:00:00
"""
from __future__ import annotations

from alembic import op

revision = "7c3d9e1f2a60"
down_revision = "6a1f3c2d8e45"
branch_labels = None
depends_on = None

MAX_TERM = 300  # terms are at most 200 characters (clients.name)
_FR = "CASE {p}.field WHEN 'name' THEN 0 WHEN 'short' THEN 1 ELSE 2 END"
_INSERT = ("INSERT OR IGNORE INTO search_gram (gram, fr, tier_rank, cname, si_id, client_id, field, term) "
           "SELECT substr({p}.term, n, 2), " + _FR + ", coalesce({p}.tier_rank, 9), coalesce({p}.cname, ''), "
           "{p}.id, {p}.client_id, {p}.field, {p}.term FROM search_seq WHERE n < length({p}.term);")
_DELETE = ("DELETE FROM search_gram WHERE gram IN (SELECT substr({p}.term, n, 2) FROM search_seq "
           "WHERE n < length({p}.term)) AND fr = " + _FR + " AND tier_rank = coalesce({p}.tier_rank, 9) "
           "AND cname = coalesce({p}.cname, '') AND si_id = {p}.id;")

STATEMENTS = [
    "CREATE TABLE search_seq (n INTEGER PRIMARY KEY)",
    f"INSERT INTO search_seq (n) SELECT n FROM (WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c "
    f"WHERE n < {MAX_TERM}) SELECT n FROM c)",
    """CREATE TABLE search_gram (
        gram TEXT NOT NULL,
        fr INTEGER NOT NULL,
        tier_rank INTEGER NOT NULL,
        cname TEXT NOT NULL,
        si_id INTEGER NOT NULL,
        client_id TEXT NOT NULL,
        field TEXT NOT NULL,
        term TEXT NOT NULL,
        PRIMARY KEY (gram, fr, tier_rank, cname, si_id)) WITHOUT ROWID""",
    f"CREATE TRIGGER search_gram_ai AFTER INSERT ON search_index BEGIN {_INSERT.format(p='new')} END",
    f"CREATE TRIGGER search_gram_ad AFTER DELETE ON search_index BEGIN {_DELETE.format(p='old')} END",
    "CREATE TRIGGER search_gram_au AFTER UPDATE OF term, field, client_id, tier_rank, cname ON search_index BEGIN "
    f"{_DELETE.format(p='old')} {_INSERT.format(p='new')} END",
    _INSERT.format(p="search_index").replace("FROM search_seq WHERE", "FROM search_index JOIN search_seq ON")
    .rstrip(";"),
]


def upgrade() -> None:
    for stmt in STATEMENTS:
        op.execute(stmt)


def downgrade() -> None:
    raise NotImplementedError("client files are never downgraded")
