"""Display masks for sensitive values (common practice in Chinese banks, JR/T 0171-2020 Annex A).

Each sensitive field names a mask kind where it is declared; `mask(kind, value)` returns the
form shown to a role that may not see it in clear. Amount masks turn a figure into a band.

Masks are stored beside the ciphertext and travel by sync, so they are language-neutral: a band
is stored as its Chinese source label, whatever language the writer uses, and `localize()` turns
it into the reader's language when it is shown.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from kamdesk.common.i18n import N_, _

_BANDS = [  # (upper bound in 元, label)
    (Decimal("1e6"), N_("100 万元以下")),
    (Decimal("1e7"), N_("100万–1000万元")),
    (Decimal("5e7"), N_("1000万–5000万元")),
    (Decimal("1e8"), N_("5000万–1 亿元")),
    (Decimal("5e8"), N_("1–5 亿元")),
    (Decimal("1e9"), N_("5–10 亿元")),
    (Decimal("1e10"), N_("10–100 亿元")),
]
_ABOVE = N_("100 亿元以上")
BAND_LABELS = frozenset([label for _u, label in _BANDS] + [_ABOVE])


def _keep(value: str, head: int, tail: int) -> str:
    v = value.strip()
    if len(v) <= head + tail:
        return "*" * len(v)
    return v[:head] + "*" * (len(v) - head - tail) + (v[-tail:] if tail else "")


def mask_amount(value: str) -> str:
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError):
        return "****"
    for upper, label in _BANDS:
        if amount < upper:
            return label
    return _ABOVE


def localize(masked: str | None) -> str | None:
    """A stored mask in the current language (bands are stored as their Chinese source label)."""
    return _(masked) if masked in BAND_LABELS else masked


def mask_name(value: str) -> str:
    v = value.strip()
    if not v:
        return v
    # two-character compound surnames (欧阳, 司马, 诸葛…) keep both characters
    compound = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "司徒", "夏侯", "长孙", "宇文", "尉迟", "公孙", "澹台", "端木")
    head = 2 if v[:2] in compound and len(v) > 2 else 1
    return v[:head] + "*" * (len(v) - head)


def mask(kind: str, value: str | None) -> str | None:
    """The masked display form of `value` for mask `kind`."""
    if value is None:
        return None
    match kind:
        case "id_number":
            return _keep(value, 6, 4)
        case "phone":
            return _keep(value, 3, 4)
        case "account":
            return _keep(value, 6, 4)
        case "credit_code":
            return _keep(value, 8, 0)
        case "name":
            return mask_name(value)
        case "amount":
            return mask_amount(value)
        case "rating":
            return "***"
        case "email":
            user, _sep, domain = value.partition("@")
            return (user[:1] + "***@" + domain) if domain else "***"
        case _:
            return "*" * min(len(value), 8)
