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


def colon(label: str) -> str:
    """A form label with the colon of the current language (full-width in Chinese)."""
    from kamdesk.common.i18n import language

    return label + ("：" if language().startswith("zh") else ":")


def _lookup(table: dict[str, str], code: str | None) -> str:
    return table.get(code or "", code or "")


def contact_role(code: str | None) -> str:
    return _lookup({"decision_maker": _("决策人"), "finance": _("财务负责人"), "operations": _("经办人"),
                    "other": _("其他")}, code)


def visit_kind(code: str | None) -> str:
    return _lookup({"visit": _("上门拜访"), "call": _("电话沟通"), "meeting": _("行内会谈"), "event": _("客户活动")}, code)


def visit_status(code: str | None) -> str:
    return _lookup({"planned": _("计划中"), "done": _("已完成"), "cancelled": _("已取消")}, code)


def opportunity_stage(code: str | None) -> str:
    return _lookup({"lead": _("线索"), "qualified": _("已确认需求"), "proposal": _("方案"), "negotiation": _("谈判"),
                    "won": _("赢单"), "lost": _("输单")}, code)


def request_status(code: str | None) -> str:
    return _lookup({"open": _("待处理"), "in_progress": _("处理中"), "escalated": _("已升级"), "resolved": _("已解决"),
                    "closed": _("已关闭")}, code)


def product_type(code: str | None) -> str:
    return _lookup({"deposit": _("存款"), "wealth": _("理财"), "fund": _("基金"), "bond": _("债券"), "insurance": _("保险"),
                    "loan": _("贷款"), "trade_finance": _("贸易融资"), "fx": _("外汇"), "cash_management": _("现金管理"),
                    "settlement": _("结算")}, code)


def task_source(code: str | None) -> str:
    return _lookup({"manual": _("手工"), "visit": _("拜访"), "agenda": _("日程"), "request": _("服务请求"),
                    "system": _("系统")}, code)


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


def local_time(at: dt.datetime | None) -> str:
    """A stored UTC time (naive) as the user's local wall clock."""
    return "" if at is None else date(at.replace(tzinfo=dt.UTC).astimezone())


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return date(value)
    if isinstance(value, Decimal):
        return yuan(value)
    return str(value)
