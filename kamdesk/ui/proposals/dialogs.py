"""Small dialogs of the proposal flow: a suitability exception request (reason required, audited,
decided by an approver) and a new version (what changed)."""
from __future__ import annotations

from kamdesk.common.i18n import _
from kamdesk.ui.dialogs import ok_cancel
from kamdesk.ui.qt import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget


class ReasonDialog(QDialog):
    """A reason (`reasons.clean_reason`: a few real characters) before OK is enabled."""

    def __init__(self, title: str, prompt: str, parent: QWidget | None = None, *, name: str = "reasonDialog") -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        self.edit = QPlainTextEdit()
        self.edit.setObjectName(f"{name}Text")
        self.edit.setMinimumHeight(90)
        self.buttons = ok_cancel(self, _("确定"))
        self.edit.textChanged.connect(self._update)
        lay = QVBoxLayout(self)
        lay.addWidget(self.prompt)
        lay.addWidget(self.edit, 1)
        lay.addWidget(self.buttons)
        self._update()

    @property
    def text(self) -> str:
        return self.edit.toPlainText().strip()

    def _update(self) -> None:
        from kamdesk.common.errors import ValidationError
        from kamdesk.services.reasons import clean_reason

        try:
            clean_reason(self.text)
            ok = True
        except ValidationError:
            ok = False
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)


def override_dialog(product_text: str, reason: str, parent: QWidget | None = None) -> ReasonDialog:
    return ReasonDialog(
        _("申请适当性例外审批"),
        _("{p}\n{r}\n\n仅在客户书面确认后申请；经团队负责人批准后方案才能出具。请填写例外原因（将记入审计日志）：").format(
            p=product_text, r=reason),
        parent, name="overrideDialog")


def revise_dialog(parent: QWidget | None = None) -> ReasonDialog:
    return ReasonDialog(_("新版本"), _("请说明本版修改内容："), parent, name="reviseDialog")
