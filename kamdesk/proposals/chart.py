"""The allocation chart: a pie of recommended amounts by product type, with a legend."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib.colors import white
from reportlab.lib.units import mm

from kamdesk.proposals.document import ProductLine
from kamdesk.proposals.money import choose_unit, format_number
from kamdesk.proposals.styles import Styles

__all__ = ["allocation_by_type", "allocation_chart"]

_MIN_SHARE_FOR_LABEL = Decimal("0.06")  # smaller slices get no in-slice label


def allocation_by_type(products: Iterable[ProductLine]) -> list[tuple[str, Decimal]]:
    """Amounts summed by product type, largest first (ties in first-seen order)."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for product in products:
        totals[product.product_type] += product.amount
    return sorted(totals.items(), key=lambda item: -item[1])


def allocation_chart(products: Iterable[ProductLine], styles: Styles, width: float) -> Drawing | None:
    """A pie chart with a legend table (type, amount, share), or None when nothing to show."""
    groups = [(name, amount) for name, amount in allocation_by_type(products) if amount > 0]
    if not groups:
        return None
    total = sum((amount for _, amount in groups), Decimal(0))
    unit = choose_unit(*(amount for _, amount in groups))
    colours = [styles.palette.chart[i % len(styles.palette.chart)] for i in range(len(groups))]
    shares = [amount / total for _, amount in groups]

    row_height = 15
    legend_rows = len(groups) + 1
    diameter = 46 * mm
    height = max(diameter + 8 * mm, legend_rows * row_height + 10 * mm)
    drawing = Drawing(width, height)
    # The renderer starts a drawing on Helvetica unless told otherwise.
    drawing.initialFontName, drawing.initialFontSize = styles.font, 8

    pie = Pie()
    pie.x, pie.y = 6 * mm, (height - diameter) / 2
    pie.width = pie.height = diameter
    pie.data = [float(amount) for _, amount in groups]  # geometry only; figures print from Decimals
    pie.startAngle = 90
    pie.direction = "clockwise"
    pie.simpleLabels = 1
    pie.labels = [f"{share:.0%}" if share >= _MIN_SHARE_FOR_LABEL else "" for share in shares]
    pie.slices.labelRadius = 0.68
    pie.slices.fontName = styles.font
    pie.slices.fontSize = 7.5
    pie.slices.strokeColor = white
    pie.slices.strokeWidth = 1
    for i, colour in enumerate(colours):
        pie.slices[i].fillColor = colour
        # White labels on dark slices, dark ones on light slices (relative luminance).
        luminance = 0.2126 * colour.red + 0.7152 * colour.green + 0.0722 * colour.blue
        pie.slices[i].fontColor = styles.palette.text if luminance > 0.6 else white
    drawing.add(pie)

    # The legend is a small table drawn beside the pie: swatch, type, amount, share.
    x_swatch = pie.x + diameter + 14 * mm
    x_name = x_swatch + 14
    x_amount = x_name + 52 * mm  # right edges
    x_share = x_amount + 22 * mm
    y = height / 2 + legend_rows * row_height / 2 - 10

    def text(x: float, value: str, *, anchor: str = "start", colour=styles.palette.text, size: float = 8.5):
        drawing.add(String(x, y, value, fontName=styles.font, fontSize=size, fillColor=colour, textAnchor=anchor))

    muted = styles.palette.muted
    text(x_name, "产品类型", colour=muted, size=8)
    text(x_amount, f"金额（{unit.label}）", anchor="end", colour=muted, size=8)
    text(x_share, "占比", anchor="end", colour=muted, size=8)
    drawing.add(Line(x_swatch, y - 5, x_share, y - 5, strokeColor=styles.palette.rule, strokeWidth=0.5))
    for colour, (name, amount), share in zip(colours, groups, shares):
        y -= row_height
        drawing.add(Rect(x_swatch, y - 1, 8, 8, fillColor=colour, strokeColor=None))
        text(x_name, name)
        text(x_amount, format_number(amount, unit), anchor="end")
        text(x_share, f"{share:.1%}", anchor="end")
    return drawing
