"""The actions registry: every menu/shortcut action declared once (Picard's ui/mainwindow/actions),
so the main window stays thin and shortcuts are listed in one place."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kamdesk.common.i18n import _
from kamdesk.ui.qt import QAction, QKeySequence, QObject, Qt


@dataclass(frozen=True)
class ActionSpec:
    key: str
    text: str
    shortcut: str | QKeySequence.StandardKey | None = None
    tip: str = ""


def specs() -> list[ActionSpec]:
    """Built on demand so the texts follow the current language."""
    return [
        ActionSpec("search", _("搜索客户"), "Ctrl+F", _("跳到客户搜索框")),
        ActionSpec("lock", _("锁定工作台"), "Ctrl+L", _("隐藏所有客户信息，需输入口令解锁")),
        ActionSpec("refresh", _("刷新"), "F5"),
        ActionSpec("preferences", _("设置…"), "Ctrl+,", _("界面语言、本机口令、在此设备上记住口令")),
        ActionSpec("quit", _("退出"), "Ctrl+Q"),
        ActionSpec("about", _("关于 KAMDesk")),
        ActionSpec("lang_zh", _("简体中文")),
        ActionSpec("lang_en", "English"),
    ]


class Actions:
    """QActions by key. `bind(key, fn)` connects a handler; missing handlers disable the action."""

    def __init__(self, parent: QObject) -> None:
        self._actions: dict[str, QAction] = {}
        for spec in specs():
            a = QAction(spec.text, parent)
            a.setObjectName(f"action_{spec.key}")
            if spec.shortcut:
                a.setShortcut(QKeySequence(spec.shortcut))
                a.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            if spec.tip:
                a.setStatusTip(spec.tip)
                a.setToolTip(spec.tip)
            a.setEnabled(False)
            self._actions[spec.key] = a

    def __getitem__(self, key: str) -> QAction:
        return self._actions[key]

    def bind(self, key: str, fn: Callable[[], object]) -> QAction:
        a = self._actions[key]
        a.triggered.connect(lambda _checked=False: fn())
        a.setEnabled(True)
        return a

    def all(self) -> list[QAction]:
        return list(self._actions.values())
