"""API fuzzing with schemathesis over the live server's OpenAPI schema, as each role.

Every operation of the schema gets generated requests (valid and invalid ones) sent to a real
server on loopback with the token of a seeded user of the role, and every answer must be: no 5xx,
a status the operation documents, the documented content type and a body that conforms to the
documented schema.

Short form (part of `./dev test`): a few examples per operation and role, derandomized.
Long form:  KAMDESK_FUZZ_EXAMPLES=1000 ./dev test tests/security/test_fuzz.py
"""
from __future__ import annotations

import os
from collections import Counter
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as hs
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (content_type_conformance, response_schema_conformance,
                                               status_code_conformance)

from kamdesk.sync import protocol as p
from tests.security.redteam import ROLES, as_role

EXAMPLES = int(os.environ.get("KAMDESK_FUZZ_EXAMPLES", "8"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# ending the fuzzer's own session would turn the rest of the run into 401s
SKIP = {("POST", f"{p.API_PREFIX}/auth/logout")}
CASES: Counter[str] = Counter()


def _operations(srv: Any) -> list[Any]:
    schema = schemathesis.openapi.from_url(srv.url + p.API_PREFIX + "/openapi.json")
    ops = [r.ok() for r in schema.get_all_operations()]
    return [op for op in ops if (op.method.upper(), op.path) not in SKIP]


def _fuzz(srv: Any, op: Any, headers: dict[str, str]) -> None:
    strategy = hs.one_of(op.as_strategy(GenerationMode.POSITIVE), op.as_strategy(GenerationMode.NEGATIVE))

    @settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None, print_blob=False,
              suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate, Phase.shrink])
    @given(case=strategy)
    def run(case: Any) -> None:
        CASES[op.label] += 1
        resp = case.call(base_url=srv.url, headers=headers, timeout=30)
        case.validate_response(resp, checks=CHECKS, headers=headers)

    run()


@pytest.mark.parametrize("role", [*ROLES, "anonymous"])
def test_fuzz_every_operation_as_role(module_bank: Any, role: str) -> None:
    srv, _users = module_bank
    headers = {} if role == "anonymous" else {"Authorization": f"Bearer {as_role(module_bank, role).token}"}
    failures: list[str] = []
    before = sum(CASES.values())
    for op in _operations(srv):
        try:
            _fuzz(srv, op, headers)
        except Exception as exc:  # noqa: BLE001 -- every operation's failure is collected, then reported together
            failures.append(f"{op.label}: {type(exc).__name__}: {str(exc)[:1500]}")
    tried = sum(CASES.values()) - before
    print(f"fuzz as {role}: {tried} cases over {len(_operations(srv))} operations, {len(failures)} failing")
    assert tried > 0
    assert failures == [], "\n\n".join(failures)


def test_fuzzer_session_still_valid(module_bank: Any) -> None:
    """The fuzzing above did not quietly log itself out (which would hide every later answer as 401)."""
    srv, _users = module_bank
    rm = as_role(module_bank, "rm")
    assert rm.http.get("/auth/me").status_code == 200
    assert httpx.get(srv.url + p.API_PREFIX + "/health").status_code == 200
