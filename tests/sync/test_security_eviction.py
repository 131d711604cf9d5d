"""Security review, finding 7: an evicted client leaves no names in the local search index."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select, text

from kamdesk.models import Client, Contact
from tests.sync.test_engine import client_ids, own_client


def _index(book: Any, sql: str, **params: Any) -> int:
    with book.session_scope() as s:
        return int(s.execute(text(sql), params).scalar() or 0)


def test_eviction_clears_the_search_index_and_its_companions(bank: Any, connect: Any, sync: Any,
                                                             engine_for: Any) -> None:
    from kamdesk.server import admin

    srv, users = bank
    a = connect(srv, users, "rm11")
    ca = own_client(a)
    with a.session_scope() as s:
        name = s.get(Client, ca).name
        contacts = [c.name for c in s.scalars(select(Contact).where(Contact.client_id == ca))]
    assert contacts, "the demo client should have contacts"
    assert _index(a, "SELECT count(*) FROM search_index WHERE client_id = :c", c=ca) >= 1 + len(contacts)
    fts_before = _index(a, "SELECT count(*) FROM search_fts")
    gram_before = _index(a, "SELECT count(*) FROM search_gram")
    with srv.state.store.write() as conn:
        admin.reassign_client(conn, ca, "rm21")
    assert sync(a).evicted == 1 and ca not in client_ids(a)
    assert _index(a, "SELECT count(*) FROM search_index WHERE client_id = :c", c=ca) == 0
    for n in [name, *contacts]:
        assert _index(a, "SELECT count(*) FROM search_index WHERE term = :t OR cname = :t", t=n) == 0
        assert _index(a, "SELECT count(*) FROM search_fts WHERE search_fts MATCH :q", q=f'"{n}"') == 0
    assert _index(a, "SELECT count(*) FROM search_fts") < fts_before
    assert _index(a, "SELECT count(*) FROM search_gram") < gram_before
