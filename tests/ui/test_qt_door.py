"""The Qt door's guard against PySide6 6.12's None reference leak (fatal on Python 3.11)."""
from __future__ import annotations

import sys


def test_many_void_calls_do_not_exhaust_none() -> None:
    from kamdesk.ui.qt import QObject, _none_leak_per_call

    o = QObject()
    for _ in range(50_000):  # more than None's whole refcount on a fresh 3.11 interpreter
        o.setObjectName("x")
    assert sys.getrefcount(None) > 1_000_000 or _none_leak_per_call() == 0
