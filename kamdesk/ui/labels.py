"""Display labels for stored codes (tiers, stages, kinds...) and value formatting for views."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from kamdesk.common.i18n import _


def tier(code: str | None) -> str:
    return {"strategic": _("战略"), "core": _("核心"), "key": _("重点"), "general": _("一般")}.get(code or "", code or "")


def stage(code: str | None) -> str:
    return {"startup": _("初创期"), "growth": _("成长期"), "mature": _("成熟期"), "decline": _("衰退期")}.get(
        code or "", code or "")


def kind(code: str | None) -> str:
    return {"corporate": _("对公"), "individual": _("个人")}.get(code or "", code or "")


def priority(code: str | None) -> str:
    return {"low": _("低"), "normal": _("普通"), "high": _("高"), "urgent": _("紧急")}.get(code or "", code or "")


def sensitive_field(name: str) -> str:
    return {
        "id_number": _("证件号码"), "credit_code": _("统一社会信用代码"), "phone": _("联系电话"),
        "account_no": _("结算账号"), "net_worth": _("净资产"), "annual_revenue": _("年营业收入"),
        "credit_rating": _("信用评级"), "credit_limit": _("授信额度"),
    }.get(name, name)


def wan(amount: Decimal | float | int | None) -> str:
    """An amount in 元 shown in 万元 with thousands separators."""
    if amount is None:
        return ""
    return f"{Decimal(amount) / Decimal(10000):,.2f}"


def yuan(amount: Decimal | float | int | None) -> str:
    if amount is None:
        return ""
    return f"{Decimal(amount):,.2f}"


def date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return date(value)
    if isinstance(value, Decimal):
        return yuan(value)
    return str(value)
