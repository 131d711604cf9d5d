"""What of a pull leaves the server (DESIGN.md §4b: every byte a pull returns passes the same
visibility and field filter for that user; conflicts are data).

- Records: `records_out` applies the role's `FieldFilter` with the knowledge of which client
  partitions are individuals, so roles that see individual names masked receive the fields the
  field dictionary marks "may carry a name" masked or withheld in *every* table (visit notes,
  opportunity names, request details, proposal titles…), not only in the client record.
- Conflicts: `conflicts_out` sends a stored conflict only when it concerns one of the pulling
  device's own edits (device tag) AND the record is visible to the user (the same condition as
  records) AND the conflicted field passes the field filter for both values (a conflict on a C2
  ciphertext reaches only roles holding the key domain; a field withheld from the role is never
  sent as a conflict; a masked one is sent masked). A device tag alone never decides.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, or_, select
from sqlalchemy.engine import Connection

from kamdesk.security.policy import Policy
from kamdesk.server import storage as st
from kamdesk.server.auth import Principal
from kamdesk.sync import protocol as p

if TYPE_CHECKING:
    from kamdesk.server.syncsvc import FieldFilter


def individual_clients(conn: Connection, client_ids: Iterable[str | None]) -> set[str]:
    """Which of these client partitions are individual (personal) clients."""
    r = st.records
    ids = sorted({c for c in client_ids if c})
    out: set[str] = set()
    for i in range(0, len(ids), 500):
        out.update(row[0] for row in conn.execute(select(r.c.record_id).where(
            r.c.tbl == "clients", r.c.p_kind == "individual", r.c.record_id.in_(ids[i:i + 500]))))
    return out


def _is_individual(table: str, fields: dict[str, Any], client_id: str | None, individuals: set[str]) -> bool:
    if table == "clients":
        return fields.get("kind") == "individual"
    return client_id in individuals


def records_out(conn: Connection, rows: Sequence[Any], ff: "FieldFilter") -> list[p.Record]:
    individuals = (individual_clients(conn, (row.client_id for row in rows if row.tbl != "clients"))
                   if ff.mask_individuals else set())
    out = []
    for row in rows:
        person = _is_individual(row.tbl, row.fields, row.client_id, individuals)
        fields, stamps = ff.apply(row.fields, row.stamps, row.tbl, individual=person)
        out.append(p.Record(table=row.tbl, id=row.record_id, fields=fields, stamps=stamps, seq=row.seq))
    return out


def conflicts_out(conn: Connection, policy: Policy, who: Principal, ff: "FieldFilter", visible: Any,
                  device_tag: str, since_seq: int, upto_seq: int) -> list[p.ConflictInfo]:
    """The conflicts of this device's edits in (since_seq, upto_seq] that the user may see, each
    value filtered as the record's field would be. `visible` is the records visibility condition."""
    c, r = st.conflicts, st.records
    q = (select(c, r.c.fields.label("rec_fields"), r.c.client_id.label("rec_client"))
         .join(r, and_(r.c.tbl == c.c.tbl, r.c.record_id == c.c.record_id))
         .where(c.c.seq > since_seq, c.c.seq <= upto_seq, or_(c.c.device_a == device_tag, c.c.device_b == device_tag),
                visible)
         .order_by(c.c.seq))
    rows = conn.execute(q).all()
    individuals = (individual_clients(conn, (x.rec_client for x in rows if x.tbl != "clients"))
                   if ff.mask_individuals else set())
    out = []
    for x in rows:
        base = dict(x.rec_fields or {})
        person = _is_individual(x.tbl, base, x.rec_client, individuals)
        win, _s = ff.apply({**base, x.field: x.winner_value}, {}, x.tbl, individual=person)
        lose, _s = ff.apply({**base, x.field: x.loser_value}, {}, x.tbl, individual=person)
        if x.field not in win or x.field not in lose:
            continue  # the field is withheld from this role: so is the conflict
        out.append(p.ConflictInfo(id=x.id, table=x.tbl, record_id=x.record_id, field=x.field,
                                  winner_value=win[x.field], loser_value=lose[x.field], winner_hlc=x.winner_hlc,
                                  loser_hlc=x.loser_hlc, seq=x.seq))
    return out
