"""Import of clients, contacts and holdings from .xlsx/.csv, and export of client lists (.xlsx) and
calendars (.ics).

Import has two steps: a dry run that reads the whole file and reports every bad row (row number,
column, reason — invalid ID number or credit code, unknown product, duplicates within the file or
already in the book, missing columns, unreadable file), then an all-or-nothing import in one
transaction. Rows are written with Core bulk inserts that do what the ORM flush hook does (field
encryption with mask and blind index, per-field clock stamps, one outbox entry per row), so the
data syncs and 20,000 rows take seconds, not minutes.

Export writes only what the role may see: C2 fields masked unless the role's display mode is
`plain`; a clear-text export needs an approval and is encrypted (kamdesk.services.clearexport).
Every export is audited (row count and the file's SHA-256).
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from kamdesk.common.errors import KamdeskError, PermissionDenied, ValidationError
from kamdesk.common.files import write_private
from kamdesk.common.i18n import _
from kamdesk.common.ids import new_id
from kamdesk.models import SENSITIVE, Client, Contact, Holding, Outbox, Product, User, Visit, utcnow
from kamdesk.models.client import LIFECYCLE_STAGES, RISK_TOLERANCES, TIERS
from kamdesk.models.session import sensitive_columns
from kamdesk.security import validators
from kamdesk.security.fieldcrypto import blind_index, decrypt_value
from kamdesk.services import audit
from kamdesk.services.scope import client_clause

ENTITIES = ("clients", "contacts", "holdings")
_LOAD_CACHE_KIB = 128 * 1024
MAX_ROWS = 200_000

# Header (Chinese first, a few English aliases) -> field, per entity.
CLIENT_HEADERS: dict[str, str] = {
    "客户名称": "name", "客户全称": "name", "企业名称": "name", "姓名": "name", "name": "name",
    "客户简称": "short_name", "简称": "short_name",
    "客户类型": "kind", "kind": "kind",
    "统一社会信用代码": "credit_code", "信用代码": "credit_code", "credit_code": "credit_code",
    "身份证号": "id_number", "身份证号码": "id_number", "证件号码": "id_number", "id_number": "id_number",
    "行业": "industry", "所属行业": "industry", "industry": "industry",
    "生命周期": "lifecycle_stage", "发展阶段": "lifecycle_stage", "生命周期阶段": "lifecycle_stage",
    "客户分级": "tier", "客户等级": "tier", "客户分层": "tier", "tier": "tier",
    "城市": "city", "所在城市": "city", "地址": "address", "注册地址": "address", "联系地址": "address",
    "成立日期": "established_on", "出生日期": "established_on", "成立日期/生日": "established_on",
    "联系电话": "phone", "手机号": "phone", "手机号码": "phone",
    "账号": "account_no", "结算账号": "account_no", "银行账号": "account_no",
    "年营业收入": "annual_revenue", "营业收入": "annual_revenue", "净资产": "net_worth",
    "信用评级": "credit_rating", "授信额度": "credit_limit",
    "在我行资产": "total_assets", "资产规模": "total_assets", "金融资产": "total_assets",
    "风险承受能力": "risk_tolerance", "风险等级": "risk_tolerance", "风险评估日期": "risk_assessed_on",
    "KYC到期日": "kyc_due_on", "KYC 到期日": "kyc_due_on", "KYC复核日期": "kyc_reviewed_on", "KYC 复核日期": "kyc_reviewed_on",
    "最近联系日期": "last_contact_on", "所属分行": "branch", "所属机构": "branch", "备注": "notes",
}
CONTACT_HEADERS: dict[str, str] = {
    "客户名称": "client_name", "统一社会信用代码": "client_credit_code", "客户身份证号": "client_id_number",
    "联系人": "name", "联系人姓名": "name", "职务": "title", "角色": "role", "手机号": "phone", "联系电话": "phone",
    "手机号码": "phone", "生日": "birthday", "出生日期": "birthday", "邮箱": "email", "电子邮件": "email",
    "偏好": "preferences", "主要联系人": "is_primary",
}
HOLDING_HEADERS: dict[str, str] = {
    "客户名称": "client_name", "统一社会信用代码": "client_credit_code", "身份证号": "client_id_number",
    "客户身份证号": "client_id_number", "产品代码": "product_code", "金额": "amount", "持有金额": "amount",
    "起始日": "start_on", "起息日": "start_on", "到期日": "maturity_on", "利率": "rate", "状态": "status",
}
HEADERS = {"clients": CLIENT_HEADERS, "contacts": CONTACT_HEADERS, "holdings": HOLDING_HEADERS}
REQUIRED = {"clients": ("name",), "contacts": ("name",), "holdings": ("product_code", "amount")}
FIELD_LABELS = {
    "name": "客户名称", "short_name": "客户简称", "kind": "客户类型", "credit_code": "统一社会信用代码",
    "id_number": "身份证号", "industry": "行业", "lifecycle_stage": "生命周期", "tier": "客户分级", "city": "城市",
    "address": "地址", "established_on": "成立日期", "phone": "联系电话", "account_no": "账号",
    "annual_revenue": "年营业收入", "net_worth": "净资产", "credit_rating": "信用评级", "credit_limit": "授信额度",
    "total_assets": "在我行资产", "risk_tolerance": "风险承受能力", "risk_assessed_on": "风险评估日期",
    "kyc_due_on": "KYC到期日", "kyc_reviewed_on": "KYC复核日期", "last_contact_on": "最近联系日期", "branch": "所属分行",
    "notes": "备注", "client_name": "客户名称", "client_credit_code": "统一社会信用代码",
    "client_id_number": "客户身份证号", "title": "职务", "role": "角色", "birthday": "生日", "email": "邮箱",
    "preferences": "偏好", "is_primary": "主要联系人", "product_code": "产品代码", "amount": "金额", "start_on": "起始日",
    "maturity_on": "到期日", "rate": "利率", "status": "状态",
}
_KIND = {"对公": "corporate", "企业": "corporate", "公司": "corporate", "法人": "corporate", "corporate": "corporate",
         "个人": "individual", "零售": "individual", "自然人": "individual", "individual": "individual"}
_TIER = {"战略": "strategic", "核心": "core", "重点": "key", "一般": "general", **{t: t for t in TIERS}}
_STAGE = {"初创": "startup", "初创期": "startup", "成长": "growth", "成长期": "growth", "成熟": "mature", "成熟期": "mature",
          "衰退": "decline", "衰退期": "decline", **{s: s for s in LIFECYCLE_STAGES}}
_YES = {"是", "y", "yes", "true", "1", "√"}
_DATE_FIELDS = {"established_on", "risk_assessed_on", "kyc_due_on", "kyc_reviewed_on", "last_contact_on", "birthday",
                "start_on", "maturity_on"}
_C2_AMOUNTS = {"annual_revenue", "net_worth", "credit_limit"}


def label(field_name: str) -> str:
    return _(FIELD_LABELS.get(field_name, field_name))


# ------------------------------------------------------------------------------------ results

@dataclass(frozen=True)
class RowError:
    row: int  # 1-based row number as the user sees it in the spreadsheet (the header is row 1)
    column: str
    reason: str

    def __str__(self) -> str:
        return _("第 {r} 行 {c}：{m}").format(r=self.row, c=self.column, m=self.reason) if self.column else \
            _("第 {r} 行：{m}").format(r=self.row, m=self.reason)


@dataclass(frozen=True)
class ImportReport:
    entity: str
    path: str
    rows: int
    valid: int
    errors: tuple[RowError, ...]
    columns: dict[str, str]  # header -> field
    ignored_columns: tuple[str, ...]
    dry_run: bool
    imported: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict[str, Any]:
        return {"entity": self.entity, "path": self.path, "rows": self.rows, "valid": self.valid,
                "errors": [{"row": e.row, "column": e.column, "reason": e.reason} for e in self.errors],
                "columns": self.columns, "ignored_columns": list(self.ignored_columns), "dry_run": self.dry_run,
                "imported": self.imported, "seconds": round(self.seconds, 3)}


class ImportRejected(KamdeskError):
    """The file has bad rows: nothing was imported. `report` lists every one."""

    exit_code = 2

    def __init__(self, report: ImportReport) -> None:
        first = "；".join(str(e) for e in report.errors[:3])
        super().__init__(_("导入已取消：{n} 行有错误，未导入任何数据。{f}").format(n=len({e.row for e in report.errors}), f=first))
        self.report = report


@dataclass(frozen=True)
class ExportResult:
    path: str
    rows: int
    sha256: str
    revealed: tuple[str, ...] = field(default=())


# ------------------------------------------------------------------------------------ reading

def _bad_file(path: Path, why: str) -> ValidationError:
    return ValidationError("file", _("无法读取文件 {f}：{w}").format(f=path.name, w=why))


def _cell(v: Any) -> Any:
    if isinstance(v, str):
        v = v.strip()
        return v or None
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return int(v)
    return v


def read_table(path: Path | str) -> tuple[list[str], Iterator[tuple[int, list[Any]]]]:
    """Headers and (row number, values) of the first sheet of an .xlsx or of a .csv (UTF-8 with or
    without BOM, or GB18030 as Chinese Excel writes it). Unreadable files raise ValidationError."""
    p = Path(path)
    if not p.exists():
        raise _bad_file(p, _("文件不存在"))
    suffix = p.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(p)
    if suffix in (".csv", ".txt"):
        return _read_csv(p)
    raise _bad_file(p, _("只支持 .xlsx 和 .csv 文件"))


def _read_xlsx(p: Path) -> tuple[list[str], Iterator[tuple[int, list[Any]]]]:
    try:
        headers, rows = _xlsx_rows(p)
    except (_XlsxFormatError, zipfile.BadZipFile, KeyError, ValueError, OSError, SyntaxError):
        return _read_xlsx_openpyxl(p)  # unusual layout: let openpyxl try (it raises the clear error)
    if not headers:
        raise _bad_file(p, _("文件为空"))
    return headers, rows


def _read_xlsx_openpyxl(p: Path) -> tuple[list[str], Iterator[tuple[int, list[Any]]]]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise _bad_file(p, _("不是有效的 Excel (.xlsx) 文件")) from None
    try:
        ws = wb.worksheets[0]
        it = ws.iter_rows(values_only=True)
        header = next(it, None)
    except Exception:  # openpyxl raises many kinds on damaged XML
        wb.close()
        raise _bad_file(p, _("工作表已损坏")) from None
    if header is None:
        wb.close()
        raise _bad_file(p, _("文件为空"))
    headers = [str(h).strip() if h is not None else "" for h in header]

    def rows() -> Iterator[tuple[int, list[Any]]]:
        try:
            for n, values in enumerate(it, start=2):
                yield n, [_cell(v) for v in values]
        except Exception:
            raise _bad_file(p, _("工作表已损坏")) from None
        finally:
            wb.close()
    return headers, rows()


# A streaming .xlsx reader on the standard library's (C) XML parser: openpyxl's read-only mode
# spends ~50 µs per cell in its descriptor machinery, this ~5 µs, which is most of a 20,000-row
# import. Dates are recognised from the cell style's number format, as Excel does.
_BUILTIN_DATE_FORMATS = set(range(14, 23)) | set(range(27, 37)) | set(range(45, 48)) | set(range(50, 59))


class _XlsxFormatError(Exception):
    pass


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _is_date_format(code: str) -> bool:
    import re as _re

    code = _re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", code).lower()
    return any(ch in code for ch in "dyhs") or ("m" in code and "0" not in code)


def _col_index(ref: str) -> int:
    n = 0
    for ch in ref:
        if "A" <= ch <= "Z":
            n = n * 26 + (ord(ch) - 64)
        else:
            break
    return n - 1


def _xlsx_rows(p: Path) -> tuple[list[str], Iterator[tuple[int, list[Any]]]]:
    import posixpath
    import xml.etree.ElementTree as ET

    zf = zipfile.ZipFile(p)
    names = set(zf.namelist())

    def xml(name: str) -> Any:
        return ET.fromstring(zf.read(name))

    wb = xml("xl/workbook.xml")
    date1904 = any(_local(e.tag) == "workbookPr" and e.get("date1904") in ("1", "true") for e in wb.iter())
    first = next((e for e in wb.iter() if _local(e.tag) == "sheet"), None)
    if first is None:
        raise _XlsxFormatError("no sheet")
    rid = next((v for k, v in first.attrib.items() if _local(k) == "id"), None)
    target = None
    for rel in xml("xl/_rels/workbook.xml.rels").iter():
        if _local(rel.tag) == "Relationship" and rel.get("Id") == rid:
            target = rel.get("Target", "")
    if not target:
        raise _XlsxFormatError("no sheet target")
    sheet = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
    shared: list[str] = []
    if "xl/sharedStrings.xml" in names:
        for si in xml("xl/sharedStrings.xml"):
            if _local(si.tag) == "si":
                shared.append("".join(t.text or "" for t in si.iter() if _local(t.tag) == "t"))
    date_styles: set[int] = set()
    if "xl/styles.xml" in names:
        st = xml("xl/styles.xml")
        custom = {int(e.get("numFmtId", "0")): e.get("formatCode", "") for e in st.iter() if _local(e.tag) == "numFmt"}
        for child in st:
            if _local(child.tag) == "cellXfs":
                for i, xf in enumerate(x for x in child if _local(x.tag) == "xf"):
                    fid = int(xf.get("numFmtId", "0"))
                    if fid in _BUILTIN_DATE_FORMATS or (fid in custom and _is_date_format(custom[fid])):
                        date_styles.add(i)
    base = dt.datetime(1904, 1, 1) if date1904 else dt.datetime(1899, 12, 30)
    stream = zf.open(sheet)

    def cell_value(c: Any) -> Any:
        t = c.get("t", "n")
        v = None
        for child in c:
            name = _local(child.tag)
            if name == "v":
                v = child.text
            elif name == "is":
                return "".join(x.text or "" for x in child.iter() if _local(x.tag) == "t")
        if v is None:
            return None
        if t == "s":
            return shared[int(v)]
        if t in ("str", "e"):
            return v
        if t == "b":
            return v == "1"
        if t == "d":
            return dt.datetime.fromisoformat(v)
        num = float(v)
        if int(c.get("s", "0")) in date_styles:
            return base + dt.timedelta(days=num)
        return int(num) if num.is_integer() and abs(num) < 1e15 else num

    def all_rows() -> Iterator[tuple[int, list[Any]]]:
        expected = 0
        for _event, el in ET.iterparse(stream, events=("end",)):
            if _local(el.tag) != "row":
                continue
            expected += 1
            n = int(el.get("r", expected))
            expected = n
            values: list[Any] = []
            for c in el:
                if _local(c.tag) != "c":
                    continue
                ref = c.get("r")
                idx = _col_index(ref) if ref else len(values)
                while len(values) < idx:
                    values.append(None)
                values.append(cell_value(c))
            el.clear()
            yield n, values

    it = all_rows()
    try:
        first_row = next(it, None)
    except (ET.ParseError, KeyError, ValueError, IndexError) as exc:
        raise _XlsxFormatError(str(exc)) from None
    if first_row is None:
        return [], iter(())
    _header_no, header = first_row

    def data() -> Iterator[tuple[int, list[Any]]]:
        try:
            for n, values in it:
                yield n, [_cell(v) for v in values]
        except (ET.ParseError, KeyError, ValueError, IndexError, zipfile.BadZipFile, OSError):
            raise _bad_file(p, _("工作表已损坏")) from None
        finally:
            zf.close()
    return [str(h).strip() if h is not None else "" for h in header], data()


def _read_csv(p: Path) -> tuple[list[str], Iterator[tuple[int, list[Any]]]]:
    raw = p.read_bytes()
    if b"\x00" in raw[:4096]:
        raise _bad_file(p, _("不是文本格式的 CSV 文件"))
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise _bad_file(p, _("无法识别文件编码（应为 UTF-8 或 GBK）"))
    # the delimiter is whichever of , tab ; the header line uses most (csv.Sniffer guesses wrong on
    # short Chinese samples)
    head = text.split("\n", 1)[0]
    delimiter = max((",", "\t", ";"), key=head.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
    except csv.Error:
        raise _bad_file(p, _("CSV 格式错误")) from None
    if not header:
        raise _bad_file(p, _("文件为空"))
    headers = [h.strip() for h in header]

    def rows() -> Iterator[tuple[int, list[Any]]]:
        try:
            for n, values in enumerate(reader, start=2):
                yield n, [_cell(v) for v in values]
        except csv.Error:
            raise _bad_file(p, _("CSV 格式错误")) from None
    return headers, rows()


def load_mapping(path: Path | str) -> dict[str, str]:
    """A mapping file: JSON {"表头": "field", ...}."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValidationError("mapping", _("映射文件不存在：{f}").format(f=p.name)) from None
    except (ValueError, UnicodeDecodeError):
        raise ValidationError("mapping", _("映射文件应为 UTF-8 编码的 JSON 对象")) from None
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise ValidationError("mapping", _("映射文件应为 {\"表头\": \"字段\"} 形式的 JSON 对象"))
    return data


def detect_entity(headers: list[str]) -> str:
    hs = set(headers)
    if hs & {"产品代码"}:
        return "holdings"
    if hs & {"联系人", "联系人姓名"}:
        return "contacts"
    return "clients"


# ------------------------------------------------------------------------------------ values

def _date(v: Any) -> dt.date:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    s = str(v).strip()
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%Y.%m.%d", "%Y年%m月%d日"):
        try:
            return dt.datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    raise ValueError(_("日期格式无效（应为 YYYY-MM-DD）"))


def _amount(v: Any) -> Decimal:
    s = str(v).strip().replace(",", "").replace("，", "").replace("元", "")
    try:
        d = Decimal(s)
    except InvalidOperation:
        raise ValueError(_("金额格式无效")) from None
    if not d.is_finite():
        raise ValueError(_("金额格式无效"))
    if d < 0:
        raise ValueError(_("金额不能为负数"))
    return d


def _text(v: Any) -> str:
    if isinstance(v, (dt.datetime, dt.date)):
        return v.isoformat()[:10]
    return str(v).strip()


# ------------------------------------------------------------------------------------ validation

@dataclass
class _Plan:
    entity: str
    rows: list[dict[str, Any]]  # validated field dicts (plaintext for sensitive fields)
    errors: list[RowError]
    columns: dict[str, str]
    ignored: list[str]
    total: int


class _Lookup:
    """Existing book data needed to validate: blind indexes of credit codes / ID numbers, products
    by code, clients by name."""

    def __init__(self, book: Any, s: Any, entity: str) -> None:
        self.book = book
        ring = book.ctx.keyring
        self.can_index = ring.has("C2-ID")
        self.credit_bi: dict[str, str] = {}
        self.id_bi: dict[str, str] = {}
        if entity == "clients" or self.can_index:
            for cid, cbi, ibi in s.execute(select(Client.id, Client.credit_code_bi, Client.id_number_bi)
                                           .where(Client.deleted.is_(False))):
                if cbi:
                    self.credit_bi[cbi] = cid
                if ibi:
                    self.id_bi[ibi] = cid
        self.products: dict[str, str] = {}
        self.visible_by_name: dict[str, list[str]] = {}
        self.visible: set[str] = set()
        if entity != "clients":
            self.products = dict(s.execute(select(Product.code, Product.id).where(Product.deleted.is_(False))).all())
            for cid, name in s.execute(select(Client.id, Client.name).where(client_clause(book))):
                self.visible.add(cid)
                self.visible_by_name.setdefault(name, []).append(cid)

    def bi(self, kind: str, value: str) -> str | None:
        if not self.can_index:
            return None
        return blind_index(self.book.ctx.keyring, "C2-ID", kind, value)


def _plan(book: Any, path: Path, entity: str | None, mapping: dict[str, str] | None) -> _Plan:
    headers, rows = read_table(path)
    entity = entity or detect_entity(headers)
    if entity not in ENTITIES:
        raise ValidationError("entity", _("导入对象应为 clients、contacts 或 holdings"))
    known = dict(HEADERS[entity])
    targets = set(known.values())
    if mapping:
        bad = sorted(v for v in mapping.values() if v not in targets)
        if bad:
            raise ValidationError("mapping", _("映射中有未知字段：{f}").format(f=", ".join(bad)))
        known.update(mapping)
    columns: dict[int, str] = {}
    colmap: dict[str, str] = {}
    ignored: list[str] = []
    for i, h in enumerate(headers):
        f = known.get(h) or known.get(h.replace(" ", ""))
        if f is None or not h:
            if h:
                ignored.append(h)
            continue
        if f in columns.values():
            raise ValidationError("file", _("多个列都对应「{f}」：请只保留一列").format(f=label(f)))
        columns[i] = f
        colmap[h] = f
    missing = [label(f) for f in REQUIRED[entity] if f not in columns.values()]
    if entity != "clients" and not ({"client_name", "client_credit_code", "client_id_number"} & set(columns.values())):
        missing.append(_("客户名称或统一社会信用代码"))
    if missing:
        raise ValidationError("file", _("缺少必需的列：{c}").format(c="、".join(missing)))

    with book.session_scope() as s:
        look = _Lookup(book, s, entity)
    errors: list[RowError] = []
    out: list[dict[str, Any]] = []
    seen: dict[tuple[str, str], int] = {}
    total = 0
    for n, values in rows:
        if not any(v is not None for v in values):
            continue  # blank line
        total += 1
        if total > MAX_ROWS:
            raise _bad_file(path, _("超过 {n} 行，请分批导入").format(n=MAX_ROWS))
        raw = {f: values[i] for i, f in columns.items() if i < len(values) and values[i] is not None}
        row_errors: list[RowError] = []
        rec = _validate_row(entity, raw, n, row_errors, look, seen)
        if row_errors:
            errors.extend(row_errors)
        else:
            out.append(rec)
    if total == 0:
        raise _bad_file(path, _("没有数据行"))
    return _Plan(entity, out, errors, colmap, ignored, total)


def _validate_row(entity: str, raw: dict[str, Any], n: int, errs: list[RowError], look: _Lookup,
                  seen: dict[tuple[str, str], int]) -> dict[str, Any]:
    rec: dict[str, Any] = {}

    def err(f: str, msg: str) -> None:
        errs.append(RowError(n, label(f), msg))

    for f, v in raw.items():
        try:
            if f in _DATE_FIELDS:
                rec[f] = _date(v)
            elif f in ("total_assets", "amount", "rate") or f in _C2_AMOUNTS:
                rec[f] = _amount(v)
            elif f == "is_primary":
                rec[f] = _text(v).lower() in _YES
            else:
                rec[f] = _text(v)
        except ValueError as exc:
            err(f, str(exc))
    for f in REQUIRED[entity]:
        if f not in raw:
            err(f, _("不能为空"))

    if entity == "clients":
        kind = rec.get("kind")
        if kind is not None:
            k = _KIND.get(kind) or _KIND.get(kind.lower())
            if k is None:
                err("kind", _("应为 对公 或 个人"))
            rec["kind"] = k
        else:
            rec["kind"] = "individual" if rec.get("id_number") and not rec.get("credit_code") else "corporate"
        for f, table in (("tier", _TIER), ("lifecycle_stage", _STAGE)):
            if f in rec:
                val = table.get(rec[f]) or table.get(rec[f].lower())
                if val is None:
                    err(f, _("取值「{v}」无效").format(v=rec[f]))
                rec[f] = val
        if "risk_tolerance" in rec:
            rt = rec["risk_tolerance"].upper()
            if rt not in RISK_TOLERANCES:
                err("risk_tolerance", _("应为 C1–C5"))
            rec["risk_tolerance"] = rt
        checks = (("credit_code", validators.credit_code), ("id_number", validators.resident_id),
                  ("phone", validators.mobile), ("account_no", validators.account_number))
        for f, fn in checks:
            if f in rec:
                try:
                    rec[f] = fn(rec[f], f)
                except ValidationError as exc:
                    hint = ""
                    if isinstance(raw.get(f), float) or (isinstance(raw.get(f), int) and len(str(raw[f])) > 15):
                        hint = _("（该列被 Excel 存成了数字，超过 15 位会丢失末几位：请把该列设为文本格式后重新录入）")
                    err(f, exc.reason + hint)
                    continue
        for f, kind_ in (("credit_code", "credit_code"), ("id_number", "id_number")):
            value = rec.get(f)
            if not value or any(e.column == label(f) for e in errs):
                continue
            first = seen.get((f, value))
            if first is not None:
                err(f, _("与第 {r} 行重复").format(r=first))
                continue
            seen[(f, value)] = n
            bi = look.bi(kind_, value)
            index = look.credit_bi if f == "credit_code" else look.id_bi
            if bi is not None and bi in index:
                err(f, _("客户已存在于客户文件中"))
        if "name" in rec and len(rec["name"]) > 200:
            err("name", _("过长（最多 200 字）"))
        return rec

    # contacts and holdings: find the client
    cid = None
    if rec.get("client_credit_code"):
        try:
            code = validators.credit_code(rec["client_credit_code"], "client_credit_code")
            bi = look.bi("credit_code", code)
            cid = look.credit_bi.get(bi) if bi else None
        except ValidationError as exc:
            err("client_credit_code", exc.reason)
            return rec
    elif rec.get("client_id_number"):
        try:
            num = validators.resident_id(rec["client_id_number"], "client_id_number")
            bi = look.bi("id_number", num)
            cid = look.id_bi.get(bi) if bi else None
        except ValidationError as exc:
            err("client_id_number", exc.reason)
            return rec
    elif rec.get("client_name"):
        found = look.visible_by_name.get(rec["client_name"], [])
        if len(found) > 1:
            err("client_name", _("有多个同名客户，请用统一社会信用代码或身份证号指明"))
            return rec
        cid = found[0] if found else None
    if cid is None or cid not in look.visible:
        errs.append(RowError(n, _("客户"), _("在您的客户中找不到该客户")))
        return rec
    rec["client_id"] = cid
    if entity == "holdings":
        code = rec.get("product_code")
        if code and code not in look.products:
            err("product_code", _("未知产品代码「{c}」").format(c=code))
        elif code:
            rec["product_id"] = look.products[code]
        if rec.get("amount") is not None and rec["amount"] == 0:
            err("amount", _("金额应大于 0"))
        if rec.get("start_on") and rec.get("maturity_on") and rec["maturity_on"] < rec["start_on"]:
            err("maturity_on", _("到期日早于起始日"))
    else:
        if rec.get("phone"):
            try:
                rec["phone"] = validators.mobile(rec["phone"])
            except ValidationError as exc:
                err("phone", exc.reason)
    return rec


# ------------------------------------------------------------------------------------ writing

def _bulk_insert(s: Any, ctx: Any, model: type, records: list[dict[str, Any]]) -> None:
    """What the ORM flush hook does, in bulk: encrypt sensitive fields, stamp every field with the
    HLC, write the row and its outbox entry in the caller's transaction."""
    table = model.__tablename__
    specs = SENSITIVE.get(table, {})
    now = utcnow()
    rows: list[dict[str, Any]] = []
    outbox: list[dict[str, Any]] = []
    for rec in records:
        rid = new_id()
        row: dict[str, Any] = {}
        for k, v in rec.items():
            if k in specs:
                if v is not None:
                    row.update(sensitive_columns(ctx, table, rid, k, str(v)))
            else:
                row[k] = v
        stamp = ctx.clock.now()
        fields = [k for k, v in row.items() if v is not None] + ["deleted"]
        row.update(id=rid, created_at=now, updated_at=now, deleted=False, server_seq=None,
                   clock={f: stamp for f in fields})
        rows.append(row)
        outbox.append({"table_name": table, "record_id": rid, "fields": fields, "hlc": stamp, "created_at": now})
    # executemany needs the same keys in every row
    keys = set().union(*(r.keys() for r in rows)) if rows else set()
    defaults = {k: _column_default(model, k) for k in keys}
    for r in rows:
        if len(r) != len(keys):
            for k, d in defaults.items():
                r.setdefault(k, d)
    conn = s.connection()
    # a bigger page cache while loading: the blind-index and search-index b-trees take random inserts
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size = -{_LOAD_CACHE_KIB}")
    try:
        for i in range(0, len(rows), 5000):
            s.execute(insert(model.__table__), rows[i:i + 5000])
            s.execute(insert(Outbox.__table__), outbox[i:i + 5000])
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(before)}")


def _column_default(model: type, key: str) -> Any:
    col = model.__table__.c[key]
    d = col.default
    if d is not None and getattr(d, "is_scalar", False):
        return d.arg
    return None


_CLIENT_FIELDS = ("name", "short_name", "kind", "industry", "lifecycle_stage", "tier", "city", "address", "branch",
                  "established_on", "kyc_reviewed_on", "kyc_due_on", "risk_assessed_on", "risk_tolerance",
                  "total_assets", "last_contact_on", "notes", "credit_code", "id_number", "phone", "account_no",
                  "annual_revenue", "net_worth", "credit_rating", "credit_limit")


def _client_records(book: Any, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    u = book.user
    base = {"short_name": "", "industry": "", "lifecycle_stage": "mature", "tier": "general", "city": "", "address": "",
            "notes": "", "status": "active", "owner_id": u.id, "team_id": u.team_id, "branch": u.branch or ""}
    out = []
    for r in rows:
        rec = dict(base)
        rec.update({k: r[k] for k in _CLIENT_FIELDS if r.get(k) is not None})
        if rec.get("tier") != "general" and not book.policy.can_write_field(u.role, "clients", "tier"):
            rec["tier"] = "general"  # the RM may not set tiers: grading decides
        for f in ("credit_rating", "credit_limit"):
            if f in rec and not book.policy.can_write_field(u.role, "clients", f"{f}_ct"):
                rec.pop(f)  # read-only for this role (set by risk)
        out.append(rec)
    return out


def import_file(book: Any, path: Path | str, *, entity: str | None = None, mapping: dict[str, str] | Path | str | None = None,
                dry_run: bool = False) -> ImportReport:
    """Validate (and unless `dry_run`, import) a clients/contacts/holdings file. With any bad row the
    real import raises ImportRejected and writes nothing; the dry run returns the report."""
    import time

    t0 = time.perf_counter()
    role = book.user.role
    book.policy.require(role, "import.clients", _("导入客户数据"))
    p = Path(path)
    if mapping is not None and not isinstance(mapping, dict):
        mapping = load_mapping(mapping)
    plan = _plan(book, p, entity, mapping)
    if not book.policy.can_write(role, plan.entity):
        raise PermissionDenied(_("导入{e}").format(e=plan.entity))
    report = ImportReport(plan.entity, p.name, plan.total, len(plan.rows), tuple(plan.errors), plan.columns,
                          tuple(plan.ignored), dry_run)
    if dry_run:
        return _with(report, seconds=time.perf_counter() - t0)
    if plan.errors:
        raise ImportRejected(report)
    if plan.entity == "clients":
        records, model = _client_records(book, plan.rows), Client
    elif plan.entity == "contacts":
        model = Contact
        records = [{"client_id": r["client_id"], "name": r["name"], "title": r.get("title", ""),
                    "role": r.get("role") or "other", "birthday": r.get("birthday"), "email": r.get("email", ""),
                    "preferences": r.get("preferences", ""), "is_primary": bool(r.get("is_primary", False)),
                    "phone": r.get("phone")} for r in plan.rows]
    else:
        model = Holding
        records = [{"client_id": r["client_id"], "product_id": r["product_id"], "amount": r["amount"],
                    "start_on": r.get("start_on"), "maturity_on": r.get("maturity_on"), "rate": r.get("rate"),
                    "status": r.get("status") or "active"} for r in plan.rows]
    with book.session_scope(write=True) as s:
        _bulk_insert(s, book.ctx, model, records)
        audit.record(s, book.ctx, "import", plan.entity, "", {"file": p.name, "rows": len(records),
                                                              "sha256": _sha256(p)})
    return _with(report, imported=len(records), seconds=time.perf_counter() - t0)


def _with(r: ImportReport, **kw: Any) -> ImportReport:
    d = dict(r.__dict__)
    d.update(kw)
    return ImportReport(**d)


def _sha256(p: Path) -> str:
    h = hashlib.sha256()
    with p.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# ------------------------------------------------------------------------------------ export

EXPORT_COLUMNS = ("name", "kind", "tier", "industry", "city", "branch", "owner", "credit_code", "id_number", "phone",
                  "account_no", "annual_revenue", "net_worth", "credit_rating", "credit_limit", "total_assets",
                  "risk_tolerance", "risk_assessed_on", "kyc_due_on", "last_contact_on")
_KIND_LABEL = {"corporate": "对公", "individual": "个人"}
_TIER_LABEL = {"strategic": "战略", "core": "核心", "key": "重点", "general": "一般"}


def _atomic_write(out: Path, data: bytes) -> None:
    # private to the user from the first byte: an export may hold revealed C2 values
    write_private(out, data)


def export_clients(book: Any, out: Path | str, *, tier: str | None = None, owner_id: str | None = None,
                   client_ids: list[str] | None = None) -> ExportResult:
    """Write the visible clients (optionally filtered) to .xlsx. A C2 field is in clear only when the
    role's display mode is `plain` (and the session holds the key); otherwise masked (or left empty
    for `none`). Clear-text values of a `reveal` domain need an approved request and come out
    encrypted (kamdesk.services.clearexport). Audited (`export`, row count, SHA-256)."""
    role = book.user.role
    pol = book.policy
    pol.require(role, "export.clients", _("导出客户名单"))
    if tier is not None and tier not in TIERS:
        raise ValidationError("tier", _("客户分级应为 strategic/core/key/general"))
    out = _xlsx_path(out)
    modes = {d: pol.display_mode(role, d) for d in ("C2-ID", "C2-FIN")}
    clear = {d for d, m in modes.items() if m == "plain" and book.ctx.keyring.has(d)}
    where = [client_clause(book)]
    if tier:
        where.append(Client.tier == tier)
    if owner_id:
        where.append(Client.owner_id == owner_id)
    if client_ids is not None:
        where.append(Client.id.in_(client_ids))
    data, n = client_workbook(book, where, clear)
    _atomic_write(out, data)
    digest = hashlib.sha256(data).hexdigest()
    with book.session_scope(write=True) as s:
        audit.record(s, book.ctx, "export", "clients", "", {
            "format": "xlsx", "rows": n, "sha256": digest, "file": out.name, "revealed": [],
            "in_clear": sorted(clear),
            "filters": {"tier": tier, "owner_id": owner_id, "ids": len(client_ids) if client_ids is not None else None}})
    return ExportResult(str(out), n, digest)


def _xlsx_path(out: Path | str) -> Path:
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise ValidationError("out", _("导出文件应为 .xlsx"))
    return out


def client_workbook(book: Any, where: list[Any], clear: set[str]) -> tuple[bytes, int]:
    """The .xlsx bytes of the clients matching `where` and their row count: C2 values of the
    domains in `clear` decrypted, the others masked (or empty for the display mode `none`)."""
    import openpyxl

    pol, role = book.policy, book.user.role
    modes = {d: pol.display_mode(role, d) for d in ("C2-ID", "C2-FIN")}
    specs = SENSITIVE["clients"]
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet(_("客户名单"))
    # headers stay in Chinese whatever the UI language: they are the import format, so a file
    # exported here can be edited and imported back
    ws.append([FIELD_LABELS.get(c, "客户经理") for c in EXPORT_COLUMNS])
    n = 0
    with book.session_scope() as s:
        users = dict(s.execute(select(User.id, User.display_name)).all())
        for c in s.execute(select(Client.__table__).where(*where).order_by(Client.name, Client.id)):
            row: list[Any] = []
            for col in EXPORT_COLUMNS:
                if col == "owner":
                    row.append(users.get(c.owner_id or "", ""))
                elif col in specs:
                    spec = specs[col]
                    blob = getattr(c, spec.ct)
                    if blob is None:
                        row.append(None)
                    elif spec.domain in clear:
                        row.append(decrypt_value(book.ctx.keyring, blob, table="clients", column=spec.ct, record_id=c.id))
                    elif modes[spec.domain] == "none":
                        row.append(None)
                    else:
                        row.append(getattr(c, spec.mask_col))
                elif col == "kind":
                    row.append(_(_KIND_LABEL.get(c.kind, c.kind)))
                elif col == "tier":
                    row.append(_(_TIER_LABEL.get(c.tier, c.tier)))
                elif col == "total_assets":
                    row.append(None if c.total_assets is None else float(c.total_assets))
                else:
                    row.append(getattr(c, col))
            ws.append(row)
            n += 1
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue(), n


def export_calendar(book: Any, out: Path | str, *, today: dt.date | None = None, days: int = 30,
                    include_agenda: bool = True) -> ExportResult:
    """Planned visits (timed, Asia/Shanghai wall time) and agenda items (all-day) from `today` for
    `days` days as an RFC 5545 .ics file. Audited."""
    from kamdesk.services import agenda as agenda_mod
    from kamdesk.services.ics import CalendarEvent, serialize

    book.policy.require(book.user.role, "export.calendar", _("导出日程"))
    today = today or dt.date.today()
    if not 0 <= days <= 366:
        raise ValidationError("days", _("天数应在 0–366 之间"))
    out = Path(out)
    if out.suffix.lower() != ".ics":
        raise ValidationError("out", _("日历文件应为 .ics"))
    start = dt.datetime.combine(today, dt.time.min)
    end = start + dt.timedelta(days=days + 1)
    events: list[CalendarEvent] = []
    with book.session_scope() as s:
        q = (select(Visit, Client.name).join(Client, Client.id == Visit.client_id)
             .where(Visit.deleted.is_(False), Visit.status == "planned", Visit.owner_id == book.user.id,
                    Visit.planned_at >= start, Visit.planned_at < end, client_clause(book))
             .order_by(Visit.planned_at))
        for v, cname in s.execute(q):
            kind = {"visit": _("拜访"), "call": _("电话"), "meeting": _("会议"), "event": _("活动")}.get(v.kind, _("拜访"))
            events.append(CalendarEvent(uid=f"visit-{v.id}@kamdesk", summary=f"{kind}：{cname}", start=v.planned_at,
                                        end=v.planned_at + dt.timedelta(minutes=v.duration_minutes or 60),
                                        description=v.agenda or "", location=v.place or "", alarm_minutes=30,
                                        categories=(_("客户拜访"),)))
    if include_agenda:
        for it in agenda_mod.agenda(book, today=today, horizon_days=days):
            events.append(CalendarEvent(uid=f"agenda-{it.key.replace(':', '-')}@kamdesk", summary=it.title,
                                        start=it.due, description=it.detail, categories=(_("服务日程"),)))
    data = serialize(events, name=_("KAMDesk 日程")).encode("utf-8")
    _atomic_write(out, data)
    digest = hashlib.sha256(data).hexdigest()
    with book.session_scope(write=True) as s:
        audit.record(s, book.ctx, "export", "calendar", "", {"format": "ics", "rows": len(events), "sha256": digest,
                                                             "file": out.name})
    return ExportResult(str(out), len(events), digest)


def write_template(out: Path | str, entity: str = "clients") -> Path:
    """An empty .xlsx with the expected Chinese headers for `entity` (a starting point for users)."""
    import openpyxl

    if entity not in ENTITIES:
        raise ValidationError("entity", _("导入对象应为 clients、contacts 或 holdings"))
    cols = {"clients": ["客户名称", "客户类型", "统一社会信用代码", "身份证号", "行业", "城市", "联系电话", "在我行资产",
                        "风险承受能力", "风险评估日期", "KYC到期日"],
            "contacts": ["统一社会信用代码", "客户名称", "联系人姓名", "职务", "手机号", "生日", "邮箱"],
            "holdings": ["统一社会信用代码", "客户名称", "产品代码", "金额", "起始日", "到期日"]}[entity]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(cols)
    out = Path(out)
    wb.save(out)
    return out


__all__ = ["ENTITIES", "ExportResult", "ImportRejected", "ImportReport", "RowError", "detect_entity", "export_calendar",
           "export_clients", "import_file", "label", "load_mapping", "read_table", "write_template"]
