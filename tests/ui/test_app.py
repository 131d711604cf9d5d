"""Start-up: fonts, language, log file, and which dialog opens first."""
from __future__ import annotations

from pathlib import Path


def test_cjk_font_and_language(qapp, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from kamdesk.common.i18n import _, set_language
    from kamdesk.ui import settings
    from kamdesk.ui.app import CJK_FAMILY, apply_language, ensure_cjk_font

    assert ensure_cjk_font(qapp) == CJK_FAMILY
    assert qapp.font().family() == CJK_FAMILY
    assert apply_language(qapp) == "zh_CN"  # Chinese by default
    assert _("锁定工作台") == "锁定工作台"
    settings.LANGUAGE.set("en")
    try:
        assert apply_language(qapp) == "en"
        assert _("锁定工作台") == "Lock workstation"
    finally:
        set_language("zh_CN")
        apply_language(qapp, "zh_CN")


def test_log_file_is_set_up_once(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from kamdesk.ui import app

    monkeypatch.setattr(app, "_logging_ready", False)
    path = app.setup_logging()
    assert path.parent == Path(tmp_path / "logs")
    assert app.setup_logging() == path


def test_first_run_when_no_file_else_unlock(qtbot, tmp_path, make_book, monkeypatch) -> None:  # noqa: ANN001
    from kamdesk.ui import app, firstrun, unlock

    seen: list[str] = []
    monkeypatch.setattr(firstrun.FirstRunDialog, "exec", lambda self: seen.append("first-run") or 0)
    monkeypatch.setattr(unlock.UnlockDialog, "exec", lambda self: seen.append("unlock") or 0)
    assert app.obtain_book(tmp_path / "none.kdb") is None
    b = make_book("rm")
    b.close()
    assert app.obtain_book(b.path) is None
    assert seen == ["first-run", "unlock"]


def test_preload_imports_services(qapp) -> None:  # noqa: ANN001
    import sys

    from kamdesk.ui.app import preload

    assert preload() >= 0
    assert "kamdesk.services.clients" in sys.modules and "pypinyin" in sys.modules


def test_app_icon_renders() -> None:
    from kamdesk.ui.app import app_icon

    pm = app_icon().pixmap(64, 64)
    assert not pm.isNull() and pm.width() == 64
