"""Hole 13a: every file KAMDesk writes that holds client data is 0600 (PDFs, exports, .ics, backups),
whatever the umask, also when a file of that name already existed with looser permissions."""
from __future__ import annotations

import os
import stat

import pytest

from kamdesk.cli import main
from tests.proposals.test_proposal_service import TODAY, client_id  # noqa: F401  (fixture)
from tests.support import PASSPHRASE


@pytest.fixture
def loose_umask():
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(p) -> int:
    return stat.S_IMODE(os.stat(p).st_mode)


def test_cli_outputs_are_private(book, client_id, tmp_path, monkeypatch, capsys, loose_umask):  # noqa: F811
    book.close()
    monkeypatch.setenv("KAMDESK_PASSPHRASE", PASSPHRASE)
    f = str(book.path)
    pdf = tmp_path / "out" / "方案.pdf"
    pdf.parent.mkdir()
    pdf.write_bytes(b"old")  # an older file of that name, 0644
    assert _mode(pdf) == 0o644
    assert main(["proposal", "--file", f, "--client", client_id, "--out", str(pdf), "--today", TODAY.isoformat()]) == 0
    xlsx, ics = tmp_path / "out" / "clients.xlsx", tmp_path / "out" / "cal.ics"
    assert main(["export", "clients", "--out", str(xlsx), "--file", f]) == 0
    assert main(["export", "calendar", "--out", str(ics), "--file", f]) == 0
    assert main(["backup", "--file", f]) == 0
    capsys.readouterr()
    backups = list(book.path.parent.glob(book.path.name + ".bak-*"))
    written = [pdf, xlsx, ics, *backups]
    assert backups and {p.name: _mode(p) for p in written} == {p.name: 0o600 for p in written}
    assert not list(tmp_path.glob("out/*.part"))
