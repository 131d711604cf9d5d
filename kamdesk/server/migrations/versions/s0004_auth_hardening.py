"""auth hardening: login throttle counters in the database, TOTP secrets sealed under the master
key, the per-account lock columns removed

Revision ID: s0004
Revises: s0003
Create Date: 2026-12-04 15:00:00

Sealing existing clear TOTP secrets needs the master key: the server passes it
(`Store.open(url, master=...)`); without it the upgrade stops, changing nothing, when any user has
a clear secret.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import context, op

revision = 's0004'
down_revision = 's0003'
branch_labels = None
depends_on = None


def _master() -> object | None:
    return context.config.attributes.get("master_key")


def upgrade() -> None:
    from kamdesk.server.totp import seal_totp_secret

    conn = op.get_bind()
    users = sa.table('users', sa.column('id', sa.String), sa.column('totp_secret', sa.String),
                     sa.column('totp_sealed', sa.LargeBinary))
    clear = conn.execute(sa.select(users.c.id, users.c.totp_secret).where(users.c.totp_secret.is_not(None))).all()
    master = _master()
    if clear and master is None:  # checked before any change
        raise RuntimeError("s0004 seals the TOTP secrets under the master key: run the upgrade through "
                           "the server (kamdesk-server migrate with its master key)")
    op.create_table(
        'login_throttle',
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('failures', sa.Integer(), nullable=False),
        sa.Column('blocked_until', sa.Float(), nullable=False),
        sa.Column('last_at', sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_login_throttle')),
    )
    with op.batch_alter_table('users') as b:
        b.add_column(sa.Column('totp_sealed', sa.LargeBinary(), nullable=True))
    for user_id, secret in clear:
        conn.execute(users.update().where(users.c.id == user_id)
                     .values(totp_sealed=seal_totp_secret(master, user_id, secret)))
    with op.batch_alter_table('users') as b:
        b.drop_column('totp_secret')
        b.drop_column('failed_logins')
        b.drop_column('locked_until')


def downgrade() -> None:
    from kamdesk.server.totp import open_totp_secret

    with op.batch_alter_table('users') as b:
        b.add_column(sa.Column('totp_secret', sa.String(length=64), nullable=True))
        b.add_column(sa.Column('failed_logins', sa.Integer(), nullable=False, server_default='0'))
        b.add_column(sa.Column('locked_until', sa.Float(), nullable=False, server_default='0'))
    conn = op.get_bind()
    users = sa.table('users', sa.column('id', sa.String), sa.column('totp_secret', sa.String),
                     sa.column('totp_sealed', sa.LargeBinary))
    sealed = conn.execute(sa.select(users.c.id, users.c.totp_sealed).where(users.c.totp_sealed.is_not(None))).all()
    if sealed:
        master = _master()
        if master is None:
            raise RuntimeError("s0004 downgrade needs the master key to open the TOTP secrets")
        for user_id, blob in sealed:
            conn.execute(users.update().where(users.c.id == user_id)
                         .values(totp_secret=open_totp_secret(master, user_id, blob)))
    with op.batch_alter_table('users') as b:
        b.drop_column('totp_sealed')
    op.drop_table('login_throttle')
