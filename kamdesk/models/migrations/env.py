"""Alembic environment for the local client file. Always run through kamdesk.models.migrate,
which passes an open connection inside the transaction that the migration must share."""
from __future__ import annotations

from alembic import context

from kamdesk.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run client-file migrations through kamdesk.models.migrate")


def _include_name(name: str | None, type_: str, _parents: object) -> bool:
    # The client search index (search_index, the FTS5 table search_fts and its shadow tables) is
    # derived data managed by hand in its own revision: autogenerate must not try to drop it.
    return not (type_ == "table" and name is not None and name.startswith("search_"))


context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True,
                  compare_type=True, transaction_per_migration=False, include_name=_include_name)
with context.begin_transaction():
    context.run_migrations()
