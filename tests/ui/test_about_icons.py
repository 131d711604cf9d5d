"""The About box (version, platform, every component's licence) and the high-DPI navigation icons."""
from __future__ import annotations

import pytest

from kamdesk.common.about import components
from kamdesk.ui.qt import QImage, QSize


def test_components_list_every_runtime_dependency_with_a_licence() -> None:
    from importlib import metadata

    names = {c.name.lower().replace("_", "-") for c in components()}
    for req in metadata.requires("kamdesk") or []:
        if "extra ==" not in req:
            base = req.split(">")[0].split("[")[0].split("=")[0].strip().lower()
            assert base in names, base
    assert all(c.licence and c.licence != "?" for c in components())
    assert any("SQLCipher" in c.name for c in components()) and any("WenQuanYi" in c.name for c in components())


def test_about_dialog_shows_version_and_licences(qtbot, ui_env) -> None:  # noqa: ANN001
    from kamdesk import __version__
    from kamdesk.ui.about import AboutDialog

    dlg = AboutDialog()
    qtbot.addWidget(dlg)
    dlg.show()
    assert __version__ in dlg.platform.text() and "Qt 6" in dlg.platform.text()
    rows = {dlg.table.item(r, 0).text(): dlg.table.item(r, 2).text() for r in range(dlg.table.rowCount())}
    assert len(rows) == len(components())
    assert "LGPL-3.0" in rows["PySide6_Essentials"]
    assert dlg.windowTitle() == "关于 KAMDesk"


@pytest.mark.parametrize("ratio", [1.0, 2.0])
def test_navigation_icons_are_sharp_at_any_device_pixel_ratio(qapp, ratio: float) -> None:  # noqa: ANN001
    from kamdesk.ui.app import nav_icon
    from kamdesk.ui.screens.registry import specs

    for spec in specs():
        icon = nav_icon(spec.key)
        assert not icon.isNull(), spec.key
        pm = icon.pixmap(QSize(20, 20), ratio)
        assert pm.deviceIndependentSize().toSize() == QSize(20, 20)
        assert pm.width() == int(20 * ratio)  # rendered from the SVG at device pixels, not scaled up
        img = pm.toImage().convertToFormat(QImage.Format.Format_ARGB32)
        inked = sum(1 for x in range(img.width()) for y in range(img.height()) if img.pixelColor(x, y).alpha() > 0)
        assert inked > img.width() * 2, spec.key  # something is drawn


def test_main_window_about_action_and_nav_icons(qtbot, client_book, wait_idle) -> None:  # noqa: ANN001
    from kamdesk.ui.mainwindow import MainWindow
    from kamdesk.ui.state import AppState

    win = MainWindow(AppState(client_book), ask_unlock=False)
    qtbot.addWidget(win)
    win.show()
    assert all(not win.nav.item(i).icon().isNull() for i in range(win.nav.count()))
    win.actions["about"].trigger()
    assert win.about_dialog.isVisible() and win.about_dialog.table.rowCount() > 10
    win.about_dialog.close()
    wait_idle()


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_navigation_titles_are_not_clipped(client_book, window_in, wait_idle, lang: str) -> None:  # noqa: ANN001
    win = window_in(client_book, lang)
    fm = win.nav.fontMetrics()
    for i in range(win.nav.count()):
        item = win.nav.item(i)
        needed = fm.horizontalAdvance(item.text()) + win.nav.iconSize().width() + 12
        assert win.nav.visualItemRect(item).width() >= needed, item.text()
    wait_idle()
