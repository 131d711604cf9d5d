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


SAMPLE_CLIENTS = [
    # name, short, kind, tier, industry, stage, city, assets (元)
    ("中国石油化工股份有限公司上海分公司", "中石化上海", "corporate", "strategic", "能源", "mature", "上海", 880_000_000),
    ("上海浦东发展建设集团有限公司", "浦东建设", "corporate", "core", "建筑", "growth", "上海", 320_000_000),
    ("华东医药科技有限公司", "华东医药", "corporate", "key", "医药", "growth", "杭州", 56_000_000),
    ("张三", "", "individual", "general", "", "mature", "上海", 3_200_000),
    ("欧阳明远", "", "individual", "key", "", "mature", "苏州", 12_500_000),
]
CREDIT_CODE = "91310000132200821H"  # a syntactically valid unified social credit code (test data)


@pytest.fixture
def client_book(book):  # noqa: ANN001, ANN201
    """The rm's book with a few clients owned by the rm, plus 40 filler clients."""
    from decimal import Decimal

    from kamdesk.models import Client

    ids: dict[str, str] = {}
    with book.session_scope(write=True) as s:
        for name, short, kind, tier, industry, stage, city, assets in SAMPLE_CLIENTS:
            c = Client(kind=kind, name=name, short_name=short, tier=tier, industry=industry, lifecycle_stage=stage,
                       city=city, total_assets=Decimal(assets), owner_id=book.user.id, team_id=book.user.team_id,
                       branch=book.user.branch)
            if kind == "corporate":
                c.credit_code = CREDIT_CODE
            s.add(c)
            ids[name] = c.id
        for i in range(40):
            s.add(Client(kind="corporate", name=f"测试贸易{i:02d}有限公司", tier="general", industry="批发零售",
                         lifecycle_stage="startup", city="上海", total_assets=Decimal(i * 10000),
                         owner_id=book.user.id, team_id=book.user.team_id, branch=book.user.branch))
    book.sample_ids = ids
    return book


@pytest.fixture
def window_in(qtbot, qapp):  # noqa: ANN001, ANN201
    """window_in(book, lang) -> a shown main window at 1366×768 in `lang` (Chinese again afterwards)."""
    from kamdesk.ui.app import apply_language
    from kamdesk.ui.mainwindow import MainWindow
    from kamdesk.ui.state import AppState

    def make(book, lang: str = "zh_CN"):  # noqa: ANN001, ANN202
        apply_language(qapp, lang)
        win = MainWindow(AppState(book), ask_unlock=False)
        qtbot.addWidget(win)
        win.resize(1366, 768)
        win.show()
        return win

    yield make
    apply_language(qapp, "zh_CN")
