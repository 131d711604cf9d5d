"""Editing a client's profile: the fields the role may write, C2 identity fields entered in plain
(validated by the service: GB 11643 ID numbers, GB 32100 credit codes, mobiles, accounts) and
stored encrypted. An empty C2 input leaves the stored value as it is; its 清除 box clears it (a
change the service records). A rejected field is named and focused; nothing is written until all
pass. Typed C2 values are cleared from the inputs whenever the dialog closes (save, cancel, Esc,
the idle lock)."""
from __future__ import annotations

from typing import Any

from kamdesk.common.errors import ValidationError
from kamdesk.common.i18n import _
from kamdesk.ui import labels
from kamdesk.ui.changes import Changes
from kamdesk.ui.dialogs import ok_cancel
from kamdesk.ui.errors import error_text
from kamdesk.ui.ops import Op
from kamdesk.ui.qt import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from kamdesk.ui.state import AppState

TEXT_FIELDS = ("name", "short_name", "industry", "city", "address")
DATE_FIELDS = ("kyc_reviewed_on", "kyc_due_on", "risk_assessed_on")
C2_FIELDS = ("id_number", "credit_code", "phone", "account_no")


def field_label(name: str) -> str:
    return {
        "name": _("客户名称"), "short_name": _("简称"), "industry": _("行业"), "city": _("城市"), "address": _("地址"),
        "lifecycle_stage": _("生命周期"), "risk_tolerance": _("风险承受能力"), "notes": _("备注"),
        "kyc_reviewed_on": _("KYC 复核日期"), "kyc_due_on": _("KYC 到期日"), "risk_assessed_on": _("风险评估日期"),
    }.get(name) or labels.sensitive_field(name)


class EditClientDialog(QDialog):
    def __init__(self, state: AppState, detail: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.detail = detail
        self.setObjectName("editClientDialog")
        self.setWindowTitle(_("编辑客户资料 — {n}").format(n=detail.name))
        self.setMinimumWidth(600)  # room for the C2 hint (with its mask) and the 清除 box
        allowed = set(detail.editable_fields)
        self.widgets: dict[str, Any] = {}
        form = QFormLayout()
        for name in TEXT_FIELDS:
            if name in allowed:
                w = QLineEdit(getattr(detail, name) or "")
                self._add(form, name, w)
        if "lifecycle_stage" in allowed:
            c = QComboBox()
            for code in ("startup", "growth", "mature", "decline"):
                c.addItem(labels.stage(code), code)
            c.setCurrentIndex(max(0, c.findData(detail.lifecycle_stage)))
            self._add(form, "lifecycle_stage", c)
        if "risk_tolerance" in allowed:
            c = QComboBox()
            c.addItem(_("（未评估）"), None)
            for code in ("C1", "C2", "C3", "C4", "C5"):
                c.addItem(code, code)
            c.setCurrentIndex(max(0, c.findData(detail.risk_tolerance)))
            self._add(form, "risk_tolerance", c)
        for name in DATE_FIELDS:
            if name in allowed:
                w = QLineEdit(labels.date(getattr(detail, name)))
                w.setPlaceholderText("YYYY-MM-DD")
                self._add(form, name, w)
        self.clear_boxes: dict[str, QCheckBox] = {}
        kinds = {"id_number"} if detail.kind == "individual" else {"credit_code"}
        for name in C2_FIELDS:
            if name in allowed and (name in kinds or name in ("phone", "account_no")):
                self._add_sensitive(form, name)
        if "notes" in allowed:
            w = QPlainTextEdit(detail.notes or "")
            w.setFixedHeight(80)
            self._add(form, "notes", w)
        self.message = QLabel("")
        self.message.setObjectName("editMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        self.message.hide()
        self.buttons = ok_cancel(self, _("保存"), self.save, save=True)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)

    def _add(self, form: QFormLayout, name: str, w: Any, row: Any = None) -> None:
        w.setObjectName(f"edit_{name}")
        self.widgets[name] = w
        form.addRow(labels.colon(field_label(name)), row if row is not None else w)

    def _add_sensitive(self, form: QFormLayout, name: str) -> None:
        """A C2 input (empty: no change) with, when a value is stored, a 清除 box that clears it."""
        w = QLineEdit()
        w.setPlaceholderText(self._keep_hint(name))
        stored = self.detail.sensitive.get(name)
        if stored is None or not stored.has_value:
            self._add(form, name, w)
            return
        box = QCheckBox(_("清除"))
        box.setObjectName(f"clear_{name}")
        box.setToolTip(_("保存时清除已登记的{f}").format(f=field_label(name)))
        box.toggled.connect(lambda on: self._clear_toggled(name, on))
        self.clear_boxes[name] = box
        row = QWidget()
        lay = QHBoxLayout(row)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(w, 1)
        lay.addWidget(box)
        self._add(form, name, w, row)

    def _clear_toggled(self, name: str, on: bool) -> None:
        w = self.widgets[name]
        if on:
            w.clear()
        w.setPlaceholderText(_("保存时将清除") if on else self._keep_hint(name))
        w.setEnabled(not on)

    def _keep_hint(self, name: str) -> str:
        current = self.detail.display(name)
        return _("不修改请留空（当前：{m}）").format(m=current) if current else _("未填写")

    def clear_sensitive(self) -> None:
        """Never keep typed C2 plaintext in a widget longer than needed (and untick 清除)."""
        for name in C2_FIELDS:
            if name in self.widgets:
                self.widgets[name].clear()
        for box in self.clear_boxes.values():
            box.setChecked(False)

    def done(self, result: int) -> None:  # noqa: D102 - every close passes here: save, cancel, Esc, lock
        self.clear_sensitive()
        super().done(result)

    def changes(self) -> dict[str, Any]:
        """Only what the user changed (C2 fields when something was typed, or None when 清除 is ticked)."""
        d = self.detail
        out: dict[str, Any] = {}
        for name, w in self.widgets.items():
            if isinstance(w, QComboBox):
                value = w.currentData()
                if value != getattr(d, name):
                    out[name] = value
            elif isinstance(w, QPlainTextEdit):
                if w.toPlainText() != (d.notes or ""):
                    out[name] = w.toPlainText()
            elif name in C2_FIELDS:
                box = self.clear_boxes.get(name)
                if box is not None and box.isChecked():
                    out[name] = None
                elif w.text().strip():
                    out[name] = w.text().strip()
            elif name in DATE_FIELDS:
                if w.text().strip() != labels.date(getattr(d, name)):
                    out[name] = w.text().strip() or None
            elif w.text() != (getattr(d, name) or ""):
                out[name] = w.text()
        return out

    def save(self) -> Op[Any] | None:
        from kamdesk.services.clients import update_client

        changes = self.changes()
        if not changes:
            self.accept()
            return None
        book, cid = self.state.book, self.detail.id
        self.buttons.setEnabled(False)
        self.message.hide()

        def saved(detail: Any) -> None:
            self.detail = detail
            self.state.notify(Changes(clients=True, client_ids=frozenset({cid}), outbox=True))
            self.accept()

        return Op(lambda: update_client(book, cid, changes), write=True, parent=self, name="update_client") \
            .success(saved).failure(self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, ValidationError):
            self.message.setText(_("{f}：{m}").format(f=field_label(exc.field), m=exc.reason))
            w = self.widgets.get(exc.field)
            if w is not None:
                w.setFocus()
        else:
            self.message.setText(error_text(exc))
        self.message.show()
