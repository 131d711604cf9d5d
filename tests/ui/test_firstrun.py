"""First run: the demo book is built in the background and its passphrase shown once; the server
form says clearly when this build cannot connect."""
from __future__ import annotations


def test_first_run_builds_demo_book(qtbot, tmp_path, wait_idle, monkeypatch) -> None:  # noqa: ANN001
    import kamdesk.services.demo as demo
    from kamdesk.ui.firstrun import DEMO_PASSPHRASE, FirstRunDialog
    from kamdesk.ui.qt import QApplication, QMessageBox
    from tests.conftest import FAST_KDF

    real = demo.build_demo_book
    monkeypatch.setattr(demo, "build_demo_book", lambda *a, **kw: real(*a, **{**kw, "kdf": FAST_KDF}))
    dlg = FirstRunDialog(tmp_path / "demo.kdb", demo_clients=30)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.demo_button.click()
    qtbot.waitUntil(lambda: dlg.book is not None, timeout=60000)
    box = dlg.findChild(QMessageBox, "demoPassphraseBox")
    assert box is not None and DEMO_PASSPHRASE in box.text()
    with qtbot.waitSignal(dlg.accepted, timeout=5000):
        box.accept()
    assert (tmp_path / "demo.kdb").exists()
    dlg.book.close()
    wait_idle()
    QApplication.processEvents()


def test_server_form_checks_the_new_file_passphrase_before_connecting(qtbot, tmp_path, wait_idle) -> None:  # noqa: ANN001
    from kamdesk.ui.firstrun import FirstRunDialog
    from kamdesk.ui.ops import runner

    dlg = FirstRunDialog(tmp_path / "x.kdb")
    qtbot.addWidget(dlg)
    dlg.server_button.click()
    assert dlg.pages.currentIndex() == 1 and dlg.connect_button.isEnabled()
    dlg.server_url.setText("http://127.0.0.1:9")
    dlg.server_user.setText("rm1")
    dlg.server_password.setText("pw-123456")
    dlg.new_passphrase.setText("long enough 1")
    dlg.repeat_passphrase.setText("long enough 2")  # a typo: the file could never be opened
    dlg.connect_button.click()
    assert "不一致" in dlg.server_note.text() and dlg.repeat_passphrase.text() == ""
    assert runner().active == 0 and not (tmp_path / "x.kdb").exists()  # nothing started
    dlg.new_passphrase.setText("short")
    dlg.repeat_passphrase.setText("short")
    dlg.connect_button.click()
    assert "8" in dlg.server_note.text() and runner().active == 0
    wait_idle()


def test_server_form_without_sync_engine(qtbot, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from kamdesk.ui import firstrun

    monkeypatch.setattr(firstrun, "server_available", lambda: False)
    dlg = firstrun.FirstRunDialog(tmp_path / "x.kdb")
    qtbot.addWidget(dlg)
    dlg.server_button.click()
    assert "尚未包含" in dlg.server_note.text() and not dlg.connect_button.isEnabled()


def test_cancelling_the_demo_build_leaves_no_file_and_can_retry(qtbot, tmp_path, wait_idle, monkeypatch) -> None:  # noqa: ANN001
    import threading

    import kamdesk.services.demo as demo
    from kamdesk.ui.firstrun import FirstRunDialog
    from tests.conftest import FAST_KDF

    started = threading.Event()
    real = demo.build_demo_book

    def slow_build(*a, **kw):  # noqa: ANN002, ANN003, ANN202
        progress = kw["progress"]

        def gated(done, total, stage=""):  # noqa: ANN001, ANN202
            started.set()
            progress(done, total, stage)

        return real(*a, **{**kw, "kdf": FAST_KDF, "progress": gated})

    monkeypatch.setattr(demo, "build_demo_book", slow_build)
    dlg = FirstRunDialog(tmp_path / "demo.kdb", demo_clients=300)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.demo_button.click()
    assert not dlg.demo_button.isEnabled()
    assert started.wait(30)
    dlg.build_op.cancel()
    qtbot.waitUntil(lambda: dlg.build_op.done, timeout=60000)
    assert dlg.demo_button.isEnabled() and dlg.book is None
    assert not (tmp_path / "demo.kdb").exists()
    wait_idle()
