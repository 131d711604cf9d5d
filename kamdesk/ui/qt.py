"""The one Qt door: every UI module imports its Qt names from here, so the binding and its
version check live in one place (as Anki's `aqt/qt`)."""
from __future__ import annotations

# ruff: noqa: F401, F403
import PySide6
from PySide6.QtCore import *
from PySide6.QtGui import *
from PySide6.QtWidgets import *
from shiboken6 import isValid as is_alive  # False once the C++ object behind a wrapper is deleted

QT_VERSION = tuple(int(p) for p in PySide6.__version__.split(".")[:2])
if QT_VERSION < (6, 5):  # pragma: no cover - refused at start-up
    raise ImportError(f"KAMDesk needs PySide6 >= 6.5, found {PySide6.__version__}")


def _none_leak_per_call() -> int:
    """How many references to None one void Qt call loses (0 when the binding is sound)."""
    import sys

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(64):
        probe.setObjectName("probe")
    return (before - sys.getrefcount(None)) // 64


def _guard_none_refcount() -> None:
    """PySide6 6.12.0 returns None from every void method without taking a reference. On
    Python >= 3.12 None is immortal and nothing happens; on 3.11 each call takes one reference
    away, and after a few thousand calls the interpreter aborts ("Fatal Python error:
    none_dealloc: deallocating None"). Measured here, not assumed: when the leak is present on an
    interpreter without immortal objects, make None effectively immortal, as 3.12 does."""
    import ctypes
    import sys

    if sys.version_info >= (3, 12) or _none_leak_per_call() <= 0:
        return
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 48


_guard_none_refcount()


def charts():  # noqa: ANN201
    """Qt Charts, imported on first use (it is a separate, larger module)."""
    from PySide6 import QtCharts

    return QtCharts


def print_support():  # noqa: ANN201
    """Qt Print Support (QPrinter, QPrintDialog), imported on first use."""
    from PySide6 import QtPrintSupport

    return QtPrintSupport
