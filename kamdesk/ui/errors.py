"""The one path that shows a failure to the user: `show_error(parent, exc)`."""
from __future__ import annotations

import logging

from kamdesk.common.errors import KamdeskError, PermissionDenied, ValidationError
from kamdesk.common.i18n import _
from kamdesk.ui.qt import QMessageBox, QWidget

log = logging.getLogger("kamdesk.ui")


def error_text(exc: BaseException) -> str:
    """The user-facing message: domain errors speak for themselves; anything else is a bug whose
    traceback goes to the log file, never to the screen (it could hold data)."""
    if isinstance(exc, ValidationError):
        return exc.reason  # it names the field in the user's words ("field: " is for the CLI)
    if isinstance(exc, KamdeskError):
        return str(exc)
    return _("发生内部错误（{t}），详细信息已写入日志文件。").format(t=type(exc).__name__)


def show_error(parent: QWidget | None, exc: BaseException, *, title: str | None = None) -> QMessageBox:
    if not isinstance(exc, KamdeskError):
        log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    if isinstance(exc, PermissionDenied):
        icon, default_title = QMessageBox.Icon.Warning, _("权限不足")
    elif isinstance(exc, ValidationError):
        icon, default_title = QMessageBox.Icon.Warning, _("输入有误")
    elif isinstance(exc, KamdeskError):
        icon, default_title = QMessageBox.Icon.Warning, _("操作未完成")
    else:
        icon, default_title = QMessageBox.Icon.Critical, _("内部错误")
    box = QMessageBox(icon, title or default_title, error_text(exc), QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorBox")
    box.open()  # window-modal, never blocks the event loop with exec()
    return box
