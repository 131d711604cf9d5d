"""Server-side rule for a client's owner (reassignment through sync).

A team lead may write `clients.owner_id` (reassign within the team, from the desktop), but only
to an active member of the lead's own team — the rule `POST /admin/clients/reassign` keeps. The
client's team, branch and kind are read-only for every role (policy `readonly_fields`): they
decide who sees the record and how masked roles see it. Called from syncsvc's field check;
returns the reason a field is refused, or None.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from kamdesk.server import storage as st


def field_error(conn: Connection, who: Any, table: str, name: str, value: Any, old: dict[str, Any]) -> str | None:
    if table != "clients" or name != "owner_id" or value == old.get("owner_id") or value == who.user_id:
        return None
    owner = conn.execute(select(st.users.c.team_id, st.users.c.active).where(st.users.c.id == str(value))).first()
    if owner is None or not owner.active or not who.team_id or owner.team_id != who.team_id:
        return "a client is reassigned only to an active member of your own team"
    return None
