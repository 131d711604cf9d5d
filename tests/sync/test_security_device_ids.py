"""Issue 10, hole 1 (client side): the device id of a client file is the one the server issued,
and the file's HLC stamps carry that id's tag."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from kamdesk.common.hlc import Stamp
from kamdesk.models import Client, Outbox
from kamdesk.server import storage as st
from kamdesk.services.book import UserInfo, create_book, open_book
from kamdesk.sync.engine import SyncEngine
from tests.support import FAST_KDF, PASSPHRASE


def _devices(srv: Any, user_id: str) -> set[str]:
    with srv.state.store.read() as conn:
        return set(conn.scalars(select(st.devices.c.id).where(st.devices.c.user_id == user_id)))


def _outbox_tags(book: Any) -> set[str]:
    with book.session_scope() as s:
        return {Stamp.decode(o.hlc).device for o in s.scalars(select(Outbox))}


def test_a_book_from_the_server_stamps_with_the_server_issued_id(bank: Any, connect: Any, sync: Any) -> None:
    srv, users = bank
    book = connect(srv, users, "rm11")
    assert _devices(srv, users["rm11"]["id"]) == {book.device_id}  # the one the server issued at registration
    tag = book.device_id.replace("-", "")
    assert book.ctx.clock.device == tag
    with book.session_scope(write=True) as s:
        s.scalars(select(Client).where(Client.owner_id == book.user.id)).first().notes = "设备号测试"
    assert _outbox_tags(book) == {tag}
    assert sync(book).rejected == []
    path = book.path
    book.close()
    again = open_book(path, PASSPHRASE)
    try:
        assert again.device_id == book.device_id and again.ctx.clock.device == tag
        eng = SyncEngine(again)
        try:  # signing in again names the registered id and keeps it
            assert eng.login("rm11", users["rm11"]["password"]).device_id == book.device_id
        finally:
            eng.close()
        assert _devices(srv, users["rm11"]["id"]) == {book.device_id}
    finally:
        again.close()


def test_a_local_book_signing_in_adopts_the_id_the_server_issues(bank: Any, tmp_path: Path) -> None:
    srv, users = bank
    u = users["rm12"]
    with srv.state.store.read() as conn:
        row = conn.execute(select(st.users).where(st.users.c.id == u["id"])).first()
    book = create_book(tmp_path / "local.kdb", PASSPHRASE, kdf=FAST_KDF, local_keys=True,
                       user=UserInfo(id=row.id, username=row.username, display_name=row.display_name, role=row.role,
                                     team_id=row.team_id, branch=row.branch))
    local_id = book.device_id
    eng = SyncEngine(book, srv.url)
    try:
        issued = eng.login("rm12", u["password"]).device_id
    finally:
        eng.close()
    assert issued != local_id and _devices(srv, u["id"]) == {issued}
    assert book.device_id == issued and book.ctx.clock.device == issued.replace("-", "")
    book.close()
