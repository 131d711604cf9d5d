"""The user's own secrets: the sync password (the server's rules, checked before anything is sent;
a new or reset account sets it with the administrator's one-time enrolment secret) and the
passphrase of the client file on this device.

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
        super().__init__(_("当前口令不正确：请输入您现在使用的同步口令。"))


def password_rules(min_length: int = MIN_PASSWORD) -> list[str]:
    """The rules as the dialog lists them."""
    return [_("至少 {n} 个字符").format(n=min_length), _("不能与当前口令相同"), _("两次输入的新口令必须一致")]


def password_problems(current: str, new: str, repeat: str, min_length: int = MIN_PASSWORD) -> list[str]:
    """What is wrong with the input, in the user's words; empty when it may be sent."""
    problems = []
    if not current:
        problems.append(_("请输入当前口令。"))
    if len(new) < min_length:
        problems.append(_("新口令至少需要 {n} 个字符。").format(n=min_length))
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


class WrongEnrolmentSecret(KamdeskError):
    def __init__(self) -> None:
        super().__init__(_("注册码不正确、已使用或已过期：请核对，或请管理员重新签发。"))


def enrolment_problems(secret: str, new: str, repeat: str, min_length: int = MIN_PASSWORD) -> list[str]:
    """The enrolment form's input, in the user's words; empty when it may be sent."""
    problems = [] if secret.strip() else [_("请输入管理员交给您的注册码。")]
    return problems + password_problems("-", new, repeat, min_length)


def enrol_sync_password(server_url: str, username: str, secret: str, new: str, **enrol_kw: Any) -> None:
    """First sign-in, or after a reset: turn the administrator's one-time enrolment secret into the
    user's own sync password (the administrator never learns it). Network work: off the GUI thread."""
    from kamdesk.sync.engine import SyncError
    from kamdesk.sync.enrol import enrol

    problems = enrolment_problems(secret, new, new)
    if not username.strip():
        problems.insert(0, _("请输入用户名。"))
    if problems:
        raise KamdeskError(problems[0])
    try:
        enrol(server_url, username.strip(), secret, new, **enrol_kw)
    except SyncError as exc:
        if exc.code == "enrol_failed":
            raise WrongEnrolmentSecret() from None
        raise


def new_passphrase_problems(new: str, repeat: str) -> list[str]:
    """A passphrase for a new client file (no current one): long enough, typed the same twice."""
    from kamdesk.services.book import MIN_PASSPHRASE

    return password_problems("-", new, repeat, MIN_PASSPHRASE)


def passphrase_rules() -> list[str]:
    from kamdesk.services.book import MIN_PASSPHRASE

    return password_rules(MIN_PASSPHRASE)


def passphrase_problems(current: str, new: str, repeat: str) -> list[str]:
    from kamdesk.services.book import MIN_PASSPHRASE

    return password_problems(current, new, repeat, MIN_PASSPHRASE)


def change_file_passphrase(book: Any, current: str, new: str) -> None:
    """A new passphrase for the open client file (its key is re-wrapped; the data stays as it is;
    a key remembered in the OS keyring stays valid). A wrong current passphrase counts as a failed
    unlock (WrongPassphrase, then the growing delay and the lockout). Key derivation takes a
    moment: call it off the GUI thread."""
    problems = passphrase_problems(current, new, new)
    if problems:
        raise KamdeskError(problems[0])
    book.change_passphrase(current, new)
