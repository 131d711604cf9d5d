"""The product shelf (产品货架): list and filter products, returning frozen DTOs for the UI.

Products are reference data every role with `products: r` may read; nothing here is C2.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import or_, select

from kamdesk.common.errors import NotFound, PermissionDenied, ValidationError
from kamdesk.common.i18n import _
from kamdesk.models import Product
from kamdesk.models.product import PRODUCT_TYPE_LABELS, PRODUCT_TYPES, RISK_LEVELS

FOR_KINDS = ("corporate", "individual", "any")
_LOAN_TYPES = frozenset({"loan", "trade_finance"})


@dataclass(frozen=True)
class ProductRow:
    id: str
    code: str
    name: str
    product_type: str
    type_label: str
    risk_level: str
    term_months: int | None
    rate: Decimal | None
    fee: str
    min_amount: Decimal | None
    max_amount: Decimal | None
    currency: str
    for_kind: str
    on_shelf: bool
    description: str
    disclosure: str

    @property
    def is_financing(self) -> bool:
        return self.product_type in _LOAN_TYPES

    @property
    def price_text(self) -> str:
        """Rate or fee as shown on the shelf: 年化 3.10% / 年利率 3.45% / the fee wording / —."""
        if self.rate is not None:
            return (_("年利率 {r}%") if self.is_financing else _("年化 {r}%")).format(r=self.rate)
        return self.fee or "—"

    @property
    def term_text(self) -> str:
        return _("{n} 个月").format(n=self.term_months) if self.term_months else _("不定期")


def type_label(product_type: str) -> str:
    return _(PRODUCT_TYPE_LABELS.get(product_type, product_type))


def product_types() -> list[tuple[str, str]]:
    """(code, label) in shelf order."""
    return [(t, type_label(t)) for t in PRODUCT_TYPES]


def risk_levels() -> tuple[str, ...]:
    return RISK_LEVELS


def _row(p: Product) -> ProductRow:
    return ProductRow(p.id, p.code, p.name, p.product_type, type_label(p.product_type), p.risk_level, p.term_months,
                      p.rate, p.fee or "", p.min_amount, p.max_amount, p.currency or "CNY", p.for_kind or "any",
                      bool(p.on_shelf), p.description or "", p.disclosure or "")


def _require_read(book: Any) -> None:
    if not book.policy.can_read(book.user.role, "products"):
        raise PermissionDenied(_("查看产品"))


def list_products(book: Any, *, product_type: str | None = None, risk_level: str | None = None,
                  for_kind: str | None = None, on_shelf: bool | None = True, query: str | None = None,
                  limit: int = 5000) -> list[ProductRow]:
    """Products ordered by type, risk level and code.

    `for_kind` "corporate"/"individual" keeps the products a client of that kind may buy (those made for
    that kind and those for any client); "any" keeps only the products open to every client.
    `on_shelf=None` lists withdrawn products too. `query` matches code or name (substring)."""
    _require_read(book)
    if product_type is not None and product_type not in PRODUCT_TYPES:
        raise ValidationError("product_type", _("未知产品类型"))
    if risk_level is not None and risk_level not in RISK_LEVELS:
        raise ValidationError("risk_level", _("未知风险等级"))
    if for_kind is not None and for_kind not in FOR_KINDS:
        raise ValidationError("for_kind", _("未知客户类型"))
    stmt = select(Product).where(Product.deleted.is_not(True))
    if product_type:
        stmt = stmt.where(Product.product_type == product_type)
    if risk_level:
        stmt = stmt.where(Product.risk_level == risk_level)
    if for_kind == "any":
        stmt = stmt.where(or_(Product.for_kind == "any", Product.for_kind == "", Product.for_kind.is_(None)))
    elif for_kind:
        stmt = stmt.where(or_(Product.for_kind == for_kind, Product.for_kind == "any", Product.for_kind == "",
                              Product.for_kind.is_(None)))
    if on_shelf is not None:
        stmt = stmt.where(Product.on_shelf.is_(on_shelf))
    q = (query or "").strip()
    if q:
        like = f"%{q.replace('%', '').replace('_', '')}%"
        stmt = stmt.where(or_(Product.code.ilike(like), Product.name.like(like)))
    with book.session_scope() as s:
        rows = [_row(p) for p in s.scalars(stmt.limit(max(1, int(limit))))]
    order = {t: i for i, t in enumerate(PRODUCT_TYPES)}
    rows.sort(key=lambda r: (order.get(r.product_type, 99), r.risk_level, r.code))
    return rows


def get_product(book: Any, product_id: str) -> ProductRow:
    _require_read(book)
    with book.session_scope() as s:
        p = s.get(Product, product_id)
        if p is None or p.deleted:
            raise NotFound(_("产品不存在"))
        return _row(p)
