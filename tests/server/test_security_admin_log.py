"""Security review, finding 1 (last part): administrators' actions form a hash chain compliance reads."""
from __future__ import annotations

from typing import Any

from sqlalchemy import update

from kamdesk.server import storage as st
from tests.server.test_api import login


def test_admin_actions_are_hash_chained_and_tampering_shows(bank: Any) -> None:
    srv, users = bank
    adm, _b, _p = login(srv, users, "admin")
    assert adm.post("/admin/users/rm12/reset", json={"reason": "lost laptop"}).status_code == 202
    assert adm.post("/admin/users/rm21/deactivate").status_code == 204
    assert adm.get("/audit/admin-log").status_code == 403  # not the administrators' own business
    comp, _cb, _cp = login(srv, users, "compliance1")
    log = comp.get("/audit/admin-log").json()
    assert log["chain"]["ok"] is True and log["chain"]["checked"] >= 2
    actions = [e["action"] for e in log["entries"]]
    assert actions[:2] == ["user.deactivate", "approval.request"]
    assert log["entries"][0]["actor_id"] == "admin"
    victim = log["entries"][1]["seq"]
    with srv.state.store.write() as conn:  # someone with database access rewrites history
        conn.execute(update(st.admin_log).where(st.admin_log.c.id == victim).values(actor="cli"))
    chain = comp.get("/audit/admin-log").json()["chain"]
    assert chain["ok"] is False and chain["first_bad_seq"] == victim
