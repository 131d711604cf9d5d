"""The realistic demo bank (kamdesk.demodata) seeded on the server reaches an RM's file intact."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from kamdesk.models import Client, Contact, Holding, Product, RelationshipMember
from kamdesk.security.validators import credit_code
from kamdesk.server import demo
from kamdesk.server.app import build_state
from kamdesk.server.settings import Settings
from kamdesk.server.testing import run_server
from kamdesk.sync.engine import create_book_from_server


def test_demodata_bank_syncs_to_an_rm(tmp_path: Path) -> None:
    settings = Settings.load(data_dir=tmp_path / "srv", dev_mode=True, port=0)
    state = build_state(settings)
    with state.store.write() as conn:
        out = demo.seed_bank(conn, state.keys, clients=60, seed_value=3, today=dt.date(2026, 11, 28))
    rm = next(u for u in out["users"] if u["role"] == "rm")
    with run_server(settings, state=state) as srv:
        book = create_book_from_server(tmp_path / "rm.kdb", "test-passphrase-1", srv.url, rm["username"],
                                       rm["password"], kdf={"name": "scrypt", "n": 2**10, "r": 8, "p": 1})
        try:
            with book.session_scope() as s:
                clients = list(s.scalars(select(Client)))
                assert clients
                members = set(s.scalars(select(RelationshipMember.client_id).where(RelationshipMember.user_id == rm["id"])))
                assert all(c.owner_id == rm["id"] or c.id in members for c in clients)
                corporate = [c for c in clients if c.kind == "corporate" and c.credit_code]
                assert corporate and all(credit_code(c.credit_code) for c in corporate)
                assert s.scalar(select(func.count()).select_from(Product)) == out["counts"]["products"]
                assert s.scalar(select(func.count()).select_from(Contact)) > 0
                assert s.scalar(select(func.count()).select_from(Holding)) > 0
        finally:
            book.close()
