"""Security review, finding 3: the key domain of a C2 value is its column's, not the envelope's."""
from __future__ import annotations

from typing import Any

from kamdesk.common.hlc import HybridClock
from kamdesk.common.ids import new_id
from kamdesk.security.fieldcrypto import KeyRing, encrypt_value
from kamdesk.security.policy import default_policy
from kamdesk.server import storage as st
from kamdesk.server.syncsvc import server_write
from kamdesk.sync import keywrap
from kamdesk.sync import protocol as p
from tests.server.test_api import login, pull_all, server_records


def _ring(client: Any, body: dict[str, Any], priv: Any) -> KeyRing:
    return KeyRing([keywrap.unwrap_on_device(p.WrappedKey(**k), priv, body["device_id"])
                    for k in client.get("/keys").json()["keys"]])


def test_policy_declares_the_same_sensitive_columns_as_the_models() -> None:
    from kamdesk.models import SENSITIVE

    models = {f"{t}.{n}_ct": s.domain for t, cols in SENSITIVE.items() for n, s in cols.items()}
    assert default_policy().sensitive_columns == models
    assert default_policy().sensitive_domain("clients", "id_number_bi") == "C2-ID"
    assert default_policy().sensitive_domain("clients", "net_worth_mask") == "C2-FIN"
    assert default_policy().sensitive_domain("clients", "notes") is None


def test_an_id_number_under_the_fin_key_is_refused_and_never_reaches_the_risk_officer(bank: Any) -> None:
    srv, users = bank
    rm, rb, priv = login(srv, users, "rm11")
    ring = _ring(rm, rb, priv)
    own = next(r for r in server_records(srv, "clients")
               if r.fields["owner_id"] == users["rm11"]["id"] and r.fields["kind"] == "corporate")
    blob = encrypt_value(ring, "C2-FIN", "110105199001011234", table="clients", column="id_number_ct",
                         record_id=own.record_id)
    stamp = HybridClock(rb["device_id"].replace("-", "")).now()
    r = rm.post("/sync/push", json={"idempotency_key": new_id(), "changes": [{
        "table": "clients", "id": own.record_id, "fields": {"id_number_ct": p.encode_value(blob)},
        "stamps": {"id_number_ct": stamp}, "base_seq": own.seq}]}).json()
    assert r["accepted"] == 0 and [x["field"] for x in r["rejected"]] == ["id_number_ct"]

    # a value stored before this check (planted directly) is still not sent to a role without C2-ID
    with srv.state.store.write() as conn:
        alloc = st.SeqAllocator(conn)
        server_write(conn, alloc, "clients", own.record_id, {"id_number_ct": blob})
        alloc.flush()
    risk, _kb, _kp = login(srv, users, "risk1")
    recs, _raw = pull_all(risk)
    assert own.record_id in {x["id"] for x in recs if x["table"] == "clients"}
    for c in (x for x in recs if x["table"] == "clients"):
        assert "id_number_ct" not in c["fields"] and "id_number_bi" not in c["fields"]
