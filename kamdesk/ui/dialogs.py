"""What the workstation's dialogs share."""
from __future__ import annotations

from collections.abc import Callable

from kamdesk.common.i18n import _
from kamdesk.ui.qt import QDialog, QDialogButtonBox


def ok_cancel(dialog: QDialog, ok_text: str, on_ok: Callable[[], object] | None = None, *,
              save: bool = False) -> QDialogButtonBox:
    """A dialog's confirm/cancel row in the user's language: the confirm button (Save when `save`)
    says `ok_text` and calls `on_ok` (default: accept); 取消 rejects."""
    confirm = QDialogButtonBox.StandardButton.Save if save else QDialogButtonBox.StandardButton.Ok
    box = QDialogButtonBox(confirm | QDialogButtonBox.StandardButton.Cancel)
    box.button(confirm).setText(ok_text)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(_("取消"))
    box.accepted.connect(on_ok or dialog.accept)
    box.rejected.connect(dialog.reject)
    return box
