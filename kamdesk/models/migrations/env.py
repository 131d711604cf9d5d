"""Alembic environment for the local client file. Always run through kamdesk.models.migrate,
which passes an open connection inside the transaction that the migration must share."""
from __future__ import annotations

from alembic import context

from kamdesk.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run client-file migrations through kamdesk.models.migrate")

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True,
                  compare_type=True, transaction_per_migration=False)
with context.begin_transaction():
    context.run_migrations()
