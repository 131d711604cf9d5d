"""Hole 9: integers on the wire are strict and bounded; every endpoint documents its statuses."""
from __future__ import annotations

from typing import Any

import httpx
import pytest

from kamdesk.common.ids import new_id
from kamdesk.sync import protocol as p
from tests.security.redteam import as_role

ERROR_STATUSES = {"400", "401", "403", "404", "409", "422", "423", "429"}


@pytest.mark.parametrize("body", [
    {"since_seq": 2**63}, {"since_gen": 2**63}, {"since_seq": 2**53}, {"since_seq": -1},
    {"since_seq": True}, {"since_gen": False}, {"limit": True}, {"limit": 0}, {"limit": 10**6},
    {"since_seq": 1.5}, {"since_seq": "1"},
])
def test_pull_refuses_out_of_range_or_non_integer_numbers(module_bank: Any, body: dict[str, Any]) -> None:
    rm = as_role(module_bank, "rm")
    r = rm.http.post("/sync/pull", json={"since_seq": 0, "since_gen": 0, "limit": 10, **body})
    assert r.status_code == 422, (body, r.status_code)
    err = r.json()
    assert err["code"] == "invalid" and err["message"] and set(err) == {"code", "message", "wipe"}


def test_pull_accepts_the_largest_bound(module_bank: Any) -> None:
    rm = as_role(module_bank, "rm")
    r = rm.pull_raw(p.MAX_SEQ, p.MAX_SEQ, p.MAX_PAGE)
    assert r.status_code == 200, r.text


@pytest.mark.parametrize("base_seq", [True, 2**63, -5])
def test_push_refuses_bad_base_seq(module_bank: Any, base_seq: Any) -> None:
    rm = as_role(module_bank, "rm")
    r = rm.push([{"table": "tasks", "id": new_id(), "fields": {"title": "t"}, "stamps": {"title": rm.stamp()},
                  "base_seq": base_seq}])
    assert r.status_code == 422, r.text


@pytest.mark.parametrize("limit", ["0", "-1", "5001", "99999999999999999999999"])
def test_audit_query_limits_are_bounded(module_bank: Any, limit: str) -> None:
    comp = as_role(module_bank, "compliance_officer")
    for path in ("/audit/events", "/audit/admin-log"):
        r = comp.http.get(path, params={"limit": limit})
        assert r.status_code == 422, (path, limit, r.status_code)


def test_openapi_documents_every_error_status_with_the_error_body(module_bank: Any) -> None:
    srv, _users = module_bank
    spec = httpx.get(srv.url + p.API_PREFIX + "/openapi.json").json()
    missing = []
    for path, ops in spec["paths"].items():
        if path.endswith(("/health", "/version")):
            continue
        for method, op in ops.items():
            got = set(op["responses"])
            if not ERROR_STATUSES <= got:
                missing.append((method, path, sorted(ERROR_STATUSES - got)))
            for status in ERROR_STATUSES & got:
                ref = op["responses"][status]["content"]["application/json"]["schema"]["$ref"]
                assert ref.endswith("/ErrorBody"), (method, path, status, ref)
    assert missing == []
    pull = spec["components"]["schemas"]["PullRequest"]["properties"]
    assert pull["since_seq"]["maximum"] == p.MAX_SEQ and pull["limit"]["maximum"] == p.MAX_PAGE
