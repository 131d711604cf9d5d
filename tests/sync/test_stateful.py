"""Two RMs, a team lead and a second device of one RM edit offline and sync in random orders
(hypothesis stateful test): every replica ends identical and nothing is lost."""
from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as stg
from hypothesis.stateful import RuleBasedStateMachine, rule, run_state_machine_as_test
from sqlalchemy import select

from kamdesk.models import Client, Contact
from kamdesk.sync.engine import SyncEngine, create_book_from_server

REPLICAS = ("a1", "a2", "b", "lead")
USERNAME = {"a1": "rm11", "a2": "rm11", "b": "rm12", "lead": "lead1"}
FIELDS = ("notes", "city", "address", "short_name")
KDF = {"name": "scrypt", "n": 2**10, "r": 8, "p": 1}


def _rows(book: Any, clients: set[str]) -> dict[str, Any]:
    out = {}
    with book.session_scope() as s:
        for c in s.scalars(select(Client).where(Client.id.in_(clients))):
            out[c.id] = {f: getattr(c, f) for f in FIELDS} | {"tier": c.tier}
        for x in s.scalars(select(Contact).where(Contact.client_id.in_(clients))):
            out[x.id] = {"client_id": x.client_id, "name": x.name, "deleted": x.deleted}
    return out


def _clients(book: Any) -> list[str]:
    with book.session_scope() as s:
        return sorted(s.scalars(select(Client.id)))


def _sync(book: Any) -> None:
    eng = SyncEngine(book, sleep=lambda s: None)
    try:
        eng.sync_round()
    finally:
        eng.close()


def test_random_offline_edits_and_syncs_converge(bank: Any, tmp_path: Path) -> None:
    srv, users = bank
    counter = itertools.count()

    class Replicas(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            run = next(counter)
            self.books = {name: create_book_from_server(tmp_path / f"{run}-{name}.kdb", "test-passphrase-1", srv.url,
                                                        USERNAME[name], users[USERNAME[name]]["password"], kdf=KDF)
                          for name in REPLICAS}
            self.created: dict[str, str] = {}  # contact id -> client id
            self.n = 0

        def teardown(self) -> None:
            for book in self.books.values():
                book.close()

        @rule(who=stg.sampled_from(REPLICAS), pick=stg.integers(0, 10**6), field=stg.sampled_from(FIELDS),
              value=stg.sampled_from(["甲", "乙", "丙", "丁"]))
        def edit(self, who: str, pick: int, field: str, value: str) -> None:
            book = self.books[who]
            ids = _clients(book)
            with book.session_scope(write=True) as s:
                setattr(s.get(Client, ids[pick % len(ids)]), field, f"{value}{self.n}")
            self.n += 1

        @rule(who=stg.sampled_from(REPLICAS), pick=stg.integers(0, 10**6))
        def add_contact(self, who: str, pick: int) -> None:
            book = self.books[who]
            ids = _clients(book)
            cid = ids[pick % len(ids)]
            with book.session_scope(write=True) as s:
                c = Contact(client_id=cid, name=f"联系人{self.n}")
                s.add(c)
            self.created[c.id] = cid
            self.n += 1

        @rule(who=stg.sampled_from(REPLICAS), pick=stg.integers(0, 10**6))
        def delete_contact(self, who: str, pick: int) -> None:
            book = self.books[who]
            with book.session_scope(write=True) as s:
                contacts = sorted(s.scalars(select(Contact).where(Contact.deleted.is_(False))), key=lambda x: x.id)
                if contacts:
                    contacts[pick % len(contacts)].deleted = True

        @rule(who=stg.sampled_from(REPLICAS))
        def sync(self, who: str) -> None:
            _sync(self.books[who])

        def check_converged(self) -> None:
            for _ in range(2):
                for name in REPLICAS:
                    _sync(self.books[name])
            a1, a2, b, lead = (self.books[n] for n in REPLICAS)
            ca, cb = set(_clients(a1)), set(_clients(b))
            assert set(_clients(a2)) == ca and ca | cb <= set(_clients(lead))
            assert _rows(a1, ca) == _rows(a2, ca) == _rows(lead, ca)
            assert _rows(b, cb) == _rows(lead, cb)
            for xid, cid in self.created.items():  # every created contact reached every replica that sees it
                for book in self.books.values():
                    if cid in set(_clients(book)):
                        with book.session_scope() as s:
                            assert s.get(Contact, xid) is not None

    class Checked(Replicas):
        def teardown(self) -> None:
            try:
                self.check_converged()
            finally:
                super().teardown()

    run_state_machine_as_test(Checked, settings=settings(max_examples=4, stateful_step_count=12, deadline=None,
                                                         suppress_health_check=list(HealthCheck)))
