"""Grading: model validation, scoring, Pareto, regrading moves, apply (permission, sync, audit), explain."""
from __future__ import annotations

import dataclasses

import datetime as dt
import json
from decimal import Decimal

import pytest
from sqlalchemy import select

from kamdesk.common.errors import NotFound, PermissionDenied, ValidationError
from kamdesk.models import Client, Contribution, Holding, Outbox, Product
from kamdesk.security.fieldcrypto import KeyRing, generate_domain_key
from kamdesk.services import audit, grading

from tests.conftest import USERS
from tests.services.conftest import add_client

AS_OF = dt.date(2026, 6, 15)


def _seed(book):
    """A big client, a middling one and a small one (plus one outside the RM's book)."""
    big = add_client(book, name="华东能源集团", industry="新能源", lifecycle_stage="growth",
                     total_assets=Decimal("150000000"), annual_revenue="8000000000", credit_rating="AA+")
    mid = add_client(book, name="中型制造", industry="制造业", total_assets=Decimal("6000000"),
                     annual_revenue="60000000", credit_rating="BBB", tier="core")
    small = add_client(book, name="小微商贸", industry="批发零售", lifecycle_stage="decline", tier="key")
    other = add_client(book, name="他人客户", owner_id=USERS["rm2"].id)
    with book.session_scope(applying_remote=True) as s:
        p1 = Product(code="D001", name="结构性存款", product_type="deposit", risk_level="R1")
        p2 = Product(code="W001", name="理财", product_type="wealth", risk_level="R2")
        p3 = Product(code="L001", name="流动资金贷款", product_type="loan", risk_level="R1")
        s.add_all([p1, p2, p3])
        s.flush()
        for p in (p1, p2, p3):
            s.add(Holding(client_id=big, product_id=p.id, amount=Decimal("1000000")))
        s.add(Holding(client_id=mid, product_id=p1.id, amount=Decimal("10000")))
        s.add(Holding(client_id=mid, product_id=p1.id, amount=Decimal("20000")))  # same type counts once
        for month in range(1, 13):  # 2025-07 .. 2026-06
            y, m = (2025, month + 6) if month <= 6 else (2026, month - 6)
            s.add(Contribution(client_id=big, month=f"{y}-{m:02d}", deposit_income=Decimal("300000"),
                               loan_income=Decimal("100000"), fee_income=Decimal("50000")))
            s.add(Contribution(client_id=mid, month=f"{y}-{m:02d}", fee_income=Decimal("10000")))
        s.add(Contribution(client_id=small, month="2026-05", fee_income=Decimal("1000")))
        s.add(Contribution(client_id=small, month="2024-01", fee_income=Decimal("9999999")))  # outside the window
        s.add(Contribution(client_id=other, month="2026-05", fee_income=Decimal("99999999")))
    return big, mid, small, other


def test_default_model_loads():
    m = grading.load_model()
    assert m.version and sum(m.weight(f) for f in grading.FACTORS) == 100
    assert m.tier_for(100) == "strategic" and m.tier_for(0) == "general"


@pytest.mark.parametrize("mutate,needle", [
    (lambda d: d["factors"]["scale"].__setitem__("weight", 10), "权重之和"),
    (lambda d: d["factors"].pop("growth"), "缺少因子"),
    (lambda d: d["factors"].__setitem__("luck", {"weight": 0}), "未知因子"),
    (lambda d: d["factors"]["contribution"].__setitem__("bands", [[10, 5], [0, 1]]), "递增"),
    (lambda d: d["factors"]["contribution"].__setitem__("bands", [[0, 500]]), "0–100"),
    (lambda d: d["tiers"].pop(), "四档"),
    (lambda d: d["tiers"][0].__setitem__("min_score", 1), "递减"),
    (lambda d: d.pop("version"), "version"),
])
def test_bad_models_are_rejected_with_clear_errors(tmp_path, mutate, needle):
    from importlib import resources
    data = json.loads(resources.files("kamdesk.resources").joinpath("grading_model.json").read_text("utf-8"))
    mutate(data)
    f = tmp_path / "m.json"
    f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ValidationError) as ei:
        grading.load_model(f)
    assert needle in str(ei.value)


def test_malformed_and_missing_model_files(tmp_path):
    f = tmp_path / "bad.json"
    f.write_text("{ not json", encoding="utf-8")
    with pytest.raises(ValidationError, match="JSON"):
        grading.load_model(f)
    with pytest.raises(ValidationError, match="不存在"):
        grading.load_model(tmp_path / "none.json")


def test_grade_book_scores_tiers_pareto_and_moves(book):
    big, mid, small, other = _seed(book)
    rep = grading.grade_book(book, as_of=AS_OF)
    by = {g.client_id: g for g in rep.grades}
    assert set(by) == {big, mid, small}  # the other RM's client is out of scope
    assert by[big].tier == "strategic" and by[big].score > by[mid].score > by[small].score
    assert by[big].contribution == Decimal("5400000.00")
    assert by[small].contribution == Decimal("1000.00")  # the 2024 row is outside the 12-month window
    assert dict((f.key, f.points) for f in by[big].factors)["product_depth"] == 70  # 3 types
    assert dict((f.key, f.points) for f in by[mid].factors)["product_depth"] == 25  # 1 type
    assert rep.tier_counts["strategic"] == 1 and sum(rep.tier_counts.values()) == 3
    assert rep.grades[0].client_id == big
    # Pareto: the top 20 % (one client) hold nearly all contribution
    assert rep.pareto.top_count == 1 and rep.pareto.top_share > 0.97
    assert rep.pareto.curve[0] == (0.0, 0.0) and rep.pareto.curve[-1] == (1.0, 1.0)
    moves = {m.client_id: m for m in rep.moves}
    assert moves[big].direction == "up" and moves[big].from_tier == "general"
    assert rep.model_version == grading.load_model().version and not rep.applied
    assert rep.as_dict()["pareto"]["top_count"] == 1
    # nothing written when not applying
    with book.session_scope() as s:
        assert s.get(Client, big).tier == "general"


def test_rm_may_not_apply_tiers(book):
    _seed(book)
    with pytest.raises(PermissionDenied):
        grading.grade_book(book, apply=True, as_of=AS_OF)


def test_team_lead_applies_tiers_synced_and_audited(make_book):
    lead = make_book("team_lead")
    big, mid, small, other = _seed(lead)
    rep = grading.grade_book(lead, apply=True, as_of=AS_OF)
    assert rep.applied and rep.applied_count == len(rep.moves) >= 1
    with lead.session_scope() as s:
        c = s.get(Client, big)
        assert c.tier == "strategic" and "tier" in c.clock and c.updated_at.year >= 2026
        ob = s.scalars(select(Outbox).where(Outbox.record_id == big, Outbox.table_name == "clients")
                       .order_by(Outbox.seq.desc())).first()
        assert ob.fields == ["tier"] and ob.hlc == c.clock["tier"]
        assert s.scalars(select(Outbox).where(Outbox.record_id == big, Outbox.table_name == "clients")).first() is not None
        ev = audit.events(s, action="grading.apply")
        assert len(ev) == 1 and json.loads(ev[0]["detail"])["model_version"] == rep.model_version
        assert audit.verify(s).ok
    again = grading.grade_book(lead, as_of=AS_OF)
    assert again.moves == ()


def test_explain_in_chinese_with_reasons(book):
    big, *_ = _seed(book)
    ex = grading.explain(book, big, as_of=AS_OF)
    assert ex.tier == "strategic" and ex.tier_label == "战略" and ex.current_tier == "general"
    reasons = {f.key: f.reason for f in ex.factors}
    # an RM sees C2-FIN masked (revealing is a separate, audited act): the explanation must not leak it
    assert "AA+" not in reasons["rating"] and "***" in reasons["rating"]
    assert "近 12 个月贡献" in reasons["contribution"]
    assert "持有 3 类产品" in reasons["product_depth"] and "新能源" in reasons["growth"]
    assert "建议调整" in ex.summary
    assert abs(sum(f.weighted for f in ex.factors) - ex.score) < 0.1
    with pytest.raises(NotFound):
        grading.explain(book, _[-1], as_of=AS_OF)


def test_explanation_shows_financial_figures_only_to_roles_that_see_them_plain(book):
    big, *_ = _seed(book)
    with book.session_scope() as s:
        exact = s.get(Client, big).annual_revenue
    rm_reasons = " ".join(f.reason for f in grading.explain(book, big, as_of=AS_OF).factors)
    book.ctx.role = "risk_officer"  # same keys, a role whose policy shows C2-FIN in clear
    book.user = dataclasses.replace(book.user, role="risk_officer")
    ro_reasons = " ".join(f.reason for f in grading.explain(book, big, as_of=AS_OF).factors)
    assert "AA+" not in rm_reasons and exact not in rm_reasons
    assert "AA+" in ro_reasons


def test_without_financial_key_uses_mask_bands_and_says_so(make_book):
    co = make_book("compliance_officer")
    ring = co.ctx.keyring
    co.ctx.keyring = KeyRing([generate_domain_key("C2-FIN"), generate_domain_key("C2-ID")])
    big, mid, *_ = _seed(co)
    co.ctx.keyring = ring  # back to no keys
    ex = grading.explain(co, mid, as_of=AS_OF)
    reasons = {f.key: f.reason for f in ex.factors}
    assert "脱敏区间" in reasons["scale"]
    assert "无权查看信用评级" in reasons["rating"]
    assert ex.notes and all("8000000000" not in n for n in ex.notes)
    rep = grading.grade_book(co, as_of=AS_OF)
    assert len(rep.grades) == 4 and rep.notes


def test_model_version_from_file(book, tmp_path):
    from importlib import resources
    data = json.loads(resources.files("kamdesk.resources").joinpath("grading_model.json").read_text("utf-8"))
    data["version"] = "2027-test"
    data["tiers"][0]["min_score"] = 99
    f = tmp_path / "m.json"
    f.write_text(json.dumps(data), encoding="utf-8")
    big, *_ = _seed(book)
    rep = grading.grade_book(book, model=f, as_of=AS_OF)
    assert rep.model_version == "2027-test"
    assert {g.client_id: g.tier for g in rep.grades}[big] == "core"


def test_cli_grade(book, monkeypatch, capsys, tmp_path):
    from kamdesk.cli import main
    from tests.conftest import PASSPHRASE
    big, *_ = _seed(book)
    monkeypatch.setenv("KAMDESK_PASSPHRASE", PASSPHRASE)
    assert main(["grade", "--file", str(book.path), "--json", "--today", AS_OF.isoformat()]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["clients"] == 3 and doc["tier_counts"]["strategic"] == 1 and "grades" not in doc
    assert main(["grade", "--file", str(book.path), "--explain", big, "--today", AS_OF.isoformat()]) == 0
    assert "战略" in capsys.readouterr().out
    assert main(["grade", "--file", str(book.path), "--apply"]) == 3  # PermissionDenied for an RM
    assert "权限不足" in capsys.readouterr().err
    bad = tmp_path / "m.json"
    bad.write_text("{}", encoding="utf-8")
    assert main(["grade", "--file", str(book.path), "--model", str(bad)]) == 2
    assert "grading_model" in capsys.readouterr().err
