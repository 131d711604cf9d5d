"""Alembic environment of the server database (PostgreSQL or SQLite). Run through
kamdesk.server.storage.upgrade, which passes an open connection."""
from __future__ import annotations

from alembic import context

from kamdesk.server.storage import VERSION_TABLE, metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run server migrations through kamdesk.server.storage.upgrade")

context.configure(connection=connection, target_metadata=metadata, version_table=VERSION_TABLE,
                  render_as_batch=connection.dialect.name == "sqlite", compare_type=True)
with context.begin_transaction():
    context.run_migrations()
