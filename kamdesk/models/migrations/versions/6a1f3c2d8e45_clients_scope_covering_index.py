"""search ranking without the wide rows: covering index on clients, rank columns in search_index

- ``ix_clients_scope``: a covering index on clients with the scope, filter and sort columns, so
  lists and search never read the wide client rows (ciphertexts, blind indexes) to decide
  visibility or order (services.clients/search name it with INDEXED BY).
- ``search_index.tier_rank`` / ``cname``: the client's tier (0 = strategic) and name on every
  index row (contacts included), kept current by the triggers, so the search can rank the
  candidates inside covering indexes and check visibility only for the best few.
- the FTS mirror is rewritten only when term/py/ini change.

Revision ID: 6a1f3c2d8e45
Revises: 5e4c0a1b9d21
Create Date: 2026-11-28 15:50:00
"""
from __future__ import annotations

from alembic import op

revision = "6a1f3c2d8e45"
down_revision = "5e4c0a1b9d21"
branch_labels = None
depends_on = None

_TIER_RANK = ("CASE {t} WHEN 'strategic' THEN 0 WHEN 'core' THEN 1 WHEN 'key' THEN 2 WHEN 'general' THEN 3 "
              "ELSE 4 END")


def _upsert(field: str, client_id: str, term: str, where: str, rank: str, cname: str) -> str:
    return f"""
    INSERT INTO search_index (src_id, field, client_id, term, tier_rank, cname)
        SELECT new.id, '{field}', {client_id}, {term}, {rank}, {cname} WHERE {where}
        ON CONFLICT (src_id, field) DO UPDATE SET
            client_id = excluded.client_id,
            py = CASE WHEN search_index.term = excluded.term THEN search_index.py END,
            ini = CASE WHEN search_index.term = excluded.term THEN search_index.ini END,
            term = excluded.term,
            tier_rank = excluded.tier_rank,
            cname = excluded.cname
        WHERE search_index.term IS NOT excluded.term OR search_index.client_id IS NOT excluded.client_id
           OR search_index.tier_rank IS NOT excluded.tier_rank OR search_index.cname IS NOT excluded.cname;"""


_RANK_NEW = _TIER_RANK.format(t="new.tier")
_CLIENT_BODY = (
    "DELETE FROM search_index WHERE src_id = new.id AND (new.deleted OR (field = 'short' AND coalesce(new.short_name, '') = ''));"
    + _upsert("name", "new.id", "new.name", "NOT new.deleted AND coalesce(new.name, '') <> ''", _RANK_NEW, "new.name")
    + _upsert("short", "new.id", "new.short_name", "NOT new.deleted AND coalesce(new.short_name, '') <> ''", _RANK_NEW,
              "new.name")
)
# a client's tier or name travels to its contacts' rows too
_CLIENT_RANK = (f"UPDATE search_index SET tier_rank = {_RANK_NEW}, cname = new.name WHERE client_id = new.id "
                f"AND field = 'contact' AND (tier_rank IS NOT {_RANK_NEW} OR cname IS NOT new.name);")
_OWNER = "(SELECT {x} FROM clients WHERE clients.id = new.client_id)"
_CONTACT_BODY = (
    "DELETE FROM search_index WHERE src_id = new.id AND new.deleted;"
    + _upsert("contact", "new.client_id", "new.name", "NOT new.deleted AND coalesce(new.name, '') <> ''",
              _TIER_RANK.format(t=_OWNER.format(x="tier")), _OWNER.format(x="name"))
)
_FTS_ROW = "{p}.id, {p}.term, coalesce({p}.py, ''), coalesce({p}.ini, '')"
_RANK_COLS = "field, tier_rank, cname, client_id"

STATEMENTS = [
    "CREATE INDEX ix_clients_scope ON clients (id, deleted, owner_id, team_id, kind, branch, tier, name, industry, "
    "lifecycle_stage, parent_id, city, risk_tolerance, last_contact_on, total_assets)",
    "ALTER TABLE search_index ADD COLUMN tier_rank INTEGER",
    "ALTER TABLE search_index ADD COLUMN cname TEXT",
    "DROP TRIGGER clients_search_ai",
    "DROP TRIGGER clients_search_au",
    "DROP TRIGGER contacts_search_ai",
    "DROP TRIGGER contacts_search_au",
    "DROP TRIGGER search_index_au",
    f"CREATE TRIGGER clients_search_ai AFTER INSERT ON clients BEGIN {_CLIENT_BODY} END",
    f"CREATE TRIGGER clients_search_au AFTER UPDATE OF name, short_name, deleted, tier ON clients BEGIN "
    f"{_CLIENT_BODY} {_CLIENT_RANK} END",
    f"CREATE TRIGGER contacts_search_ai AFTER INSERT ON contacts BEGIN {_CONTACT_BODY} END",
    f"CREATE TRIGGER contacts_search_au AFTER UPDATE OF name, client_id, deleted ON contacts BEGIN {_CONTACT_BODY} END",
    f"""CREATE TRIGGER search_index_au AFTER UPDATE OF term, py, ini ON search_index BEGIN
        INSERT INTO search_fts (search_fts, rowid, term, py, ini) VALUES ('delete', {_FTS_ROW.format(p='old')});
        INSERT INTO search_fts (rowid, term, py, ini) VALUES ({_FTS_ROW.format(p='new')});
    END""",
    "DROP INDEX ix_search_index_term",
    "DROP INDEX ix_search_index_py",
    "DROP INDEX ix_search_index_ini",
    f"CREATE INDEX ix_search_index_term ON search_index (term, {_RANK_COLS})",
    f"CREATE INDEX ix_search_index_py ON search_index (py, {_RANK_COLS})",
    f"CREATE INDEX ix_search_index_ini ON search_index (ini, {_RANK_COLS})",
    "CREATE INDEX ix_search_index_unranked ON search_index (id) WHERE cname IS NULL",
    f"""UPDATE search_index SET
        tier_rank = (SELECT {_TIER_RANK.format(t='clients.tier')} FROM clients WHERE clients.id = search_index.client_id),
        cname = (SELECT clients.name FROM clients WHERE clients.id = search_index.client_id)""",
]


def upgrade() -> None:
    for stmt in STATEMENTS:
        op.execute(stmt)


def downgrade() -> None:
    raise NotImplementedError("client files are never downgraded")
