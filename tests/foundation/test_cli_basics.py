"""CLI behaviour shared by every command: no display, errors without tracebacks, passphrase env."""
from __future__ import annotations

import os
import subprocess
import sys

from kamdesk.cli import main
from tests.support import PASSPHRASE


def _env_without_display(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(extra)
    return env


def test_gui_without_a_display_says_so_in_one_line(tmp_path):
    r = subprocess.run([sys.executable, "-m", "kamdesk.cli"], env=_env_without_display(KAMDESK_HOME=str(tmp_path)),
                       capture_output=True, text=True, timeout=60)
    assert r.returncode != 0
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "offscreen" in lines[0] and "xvfb" in lines[0].lower()


def test_missing_file_is_one_clear_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KAMDESK_PASSPHRASE", PASSPHRASE)
    assert main(["verify", "--file", str(tmp_path / "none.kdb")]) != 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_wrong_passphrase_from_env_is_clear(book, monkeypatch, capsys):
    book.close()
    monkeypatch.setenv("KAMDESK_PASSPHRASE", "definitely-wrong")
    assert main(["verify", "--file", str(book.path)]) != 0
    err = capsys.readouterr().err
    assert "口令不正确" in err and "definitely-wrong" not in err


def test_verify_and_backup(book, monkeypatch, capsys):
    book.close()
    monkeypatch.setenv("KAMDESK_PASSPHRASE", PASSPHRASE)
    assert main(["verify", "--file", str(book.path), "--json"]) == 0
    assert '"ok": true' in capsys.readouterr().out
    assert main(["backup", "--file", str(book.path)]) == 0
    assert ".bak-" in capsys.readouterr().out


def test_passwd_from_env(book, monkeypatch, capsys):
    book.close()
    monkeypatch.setenv("KAMDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("KAMDESK_NEW_PASSPHRASE", "brand-new-passphrase")
    assert main(["passwd", "--file", str(book.path)]) == 0
    monkeypatch.setenv("KAMDESK_PASSPHRASE", "brand-new-passphrase")
    assert main(["verify", "--file", str(book.path)]) == 0


def test_closed_pipe_is_not_an_error():
    import argparse

    from kamdesk.cli.common import run_handler

    def handler(_args):
        raise BrokenPipeError()

    assert run_handler(handler, argparse.Namespace(command="x")) == 0
