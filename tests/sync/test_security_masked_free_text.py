"""Issue #10, hole 7 through the client: a compliance officer's client file and services show
individual clients' free text as the server sends it — names masked, long free text withheld."""
from __future__ import annotations

from typing import Any

from sqlalchemy import String, Text, inspect, select

from kamdesk.models import syncable_tables
from kamdesk.services import pipeline, visits
from tests.server.test_security_pull_filter import NAME, seed_individual_with_free_text


def test_a_compliance_file_holds_no_full_name_of_an_individual(bank: Any, connect: Any) -> None:
    srv, users = bank
    cid, _rm = seed_individual_with_free_text(srv, users)
    book = connect(srv, users, "compliance1")
    opp = next(o for o in pipeline.list_opportunities(book) if o.client_id == cid)
    assert opp.name.startswith("欧阳*") and "娜娜" not in opp.name
    visit = next(v for v in visits.list_visits(book) if v.client_id == cid)
    assert "娜娜" not in repr(visit)
    with book.session_scope() as s:  # every text column of every synced row in the file
        for table, cls in syncable_tables().items():
            cols = [c.key for c in inspect(cls).column_attrs if isinstance(c.columns[0].type, (String, Text))]
            for row in s.execute(select(*[getattr(cls, c) for c in cols])):
                assert not any(isinstance(v, str) and "娜娜" in v for v in row), table
    rm_book = connect(srv, users, "rm11")
    assert next(o for o in pipeline.list_opportunities(rm_book) if o.client_id == cid).name == f"{NAME}理财配置"
