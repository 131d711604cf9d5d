"""Money formatting: 元/万元/亿元 figures and 大写金额 (uppercase amounts)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from kamdesk.proposals.money import (
    AmountUnit,
    amount_in_words,
    as_decimal,
    choose_unit,
    format_amount,
    format_number,
    quantize_fen,
)

D = Decimal


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        # the brief's and the PBOC rules' examples
        ("100010.50", "壹拾万零壹拾元伍角"),
        ("0", "零元整"),
        ("0.00", "零元整"),
        ("1000000001.01", "壹拾亿零壹元零壹分"),
        ("10.00", "壹拾元整"),
        ("0.05", "伍分"),
        ("0.50", "伍角"),
        ("0.55", "伍角伍分"),
        ("100000000", "壹亿元整"),
        ("1409.50", "壹仟肆佰零玖元伍角"),
        ("6007.14", "陆仟零柒元壹角肆分"),
        ("1680.32", "壹仟陆佰捌拾元叁角贰分"),
        ("107000.53", "壹拾万柒仟元伍角叁分"),
        ("16409.02", "壹万陆仟肆佰零玖元零贰分"),
        ("325.04", "叁佰贰拾伍元零肆分"),
        # zeros inside and across the 万 and 亿 groups
        ("1", "壹元整"),
        ("10", "壹拾元整"),
        ("11", "壹拾壹元整"),
        ("101", "壹佰零壹元整"),
        ("110", "壹佰壹拾元整"),
        ("1001", "壹仟零壹元整"),
        ("1010", "壹仟零壹拾元整"),
        ("10000", "壹万元整"),
        ("10001", "壹万零壹元整"),
        ("10010", "壹万零壹拾元整"),
        ("11000", "壹万壹仟元整"),
        ("100000", "壹拾万元整"),
        ("1000100", "壹佰万零壹佰元整"),
        ("10001000", "壹仟万壹仟元整"),  # zeros ending a group are not read; see money.py
        ("100001000", "壹亿零壹仟元整"),
        ("101000000", "壹亿零壹佰万元整"),
        ("110000000", "壹亿壹仟万元整"),
        ("1000000000", "壹拾亿元整"),
        ("100000000000", "壹仟亿元整"),
        ("1000000000000", "壹万亿元整"),
        ("1234567890123.45", "壹万贰仟叁佰肆拾伍亿陆仟柒佰捌拾玖万零壹佰贰拾叁元肆角伍分"),
        ("20000000.09", "贰仟万元零玖分"),
        ("3.10", "叁元壹角"),
        ("3.01", "叁元零壹分"),
        ("99999999.99", "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
        # negatives and rounding to the fen (half up)
        ("-1.5", "负壹元伍角"),
        ("-100000000", "负壹亿元整"),
        ("-0.001", "零元整"),
        ("0.005", "壹分"),
        ("2.675", "贰元陆角捌分"),
    ],
)
def test_amount_in_words(amount: str, words: str) -> None:
    assert amount_in_words(D(amount)) == words


def test_amount_in_words_accepts_int() -> None:
    assert amount_in_words(100_000_000) == "壹亿元整"


@pytest.mark.parametrize("bad", [1.5, "12", None, True])
def test_floats_and_other_types_are_refused(bad: object) -> None:
    with pytest.raises(TypeError):
        amount_in_words(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        format_amount(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [D("NaN"), D("Infinity"), D("-Infinity")])
def test_non_finite_amounts_are_refused(bad: Decimal) -> None:
    with pytest.raises(ValueError):
        as_decimal(bad)


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        ("0", "0.00 元"),
        ("0.005", "0.01 元"),
        ("1234.5", "1,234.50 元"),
        ("9999.99", "9,999.99 元"),
        ("10000", "1.00 万元"),
        ("12345678", "1,234.57 万元"),
        ("99999999.99", "10,000.00 万元"),
        ("100000000", "1.00 亿元"),
        ("123456789012", "1,234.57 亿元"),
        ("-25000", "-2.50 万元"),
        ("-12.345", "-12.35 元"),
    ],
)
def test_format_amount_chooses_unit_by_magnitude(amount: str, text: str) -> None:
    assert format_amount(D(amount)) == text


def test_format_amount_in_a_given_unit() -> None:
    assert format_amount(D("1234567.891"), AmountUnit.YUAN) == "1,234,567.89 元"
    assert format_amount(D("50000"), AmountUnit.YI) == "0.00 亿元"
    assert format_number(D("30000000"), AmountUnit.WAN) == "3,000.00"


def test_choose_unit_for_a_column_follows_the_largest_magnitude() -> None:
    assert choose_unit(D("5"), D("8000")) is AmountUnit.YUAN
    assert choose_unit(D("5"), D("-20000")) is AmountUnit.WAN
    assert choose_unit(D("5"), D("300000000")) is AmountUnit.YI
    assert choose_unit() is AmountUnit.YUAN


def test_quantize_fen_has_no_negative_zero() -> None:
    assert str(quantize_fen(D("-0.004"))) == "0.00"
    assert str(quantize_fen(D("1.005"))) == "1.01"
