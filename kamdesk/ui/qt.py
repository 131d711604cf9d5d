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


def charts():  # noqa: ANN201
    """Qt Charts, imported on first use (it is a separate, larger module)."""
    from PySide6 import QtCharts

    return QtCharts


def print_support():  # noqa: ANN201
    """Qt Print Support (QPrinter, QPrintDialog), imported on first use."""
    from PySide6 import QtPrintSupport

    return QtPrintSupport
