"""A screen not built yet: says what will be there, never an empty pane."""
from __future__ import annotations

from kamdesk.common.i18n import _
from kamdesk.ui.qt import QFrame, QLabel, Qt, QVBoxLayout, QWidget
from kamdesk.ui.screens.base import Screen
from kamdesk.ui.state import AppState


class PlaceholderScreen(Screen):
    def __init__(self, state: AppState, key: str, title: str, what: list[str], parent: QWidget | None = None) -> None:
        self.key = key
        super().__init__(state, parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(40, 32, 40, 32)
        head = QLabel(title)
        head.setObjectName("placeholderTitle")
        f = head.font()
        f.setPointSizeF(f.pointSizeF() * 1.6)
        f.setBold(True)
        head.setFont(f)
        lay.addWidget(head)
        note = QLabel(_("此页面正在建设中，将在后续版本中提供。届时这里将包括："))
        note.setWordWrap(True)
        lay.addWidget(note)
        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        inner = QVBoxLayout(box)
        for line in what:
            item = QLabel("•  " + line)
            item.setWordWrap(True)
            inner.addWidget(item)
        lay.addWidget(box)
        lay.addStretch(1)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
