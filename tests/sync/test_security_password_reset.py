"""Issue 10, hole 2 on the client: after an administrator's reset (approved by a second one) the
device's session ends; no password signs in until the user enrols with the one-time secret
(`kamdesk.sync.enrol`); then the same device signs in again (no wipe), keeps its stored keys and
its unsent changes, and fetches the keys at once."""
from __future__ import annotations

from typing import Any

import pytest

from kamdesk.models import Client
from kamdesk.sync.engine import NeedLogin, SyncError
from tests.sync.test_engine import own_client


def reset_approved(srv: Any, username: str) -> str:
    """admin asks, admin2 approves: the enrolment secret the approver hands to the user."""
    from kamdesk.server import approvals

    policy = srv.state.policy
    with srv.state.store.write() as conn:
        aid = approvals.reset_user(conn, policy, username, actor="admin").approval.id
        out = approvals.approve(conn, policy, aid, actor="admin2")
    return out.enrolment.enrolment_secret


def test_device_enrols_after_a_reset_and_keeps_syncing_with_its_own_password(
        bank: Any, connect: Any, sync: Any, engine_for: Any) -> None:
    from kamdesk.sync.enrol import enrol

    srv, users = bank
    a = connect(srv, users, "rm11")
    ca = own_client(a)
    secret = reset_approved(srv, "rm11")
    with a.session_scope(write=True) as s:
        s.get(Client, ca).notes = "typed after the reset"
    eng = engine_for(a)
    try:
        with pytest.raises(NeedLogin):  # the session ended
            eng.sync_round()
        with pytest.raises(SyncError) as refused:  # the old password no longer signs in
            eng.login("rm11", users["rm11"]["password"])
        assert refused.value.code == "auth_failed"
        with pytest.raises(SyncError) as wrong:
            enrol(srv.url, "rm11", "not-the-secret", "my-own-pw-1")
        assert wrong.value.code == "enrol_failed"
        enrol(srv.url, "rm11", secret, "my-own-pw-1")
        eng.login("rm11", "my-own-pw-1")  # same device, same key: re-registered, not wiped
        assert eng.fetch_keys() > 0
        r = eng.sync_round()
        assert r.pushed == 1 and r.rejected == []
        with a.session_scope() as s:
            assert s.get(Client, ca).credit_code  # C2 still readable
    finally:
        eng.close()
