"""search index in rank order, for dense one- and two-letter prefixes

A query like ``z`` or ``张`` matches a quarter of all terms. ``ix_search_index_rank`` lists the
terms in rank order (client's name before short name before contact; tier; client name) with
everything the search reads, so such a query walks the index in order and stops after the
first few matches instead of sorting thousands.

Revision ID: 8d4e2f3a1b70
Revises: 7c3d9e1f2a60
Create Date: 2026-11-28 16:05:00
"""
from __future__ import annotations

from alembic import op

revision = "8d4e2f3a1b70"
down_revision = "7c3d9e1f2a60"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE INDEX ix_search_index_rank ON search_index ("
               "(CASE field WHEN 'name' THEN 0 WHEN 'short' THEN 1 ELSE 2 END), tier_rank, cname, term, py, ini, "
               "client_id, field)")


def downgrade() -> None:
    op.execute("DROP INDEX ix_search_index_rank")
