"""An empty list says why it is empty (and what to do), in the user's language: never a blank pane."""
from __future__ import annotations

import pytest

from kamdesk.ui.qt import QImage
from tests.support import show_screen


@pytest.mark.parametrize(("module", "cls", "words"), [
    ("kamdesk.ui.screens.proposals", "ProposalsScreen", "新建方案"),
    ("kamdesk.ui.screens.visits", "VisitsScreen", "计划拜访"),
    ("kamdesk.ui.screens.requests", "RequestsScreen", "服务请求"),
])
def test_an_empty_list_says_so(qtbot, book, module: str, cls: str, words: str) -> None:  # noqa: ANN001
    import importlib

    screen = show_screen(qtbot, getattr(importlib.import_module(module), cls), book)
    table = screen.table
    assert table.model().rowCount() == 0 and table.showing_empty_text() and words in table.empty_text
    img = table.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    background = img.pixelColor(2, 2)
    assert any(img.pixelColor(x, img.height() // 2) != background for x in range(img.width()))  # text painted


def test_the_text_goes_once_there_are_rows(qtbot, client_book, wait_idle) -> None:  # noqa: ANN001
    from kamdesk.services import requests
    from kamdesk.ui.screens.requests import RequestsScreen

    screen = show_screen(qtbot, RequestsScreen, client_book)
    assert screen.table.showing_empty_text()
    requests.open_request(client_book, client_book.sample_ids["张三"], requests.categories()[0], "回单柜开通")
    screen.reload()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1, timeout=20000)
    assert not screen.table.showing_empty_text()
    wait_idle()
