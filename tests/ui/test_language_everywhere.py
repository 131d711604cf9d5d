"""No English left in the Chinese UI and no Chinese left in the English UI: every screen, the client
360 tabs and the main dialogs, walked the way the screenshots are taken, on a small demo book.

What is checked is the UI's own text (buttons, tabs, column headers, menus and actions, group
titles, check boxes, placeholders, tool tips of buttons); labels and cells that show client data
are not (company names stay Chinese in English, codes stay Latin in Chinese)."""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kamdesk.ui.qt import (QAbstractButton, QAction, QGroupBox, QLabel, QLineEdit, QMenu, QTableView, QTabBar, Qt, QTreeView,
                           QWidget)

# Latin words allowed in the Chinese UI: names, standards, units, keys.
ZH_ALLOWED = {"KAMDesk", "PDF", "SLA", "KYC", "Ctrl", "TOTP", "URL", "CSV", "xlsx", "ID", "HLC", "Qt", "PySide6",
              "SHA", "Esc", "Enter", "Tab", "Shift", "Alt", "English", "ics", "zgsy", "AUM", "CNY", "OK", "Python",
              "Linux", "Del", "Right", "Left", "Word", "Excel", "Home", "End", "PgUp", "PgDn", "Space", "VIP", "IT", "Linguist"}
# Chinese allowed in the English UI: the language menu offers Chinese in Chinese.
EN_ALLOWED = {"简体中文"}
CJK = re.compile(r"[\u3400-\u9fff]")
ENUM_CODE = re.compile(r"[a-z][a-z0-9_.-]*")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


@pytest.fixture(scope="module")
def demo_book(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from kamdesk.services.demo import build_demo_book
    from tests.support import FAST_KDF

    book = build_demo_book(tmp_path_factory.mktemp("lang") / "demo.kdb", "kamdesk-demo", clients=40, kdf=FAST_KDF)
    yield book
    book.close()


def _ui_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) of the UI's own strings under `root` (visible or not: lazily shown panes count)."""
    for w in [root, *root.findChildren(QWidget)]:
        name = f"{type(w).__name__}#{w.objectName()}"
        if isinstance(w, QLabel):
            yield name, w.text()
        elif isinstance(w, QAbstractButton):
            yield name, w.text()
            yield name + ".tip", w.toolTip()
        elif isinstance(w, QGroupBox):
            yield name, w.title()
        elif isinstance(w, QLineEdit):
            yield name + ".placeholder", w.placeholderText()
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                yield name, w.tabText(i)
        elif isinstance(w, (QTableView, QTreeView)) and w.model() is not None:
            header = w.horizontalHeader() if isinstance(w, QTableView) else w.header()
            for c in range(header.count()):
                yield name + ".header", str(w.model().headerData(c, Qt.Orientation.Horizontal) or "")
        if isinstance(w, QMenu):
            yield name, w.title()
        for a in w.actions():
            if isinstance(a, QAction) and not a.isSeparator():
                yield name + ".action", a.text()


def _data_strings(book: Any) -> list[str]:
    """Every text value stored in the book (names, industries, cities, notes, product names and
    codes …): client data, shown as it is in any language. Longest first, for stripping."""
    from sqlalchemy import String, Text, select

    from kamdesk.models import Base

    out: set[str] = set()
    with book.session_scope() as s:
        for table in Base.metadata.sorted_tables:
            cols = [c for c in table.columns if isinstance(c.type, (String, Text))]
            for row in s.execute(select(*cols)) if cols else []:
                out.update(v for v in row if isinstance(v, str) and 2 <= len(v) < 200
                           and (CJK.search(v) or LATIN_WORD.search(v)) and not v.startswith(("{", "["))
                           and not ENUM_CODE.fullmatch(v))  # codes such as "strategic" must be translated
    return sorted(out, key=len, reverse=True)


def _offending(texts: Iterator[tuple[str, str]], lang: str, data: list[str]) -> list[str]:
    bad = []
    for where, text in texts:
        if not text:
            continue
        for value in data:
            if value in text:
                text = text.replace(value, "")
        if lang.startswith("zh"):
            words = [w for w in LATIN_WORD.findall(text.replace("&", "")) if w not in ZH_ALLOWED]
            if words and not CJK.search(text) and len(words) > 0:
                bad.append(f"{where}: {text!r}")
            elif len(words) >= 2:  # a Chinese phrase with English words in it
                bad.append(f"{where}: {text!r}")
        elif CJK.search(_strip(text, EN_ALLOWED)):
            bad.append(f"{where}: {text!r}")
    return sorted(set(bad))


def _strip(text: str, allowed: set[str]) -> str:
    for a in allowed:
        text = text.replace(a, "")
    return text


def _settle(qtbot: Any, wait_idle: Any) -> None:
    wait_idle(60000)
    qtbot.wait(30)
    wait_idle(60000)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_every_screen_speaks_one_language(qtbot, demo_book, window_in, wait_idle, lang: str) -> None:  # noqa: ANN001
    from kamdesk.services.clients import client_ids

    win = window_in(demo_book, lang)
    bad: list[str] = []
    data = _data_strings(demo_book)
    for spec in win.specs:
        win.show_screen(spec.key)
        _settle(qtbot, wait_idle)
        bad += [f"[{spec.key}] {b}" for b in _offending(_ui_texts(win.current_screen()), lang, data)]
    bad += [f"[menus] {b}" for b in _offending(_ui_texts(win.menuBar()), lang, data)]
    w360 = win.open_client(client_ids(demo_book, sort="total_assets", descending=True)[0])
    _settle(qtbot, wait_idle)
    w360.build_all_tabs()
    _settle(qtbot, wait_idle)
    bad += [f"[client360] {b}" for b in _offending(_ui_texts(w360), lang, data)]
    w360.close()
    for name, dialog in (("about", win.about()), ("preferences", win.preferences()),
                         ("passphrase", win.preferences_dialog.change_passphrase())):
        bad += [f"[{name}] {b}" for b in _offending(_ui_texts(dialog), lang, data)]
        dialog.close()
    win.close()
    _settle(qtbot, wait_idle)
    assert bad == []
