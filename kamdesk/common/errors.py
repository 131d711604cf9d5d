"""Domain exceptions. Each carries a message fit to show a user (no secrets, no C2 values)."""
from __future__ import annotations

from kamdesk.common.i18n import _


class KamdeskError(Exception):
    """Base of every expected failure; `str(exc)` is the user-facing message."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class WrongPassphrase(KamdeskError):
    def __init__(self, remaining: int, retry_after: float) -> None:
        super().__init__(
            _("口令不正确，还可尝试 {n} 次。").format(n=remaining)
            + (_("请在 {s} 秒后重试。").format(s=int(retry_after + 0.999)) if retry_after > 0 else "")
        )
        self.remaining = remaining
        self.retry_after = retry_after


class RetryLater(KamdeskError):
    def __init__(self, seconds: float) -> None:
        super().__init__(_("尝试过于频繁，请在 {s} 秒后重试。").format(s=int(seconds + 0.999)))
        self.seconds = seconds


class LockedOut(KamdeskError):
    def __init__(self) -> None:
        super().__init__(
            _("口令连续错误次数过多，本机密钥已销毁。请连接服务器重新同步以恢复数据。")
        )


class KeyUnavailable(KamdeskError):
    pass


class CorruptFile(KamdeskError):
    def __init__(self, path: str, backup: str | None) -> None:
        msg = _("客户文件已损坏或不完整，无法打开：{p}。").format(p=path)
        if backup:
            msg += _("可从最近的备份恢复：{b}").format(b=backup)
        else:
            msg += _("没有可用的本地备份，请重新同步。")
        super().__init__(msg)
        self.path = path
        self.backup = backup


class FileMissing(KamdeskError):
    pass


class PermissionDenied(KamdeskError):
    exit_code = 3

    def __init__(self, what: str) -> None:
        super().__init__(_("权限不足：{w}").format(w=what))


class ValidationError(KamdeskError):
    exit_code = 2

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.reason = message


class NotFound(KamdeskError):
    exit_code = 4


class DecryptError(KamdeskError):
    pass
