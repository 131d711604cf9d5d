"""Proposals as data: recommend, version, check, issue (blocked or overridden), render and audit."""
from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from decimal import Decimal

import pytest

from kamdesk.cli import main
from kamdesk.common.errors import KamdeskError, PermissionDenied, ValidationError
from kamdesk.models import Client, Holding, Product, QuestionnaireResponse, QuestionnaireTemplate
from kamdesk.services import audit, proposals, suitability
from tests.services.conftest import decide_remotely
from tests.support import PASSPHRASE

TODAY = dt.date(2026, 11, 28)
LONG_NAME = "上海浦东新区张江高科技园区国际生物医药创新研究与产业化发展集团股份有限公司第一分公司"
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")

SHELF = [
    ("DEP-001", "单位大额存单 3年期", "deposit", "R1", 36, "2.15", "corporate", "10000000"),
    ("WM-R2-01", "稳享固收增强理财 R2", "wealth", "R2", 12, "3.10", "any", "1000000"),
    ("FUND-R4-01", "科技成长股票型基金", "fund", "R4", None, "8.00", "any", "10000"),
    ("LN-WC-01", "流动资金贷款", "loan", "R1", 12, "3.45", "corporate", "5000000"),
    ("CM-POOL-01", "跨境双向资金池", "cash_management", "R1", None, None, "corporate", "0"),
    ("FX-FWD-01", "远期结售汇", "fx", "R2", 6, None, "corporate", "100000"),
]


@pytest.fixture
def client_id(book):
    with book.session_scope(write=True) as s:
        for code, name, ptype, risk, term, rate, kind, minimum in SHELF:
            s.add(Product(code=code, name=name, product_type=ptype, risk_level=risk, term_months=term,
                          rate=Decimal(rate) if rate else None, for_kind=kind, min_amount=Decimal(minimum),
                          disclosure=f"{name}的风险揭示：本产品存在市场风险、流动性风险，请审慎决策。"))
        c = Client(kind="corporate", name=LONG_NAME, short_name="张江生物", owner_id=book.user.id, industry="医药制造业",
                   city="上海", tier="strategic", risk_tolerance="C2", risk_assessed_on=TODAY - dt.timedelta(days=100),
                   total_assets=Decimal("80000000"))
        c.credit_code = "91310000MA1FL4GG6H"
        c.phone = "13812345678"
        c.annual_revenue = "1200000000"
        s.add(c)
        s.flush()
        dep = s.query(Product).filter_by(code="DEP-001").one()
        s.add(Holding(client_id=c.id, product_id=dep.id, amount=Decimal("30000000"), start_on=TODAY - dt.timedelta(days=1000),
                      maturity_on=TODAY + dt.timedelta(days=20)))
        t = QuestionnaireTemplate(code="corp", name="大客户调研表", questions=[])
        s.add(t)
        s.add(QuestionnaireResponse(client_id=c.id, template_id=t.id, completed_at=dt.datetime(2026, 11, 2, 10),
                                    answers={"financing_need": "有", "financing_purpose": ["流动资金周转"],
                                             "cash_management": "有意向", "fx_hedging": "无外汇敞口"}))
        return c.id


def _product(book, code):
    return proposals.product_by_code(book, code)


def test_recommendations_answer_needs_and_holdings_and_respect_suitability(book, client_id):
    recs = proposals.recommend(book, client_id, today=TODAY)
    codes = [r.code for r in recs]
    assert codes[0] == "DEP-001" and "到期" in recs[0].reason and recs[0].amount == Decimal("30000000")
    assert "LN-WC-01" in codes and "CM-POOL-01" in codes
    assert "FUND-R4-01" not in codes  # above the client's C2 tolerance
    assert "FX-FWD-01" not in codes  # the client said it has no FX exposure
    assert all(r.reason for r in recs)


def test_versions_keep_history(book, client_id):
    v1 = proposals.create(book, client_id, [proposals.LineInput(_product(book, "DEP-001"), Decimal("30000000"))],
                          today=TODAY)
    assert v1.version == 1 and v1.status == "draft" and v1.needs
    v2 = proposals.revise(book, v1.id, lines=[proposals.LineInput(_product(book, "WM-R2-01"), Decimal("5000000"))],
                          change_summary="改为理财")
    assert (v2.version, v2.series_id, v2.change_summary) == (2, v1.series_id, "改为理财")
    assert proposals.get(book, v1.id).lines[0]["code"] == "DEP-001"
    assert [p.version for p in proposals.list_for_client(book, client_id)] == [2, 1]


def test_unsuitable_product_blocks_issue_until_someone_else_approves_the_exception(book, client_id):
    """Hole 12: the RM's own override used to be enough to issue."""
    fund = _product(book, "FUND-R4-01")
    info = proposals.create(book, client_id, [proposals.LineInput(fund, Decimal("200000"), "客户要求")], today=TODAY)
    result = proposals.check(book, info.id, today=TODAY)
    assert not result.ok and result.issues[0].kind == "suitability" and result.issues[0].overridable
    with pytest.raises(KamdeskError, match="R4"):
        proposals.issue(book, info.id, today=TODAY)
    with pytest.raises(ValidationError):
        suitability.request_exception(book, client_id, fund, "  ", today=TODAY)  # a reason is required
    req = suitability.request_exception(book, client_id, fund, "客户书面确认自愿购买", proposal_id=info.id, today=TODAY)
    with pytest.raises(KamdeskError, match="待审批"):  # filed is not approved
        proposals.issue(book, info.id, today=TODAY)
    decide_remotely(book, req.batch_id, reason="客户已书面确认，同意")
    issued = proposals.issue(book, info.id, today=TODAY)
    assert issued.status == "issued"
    with book.session_scope() as s:
        requests = audit.events(s, action="approval.request")
        assert requests and json.loads(requests[0]["detail"])["reason"] == "客户书面确认自愿购买"
        assert audit.events(s, action="proposal.issue")


@needs_poppler
def test_the_pdf_states_the_approved_exception_in_words(book, client_id, tmp_path):
    """Hole 12: the PDF printed the raw JSON of the override's audit detail."""
    fund = _product(book, "FUND-R4-01")
    info = proposals.create(book, client_id, [proposals.LineInput(fund, Decimal("200000"), "客户要求")], today=TODAY)
    req = suitability.request_exception(book, client_id, fund, "客户书面确认自愿购买", proposal_id=info.id, today=TODAY)
    decide_remotely(book, req.batch_id, reason="客户已书面确认同意")
    out = tmp_path / "p.pdf"
    proposals.render(book, info.id, purpose="export", out=out)
    flat = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    flat = flat.replace("\n", "").replace(" ", "")
    for part in ("适当性例外审批", "科技成长股票型基金", "FUND-R4-01", "风险等级R4", "风险承受能力C2", "王晓明", "客户书面确认自愿购买",
                 "赵磊", "批准", "客户已书面确认同意"):
        assert part in flat, part
    assert "{" not in flat and "product_id" not in flat and req.batch_id not in flat


def test_amount_below_minimum_blocks(book, client_id):
    info = proposals.create(book, client_id, [proposals.LineInput(_product(book, "DEP-001"), Decimal("100000"))],
                            today=TODAY)
    issues = proposals.check(book, info.id, today=TODAY).issues
    assert [i.kind for i in issues] == ["amount"] and "起点金额" in issues[0].message


def test_expired_assessment_blocks(book, client_id):
    with book.session_scope(write=True) as s:
        s.get(Client, client_id).risk_assessed_on = TODAY - dt.timedelta(days=400)
    info = proposals.create(book, client_id, [proposals.LineInput(_product(book, "DEP-001"), Decimal("30000000"))],
                            today=TODAY)
    issues = proposals.check(book, info.id, today=TODAY).issues
    assert issues and "过期" in issues[0].message and not issues[0].overridable


@needs_poppler
def test_render_audits_sha256_and_never_prints_c2(book, client_id, tmp_path):
    lines = [proposals.LineInput(r.product_id, r.amount, r.reason) for r in proposals.recommend(book, client_id, today=TODAY)]
    info = proposals.create(book, client_id, lines, today=TODAY)
    out = tmp_path / "p.pdf"
    result = proposals.render(book, info.id, purpose="print", out=out)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    flat = text.replace("\n", "").replace(" ", "")
    assert "张江高科技园区" in flat and "流动资金贷款" in flat
    assert "91310000MA1FL4GG6H" not in text and "13812345678" not in text and "1200000000" not in text
    assert "91310000**********" in flat and "138****5678" in flat
    assert b"13812345678" not in out.read_bytes()
    with book.session_scope() as s:
        ev = audit.events(s, action="proposal.print")[0]
    assert json.loads(ev["detail"])["sha256"] == result.sha256 == proposals.get(book, info.id).pdf_sha256


def test_compliance_cannot_create(make_book):
    book = make_book("compliance_officer")
    with pytest.raises(PermissionDenied):
        proposals.create(book, "x", [], today=TODAY)


@needs_poppler
def test_cli_recommends_when_no_products_given(book, client_id, tmp_path, monkeypatch, capsys):
    book.close()
    monkeypatch.setenv("KAMDESK_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "cli.pdf"
    rc = main(["proposal", "--file", str(book.path), "--client", client_id, "--out", str(out), "--json",
               "--today", TODAY.isoformat()])
    assert rc == 0
    doc = json.loads(capsys.readouterr().out)
    assert out.exists() and doc["pages"] >= 3 and len(doc["lines"]) >= 3
    rc = main(["proposal", "--file", str(book.path), "--client", client_id, "--out", str(out),
               "--products", "FUND-R4-01=200000", "--issue", "--today", TODAY.isoformat()])
    assert rc != 0 and "R4" in capsys.readouterr().err


def test_preview_never_writes_a_file(book, client_id, tmp_path):
    from kamdesk.common.errors import ValidationError

    info = proposals.create(book, client_id, [proposals.LineInput(_product(book, "DEP-001"), Decimal("30000000"))],
                            today=TODAY)
    with pytest.raises(ValidationError):
        proposals.render(book, info.id, purpose="preview", out=tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


@needs_poppler
def test_cli_rm_cannot_issue_on_his_own_exception(book, client_id, tmp_path, monkeypatch, capsys):
    """Hole 12 as the attacker ran it: `kamdesk proposal --override CODE:REASON --issue` issued."""
    book.close()
    monkeypatch.setenv("KAMDESK_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "cli.pdf"
    base = ["proposal", "--file", str(book.path), "--client", client_id, "--out", str(out),
            "--products", "FUND-R4-01=200000", "--today", TODAY.isoformat()]
    with pytest.raises(SystemExit) as gone:  # the self-approving option no longer exists
        main([*base, "--override", "FUND-R4-01:客户坚持", "--issue"])
    assert gone.value.code == 2 and not out.exists()
    capsys.readouterr()
    assert main([*base, "--exception", "FUND-R4-01:客户书面确认自愿购买", "--issue"]) != 0
    err = capsys.readouterr().err
    assert "已提交适当性例外申请" in err and "待审批" in err
    assert main(["approvals", "list", "--json", "--file", str(book.path)]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(i["kind"], i["status"], i["can_decide"]) for i in listed] == [("suitability_exception", "pending", False)]
    assert main(["approvals", "approve", listed[0]["id"], "--reason", "自己批准", "--file", str(book.path)]) != 0
    assert "审批" in capsys.readouterr().err
