"""A writer killed with SIGKILL mid-transaction leaves a file that opens with every committed change."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

from sqlalchemy import func, select

from kamdesk.models import Client, Outbox
from kamdesk.services.book import open_book
from tests.support import PASSPHRASE

WRITER = textwrap.dedent(
    """
    import os, sys, time
    from kamdesk.models import Client
    from kamdesk.services.book import open_book
    book = open_book(sys.argv[1], os.environ["KAMDESK_PASSPHRASE"])
    for i in range(20):
        with book.session_scope(write=True) as s:
            c = Client(kind="individual", name=f"已提交客户{i}", owner_id=book.user.id)
            c.phone = f"1390000{i:04d}"
            s.add(c)
        print(f"committed {i}", flush=True)
    with book.session_scope(write=True) as s:
        for j in range(500):
            s.add(Client(kind="individual", name=f"未提交客户{j}", owner_id=book.user.id))
        s.flush()
        print("inflight", flush=True)
        time.sleep(600)
    """
)


def test_sigkill_mid_transaction_loses_nothing_committed(book, tmp_path):
    path = book.path
    book.close()
    env = dict(os.environ, KAMDESK_PASSPHRASE=PASSPHRASE)
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True, env=env)
    acknowledged = 0
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("committed"):
            acknowledged += 1
        if line.strip() == "inflight":
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert acknowledged == 20

    reopened = open_book(path, PASSPHRASE)
    try:
        assert reopened.integrity_check() == []
        with reopened.session_scope() as s:
            names = set(s.scalars(select(Client.name)))
            assert {f"已提交客户{i}" for i in range(20)} <= names
            assert not any(n.startswith("未提交") for n in names)
            phones = {c.phone for c in s.scalars(select(Client))}
            assert "13900000019" in phones
            # every committed change has its outbox entry, the rolled-back ones none
            assert s.scalar(select(func.count()).select_from(Outbox).where(Outbox.table_name == "clients")) == 20
    finally:
        reopened.close()
