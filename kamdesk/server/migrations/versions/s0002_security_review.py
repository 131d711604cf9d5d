"""security review: forced password change, TOTP replay guard, hash-chained admin log

Revision ID: s0002
Revises: s0001
Create Date: 2026-11-28 17:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 's0002'
down_revision = 's0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('users') as b:
        b.add_column(sa.Column('must_change_password', sa.Boolean(), nullable=False, server_default='0'))
        b.add_column(sa.Column('totp_last_step', sa.BigInteger(), nullable=True))
    with op.batch_alter_table('admin_log') as b:
        b.add_column(sa.Column('prev_hash', sa.String(length=64), nullable=True))
        b.add_column(sa.Column('hash', sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('admin_log') as b:
        b.drop_column('hash')
        b.drop_column('prev_hash')
    with op.batch_alter_table('users') as b:
        b.drop_column('totp_last_step')
        b.drop_column('must_change_password')
