"""The data the demo banks seed on the server (built like real data) passes the field dictionary,
so strict validation on push and the client's quarantine never hold back legitimate records."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from kamdesk.security.fielddict import field_dictionary
from kamdesk.server import demo
from kamdesk.server import storage as st
from kamdesk.server.app import build_state
from kamdesk.server.settings import Settings


def test_seeded_demo_records_pass_the_field_dictionary(tmp_path: Path) -> None:
    fd = field_dictionary()
    for name, seed in (("small", lambda conn, keys: demo.seed(conn, keys, clients=12, seed_value=7)),
                       ("realistic", lambda conn, keys: demo.seed_bank(conn, keys, clients=40, seed_value=3,
                                                                       today=dt.date(2026, 11, 28)))):
        state = build_state(Settings.load(data_dir=tmp_path / name, dev_mode=True, port=0))
        with state.store.write() as conn:
            seed(conn, state.keys)
        with state.store.read() as conn:
            rows = conn.execute(select(st.records)).all()
        problems = {(r.tbl, f, fd.check(r.tbl, f, v)) for r in rows for f, v in r.fields.items()
                    if fd.check(r.tbl, f, v) is not None}
        assert rows and problems == set(), name
        missing = {(r.tbl, m) for r in rows for m in fd.required(r.tbl) - set(r.fields)}
        assert missing == set(), name
