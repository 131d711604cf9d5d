"""Import (dry run, every bad row reported, all-or-nothing, synced) and export (.xlsx masked or
revealed and audited, .ics calendar per RFC 5545)."""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from decimal import Decimal

import openpyxl
import pytest
from sqlalchemy import func, select
from stdnum.cn import ric, uscc

from kamdesk.common.errors import PermissionDenied, ValidationError
from kamdesk.models import AuditEvent, Client, Contact, Holding, Outbox, Product, Visit
from kamdesk.services import audit, ics
from kamdesk.services import clearexport
from kamdesk.services import importexport as ie

from tests.conftest import USERS
from tests.services.conftest import add_client, add_users

TODAY = dt.date(2026, 6, 15)


def code(n: int) -> str:
    base = f"91310000MA1F{n:05d}"
    return base + uscc.calc_check_digit(base)


def idnum(n: int) -> str:
    base = f"110105198001{(n % 28) + 1:02d}{n % 1000:03d}"
    return base + ric.calc_check_digit(base)


def wrong_check(value: str) -> str:
    return value[:-1] + ("1" if value[-1] != "1" else "2")


def xlsx(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


HEAD = ["客户名称", "客户类型", "统一社会信用代码", "身份证号", "行业", "在我行资产", "风险承受能力", "风险评估日期", "联系电话"]


def test_clean_clients_import_is_synced_encrypted_and_audited(book, tmp_path):
    f = xlsx(tmp_path / "clients.xlsx", [HEAD,
        ["上海甲科技有限公司", "对公", code(1), None, "信息技术", 12000000, None, None, "13800138000"],
        ["张三", "个人", None, idnum(2), None, "1,500,000.50", "C3", "2026-01-05", None],
        [None] * 9,  # blank lines are skipped
        ["上海乙贸易有限公司", None, code(3), None, "批发零售", None, None, None, None]])
    dry = ie.import_file(book, f, dry_run=True)
    assert dry.ok and dry.rows == 3 and dry.valid == 3 and dry.imported == 0 and dry.entity == "clients"
    with book.session_scope() as s:
        assert s.scalar(select(func.count()).select_from(Client)) == 0
    rep = ie.import_file(book, f)
    assert rep.imported == 3
    with book.session_scope() as s:
        cs = {c.name: c for c in s.scalars(select(Client))}
        assert cs["上海甲科技有限公司"].credit_code == code(1) and cs["上海甲科技有限公司"].kind == "corporate"
        assert cs["上海甲科技有限公司"].credit_code_mask == code(1)[:8] + "**********"
        assert cs["张三"].kind == "individual" and cs["张三"].id_number == idnum(2)
        assert cs["张三"].total_assets == Decimal("1500000.50") and cs["张三"].risk_assessed_on == dt.date(2026, 1, 5)
        assert cs["上海乙贸易有限公司"].kind == "corporate" and cs["上海乙贸易有限公司"].owner_id == USERS["rm"].id
        for c in cs.values():
            ob = s.scalars(select(Outbox).where(Outbox.record_id == c.id)).one()
            assert "name" in ob.fields and set(c.clock) >= {"name", "kind"}
        ev = audit.events(s, action="import")
        assert json.loads(ev[0]["detail"])["rows"] == 3 and audit.verify(s).ok
        assert code(1) not in ev[0]["detail"]


def test_dry_run_reports_every_bad_row_and_import_writes_nothing(book, tmp_path):
    add_client(book, name="已有客户", credit_code=code(9))
    f = xlsx(tmp_path / "bad.xlsx", [HEAD,
        ["好客户", "对公", code(1), None, None, None, None, None, None],
        ["校验位错", "对公", wrong_check(code(2)), None, None, None, None, None, None],
        ["身份证错", "个人", None, wrong_check(idnum(3)), None, None, None, None, None],
        ["文件内重复", "对公", code(1), None, None, None, None, None, None],
        ["库内重复", "对公", code(9), None, None, None, None, None, None],
        [None, "对公", code(5), None, None, None, None, None, None],
        ["坏日期", "对公", code(6), None, None, "abc", "C9", "2026-13-40", "12345"],
        ["坏类型", "合伙", code(7), None, None, None, None, None, None]])
    rep = ie.import_file(book, f, dry_run=True)
    by_row: dict[int, list[str]] = {}
    for e in rep.errors:
        by_row.setdefault(e.row, []).append(f"{e.column}:{e.reason}")
    assert set(by_row) == {3, 4, 5, 6, 7, 8, 9}
    assert any("校验位错误" in m for m in by_row[3]) and any("校验位错误" in m for m in by_row[4])
    assert any("与第 2 行重复" in m for m in by_row[5])
    assert any("已存在" in m for m in by_row[6])
    assert any("客户名称" in m and "不能为空" in m for m in by_row[7])
    assert len(by_row[8]) == 4  # amount, tolerance, date, phone
    assert any("对公 或 个人" in m for m in by_row[9])
    assert rep.valid == 1 and not rep.ok
    for e in rep.errors:  # no C2 plaintext in messages
        assert code(2)[:-1] not in str(e) and idnum(3)[:-1] not in str(e)
    with pytest.raises(ie.ImportRejected) as ei:
        ie.import_file(book, f)
    assert "未导入任何数据" in str(ei.value) and ei.value.report.errors == rep.errors
    with book.session_scope() as s:
        assert s.scalar(select(func.count()).select_from(Client)) == 1  # only the pre-existing one


def test_csv_gbk_and_mapping(book, tmp_path):
    f = tmp_path / "c.csv"
    with f.open("w", encoding="gb18030", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["公司名", "USCC", "备注栏"])
        w.writerow(["深圳丙电子有限公司", code(11), "x"])
    with pytest.raises(ValidationError, match="客户名称"):
        ie.import_file(book, f, dry_run=True)  # unknown headers -> the name column is missing
    m = tmp_path / "map.json"
    m.write_text(json.dumps({"公司名": "name", "USCC": "credit_code"}, ensure_ascii=False), encoding="utf-8")
    rep = ie.import_file(book, f, mapping=m)
    assert rep.imported == 1 and rep.ignored_columns == ("备注栏",)
    with pytest.raises(ValidationError, match="未知字段"):
        ie.import_file(book, f, mapping={"公司名": "nonsense"}, dry_run=True)
    bad = tmp_path / "bad-map.json"
    bad.write_text("[1,2", encoding="utf-8")
    with pytest.raises(ValidationError):
        ie.import_file(book, f, mapping=bad, dry_run=True)


@pytest.mark.parametrize("name,content", [
    ("broken.xlsx", b"PK\x03\x04 this is not really a zip"),
    ("text.xlsx", "客户名称\n张三\n".encode("utf-8")),
    ("empty.csv", b""),
    ("binary.csv", b"\x00\x01\x02\x03" * 100),
    ("header-only.csv", "客户名称,统一社会信用代码\n".encode("utf-8")),
    ("clients.pdf", b"%PDF-1.4"),
])
def test_malformed_files_give_clear_errors(book, tmp_path, name, content):
    f = tmp_path / name
    f.write_bytes(content)
    with pytest.raises(ValidationError) as ei:
        ie.import_file(book, f, dry_run=True)
    assert "无法读取文件" in str(ei.value) and "Traceback" not in str(ei.value)


def test_missing_file(book, tmp_path):
    with pytest.raises(ValidationError, match="不存在"):
        ie.import_file(book, tmp_path / "nope.xlsx", dry_run=True)


def _policy_with_holdings_write():
    """The shipped policy keeps holdings read-only for RMs (they come from the core banking system);
    a deployment that lets RMs record holdings grants "rw" — as here."""
    from importlib import resources
    from kamdesk.security.policy import Policy
    data = json.loads(resources.files("kamdesk.resources").joinpath("policy.json").read_text("utf-8"))
    data["roles"]["rm"]["entities"]["holdings"] = "rw"
    return Policy(data)


def test_holdings_import_respects_policy(book, tmp_path):
    f = xlsx(tmp_path / "h.xlsx", [["客户名称", "产品代码", "金额"], ["x", "D001", 1]])
    with pytest.raises(PermissionDenied):
        ie.import_file(book, f, dry_run=True)


def test_holdings_and_contacts_import(book, tmp_path):
    book.policy = _policy_with_holdings_write()
    cid = add_client(book, name="华东能源", credit_code=code(21))
    add_client(book, name="别人的", credit_code=code(22), owner_id=USERS["rm2"].id)
    with book.session_scope(applying_remote=True) as s:
        s.add(Product(code="D001", name="结构性存款", product_type="deposit", risk_level="R1"))
    f = xlsx(tmp_path / "h.xlsx", [["统一社会信用代码", "产品代码", "金额", "起始日", "到期日"],
                                   [code(21), "D001", 1000000, dt.datetime(2026, 1, 1), "2026/07/01"],
                                   [code(21), "NOPE", 5, None, None],
                                   [code(22), "D001", 5, None, None],
                                   [code(21), "D001", 5, "2026-05-01", "2026-01-01"]])
    rep = ie.import_file(book, f, dry_run=True)
    assert rep.entity == "holdings"
    msgs = {e.row: e.reason for e in rep.errors}
    assert "未知产品代码" in msgs[3] and "找不到该客户" in msgs[4] and "早于" in msgs[5]
    f2 = xlsx(tmp_path / "h2.xlsx", [["客户名称", "产品代码", "金额", "到期日"], ["华东能源", "D001", "2000000", "2026-07-01"]])
    assert ie.import_file(book, f2).imported == 1
    with book.session_scope() as s:
        h = s.scalars(select(Holding)).one()
        assert h.client_id == cid and h.amount == Decimal("2000000.00") and h.maturity_on == dt.date(2026, 7, 1)
    f3 = xlsx(tmp_path / "ct.xlsx", [["统一社会信用代码", "联系人姓名", "职务", "手机号", "生日"],
                                    [code(21), "陈总", "财务总监", "13912345678", "1975-03-02"],
                                    [code(21), "错号", "出纳", "1234", None]])
    rep = ie.import_file(book, f3, dry_run=True)
    assert [e.row for e in rep.errors] == [3]
    f4 = xlsx(tmp_path / "ct2.xlsx", [["统一社会信用代码", "联系人姓名", "手机号"], [code(21), "陈总", "13912345678"]])
    ie.import_file(book, f4)
    with book.session_scope() as s:
        c = s.scalars(select(Contact)).one()
        assert c.phone == "13912345678" and c.phone_mask == "139****5678" and c.client_id == cid


def test_import_permission(make_book, tmp_path):
    co = make_book("compliance_officer")
    f = xlsx(tmp_path / "c.xlsx", [HEAD, ["x", "对公", code(1), None, None, None, None, None, None]])
    with pytest.raises(PermissionDenied):
        ie.import_file(co, f, dry_run=True)


def _export_seed(book):
    add_users(book)
    add_client(book, name="甲公司", credit_code=code(31), annual_revenue="250000000", tier="core")
    add_client(book, name="乙公司", credit_code=code(32), tier="general")


def test_export_masked_by_default_and_audited(book, tmp_path):
    _export_seed(book)
    res = ie.export_clients(book, tmp_path / "out.xlsx")
    assert res.rows == 2 and res.revealed == ()
    data = (tmp_path / "out.xlsx").read_bytes()
    assert hashlib.sha256(data).hexdigest() == res.sha256
    ws = openpyxl.load_workbook(tmp_path / "out.xlsx").active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    head = rows[0]
    assert head[0] == "客户名称" and "统一社会信用代码" in head
    first = next(dict(zip(head, r)) for r in rows[1:] if r[0] == "甲公司")
    assert first["统一社会信用代码"] == code(31)[:8] + "*" * 10
    assert first["年营业收入"] == "1–5 亿元" and first["客户经理"] == "王晓明" and first["客户分级"] == "核心"
    with book.session_scope() as s:
        ev = audit.events(s, action="export")[0]
        d = json.loads(ev["detail"])
        assert d["rows"] == 2 and d["sha256"] == res.sha256 and d["revealed"] == []
    assert ie.export_clients(book, tmp_path / "core.xlsx", tier="core").rows == 1


def test_export_refused_for_compliance_and_other_formats(book, make_book, tmp_path):
    _export_seed(book)
    co = make_book("compliance_officer")
    with pytest.raises(PermissionDenied):
        ie.export_clients(co, tmp_path / "x.xlsx")
    with pytest.raises(ValidationError):
        ie.export_clients(book, tmp_path / "x.csv")


def test_ics_serializer_rules():
    long = "拜访：" + "上海浦东发展集团有限公司，讨论现金管理；授信\\续作" * 3
    ev = ics.CalendarEvent(uid="visit-1@kamdesk", summary=long, start=dt.datetime(2026, 6, 16, 9, 30),
                           end=dt.datetime(2026, 6, 16, 10, 30), description="第一行\n第二行", location="陆家嘴, 88号")
    allday = ics.CalendarEvent(uid="agenda-kyc@kamdesk", summary="KYC 复核", start=dt.date(2026, 6, 20))
    utc = ics.CalendarEvent(uid="u@kamdesk", summary="UTC", start=dt.datetime(2026, 6, 16, 1, 0, tzinfo=dt.UTC))
    text = ics.serialize([ev, allday, utc], dtstamp=dt.datetime(2026, 6, 15, 1, 2, 3, tzinfo=dt.UTC))
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")  # only CRLF line ends
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    assert "BEGIN:VTIMEZONE\r\nTZID:Asia/Shanghai" in text
    assert "DTSTART;TZID=Asia/Shanghai:20260616T093000" in text and "DTSTAMP:20260615T010203Z" in text
    assert "DTSTART;VALUE=DATE:20260620\r\nDTEND;VALUE=DATE:20260621" in text
    assert "DTSTART:20260616T010000Z\r\nDTEND:20260616T020000Z" in text
    assert "LOCATION:陆家嘴\\, 88号" in text and "DESCRIPTION:第一行\\n第二行" in text
    back = ics.parse(text)
    assert [e["UID"] for e in back] == ["visit-1@kamdesk", "agenda-kyc@kamdesk", "u@kamdesk"]
    assert back[0]["SUMMARY"] == long and back[0]["DESCRIPTION"] == "第一行\n第二行"
    assert back[0]["LOCATION"] == "陆家嘴, 88号"


def test_fold_never_splits_utf8():
    line = "SUMMARY:" + "中" * 100
    folded = ics.fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert "".join([parts[0]] + [p[1:] for p in parts[1:]]) == line
    assert ics.fold("A" * 75) == "A" * 75


def test_export_calendar(book, tmp_path):
    add_users(book)
    cid = add_client(book, name="远航物流", kyc_due_on=TODAY + dt.timedelta(days=3), last_contact_on=TODAY)
    with book.session_scope(applying_remote=True) as s:
        s.add(Visit(client_id=cid, owner_id=USERS["rm"].id, planned_at=dt.datetime(2026, 6, 17, 14, 0),
                    duration_minutes=90, place="浦东新区世纪大道 100 号", agenda="续作存款；介绍现金管理"))
        s.add(Visit(client_id=cid, owner_id=USERS["rm"].id, planned_at=dt.datetime(2026, 9, 1, 9, 0)))  # out of range
    res = ie.export_calendar(book, tmp_path / "cal.ics", today=TODAY, days=30)
    text = (tmp_path / "cal.ics").read_bytes().decode("utf-8")
    evs = ics.parse(text)
    summaries = [e["SUMMARY"] for e in evs]
    assert "拜访：远航物流" in summaries and any("KYC" in x for x in summaries) and res.rows == len(evs)
    visit = next(e for e in evs if e["SUMMARY"] == "拜访：远航物流")
    assert visit["DTSTART;TZID=Asia/Shanghai"] == "20260617T140000" and visit["DTEND;TZID=Asia/Shanghai"] == "20260617T153000"
    assert visit["LOCATION"] == "浦东新区世纪大道 100 号"
    with book.session_scope() as s:
        assert json.loads(audit.events(s, action="export")[0]["detail"])["format"] == "ics"


def test_cli_import_export(book, monkeypatch, capsys, tmp_path):
    from kamdesk.cli import main
    from tests.conftest import PASSPHRASE
    add_users(book)
    monkeypatch.setenv("KAMDESK_PASSPHRASE", PASSPHRASE)
    fbook = str(book.path)
    bad = xlsx(tmp_path / "bad.xlsx", [HEAD, ["坏", "对公", wrong_check(code(41)), None, None, None, None, None, None]])
    assert main(["import", str(bad), "--dry-run", "--file", fbook]) == 2
    assert "第 2 行" in capsys.readouterr().out
    assert main(["import", str(bad), "--file", fbook]) == 2
    assert "未导入任何数据" in capsys.readouterr().err
    good = xlsx(tmp_path / "good.xlsx", [HEAD, ["好", "对公", code(41), None, None, None, None, None, None]])
    assert main(["import", str(good), "--file", fbook, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["imported"] == 1
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"garbage")
    assert main(["import", str(junk), "--file", fbook]) == 2
    assert "无法读取文件" in capsys.readouterr().err
    assert main(["export", "clients", "--out", str(tmp_path / "o.xlsx"), "--file", fbook]) == 0
    assert "SHA-256" in capsys.readouterr().out
    assert main(["export", "calendar", "--out", str(tmp_path / "o.ics"), "--file", fbook, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["path"].endswith("o.ics")


def test_fast_xlsx_reader_matches_openpyxl(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["客户名称", "成立日期", "金额", "是否", "代码"])
    ws.append(["甲", dt.datetime(2020, 5, 17), 1234.5, True, "0012"])
    ws.append(["乙", dt.date(1999, 12, 31), 10, False, 91310000])
    ws["B4"] = "文本日期 2020-01-01"
    ws["E6"] = "稀疏"  # a gap row and a sparse cell
    ws["C5"].number_format = "yyyy年m月d日"
    ws["C5"] = dt.datetime(2021, 2, 3)
    f = tmp_path / "mix.xlsx"
    wb.save(f)
    h1, r1 = ie._read_xlsx(f)
    h2, r2 = ie._read_xlsx_openpyxl(f)
    norm = lambda rows: {n: [v for v in vals] + [None] * (5 - len(vals)) for n, vals in rows if any(x is not None for x in vals)}
    a, b = norm(r1), norm(r2)
    assert h1 == h2 and a == b
    assert a[2][1] == dt.datetime(2020, 5, 17) and a[5][2] == dt.datetime(2021, 2, 3) and a[6][4] == "稀疏"


def test_tab_separated_csv_with_bom(book, tmp_path):
    f = tmp_path / "t.csv"
    f.write_text("\ufeff客户名称\t统一社会信用代码\t行业\n上海丁有限公司\t" + code(51) + "\t制造业,加工\n", encoding="utf-8")
    rep = ie.import_file(book, f)
    assert rep.imported == 1
    with book.session_scope() as s:
        c = s.scalars(select(Client)).one()
        assert c.industry == "制造业,加工" and c.credit_code == code(51)


def test_id_number_stored_as_excel_number_gets_a_hint(book, tmp_path):
    f = xlsx(tmp_path / "num.xlsx", [["客户名称", "客户类型", "身份证号"], ["李四", "个人", float(idnum(7)[:17] + "1")]])
    rep = ie.import_file(book, f, dry_run=True)
    assert len(rep.errors) == 1 and "文本格式" in rep.errors[0].reason


def test_risk_officer_exports_financial_data_in_clear_identity_masked(make_book, tmp_path):
    ro = make_book("risk_officer")
    ring = ro.ctx.keyring
    from kamdesk.security.fieldcrypto import KeyRing, generate_domain_key
    ro.ctx.keyring = KeyRing([generate_domain_key("C2-ID")] + [k for k in ring.all()])
    add_client(ro, name="风险客户", credit_code=code(61), annual_revenue="80000000")
    ro.ctx.keyring = ring
    res = ie.export_clients(ro, tmp_path / "r.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "r.xlsx").active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    row = dict(zip(rows[0], rows[1]))
    assert row["年营业收入"] == "80000000" and row["统一社会信用代码"] == code(61)[:8] + "*" * 10
    with ro.session_scope() as s:
        d = json.loads(audit.events(s, action="export")[0]["detail"])
        assert d["in_clear"] == ["C2-FIN"] and d["revealed"] == [] and res.rows == 1
    with pytest.raises(PermissionDenied):  # no clear-text export for a risk officer
        clearexport.export_clients_clear(ro, "no-such-request", tmp_path / "r2.xlsx")


def test_exports_are_private_files(tmp_path):
    from kamdesk.services.importexport import _atomic_write

    out = tmp_path / "clients.xlsx"
    _atomic_write(out, b"data")
    assert out.stat().st_mode & 0o077 == 0
