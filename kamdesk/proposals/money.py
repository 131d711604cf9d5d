"""Money formatting for proposals: 元/万元/亿元 figures and 大写金额 (uppercase amounts).

Everything here works on `Decimal` (or `int`); a `float` is refused, because a binary
fraction cannot hold a fen exactly. Amounts are rounded half-up to the fen (0.01 元), the
rounding Chinese banks use on statements.

`amount_in_words` follows the rules of the People's Bank of China for writing amounts on
bills and vouchers (《支付结算办法》附件《正确填写票据和结算凭证的基本规定》):

- digits 零壹贰叁肆伍陆柒捌玖, units 拾佰仟万亿, currency units 元角分;
- "整" after 元 when there are no 角 and no 分; nothing after 角 or 分;
- one 零 for a run of zeros inside a four-digit group or at the head of a lower group
  (1,000,000,001 → 壹拾亿零壹元; 1,010 → 壹仟零壹拾元); zeros that only end a 万 or 亿
  group are not read (107,000.53 → 壹拾万柒仟元伍角叁分, 10,001,000 → 壹仟万壹仟元) —
  the rules give 壹拾万柒仟 and 壹拾万零柒仟 as equally correct;
- a leading ten is written 壹拾 (10 → 壹拾元整), never a bare 拾;
- when 元 ends in zeros and 角 is present, no 零 is written before 角
  (100,010.50 → 壹拾万零壹拾元伍角 — the rules allow either form; we pick one);
- when 角 is zero and 分 is not, 零 is written (16,409.02 → 壹万陆仟肆佰零玖元零贰分);
- below one 元 the 元 is omitted (0.05 → 伍分, 0.50 → 伍角); zero is 零元整;
- a negative amount is prefixed with 负.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

__all__ = [
    "AmountUnit",
    "amount_in_words",
    "as_decimal",
    "choose_unit",
    "format_amount",
    "format_number",
    "quantize_fen",
]

FEN = Decimal("0.01")
_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ("", "拾", "佰", "仟")


class AmountUnit(Enum):
    """A display unit and how many 元 it holds."""

    YUAN = ("元", 1)
    WAN = ("万元", 10_000)
    YI = ("亿元", 100_000_000)

    @property
    def label(self) -> str:
        return self.value[0]

    @property
    def factor(self) -> int:
        return self.value[1]


def as_decimal(value: Decimal | int, *, what: str = "amount") -> Decimal:
    """Return `value` as a finite Decimal; refuse floats, bools and non-finite values."""
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise TypeError(f"{what} must be a Decimal or int, not {type(value).__name__}")
    result = Decimal(value)
    if not result.is_finite():
        raise ValueError(f"{what} must be finite, got {value!r}")
    return result


def quantize_fen(value: Decimal | int) -> Decimal:
    """Round to the fen (two decimals), half-up; -0.00 becomes 0.00."""
    result = as_decimal(value).quantize(FEN, rounding=ROUND_HALF_UP)
    return result if result else abs(result)


def choose_unit(*amounts: Decimal | int) -> AmountUnit:
    """The unit that suits the largest magnitude among `amounts`: 亿元 from one hundred
    million, 万元 from ten thousand, else 元. Use one unit for a whole table column."""
    largest = max((abs(as_decimal(a)) for a in amounts), default=Decimal(0))
    for unit in (AmountUnit.YI, AmountUnit.WAN):
        if largest >= unit.factor:
            return unit
    return AmountUnit.YUAN


def format_number(amount: Decimal | int, unit: AmountUnit = AmountUnit.YUAN) -> str:
    """`amount` (in 元) expressed in `unit`, thousands separators, two decimals, no unit
    label: format_number(Decimal("12345678"), AmountUnit.WAN) == "1,234.57"."""
    scaled = as_decimal(amount) / unit.factor
    return f"{quantize_fen(scaled):,.2f}"


def format_amount(amount: Decimal | int, unit: AmountUnit | None = None) -> str:
    """`amount` (in 元) with its unit label; the unit is chosen by magnitude unless given:
    format_amount(Decimal("1234.5")) == "1,234.50 元",
    format_amount(Decimal("25000000")) == "2,500.00 万元"."""
    chosen = unit or choose_unit(amount)
    return f"{format_number(amount, chosen)} {chosen.label}"


def amount_in_words(amount: Decimal | int) -> str:
    """大写金额 of `amount` (in 元), e.g. Decimal("100010.50") → "壹拾万零壹拾元伍角"."""
    value = quantize_fen(amount)
    sign = "负" if value < 0 else ""
    fen_total = int(abs(value) * 100)
    yuan, cents = divmod(fen_total, 100)
    jiao, fen = divmod(cents, 10)
    if not yuan and not cents:
        return "零元整"
    parts = [sign]
    if yuan:
        parts.append(_integer_in_words(yuan) + "元")
    if not cents:
        parts.append("整")
        return "".join(parts)
    if jiao:
        parts.append(_DIGITS[jiao] + "角")
    elif yuan:
        parts.append("零")  # 角 is zero but 分 is not: the 零 is required
    if fen:
        parts.append(_DIGITS[fen] + "分")
    return "".join(parts)


def _integer_in_words(n: int) -> str:
    """Uppercase words for a positive integer, grouping by 亿 and 万."""
    for base, unit in ((100_000_000, "亿"), (10_000, "万")):
        if n >= base:
            high, low = divmod(n, base)
            words = _integer_in_words(high) + unit
            if low:
                # A gap in the lower part (it has fewer digits than the group) needs one 零.
                if low < base // 10:
                    words += "零"
                words += _integer_in_words(low)
            return words
    return _group_in_words(n)


def _group_in_words(n: int) -> str:
    """Uppercase words for 1..9999, one 零 for each run of inner zeros."""
    words: list[str] = []
    pending_zero = False
    for position in range(3, -1, -1):
        digit = n // 10**position % 10
        if digit:
            if pending_zero:
                words.append("零")
                pending_zero = False
            words.append(_DIGITS[digit] + _SMALL_UNITS[position])
        elif words:
            pending_zero = True
    return "".join(words)
