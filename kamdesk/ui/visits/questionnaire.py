"""大客户调研表: a form built from the questionnaire template — text → line edit, choice → combo,
multi → check boxes, number → spin box, date → date edit — saved as a draft or completed."""
from __future__ import annotations

import datetime as dt
from typing import Any

from kamdesk.common.errors import ValidationError
from kamdesk.common.i18n import _
from kamdesk.ui.changes import Changes
from kamdesk.ui.errors import error_text
from kamdesk.ui.ops import Op
from kamdesk.ui.qt import (
    QCheckBox,
    QComboBox,
    QDate,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kamdesk.ui.state import AppState

UNSET_DATE = QDate(1900, 1, 1)
NUMBER_MAX = 1e13


class _Multi(QWidget):
    def __init__(self, options: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        self.boxes: list[QCheckBox] = []
        for i, opt in enumerate(options):
            box = QCheckBox(opt)
            self.boxes.append(box)
            grid.addWidget(box, i // 3, i % 3)

    def value(self) -> list[str]:
        return [b.text() for b in self.boxes if b.isChecked()]

    def set_value(self, values: Any) -> None:
        chosen = set(values or ())
        for b in self.boxes:
            b.setChecked(b.text() in chosen)


class QuestionnaireForm(QWidget):
    loaded = Signal(object)  # Questionnaire
    saved = Signal(object)  # ResponseInfo

    def __init__(self, state: AppState, client_id: str, *, visit_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.client_id = client_id
        self.visit_id = visit_id
        self.setObjectName("questionnaireForm")
        self.questionnaire: Any = None
        self.editors: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        self.title = QLabel(_("正在载入调研表…"))
        self.title.setObjectName("questionnaireTitle")
        f = self.title.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.1)
        self.title.setFont(f)
        self.state_label = QLabel("")
        self.state_label.setObjectName("questionnaireState")
        self.state_label.setStyleSheet("color: palette(mid);")
        self.body = QWidget()
        self.form = QFormLayout(self.body)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.setLabelAlignment(self.form.labelAlignment())
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.body)
        self.error = QLabel("")
        self.error.setObjectName("questionnaireError")
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        self.draft_button = QPushButton(_("保存草稿"))
        self.draft_button.setObjectName("questionnaireDraft")
        self.draft_button.clicked.connect(lambda: self.save(completed=False))
        self.complete_button = QPushButton(_("提交调研表"))
        self.complete_button.setObjectName("questionnaireComplete")
        self.complete_button.clicked.connect(lambda: self.save(completed=True))
        for b in (self.draft_button, self.complete_button):
            b.setEnabled(False)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.state_label)
        foot = QHBoxLayout()
        foot.addWidget(self.error, 1)
        foot.addWidget(self.draft_button)
        foot.addWidget(self.complete_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(head)
        lay.addWidget(scroll, 1)
        lay.addLayout(foot)
        self.op: Op[Any] | None = None

    # -- loading -----------------------------------------------------------------------------
    def load(self) -> Op[Any]:
        from kamdesk.services.visits import questionnaire_for

        book, cid = self.state.book, self.client_id
        return Op(lambda: questionnaire_for(book, cid), parent=self, name="questionnaire_for").success(
            self._show).failure(lambda exc: self.title.setText(error_text(exc))).run()

    def _show(self, q: Any) -> None:
        self.questionnaire = q
        self.title.setText(_("{name}（第 {v} 版）").format(name=q.template.name, v=q.template.version))
        while self.form.rowCount():
            self.form.removeRow(0)
        self.editors.clear()
        self.labels.clear()
        for n, question in enumerate(q.template.questions, start=1):
            editor = self._editor(question)
            editor.setObjectName(f"q_{question.key}")
            label = QLabel(f"{n}. {question.text}")
            label.setWordWrap(True)
            label.setMinimumWidth(220)
            label.setMaximumWidth(320)
            self.editors[question.key] = editor
            self.labels[question.key] = label
            self.form.addRow(label, editor)
        self.set_answers(q.answers)
        self._show_state(q.response)
        writable = self.state.policy.can_write(self.state.role, "questionnaire_responses")
        for b in (self.draft_button, self.complete_button):
            b.setEnabled(writable)
        self.body.setEnabled(writable)  # a read-only role sees the answers, cannot change them
        self.loaded.emit(q)

    def _show_state(self, response: Any) -> None:
        if response is None:
            self.state_label.setText(_("尚未填写"))
        elif response.completed_at is not None:
            self.state_label.setText(_("已提交 {t}").format(t=response.completed_at.strftime("%Y-%m-%d")))
        else:
            self.state_label.setText(_("草稿"))

    @staticmethod
    def _editor(q: Any) -> QWidget:
        if q.type == "choice":
            w = QComboBox()
            w.addItem(_("（未填写）"), None)
            for o in q.options:
                w.addItem(o, o)
            return w
        if q.type == "multi":
            return _Multi(q.options)
        if q.type == "number":
            s = QDoubleSpinBox()
            s.setRange(-1, NUMBER_MAX)
            s.setDecimals(2)
            s.setSpecialValueText(_("（未填写）"))
            s.setValue(-1)
            s.setGroupSeparatorShown(True)
            s.setMinimumWidth(180)
            return s
        if q.type == "date":
            d = QDateEdit()
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
            d.setMinimumDate(UNSET_DATE)
            d.setSpecialValueText(_("（未填写）"))
            d.setDate(UNSET_DATE)
            return d
        e = QLineEdit()
        e.setMaxLength(2000)
        return e

    # -- values ------------------------------------------------------------------------------
    def set_answers(self, answers: dict[str, Any]) -> None:
        for q in self.questionnaire.template.questions:
            w, v = self.editors[q.key], answers.get(q.key)
            if isinstance(w, QComboBox):
                i = w.findData(v) if v is not None else 0
                w.setCurrentIndex(max(i, 0))
            elif isinstance(w, _Multi):
                w.set_value(v if isinstance(v, list) else [])
            elif isinstance(w, QDoubleSpinBox):
                try:
                    w.setValue(float(v) if v is not None and v != "" else -1)
                except (TypeError, ValueError):
                    w.setValue(-1)
            elif isinstance(w, QDateEdit):
                try:
                    d = dt.date.fromisoformat(str(v)) if v else None
                except ValueError:
                    d = None
                w.setDate(QDate(d.year, d.month, d.day) if d else UNSET_DATE)
            elif isinstance(w, QLineEdit):
                w.setText("" if v is None else str(v))

    def answers(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for q in self.questionnaire.template.questions:
            w = self.editors[q.key]
            if isinstance(w, QComboBox):
                v: Any = w.currentData()
            elif isinstance(w, _Multi):
                v = w.value()
            elif isinstance(w, QDoubleSpinBox):
                v = None if w.value() < 0 else (int(w.value()) if w.value() == int(w.value()) else w.value())
            elif isinstance(w, QDateEdit):
                d = w.date()
                v = None if d == UNSET_DATE else dt.date(d.year(), d.month(), d.day()).isoformat()
            else:
                v = w.text().strip()  # type: ignore[attr-defined]
            if v not in (None, "", []):
                out[q.key] = v
        return out

    # -- saving ------------------------------------------------------------------------------
    def save(self, *, completed: bool) -> Op[Any] | None:
        from kamdesk.services.visits import save_answers

        if self.questionnaire is None:
            return None
        self._mark(None)
        book, cid, tid, vid = self.state.book, self.client_id, self.questionnaire.template.id, self.visit_id
        answers = self.answers()
        for b in (self.draft_button, self.complete_button):
            b.setEnabled(False)

        def done(resp: Any) -> None:
            for b in (self.draft_button, self.complete_button):
                b.setEnabled(True)
            self.error.setText("")
            self._show_state(resp)
            self.state.notify(Changes(visits=True, outbox=True))
            self.saved.emit(resp)

        def failed(exc: BaseException) -> None:
            for b in (self.draft_button, self.complete_button):
                b.setEnabled(True)
            if isinstance(exc, ValidationError):
                self._mark(exc.field)
                self.error.setText(exc.reason)
            else:
                self.error.setText(error_text(exc))

        self.op = Op(lambda: save_answers(book, cid, tid, answers, visit_id=vid, completed=completed), write=True,
                     parent=self, name="questionnaire_save").success(done).failure(failed).run()
        return self.op

    def _mark(self, key: str | None) -> None:
        for k, label in self.labels.items():
            label.setStyleSheet("color: #c62828; font-weight: bold;" if k == key else "")
        if key in self.editors:
            self.editors[key].setFocus()
