"""Security review, finding 1 on the client: after an administrator's password reset the device
signs in again (no wipe), keeps syncing with the keys it already holds, and gets new keys only
after the user has set their own password."""
from __future__ import annotations

from typing import Any

import pytest

from kamdesk.models import Client
from kamdesk.sync.engine import NeedLogin
from tests.sync.test_engine import own_client


def test_device_keeps_syncing_after_an_admin_reset_and_fetches_keys_after_its_own_password(
        bank: Any, connect: Any, sync: Any, engine_for: Any) -> None:
    from kamdesk.server import admin

    srv, users = bank
    a = connect(srv, users, "rm11")
    ca = own_client(a)
    with srv.state.store.write() as conn:
        admin.reset_password(conn, "rm11", "temporary-pw-1")
    eng = engine_for(a)
    try:
        with pytest.raises(NeedLogin):  # the session ended
            eng.sync_round()
        eng.login("rm11", "temporary-pw-1")  # same device, same key: re-registered, not wiped
        with a.session_scope(write=True) as s:
            s.get(Client, ca).notes = "after the reset"
        assert eng.fetch_keys() == 0  # withheld, the stored keys stay
        r = eng.sync_round()
        assert r.pushed == 1 and r.rejected == []
        with a.session_scope() as s:
            assert s.get(Client, ca).credit_code  # C2 still readable with the stored keys
        eng.change_password("temporary-pw-1", "my-own-pw-1")
        assert eng.fetch_keys() > 0
    finally:
        eng.close()
