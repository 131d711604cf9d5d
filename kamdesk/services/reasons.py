"""The reason a user gives for a disclosure or a decision (reveal, clear-text export, approvals).

A reason is kept in the audit log, so it has to say something: at least MIN_REASON_CHARS
letters, digits or CJK characters once whitespace and punctuation are set aside (two Chinese
characters already make a word: 回电, 核实).
"""
from __future__ import annotations

from kamdesk.common.errors import ValidationError
from kamdesk.common.i18n import _

MIN_REASON_CHARS = 2
MAX_REASON_CHARS = 500
# letters that print as nothing (the Hangul fillers, Unicode Default_Ignorable_Code_Point): they
# count as letters for str.isalnum() but say nothing in an audit log
INVISIBLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")


def clean_reason(reason: str | None, field: str = "reason") -> str:
    """The stripped reason, or ValidationError with one clear line."""
    text = " ".join((reason or "").split())
    if sum(1 for ch in text if ch.isalnum() and ch not in INVISIBLE_LETTERS) < MIN_REASON_CHARS:
        raise ValidationError(field, _("请填写原因（至少 {n} 个字，将记入审计日志）").format(n=MIN_REASON_CHARS))
    if len(text) > MAX_REASON_CHARS:
        raise ValidationError(field, _("原因太长（最多 {n} 个字）").format(n=MAX_REASON_CHARS))
    return text
