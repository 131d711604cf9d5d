"""GUI test fixtures: one QApplication (pytest-qt's), offscreen; preferences in a temp folder;
a runner that drains its background work after each test."""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def ui_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp) -> Iterator[None]:  # noqa: ANN001
    from kamdesk.common.i18n import set_language
    from kamdesk.ui.app import ensure_cjk_font
    from kamdesk.ui.ops import runner

    monkeypatch.setenv("KAMDESK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("KAMDESK_LOG_DIR", str(tmp_path / "logs"))
    ensure_cjk_font(qapp)
    set_language("zh_CN")
    runner().inline = False
    yield
    runner().wait_for_done(20000)
    qapp.processEvents()
    set_language("zh_CN")


@pytest.fixture
def wait_idle(qtbot):  # noqa: ANN001, ANN201
    """wait_idle(): block (in the Qt event loop) until no background op is in flight."""
    from kamdesk.ui.ops import runner

    def wait(timeout: int = 20000) -> None:
        qtbot.waitUntil(lambda: runner().active == 0, timeout=timeout)

    return wait
