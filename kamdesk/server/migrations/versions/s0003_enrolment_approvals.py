"""enrolment secrets and administrators' maker-checker approvals

Accounts whose password an administrator set before this revision (a reset still pending the
user's own password) lose it: the administrator knew it. They need a new enrolment secret.

Revision ID: s0003
Revises: s0002
Create Date: 2026-12-04 15:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 's0003'
down_revision = 's0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'enrolments',
        sa.Column('user_id', sa.String(length=36), nullable=False),
        sa.Column('secret_hash', sa.String(length=64), nullable=False),
        sa.Column('created_by', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.Float(), nullable=False),
        sa.Column('expires_at', sa.Float(), nullable=False),
        sa.Column('failures', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('user_id', name=op.f('pk_enrolments')),
    )
    op.create_table(
        'approvals',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('kind', sa.String(length=32), nullable=False),
        sa.Column('target', sa.String(length=64), nullable=False),
        sa.Column('payload', sa.JSON(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('requested_by', sa.String(length=64), nullable=False),
        sa.Column('requested_at', sa.Float(), nullable=False),
        sa.Column('expires_at', sa.Float(), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('decided_by', sa.String(length=64), nullable=True),
        sa.Column('decided_at', sa.Float(), nullable=True),
        sa.Column('decision_reason', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_approvals')),
    )
    op.create_index(op.f('ix_approvals_status'), 'approvals', ['status'], unique=False)
    # an administrator chose these passwords: no longer usable (a hash that verifies nothing)
    users = sa.table('users', sa.column('password_hash', sa.String), sa.column('must_change_password', sa.Boolean))
    op.execute(users.update().where(users.c.must_change_password == sa.true()).values(password_hash='!enrol'))


def downgrade() -> None:
    op.drop_index(op.f('ix_approvals_status'), table_name='approvals')
    op.drop_table('approvals')
    op.drop_table('enrolments')
