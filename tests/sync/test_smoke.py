from kamdesk.sync.engine import create_book_from_server, SyncEngine
from kamdesk.models import Client
from sqlalchemy import select

FAST_KDF = {"name": "scrypt", "n": 2**10, "r": 8, "p": 1}


def test_first_sync(bank, tmp_path):
    srv, users = bank
    book = create_book_from_server(tmp_path / "a.kdb", "test-passphrase-1", srv.url, "rm11", users["rm11"]["password"], kdf=FAST_KDF)
    with book.session_scope() as s:
        clients = list(s.scalars(select(Client)))
        assert clients
        assert all(c.owner_id == users["rm11"]["id"] for c in clients)
        assert clients[0].credit_code
    book.close()
