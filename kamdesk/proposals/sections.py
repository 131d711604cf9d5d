"""The parts of a proposal, each turned into platypus flowables.

Each `*_section` function takes the document, the template and its styles and returns a
list of flowables; `render.py` strings them together. All text from the document goes
through `para()` (escaped) and CJK-wrapping styles, so nothing overflows its cell.
"""
from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from kamdesk.proposals.chart import allocation_chart
from kamdesk.proposals.document import ProductLine, ProposalDoc, SummaryField
from kamdesk.proposals.money import AmountUnit, amount_in_words, choose_unit, format_number
from kamdesk.proposals.styles import Styles, css, data_table, para, table
from kamdesk.proposals.template import Template

__all__ = ["OutlineAnchor", "SectionHeading", "body_sections", "cover", "shown_value"]

DASH = "—"
OVER_TOLERANCE_MARK = "※"


class OutlineAnchor(Flowable):
    """An invisible mark that becomes an entry of the PDF outline (bookmarks)."""

    def __init__(self, title: str, key: str, *, level: int = 0) -> None:
        super().__init__()
        self.title, self.outline_key, self.level = title, key, level

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


class SectionHeading(OutlineAnchor):
    """A section title with a rule under it; also an entry of the PDF outline."""

    def __init__(self, title: str, key: str, styles: Styles, *, level: int = 0) -> None:
        super().__init__(title, key, level=level)
        self._styles = styles
        self._size = styles.heading_size if level == 0 else 11
        # A sub-heading stays with what follows (a chart, which cannot split). A section
        # heading relies on the CondPageBreak of `section()` instead: keeping it with a long
        # table would push the whole table to the next page and leave a half-empty one.
        self.keepWithNext = int(level > 0)
        self.spaceBefore = 14 if level == 0 else 8
        self.spaceAfter = 8 if level == 0 else 4

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self._size + 9

    def draw(self) -> None:
        canvas, p = self.canv, self._styles.palette
        baseline = 8
        if self.level == 0:
            canvas.setFillColor(p.accent)
            canvas.rect(0, baseline - 1, 3, self._size, stroke=0, fill=1)
            canvas.setStrokeColor(p.rule)
            canvas.setLineWidth(0.6)
            canvas.line(0, 0, self.width, 0)
        canvas.setFillColor(p.primary)
        canvas.setFont(self._styles.font, self._size)
        canvas.drawString(9 if self.level == 0 else 0, baseline, self.title)


class Logo(Flowable):
    """The template's logo, square. Drawn with the same call as the page header's logo, so
    the PDF holds the image once (platypus' Image would embed a second copy)."""

    def __init__(self, path: Path, size: float) -> None:
        super().__init__()
        self.path, self.size = path, size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        self.canv.drawImage(str(self.path), 0, 0, self.size, self.size, mask="auto")


SECTION_MIN_SPACE = 45 * mm


def section(title: str, key: str, styles: Styles) -> list[Flowable]:
    """The start of a section: a new page unless some room is left, then the heading."""
    return [CondPageBreak(SECTION_MIN_SPACE), SectionHeading(title, key, styles)]


def shown_value(field: SummaryField, template: Template) -> str:
    """What the PDF prints for a summary field under the template's recipient policy."""
    if field.sensitive and template.recipient_policy.mask_sensitive:
        assert field.masked_value is not None  # enforced by SummaryField
        return field.masked_value
    return field.value


def cover(doc: ProposalDoc, template: Template, styles: Styles, width: float) -> list[Flowable]:
    bank = doc.bank or template.bank
    s = styles
    logo = Logo(template.logo_path, 17 * mm)
    masthead = table(
        [[logo, [para(bank.name, s.cover_bank), para(bank.branch, s.cover_branch)]]],
        [22 * mm, width - 22 * mm],
        s,
        [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)],
    )
    info = [
        ("客户经理", f"{doc.rm.name}（{doc.rm.title}）"),
        ("所属机构", doc.rm.branch),
        ("方案编号", doc.proposal_id),
        ("版本", f"第 {doc.version} 版（{doc.status.label}）"),
        ("编制日期", f"{doc.created_at:%Y年%m月%d日}"),
        ("有效期至", f"{doc.valid_until:%Y年%m月%d日}"),
    ]
    info_table = table(
        [[para(k, s.label), para(v, s.body)] for k, v in info],
        [24 * mm, width - 24 * mm],
        s,
        [
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, s.palette.rule),
            ("LINEABOVE", (0, 0), (-1, 0), 0.8, s.palette.primary),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ],
    )
    note = table(
        [[para(template.cover.note, s.cover_note)]],
        [width],
        s,
        [
            ("LINEBEFORE", (0, 0), (0, 0), 2, s.palette.accent),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("BACKGROUND", (0, 0), (-1, -1), s.palette.stripe),
            ("TOPPADDING", (0, 0), (-1, -1), 6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
        ],
    )
    return [
        OutlineAnchor("封面", "cover"),
        masthead,
        Spacer(1, 30 * mm),
        para(template.cover.kicker, s.cover_kicker),
        para(doc.title, s.cover_title),
        para(f"{template.cover.recipient_prefix}：{doc.client.client_name}", s.cover_client),
        Spacer(1, 22 * mm),
        info_table,
        Spacer(1, 12 * mm),
        note,
    ]


def body_sections(doc: ProposalDoc, template: Template, styles: Styles, width: float) -> list[Flowable]:
    return [
        *summary_section(doc, template, styles, width),
        *needs_section(doc, template, styles),
        *solution_section(doc, template, styles, width),
        *returns_section(doc, template, styles, width),
        *suitability_section(doc, template, styles),
        *disclosures_section(doc, template, styles),
        *terms_section(doc, template, styles),
        *contact_section(doc, template, styles, width),
    ]


def summary_section(doc: ProposalDoc, template: Template, styles: Styles, width: float) -> list[Flowable]:
    s, c = styles, doc.client
    label_w = 30 * mm
    value_w = width / 2 - label_w
    pairs = [
        ("客户类型", c.client_kind.label),
        ("客户等级", c.tier),
        ("风险承受能力", f"{c.risk_tolerance}（{c.tolerance_label}）"),
        ("评估日期", f"{c.assessment_date:%Y-%m-%d}"),
        *((f.label, shown_value(f, template)) for f in c.fields),
    ]
    if len(pairs) % 2:
        pairs.append(("", ""))
    rows = [[para("客户名称", s.label), para(c.client_name, s.body), "", ""]]
    for (k1, v1), (k2, v2) in zip(pairs[::2], pairs[1::2]):
        rows.append([para(k1, s.label), para(v1, s.cell), para(k2, s.label), para(v2, s.cell)])
    grid = table(
        rows,
        [label_w, value_w, label_w, value_w],
        s,
        [
            ("SPAN", (1, 0), (3, 0)),
            ("GRID", (0, 0), (-1, -1), 0.4, s.palette.rule),
            ("BACKGROUND", (0, 0), (0, -1), s.palette.stripe),
            ("BACKGROUND", (2, 1), (2, -1), s.palette.stripe),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ],
    )
    return [*section(template.sections.summary, "summary", s), grid]


def needs_section(doc: ProposalDoc, template: Template, styles: Styles) -> list[Flowable]:
    if not doc.needs:
        return []
    s = styles
    out: list[Flowable] = [*section(template.sections.needs, "needs", s)]
    for i, need in enumerate(doc.needs, 1):
        block = [para(f"{i}. {need.title}", s.subheading), para(need.detail, s.body)]
        if need.source:
            block.append(para(f"信息来源：{need.source}", s.muted))
        out.append(KeepTogether(block))
    return out


def _term(product: ProductLine) -> str:
    return f"{product.term_months} 个月" if product.term_months else DASH


def solution_section(doc: ProposalDoc, template: Template, styles: Styles, width: float) -> list[Flowable]:
    s = styles
    out: list[Flowable] = [*section(template.sections.solution, "solution", s)]
    if not doc.products:
        return out + [para("本方案暂无推荐产品。", s.body)]
    unit = choose_unit(*(p.amount for p in doc.products))
    over = set(doc.products_over_tolerance)
    header = ["序号", "产品名称", "产品类型", "风险等级", f"金额（{unit.label}）", "期限", "利率/费率", "推荐理由"]
    rows: list[list[object]] = [[para(h, s.cell_header_right if i == 4 else s.cell_header) for i, h in enumerate(header)]]
    for i, p in enumerate(doc.products, 1):
        mark = f' <font color="{css(s.palette.warning)}">{OVER_TOLERANCE_MARK}</font>' if p in over else ""
        rows.append([
            str(i),
            para(p.name, s.cell, markup=f'<br/><font size="7" color="{css(s.palette.muted)}">{escape(p.code)}</font>'),
            para(p.product_type, s.cell),
            para(p.risk_level, s.cell, markup=f'{mark}<br/><font size="7">{p.risk_label}</font>'),
            format_number(p.amount, unit),
            _term(p),
            para(p.rate_or_fee, s.cell),
            para(p.reason, s.cell),
        ])
    rows.append(["", "合计", "", "", format_number(doc.total_amount, unit), "", "", ""])
    fractions = (0.055, 0.23, 0.10, 0.095, 0.115, 0.085, 0.13, 0.19)
    out.append(data_table(rows, [f * width for f in fractions], s, total_row=True, centred=(0,), numeric=(4,)))
    if over:
        out.append(Spacer(1, 3))
        out.append(para(f"{OVER_TOLERANCE_MARK} 该产品风险等级高于客户风险承受能力，详见“{template.sections.suitability}”。", s.muted))
    chart = allocation_chart(doc.products, s, width)
    if chart is not None:
        out += [SectionHeading(template.sections.allocation, "allocation", s, level=1), chart]
    return out


def _money(value: Decimal | None) -> str:
    return DASH if value is None else format_number(value, AmountUnit.YUAN)


def returns_section(doc: ProposalDoc, template: Template, styles: Styles, width: float) -> list[Flowable]:
    if not doc.products:
        return []
    s = styles
    header = ["序号", "产品名称", "配置金额（元）", "预期年化收益（元）", "年化成本（元）", "利率/费率"]
    rows: list[list[object]] = [
        [para(h, s.cell_header_right if 2 <= i <= 4 else s.cell_header) for i, h in enumerate(header)]
    ]
    for i, p in enumerate(doc.products, 1):
        rows.append([
            str(i),
            para(p.name, s.cell),
            _money(p.amount),
            _money(p.expected_annual_yield),
            _money(p.annual_cost),
            para(p.rate_or_fee, s.cell),
        ])
    totals = (doc.total_amount, doc.total_expected_yield, doc.total_annual_cost)
    rows.append(["", "合计", *(_money(t) for t in totals), ""])
    fractions = (0.055, 0.305, 0.17, 0.17, 0.15, 0.15)
    breakdown = data_table(rows, [f * width for f in fractions], s, total_row=True, centred=(0,), numeric=(2, 3, 4))

    words_rows = [
        [para(label, s.label), para(f"{format_number(value)} 元", s.cell_right), para(f"人民币（大写）{amount_in_words(value)}", s.cell)]
        for label, value in zip(("方案金额合计", "预期年化收益合计", "预期年化成本合计"), totals)
    ]
    words = table(
        words_rows,
        [0.2 * width, 0.22 * width, 0.58 * width],
        s,
        [
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, s.palette.rule),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (0, -1), 0),
            ("LEFTPADDING", (2, 0), (2, -1), 12),
        ],
    )
    return [
        *section(template.sections.returns, "returns", s),
        breakdown,
        Spacer(1, 8),
        KeepTogether([words]),
        Spacer(1, 6),
        para(template.notes.returns, s.muted),
    ]


def suitability_section(doc: ProposalDoc, template: Template, styles: Styles) -> list[Flowable]:
    s, c = styles, doc.client
    out: list[Flowable] = [
        *section(template.sections.suitability, "suitability", s),
        para(
            f"客户风险承受能力评估结果：{c.risk_tolerance}（{c.tolerance_label}），评估日期：{c.assessment_date:%Y-%m-%d}。",
            s.body,
        ),
    ]
    over = doc.products_over_tolerance
    if not over:
        out.append(para(template.notes.suitability_within, s.body))
    else:
        out.append(para(template.notes.suitability_over, s.warning))
        out += [para(f"{OVER_TOLERANCE_MARK} {p.name}（{p.code}）：{p.risk_level} {p.risk_label}", s.numbered) for p in over]
    if doc.suitability_notes:
        out.append(para("适当性说明", s.subheading))
        out += _numbered(doc.suitability_notes, s)
    return out


def _numbered(items: Sequence[str], styles: Styles, start: int = 1) -> list[Flowable]:
    return [para(f"{i}. {text}", styles.numbered) for i, text in enumerate(items, start)]


def _merged(own: Sequence[str], fixed: Sequence[str]) -> list[str]:
    """The document's items, then the template's fixed wording, each text once (a caller
    may already have copied the template's items into the document)."""
    return list(dict.fromkeys([*own, *fixed]))


def disclosures_section(doc: ProposalDoc, template: Template, styles: Styles) -> list[Flowable]:
    s = styles
    out: list[Flowable] = [*section(template.sections.disclosures, "disclosures", s)]
    for p in doc.products:
        out.append(KeepTogether([
            para(f"{p.name}（{p.code}）· {p.risk_level} {p.risk_label}", s.subheading),
            para(p.disclosure, s.body),
        ]))
    out.append(para("一般风险提示", s.subheading))
    out += _numbered(_merged(doc.general_disclosures, template.disclaimer), s)
    return out


def terms_section(doc: ProposalDoc, template: Template, styles: Styles) -> list[Flowable]:
    return [
        *section(template.sections.terms, "terms", styles),
        *_numbered(_merged(doc.terms, template.terms), styles),
    ]


def contact_section(doc: ProposalDoc, template: Template, styles: Styles, width: float) -> list[Flowable]:
    s, rm = styles, doc.rm
    bank = doc.bank or template.bank
    contact_rows = [
        ("客户经理", f"{rm.name}（{rm.title}）"),
        ("所属机构", rm.branch),
        ("联系电话", rm.phone),
        ("电子邮箱", rm.email),
        ("客服热线", bank.hotline),
        ("地址", bank.address),
    ]
    contact = table(
        [[para(k, s.label), para(v, s.body)] for k, v in contact_rows if v],
        [24 * mm, width - 24 * mm],
        s,
        [
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, s.palette.rule),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (0, -1), 0),
        ],
    )
    signature = _signature_block(template, s, width)
    return [
        *section(template.sections.contact, "contact", s),
        contact,
        Spacer(1, 14),
        KeepTogether([para(template.signature.intro, s.body), Spacer(1, 10), signature]),
    ]


def _signature_block(template: Template, styles: Styles, width: float) -> Flowable:
    """Client and RM signature lines with dates, and room for the bank's seal."""
    sig, s = template.signature, styles
    label_w, gap = 38 * mm, 10 * mm
    line_w = (width - 2 * label_w - gap) / 2

    def date_blank() -> Flowable:
        spaces = "\u00a0" * 6  # no-break spaces: a Paragraph collapses ordinary ones
        return para(f"年{spaces}月{spaces}日", s.cell_right)

    rows = [
        [para(f"{sig.client}：", s.body), "", "", para(f"{sig.rm}：", s.body), ""],
        [para(f"{sig.date}：", s.body), date_blank(), "", para(f"{sig.date}：", s.body), date_blank()],
        ["", "", "", para(f"{sig.bank_seal}：", s.body), ""],
    ]
    rule = s.palette.text
    return table(
        rows,
        [label_w, line_w, gap, label_w, line_w],
        s,
        [
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("LINEBELOW", (1, 0), (1, 1), 0.6, rule),
            ("LINEBELOW", (4, 0), (4, 1), 0.6, rule),
        ],
        rowHeights=[34, 30, 48],
    )
