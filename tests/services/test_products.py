"""The product shelf service: filters by type, risk level, client kind and shelf state; DTOs."""
from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from kamdesk.common.errors import NotFound, ValidationError
from kamdesk.services import products

SHELF = [
    # code, name, type, risk, term, rate, kind, min, fee, on_shelf
    ("DEP-001", "单位大额存单 3年期", "deposit", "R1", 36, "2.15", "corporate", "10000000", "", True),
    ("WM-R2-01", "稳享固收增强理财 R2", "wealth", "R2", 12, "3.10", "any", "1000000", "", True),
    ("FUND-R4-01", "科技成长股票型基金", "fund", "R4", None, "8.00", "any", "10000", "", True),
    ("LN-WC-01", "流动资金贷款", "loan", "R1", 12, "3.45", "corporate", "5000000", "", True),
    ("CM-POOL-01", "跨境双向资金池", "cash_management", "R1", None, None, "corporate", "0", "按笔收费 每笔 20 元", True),
    ("FX-FWD-01", "远期结售汇", "fx", "R2", 6, None, "corporate", "100000", "点差 0.05%", True),
    ("INS-01", "终身寿险（分红型）", "insurance", "R2", 120, None, "individual", "50000", "", True),
    ("WM-OLD-01", "已下架理财 R3", "wealth", "R3", 6, "3.80", "any", "10000", "", False),
]


def seed_shelf(book: Any) -> dict[str, str]:
    from kamdesk.models import Product

    ids = {}
    with book.session_scope(write=True) as s:
        for code, name, ptype, risk, term, rate, kind, minimum, fee, on_shelf in SHELF:
            p = Product(code=code, name=name, product_type=ptype, risk_level=risk, term_months=term,
                        rate=Decimal(rate) if rate else None, for_kind=kind, min_amount=Decimal(minimum), fee=fee,
                        on_shelf=on_shelf, description=f"{name}：产品说明。",
                        disclosure=f"{name}的风险揭示：本产品存在市场风险、流动性风险，请审慎决策。")
            s.add(p)
            ids[code] = p.id
    return ids


def seed_proposal_client(book: Any, today: dt.date, name: str = "上海张江生物医药股份有限公司",
                         short_name: str = "张江生物") -> str:
    """A corporate C2 client with a maturing deposit and questionnaire answers (financing, cash pooling)."""
    from kamdesk.models import Client, Holding, Product, QuestionnaireResponse, QuestionnaireTemplate

    with book.session_scope(write=True) as s:
        c = Client(kind="corporate", name=name, short_name=short_name, owner_id=book.user.id, team_id=book.user.team_id,
                   branch=book.user.branch, industry="医药制造业", city="上海", tier="strategic", risk_tolerance="C2",
                   risk_assessed_on=today - dt.timedelta(days=100), total_assets=Decimal("80000000"))
        c.credit_code = "91310000MA1FL4GG6H"
        s.add(c)
        s.flush()
        dep = s.query(Product).filter_by(code="DEP-001").one()
        s.add(Holding(client_id=c.id, product_id=dep.id, amount=Decimal("30000000"),
                      start_on=today - dt.timedelta(days=1000), maturity_on=today + dt.timedelta(days=20)))
        t = QuestionnaireTemplate(code="corp", name="大客户调研表", questions=[])
        s.add(t)
        s.add(QuestionnaireResponse(client_id=c.id, template_id=t.id,
                                    completed_at=dt.datetime.combine(today - dt.timedelta(days=20), dt.time(10)),
                                    answers={"financing_need": "有", "financing_purpose": ["流动资金周转"],
                                             "cash_management": "有意向", "fx_hedging": "无外汇敞口"}))
        return c.id


@pytest.fixture
def shelf(book):  # noqa: ANN001, ANN201
    return seed_shelf(book)


def codes(rows: list[Any]) -> list[str]:
    return [r.code for r in rows]


def test_lists_on_shelf_products_in_shelf_order(book, shelf) -> None:  # noqa: ANN001
    rows = products.list_products(book)
    assert "WM-OLD-01" not in codes(rows)
    assert codes(rows)[:2] == ["DEP-001", "WM-R2-01"]  # type order: deposit, wealth, fund, ...
    assert len(rows) == 7
    with_withdrawn = products.list_products(book, on_shelf=None)
    assert "WM-OLD-01" in codes(with_withdrawn) and len(with_withdrawn) == 8
    assert codes(products.list_products(book, on_shelf=False)) == ["WM-OLD-01"]


def test_filters_by_type_risk_kind_and_text(book, shelf) -> None:  # noqa: ANN001
    assert codes(products.list_products(book, product_type="wealth")) == ["WM-R2-01"]
    assert codes(products.list_products(book, risk_level="R2")) == ["WM-R2-01", "INS-01", "FX-FWD-01"]
    individual = codes(products.list_products(book, for_kind="individual"))
    assert "INS-01" in individual and "WM-R2-01" in individual and "DEP-001" not in individual
    corporate = codes(products.list_products(book, for_kind="corporate"))
    assert "INS-01" not in corporate and "LN-WC-01" in corporate
    assert set(codes(products.list_products(book, for_kind="any"))) == {"WM-R2-01", "FUND-R4-01"}
    assert codes(products.list_products(book, query="资金池")) == ["CM-POOL-01"]
    assert codes(products.list_products(book, query="ln-wc")) == ["LN-WC-01"]
    assert products.list_products(book, product_type="fund", risk_level="R1") == []


def test_rows_are_frozen_dtos_with_display_text(book, shelf) -> None:  # noqa: ANN001
    rows = {r.code: r for r in products.list_products(book)}
    dep = rows["DEP-001"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        dep.name = "x"  # type: ignore[misc]
    assert dep.type_label == "存款" and dep.price_text == "年化 2.15%" and dep.term_text == "36 个月"
    assert rows["LN-WC-01"].price_text == "年利率 3.45%"
    assert rows["CM-POOL-01"].price_text == "按笔收费 每笔 20 元" and rows["CM-POOL-01"].term_text == "不定期"
    assert dep.min_amount == Decimal("10000000") and "风险揭示" in dep.disclosure
    assert products.get_product(book, dep.id) == dep


def test_bad_filters_and_unknown_product(book, shelf) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError):
        products.list_products(book, product_type="crypto")
    with pytest.raises(ValidationError):
        products.list_products(book, risk_level="R9")
    with pytest.raises(ValidationError):
        products.list_products(book, for_kind="alien")
    with pytest.raises(NotFound):
        products.get_product(book, "no-such-id")


def test_every_role_with_read_access_sees_the_shelf(make_book) -> None:  # noqa: ANN001
    risk = make_book("risk_officer")
    seed_shelf(risk)
    assert len(products.list_products(risk)) == 7


def test_list_proposals_across_clients_with_filters(book, shelf) -> None:  # noqa: ANN001
    from kamdesk.services import proposals

    today = dt.date.today()
    a = seed_proposal_client(book, today)
    b = seed_proposal_client(book, today, name="华东医药科技有限公司", short_name="华东医药")
    pa = proposals.create(book, a, [proposals.LineInput(shelf["LN-WC-01"], Decimal("6000000"))], today=today)
    pb = proposals.create(book, b, [proposals.LineInput(shelf["WM-R2-01"], Decimal("2000000"))], today=today)
    proposals.issue(book, pb.id, today=today)
    rows = proposals.list_proposals(book)
    assert {r.id for r in rows} == {pa.id, pb.id}
    assert [r.id for r in proposals.list_proposals(book, status="issued")] == [pb.id]
    assert [r.client_name for r in proposals.list_proposals(book, client_query="华东")] == ["华东医药科技有限公司"]
    assert [r.id for r in proposals.list_proposals(book, client_query="zjsw")] == [pa.id]  # pinyin initials of 张江生物
    assert proposals.list_proposals(book, client_query="不存在的客户名") == []
    with pytest.raises(ValidationError):
        proposals.list_proposals(book, status="lost")
