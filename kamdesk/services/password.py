"""The user's own sync password: the server's rules, checked before anything is sent, and the
change itself (after an administrator's reset the server withholds the domain keys until then).

Passwords are never logged, stored or put into an exception message."""
from __future__ import annotations

from typing import Any

from kamdesk.common.errors import KamdeskError
from kamdesk.common.i18n import _

# The server's rules (kamdesk/server/auth.py hash_password, kamdesk/server/admin.py change_own_password);
# tests/sync/test_password_change_ui.py checks that both sides agree.
MIN_PASSWORD = 8


class WrongCurrentPassword(KamdeskError):
    def __init__(self) -> None:
        super().__init__(_("当前口令不正确：请输入管理员告知的临时口令（或您现在使用的口令）。"))


def password_rules() -> list[str]:
    """The rules as the dialog lists them."""
    return [_("至少 {n} 个字符").format(n=MIN_PASSWORD), _("不能与当前口令相同"), _("两次输入的新口令必须一致")]


def password_problems(current: str, new: str, repeat: str) -> list[str]:
    """What is wrong with the input, in the user's words; empty when it may be sent."""
    problems = []
    if not current:
        problems.append(_("请输入当前口令。"))
    if len(new) < MIN_PASSWORD:
        problems.append(_("新口令至少需要 {n} 个字符。").format(n=MIN_PASSWORD))
    elif new == current:
        problems.append(_("新口令不能与当前口令相同。"))
    if new != repeat:
        problems.append(_("两次输入的新口令不一致。"))
    return problems


def change_sync_password(book: Any, current: str, new: str, **engine_kw: Any) -> int:
    """Set the user's own password on the server, then fetch the domain keys it released.
    Returns how many keys arrived. Network work: call it off the GUI thread."""
    from kamdesk.sync.engine import SyncEngine, SyncError

    problems = password_problems(current, new, new)
    if problems:
        raise KamdeskError(problems[0])
    engine = SyncEngine(book, **engine_kw)
    try:
        try:
            engine.change_password(current, new)
        except SyncError as exc:
            if exc.code == "auth_failed":
                raise WrongCurrentPassword() from None
            if exc.code == "invalid":  # the server's rule, without its field-name prefix
                raise KamdeskError(str(exc).removeprefix("new_password: ")) from None
            raise
        return engine.fetch_keys()
    finally:
        engine.close()
