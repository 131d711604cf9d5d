"""The proposal document model: validation, immutability, derived totals."""
from __future__ import annotations

import dataclasses
from datetime import datetime
from decimal import Decimal

import pytest

from kamdesk.proposals.document import (
    ClientKind,
    ProductLine,
    ProposalStatus,
    SummaryField,
    Watermark,
    risk_exceeds_tolerance,
)
from kamdesk.proposals.samples import sample_products, sample_proposal


def _line(**changes) -> ProductLine:
    return dataclasses.replace(sample_products(1)[0], **changes)


def test_sequences_are_frozen_as_tuples() -> None:
    doc = sample_proposal(products=3)
    rebuilt = dataclasses.replace(doc, needs=list(doc.needs), terms=["一条"])
    assert isinstance(rebuilt.needs, tuple) and rebuilt.terms == ("一条",)
    assert isinstance(rebuilt.client.fields, tuple)
    with pytest.raises(dataclasses.FrozenInstanceError):
        rebuilt.title = "x"  # type: ignore[misc]


def test_status_and_kind_accept_their_string_values() -> None:
    doc = sample_proposal(products=1)
    assert dataclasses.replace(doc, status="draft").status is ProposalStatus.DRAFT
    assert ProposalStatus.ACCEPTED.label == "已接受"
    assert ClientKind("individual").label == "个人客户"
    with pytest.raises(ValueError):
        dataclasses.replace(doc, status="archived")


def test_product_amounts_must_be_decimal_never_float() -> None:
    with pytest.raises(TypeError):
        _line(amount=1000.0)
    with pytest.raises(TypeError):
        _line(expected_annual_yield=12.5)
    assert _line(amount=5000).amount == Decimal(5000)


@pytest.mark.parametrize(
    "changes",
    [{"risk_level": "R6"}, {"risk_level": "r1"}, {"amount": Decimal(-1)}, {"term_months": 0}],
)
def test_product_line_validation(changes: dict) -> None:
    with pytest.raises(ValueError):
        _line(**changes)


def test_client_risk_tolerance_is_checked() -> None:
    client = sample_proposal(products=1).client
    with pytest.raises(ValueError, match="C1..C5"):
        dataclasses.replace(client, risk_tolerance="C6")
    assert client.tolerance_label == "平衡型"


def test_a_sensitive_field_needs_a_masked_value() -> None:
    with pytest.raises(ValueError, match="masked_value"):
        SummaryField("证件号码", "110105199001011234", sensitive=True)
    SummaryField("证件号码", "110105199001011234", True, "110105********1234")


def test_risk_over_tolerance() -> None:
    assert risk_exceeds_tolerance("R4", "C3")
    assert not risk_exceeds_tolerance("R3", "C3")
    assert not risk_exceeds_tolerance("R1", "C1")
    doc = sample_proposal()
    assert [p.risk_level for p in doc.products_over_tolerance] == ["R4"]


def test_totals_ignore_missing_figures() -> None:
    doc = sample_proposal()
    assert doc.total_amount == Decimal("161500000")
    assert doc.total_expected_yield == Decimal("2275000.00")
    assert doc.total_annual_cost == Decimal("1554750.00")


def test_watermark_defaults_to_the_rm_and_now() -> None:
    doc = dataclasses.replace(sample_proposal(products=1), watermark=None)
    mark = doc.watermark_now()
    assert mark.rm_name == doc.rm.name and mark.proposal_id == doc.proposal_id
    assert abs((datetime.now() - mark.rendered_at).total_seconds()) < 60
    fixed = Watermark("李晓雯", datetime(2026, 11, 28, 15, 4, 59), "P-1")
    assert fixed.text == "李晓雯 2026-11-28 15:04 P-1"
