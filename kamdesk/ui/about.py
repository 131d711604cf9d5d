"""The About box: version, platform, and every third-party component with its licence."""
from __future__ import annotations

from kamdesk.common.about import components, platform_line
from kamdesk.common.i18n import _
from kamdesk.ui.app import app_icon
from kamdesk.ui.qt import (QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel, QTableWidget,
                           QTableWidgetItem, Qt, QVBoxLayout, QWidget, qVersion)


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(_("关于 KAMDesk"))
        self.resize(640, 520)
        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(64, 64, ))
        title = QLabel(_("KAMDesk 大客户经理工作台"))
        f = title.font()
        f.setPointSizeF(f.pointSizeF() * 1.4)
        f.setBold(True)
        title.setFont(f)
        self.platform = QLabel(platform_line(qVersion()))
        self.platform.setObjectName("aboutPlatform")
        self.platform.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        blurb = QLabel(_("面向商业银行客户经理的大客户工作台：离线加密客户文件、客户全景、拜访、方案与同步。"))
        blurb.setWordWrap(True)
        head = QHBoxLayout()
        head.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        for w in (title, self.platform, blurb):
            text.addWidget(w)
        head.addLayout(text, 1)

        rows = components()
        self.table = QTableWidget(len(rows), 3)
        self.table.setObjectName("aboutComponents")
        self.table.setHorizontalHeaderLabels([_("组件"), _("版本"), _("许可证")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        for r, c in enumerate(rows):
            for col, value in enumerate((c.name, c.version, c.licence)):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(r, col, item)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(head)
        lay.addWidget(QLabel(_("第三方组件及其许可证：")))
        lay.addWidget(self.table, 1)
        lay.addWidget(buttons)
