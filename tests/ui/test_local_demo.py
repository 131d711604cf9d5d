"""`./dev run`'s local demo server: the first-run dialog offers it, pre-filled, and connecting works."""
from __future__ import annotations

import json

import pytest

from kamdesk.server import demo
from kamdesk.server.app import build_state
from kamdesk.server.settings import Settings
from kamdesk.server.testing import run_server
from kamdesk.services.localdemo import DEMO_BOOK_PASSPHRASE, local_demo_server


@pytest.fixture
def demo_server(tmp_path, monkeypatch):
    settings = Settings.load(data_dir=tmp_path / "server", dev_mode=True, port=0)
    state = build_state(settings)
    with state.store.write() as conn:
        seeded = demo.seed(conn, state.keys, clients=12, seed_value=7)
    users_file = tmp_path / "demo-server-users.json"
    users_file.write_text(json.dumps(seeded), encoding="utf-8")
    with run_server(settings, state=state) as srv:
        monkeypatch.setenv("KAMDESK_DEMO_SERVER", srv.url)
        monkeypatch.setenv("KAMDESK_DEMO_USERS", str(users_file))
        yield srv, seeded


def test_no_local_server_no_offer(monkeypatch):
    monkeypatch.delenv("KAMDESK_DEMO_SERVER", raising=False)
    assert local_demo_server() is None


def test_first_run_connects_to_the_local_demo_server(qtbot, tmp_path, demo_server, wait_idle):
    from kamdesk.ui.firstrun import FirstRunDialog

    srv, seeded = demo_server
    rm = next(u for u in seeded["users"] if u["role"] == "rm")
    dlg = FirstRunDialog(tmp_path / "mine.kdb")
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.local_button.isVisible()
    dlg.local_button.click()
    assert dlg.server_url.text() == srv.url and dlg.server_user.text() == rm["username"]
    assert dlg.new_passphrase.text() == DEMO_BOOK_PASSPHRASE
    dlg.connect_button.click()
    qtbot.waitUntil(lambda: dlg.book is not None, timeout=60000)
    assert dlg.book.user.username == rm["username"] and dlg.book.user.role == "rm"
    assert (tmp_path / "mine.kdb").exists()
    wait_idle()
