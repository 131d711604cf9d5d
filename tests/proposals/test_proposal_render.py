"""The rendered proposal PDF, checked the way a reader's tools see it: poppler's
pdftotext/pdffonts/pdfinfo, qpdf, and pdfium for the page objects and the outline."""
from __future__ import annotations

import dataclasses
import io
import json
import math
import re
import shutil
import subprocess
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from reportlab.lib.units import mm

from kamdesk.proposals import ProposalDoc, amount_in_words, load_template, render_proposal
from kamdesk.proposals.fonts import FONT_NAME, ensure_font
from kamdesk.proposals.money import format_number
from kamdesk.proposals.page import WATERMARK_ANGLE, WATERMARK_TILES, page_label
from kamdesk.proposals.samples import LONG_CLIENT_NAME, SENSITIVE_FIELDS, sample_proposal
from kamdesk.proposals.template import DEFAULT_TEMPLATE_DIR
from tests.proposals.pdfcheck import Poppler, flat

MARGIN = 20 * mm


def _toc(pdf: Path) -> list[tuple[int, str, int]]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [(item.level, item.get_title(), item.get_dest().get_index()) for item in document.get_toc()]
    finally:
        document.close()


# -- text comes back exactly ---------------------------------------------------------------


@pytest.mark.parametrize("layout", [False, True], ids=["reading-order", "layout"])
def test_names_and_disclosures_come_back_exactly(poppler: Poppler, long_pdf: Path, long_doc: ProposalDoc,
                                                 layout: bool) -> None:
    text = flat(poppler.text(long_pdf, layout=layout))
    assert len(flat(LONG_CLIENT_NAME)) >= 60
    assert flat(f"致：{LONG_CLIENT_NAME}") in text
    for product in long_doc.products:
        assert flat(product.name) in text, product.name
        assert flat(product.code) in text
        assert flat(product.disclosure) in text, product.code
    for need in long_doc.needs:
        assert flat(need.detail) in text
    for disclaimer in load_template().disclaimer:
        assert flat(disclaimer) in text
    assert flat(long_doc.rm.email) in text


def test_cover_lines_are_whole_in_reading_order(poppler: Poppler, long_pdf: Path, long_doc: ProposalDoc) -> None:
    cover = poppler.text(long_pdf, page=1)
    assert long_doc.title in cover
    assert long_doc.proposal_id in cover
    assert "第 2 版（已出具）" in cover
    assert "2027年02月28日" in cover


def test_amounts_are_formatted_and_total_in_words(poppler: Poppler, long_pdf: Path, long_doc: ProposalDoc) -> None:
    text = poppler.text(long_pdf, layout=True)
    assert "金额（万元）" in text and "16,150.00" in text  # the solution table, in 万元
    assert "161,500,000.00" in text  # the returns table, in 元
    assert "2,275,000.00" in text and "1,554,750.00" in text
    for total in (long_doc.total_amount, long_doc.total_expected_yield, long_doc.total_annual_cost):
        assert flat(f"人民币（大写）{amount_in_words(total)}") in flat(text)
    assert amount_in_words(long_doc.total_amount) == "壹亿陆仟壹佰伍拾万元整"


def test_amount_columns_are_right_aligned(poppler: Poppler, long_pdf: Path, long_doc: ProposalDoc) -> None:
    """Every product amount (in 元, returns table) ends at the same x, whatever its width."""
    amounts = {format_number(p.amount) for p in long_doc.products}
    assert len({len(a) for a in amounts}) > 1
    right_edges = {
        round(x_max)
        for words in _words(poppler, long_pdf).values()
        for (_x, _y, x_max, _y2, word) in words
        if word in amounts
    }
    assert len(right_edges) == 1, right_edges


# -- fonts, structure, metadata ------------------------------------------------------------


def test_every_font_is_an_embedded_subset_and_no_helvetica(poppler: Poppler, long_pdf: Path) -> None:
    fonts = poppler.fonts(long_pdf)
    assert fonts
    for font in fonts:
        assert font["emb"] == "yes" and font["sub"] == "yes" and font["uni"] == "yes", font["line"]
        assert re.fullmatch(r"[A-Z]{6}\+WenQuanYiMicroHei.*", font["name"]), font["line"]
        assert "Helvetica" not in font["line"]


def test_qpdf_finds_no_errors(qpdf: str, long_pdf: Path, short_pdf: Path) -> None:
    for pdf in (long_pdf, short_pdf):
        result = subprocess.run([qpdf, "--check", str(pdf)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "No syntax or stream encoding errors" in result.stdout


def test_metadata(poppler: Poppler, long_pdf: Path, long_doc: ProposalDoc) -> None:
    info = poppler.info(long_pdf)
    assert info["Title"] == long_doc.title
    assert info["Author"] == f"KAMDesk 示范银行 {long_doc.rm.name}"
    assert long_doc.proposal_id in info["Subject"]
    assert info["Creator"] == "KAMDesk"
    assert info["Page size"].startswith("595.276 x 841.89")


def test_outline_points_at_the_pages_of_the_sections(poppler: Poppler, long_pdf: Path) -> None:
    toc = _toc(long_pdf)
    sections = load_template().sections
    titles = [title for _, title, _ in toc]
    assert titles == ["封面", sections.summary, sections.needs, sections.solution, sections.allocation,
                      sections.returns, sections.suitability, sections.disclosures, sections.terms,
                      sections.contact]
    assert toc[0][2] == 0 and toc[4][0] == 1
    for _, title, index in toc[1:]:
        assert title in poppler.text(long_pdf, page=index + 1), title
    assert [index for *_, index in toc] == sorted(index for *_, index in toc)
    assert toc[-1][2] == poppler.pages(long_pdf) - 1


# -- every page: footer and watermark ------------------------------------------------------


def test_page_footer_and_watermark_text_on_every_page(poppler: Poppler, long_pdf: Path, long_doc: ProposalDoc) -> None:
    total = poppler.pages(long_pdf)
    assert total >= 5
    mark = long_doc.watermark_now().text
    assert mark == "李晓雯 2026-11-28 15:04 P-2026-000123"
    for number in range(1, total + 1):
        for layout in (False, True):
            text = poppler.text(long_pdf, page=number, layout=layout)
            assert flat(page_label(number, total)) in flat(text), (number, layout)
            assert flat(mark) in flat(text), (number, layout)


def test_diagonal_watermark_shapes_on_every_page(long_pdf: Path, long_doc: ProposalDoc) -> None:
    glyphs = len(long_doc.watermark_now().text.replace(" ", ""))
    document = pdfium.PdfDocument(long_pdf)
    try:
        for page in document:
            in_form = [o for o in page.get_objects(max_depth=2)
                       if o.type == pdfium_c.FPDF_PAGEOBJ_PATH and o.level == 1]
            angles = {round(math.degrees(math.atan2(o.get_matrix().b, o.get_matrix().a))) for o in in_form}
            assert len(in_form) == glyphs * len(WATERMARK_TILES)
            assert angles == {WATERMARK_ANGLE}
    finally:
        document.close()


# -- sensitive client data -----------------------------------------------------------------


def _uncompressed(qpdf: str, pdf: Path, tmp_path: Path) -> bytes:
    out = tmp_path / "qdf.pdf"
    subprocess.run([qpdf, "--qdf", "--object-streams=disable", str(pdf), str(out)], check=True)
    return out.read_bytes()


def test_sensitive_values_are_masked_everywhere(poppler: Poppler, qpdf: str, long_pdf: Path,
                                                tmp_path: Path) -> None:
    text = poppler.text(long_pdf) + poppler.text(long_pdf, layout=True)
    raw = long_pdf.read_bytes() + _uncompressed(qpdf, long_pdf, tmp_path)
    info = json.dumps(poppler.info(long_pdf), ensure_ascii=False)
    outline = json.dumps(_toc(long_pdf), ensure_ascii=False)
    for field in SENSITIVE_FIELDS:
        assert field.masked_value and flat(field.masked_value) in flat(text), field.label
        for haystack in (text, flat(text), info, outline):
            assert field.value not in haystack and flat(field.value) not in haystack, field.label
        for encoded in (field.value.encode(), field.value.encode("utf-16-be")):
            assert encoded not in raw, field.label


def test_a_recipient_policy_without_masking_prints_the_values(poppler: Poppler, tmp_path: Path) -> None:
    folder = tmp_path / "internal"
    shutil.copytree(DEFAULT_TEMPLATE_DIR, folder)
    spec = json.loads((folder / "template.json").read_text(encoding="utf-8"))
    spec["recipient_policy"]["mask_sensitive"] = False
    (folder / "template.json").write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    pdf = tmp_path / "internal.pdf"
    render_proposal(sample_proposal(products=2), template=load_template(folder), out=pdf)
    text = flat(poppler.text(pdf))
    for field in SENSITIVE_FIELDS:
        assert flat(field.value) in text and flat(field.masked_value or "") not in text


# -- layout: nothing overflows or overlaps -------------------------------------------------


Word = tuple[float, float, float, float, str]


def _words(poppler: Poppler, pdf: Path) -> dict[int, list[Word]]:
    html = poppler._run("pdftotext", "-bbox", pdf, "-")
    pages: dict[int, list[Word]] = {}
    for number, page in enumerate(html.split("<page ")[1:], 1):
        pages[number] = [
            (float(a), float(b), float(c), float(d), w)
            for a, b, c, d, w in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page)
        ]
    return pages


@pytest.mark.parametrize("which", ["long_pdf", "short_pdf"])
def test_no_text_leaves_the_margins_or_overlaps(poppler: Poppler, which: str, request: pytest.FixtureRequest) -> None:
    pdf: Path = request.getfixturevalue(which)
    width, height = 595.2756, 841.8898
    for number, words in _words(poppler, pdf).items():
        assert words
        for x_min, y_min, x_max, y_max, word in words:
            assert MARGIN - 1 <= x_min and x_max <= width - MARGIN + 1, (number, word, x_min, x_max)
            assert 0 < y_min and y_max < height, (number, word)
        ordered = sorted(words, key=lambda w: w[1])
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:]:
                if b[1] >= a[3]:
                    break  # b starts below a: so do all the rest
                overlap_x = min(a[2], b[2]) - max(a[0], b[0])
                overlap_y = min(a[3], b[3]) - max(a[1], b[1])
                assert overlap_x <= 0.5 or overlap_y <= 0.5, (number, a, b)


# -- inputs and outputs --------------------------------------------------------------------


def test_output_to_a_path_or_a_stream(tmp_path: Path) -> None:
    doc = sample_proposal(products=1)
    stream = io.BytesIO()
    data = render_proposal(doc, out=stream)
    assert data.startswith(b"%PDF-") and stream.getvalue() == data
    target = tmp_path / "方案.pdf"
    data = render_proposal(doc, out=target)
    assert target.read_bytes()[:5] == b"%PDF-" and len(target.read_bytes()) == len(data)
    assert not list(tmp_path.glob("*.part"))


def test_markup_characters_in_names_print_as_written(poppler: Poppler, tmp_path: Path) -> None:
    doc = sample_proposal(client_name="A&B <测试> 贸易有限公司 & Co.", products=1)
    doc = dataclasses.replace(doc, title="R&D <专项> 方案")
    pdf = tmp_path / "markup.pdf"
    render_proposal(doc, out=pdf)
    text = poppler.text(pdf)
    assert "A&B <测试> 贸易有限公司 & Co." in text
    assert poppler.info(pdf)["Title"] == "R&D <专项> 方案"


def test_a_proposal_without_products_or_needs(poppler: Poppler, tmp_path: Path) -> None:
    doc = dataclasses.replace(sample_proposal(products=1), products=(), needs=(), suitability_notes=())
    pdf = tmp_path / "empty.pdf"
    render_proposal(doc, out=pdf)
    text = poppler.text(pdf)
    assert "本方案暂无推荐产品" in text
    sections = load_template().sections
    assert sections.allocation not in text and sections.needs not in text


def test_font_is_registered_once_per_process() -> None:
    from reportlab.pdfbase import pdfmetrics

    assert ensure_font() == FONT_NAME
    font = pdfmetrics.getFont(FONT_NAME)
    render_proposal(sample_proposal(products=1))
    assert ensure_font() == FONT_NAME and pdfmetrics.getFont(FONT_NAME) is font


def test_template_wording_is_printed_once_even_if_copied_into_the_document(poppler: Poppler, tmp_path: Path) -> None:
    template = load_template()
    doc = dataclasses.replace(sample_proposal(products=1), general_disclosures=template.disclaimer,
                              terms=("本方案特别约定。", *template.terms))
    pdf = tmp_path / "once.pdf"
    render_proposal(doc, out=pdf)
    text = flat(poppler.text(pdf))
    for item in (*template.disclaimer, *template.terms, "本方案特别约定。"):
        assert text.count(flat(item)) == 1, item


def test_concurrent_renders_on_worker_threads(poppler: Poppler, tmp_path: Path) -> None:
    """Services render on worker threads; renders running at once must not mix state."""
    from concurrent.futures import ThreadPoolExecutor

    from reportlab import rl_config

    a85_before = rl_config.useA85
    docs = [sample_proposal(products=n, client_name=f"并发测试客户{n}号有限公司") for n in (2, 4, 6, 8)]
    rounds = 3  # the subset race this guards against (see fonts.SUBSET_LOCK) was intermittent
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(render_proposal, docs * rounds))
    for n, (doc, data) in enumerate(zip(docs * rounds, results)):
        pdf = tmp_path / f"{n}.pdf"
        pdf.write_bytes(data)
        text = flat(poppler.text(pdf))
        assert flat(doc.client.client_name) in text
        assert all(flat(p.name) in text for p in doc.products)
        assert all(f["name"].endswith("WenQuanYiMicroHei-0") for f in poppler.fonts(pdf))
    assert rl_config.useA85 == a85_before  # the process-wide switch is restored
