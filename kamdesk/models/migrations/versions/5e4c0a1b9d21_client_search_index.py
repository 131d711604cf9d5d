"""client search index: search_index + FTS5 trigram table, kept current by SQL triggers

One row per searchable name (a client's name, its short name, each contact's name) with the
name's full pinyin and initials. Triggers on clients/contacts keep the rows current for every
writer (ORM, bulk Core inserts, sync, even the sqlcipher shell); a changed name gets its pinyin
reset to NULL and `kamdesk.services.search.refresh_index` fills it in Python (pypinyin) before
the next search. Tombstoned clients/contacts drop out of the index. The FTS5 table (trigram
tokenizer) mirrors search_index (external content) for substring matching of 3+ characters.

Revision ID: 5e4c0a1b9d21
Revises: 47c7170c02f2
Create Date: 2026-11-28 15:30:00
"""
from __future__ import annotations

from alembic import op

revision = "5e4c0a1b9d21"
down_revision = "47c7170c02f2"
branch_labels = None
depends_on = None


def _upsert(field: str, client_id: str, term: str, where: str) -> str:
    # A changed term resets its pinyin (NULL = to be computed); an unchanged one is left alone,
    # so the FTS row is not rewritten for unrelated updates.
    return f"""
    INSERT INTO search_index (src_id, field, client_id, term)
        SELECT new.id, '{field}', {client_id}, {term} WHERE {where}
        ON CONFLICT (src_id, field) DO UPDATE SET
            client_id = excluded.client_id,
            py = CASE WHEN search_index.term = excluded.term THEN search_index.py END,
            ini = CASE WHEN search_index.term = excluded.term THEN search_index.ini END,
            term = excluded.term
        WHERE search_index.term IS NOT excluded.term OR search_index.client_id IS NOT excluded.client_id;"""


_CLIENT_BODY = (
    "DELETE FROM search_index WHERE src_id = new.id AND (new.deleted OR (field = 'short' AND coalesce(new.short_name, '') = ''));"
    + _upsert("name", "new.id", "new.name", "NOT new.deleted AND coalesce(new.name, '') <> ''")
    + _upsert("short", "new.id", "new.short_name", "NOT new.deleted AND coalesce(new.short_name, '') <> ''")
)
_CONTACT_BODY = (
    "DELETE FROM search_index WHERE src_id = new.id AND new.deleted;"
    + _upsert("contact", "new.client_id", "new.name", "NOT new.deleted AND coalesce(new.name, '') <> ''")
)

_FTS_ROW = "{p}.id, {p}.term, coalesce({p}.py, ''), coalesce({p}.ini, '')"

STATEMENTS = [
    """CREATE TABLE search_index (
        id INTEGER PRIMARY KEY,
        src_id VARCHAR(36) NOT NULL,
        field VARCHAR(8) NOT NULL,
        client_id VARCHAR(36) NOT NULL,
        term TEXT NOT NULL,
        py TEXT,
        ini TEXT,
        CONSTRAINT uq_search_index_src UNIQUE (src_id, field))""",
    "CREATE INDEX ix_search_index_client_id ON search_index (client_id)",
    "CREATE INDEX ix_search_index_term ON search_index (term)",
    "CREATE INDEX ix_search_index_py ON search_index (py)",
    "CREATE INDEX ix_search_index_ini ON search_index (ini)",
    "CREATE INDEX ix_search_index_stale ON search_index (id) WHERE py IS NULL",
    "CREATE VIRTUAL TABLE search_fts USING fts5(term, py, ini, content='search_index', content_rowid='id', "
    "tokenize='trigram')",
    f"""CREATE TRIGGER search_index_ai AFTER INSERT ON search_index BEGIN
        INSERT INTO search_fts (rowid, term, py, ini) VALUES ({_FTS_ROW.format(p='new')});
    END""",
    f"""CREATE TRIGGER search_index_ad AFTER DELETE ON search_index BEGIN
        INSERT INTO search_fts (search_fts, rowid, term, py, ini) VALUES ('delete', {_FTS_ROW.format(p='old')});
    END""",
    f"""CREATE TRIGGER search_index_au AFTER UPDATE ON search_index BEGIN
        INSERT INTO search_fts (search_fts, rowid, term, py, ini) VALUES ('delete', {_FTS_ROW.format(p='old')});
        INSERT INTO search_fts (rowid, term, py, ini) VALUES ({_FTS_ROW.format(p='new')});
    END""",
    f"CREATE TRIGGER clients_search_ai AFTER INSERT ON clients BEGIN {_CLIENT_BODY} END",
    f"CREATE TRIGGER clients_search_au AFTER UPDATE OF name, short_name, deleted ON clients BEGIN {_CLIENT_BODY} END",
    f"CREATE TRIGGER contacts_search_ai AFTER INSERT ON contacts BEGIN {_CONTACT_BODY} END",
    f"CREATE TRIGGER contacts_search_au AFTER UPDATE OF name, client_id, deleted ON contacts BEGIN {_CONTACT_BODY} END",
    # rows that already exist (pinyin filled later by refresh_index)
    """INSERT INTO search_index (src_id, field, client_id, term)
        SELECT id, 'name', id, name FROM clients WHERE NOT deleted AND coalesce(name, '') <> ''""",
    """INSERT INTO search_index (src_id, field, client_id, term)
        SELECT id, 'short', id, short_name FROM clients WHERE NOT deleted AND coalesce(short_name, '') <> ''""",
    """INSERT INTO search_index (src_id, field, client_id, term)
        SELECT id, 'contact', client_id, name FROM contacts WHERE NOT deleted AND coalesce(name, '') <> ''""",
]


def upgrade() -> None:
    for stmt in STATEMENTS:
        op.execute(stmt)


def downgrade() -> None:
    for trig in ("contacts_search_au", "contacts_search_ai", "clients_search_au", "clients_search_ai",
                 "search_index_au", "search_index_ad", "search_index_ai"):
        op.execute(f"DROP TRIGGER IF EXISTS {trig}")
    op.execute("DROP TABLE IF EXISTS search_fts")
    op.execute("DROP TABLE IF EXISTS search_index")
