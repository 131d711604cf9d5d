"""The client list, one client's profile, edits with validation and per-field permission, and the
audited reveal of one sensitive value.

Every function restricts itself to the clients the user's role may see (`services.scope`), works
in SQL (no Python scan over the book) and returns frozen DTOs (`services.dto`), never ORM rows.
C2 values leave here as masks or bands; plaintext only through `reveal`, which is audited.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import aliased

from kamdesk.common.errors import NotFound, PermissionDenied, ValidationError
from kamdesk.common.i18n import N_, _
from kamdesk.models import (CLIENT_KINDS, LIFECYCLE_STAGES, RISK_TOLERANCES, SENSITIVE, TIERS, Client, Contact, Team,
                            User)
from kamdesk.security import validators
from kamdesk.security.fieldcrypto import decrypt_value
from kamdesk.security.masking import localize
from kamdesk.services import audit
from kamdesk.services.dto import ClientDetail, ClientFilter, ClientPage, ClientRow, SensitiveValue
from kamdesk.services.scope import require_client_visible
from kamdesk.services.reasons import clean_reason
from kamdesk.services.search import (TIER_RANK_SQL, SCOPE_INDEX, candidate_sql, refresh_index, scope_sql,
                                     visible_among)

TIER_LABELS = {"strategic": N_("战略"), "core": N_("核心"), "key": N_("重点"), "general": N_("一般")}
KIND_LABELS = {"corporate": N_("对公"), "individual": N_("个人")}
LIFECYCLE_LABELS = {"startup": N_("初创期"), "growth": N_("成长期"), "mature": N_("成熟期"), "decline": N_("衰退期")}
FIELD_LABELS = {
    "name": N_("客户名称"), "short_name": N_("简称"), "kind": N_("客户类型"), "parent_id": N_("所属集团"),
    "industry": N_("行业"), "lifecycle_stage": N_("生命周期阶段"), "tier": N_("客户分层"), "owner_id": N_("主办客户经理"),
    "team_id": N_("所属团队"), "branch": N_("所属机构"), "status": N_("状态"), "city": N_("城市"), "address": N_("地址"),
    "established_on": N_("成立日期/生日"), "kyc_reviewed_on": N_("KYC 复核日期"), "kyc_due_on": N_("KYC 到期日"),
    "risk_assessed_on": N_("风险评估日期"), "risk_tolerance": N_("风险承受能力"), "total_assets": N_("在我行资产"),
    "last_contact_on": N_("最近联系日期"), "notes": N_("备注"),
    "id_number": N_("身份证号"), "credit_code": N_("统一社会信用代码"), "phone": N_("手机号"), "account_no": N_("账号"),
    "net_worth": N_("净资产"), "annual_revenue": N_("年营业收入"), "credit_rating": N_("信用评级"),
    "credit_limit": N_("授信额度"),
}
_TEXT_FIELDS = {"name": 200, "short_name": 100, "industry": 64, "branch": 100, "status": 16, "city": 64,
                "address": 300, "notes": 100_000}
_DATE_FIELDS = ("established_on", "kyc_reviewed_on", "kyc_due_on", "risk_assessed_on", "last_contact_on")
C1_FIELDS = ("name", "short_name", "kind", "parent_id", "industry", "lifecycle_stage", "tier", "owner_id", "team_id",
             "branch", "status", "city", "address", *_DATE_FIELDS, "risk_tolerance", "total_assets", "notes")
_AMOUNT_C2 = ("net_worth", "annual_revenue", "credit_limit")
SORT_KEYS = ("name", "tier", "kind", "industry", "lifecycle_stage", "owner_name", "city", "total_assets",
             "risk_tolerance", "last_contact_on", "group_name", "updated_at")

_Parent = aliased(Client, name="parent")


def field_label(name: str) -> str:
    return _(FIELD_LABELS.get(name, name))


def client_specs() -> dict[str, Any]:
    return SENSITIVE["clients"]


# ---- the list ------------------------------------------------------------------------------------


_SORT_SQL = {
    "name": "coalesce(si.py, clients.name)",
    "tier": TIER_RANK_SQL.format(col="clients.tier"),
    "kind": "clients.kind",
    "industry": "clients.industry",
    "lifecycle_stage": "CASE clients.lifecycle_stage " + " ".join(
        f"WHEN '{v}' THEN {i}" for i, v in enumerate(LIFECYCLE_STAGES)) + " ELSE 9 END",
    "owner_name": "users.display_name",
    "city": "clients.city",
    "total_assets": "CAST(clients.total_assets AS REAL)",
    "risk_tolerance": "clients.risk_tolerance",
    "last_contact_on": "clients.last_contact_on",
    "group_name": "parent.name",
    "updated_at": "clients.updated_at",
}
_FILTER_COLS = (("tiers", "tier"), ("industries", "industry"), ("lifecycle_stages", "lifecycle_stage"),
                ("owner_ids", "owner_id"), ("team_ids", "team_id"), ("kinds", "kind"))


def _ids_sql(book: Any, query: str, filters: ClientFilter | None, sort: str,
             descending: bool) -> tuple[str, dict[str, Any]]:
    """One statement for the ordered ids: scope, filters and sort keys are read from the covering
    index `ix_clients_scope` (never the wide client rows)."""
    if sort not in _SORT_SQL:
        raise ValidationError("sort", _("不支持按「{s}」排序").format(s=sort))
    clause, params = scope_sql(book)
    where = [clause]
    f = filters or ClientFilter()
    for attr, col in _FILTER_COLS:
        values = tuple(getattr(f, attr))
        if values:
            names = []
            for i, v in enumerate(values):
                params[f"f_{col}_{i}"] = v
                names.append(f":f_{col}_{i}")
            where.append(f"clients.{col} IN ({', '.join(names)})")
    if query and query.strip():
        built = candidate_sql(book, query)
        if built is not None:
            cand_sql, cand_params = built
            params.update(cand_params)
            where.append(f"clients.id IN (SELECT client_id FROM ({cand_sql}))")
    joins = ["LEFT JOIN search_index si ON si.src_id = clients.id AND si.field = 'name'"]
    if sort == "owner_name":
        joins.append("LEFT JOIN users ON users.id = clients.owner_id")
    if sort == "group_name":
        joins.append("LEFT JOIN clients AS parent ON parent.id = clients.parent_id")
    direction = "DESC" if descending else "ASC"
    sql = (f"SELECT clients.id FROM clients INDEXED BY {SCOPE_INDEX} {' '.join(joins)} WHERE {' AND '.join(where)} "
            f"ORDER BY {_SORT_SQL[sort]} {direction} NULLS LAST, coalesce(si.py, clients.name) {direction}, "
            f"clients.id {direction}")
    return sql, params


def client_ids(book: Any, *, query: str = "", filters: ClientFilter | None = None, sort: str = "name",
               descending: bool = False) -> list[str]:
    """The full ordered list of visible client ids matching the query and filters (one query)."""
    refresh_index(book)  # new or renamed names get their pinyin (sort key and pinyin matching)
    sql, params = _ids_sql(book, query, filters, sort, descending)
    with book.session_scope() as s:
        return [r[0] for r in s.execute(text(sql), params)]


def _row_columns() -> list[Any]:
    return [Client.id, Client.name, Client.short_name, Client.kind, Client.tier, Client.industry,
            Client.lifecycle_stage, User.display_name, Client.team_id, Client.city, Client.total_assets,
            Client.risk_tolerance, Client.credit_code_mask, Client.credit_code_ct, Client.last_contact_on, _Parent.name]


def _to_rows(book: Any, rows: Iterable[Any]) -> list[ClientRow]:
    mode = book.policy.display_mode(book.user.role, "C2-ID")
    ring = book.ctx.keyring
    out = []
    for (cid, name, short, kind, tier, industry, stage, owner, team_id, city, assets, risk, cc_mask, cc_ct, last,
         group) in rows:
        if mode == "none":
            cc = None
        elif mode == "plain" and cc_ct is not None and ring.has("C2-ID"):
            cc = decrypt_value(ring, cc_ct, table="clients", column="credit_code_ct", record_id=cid)
        else:
            cc = cc_mask
        out.append(ClientRow(id=cid, name=name, short_name=short or "", kind=kind, tier=tier, industry=industry or "",
                             lifecycle_stage=stage or "", owner_name=owner or "", team_id=team_id, city=city or "",
                             total_assets=assets, risk_tolerance=risk, credit_code_display=cc, last_contact_on=last,
                             group_name=group or ""))
    return out


def _fetch_rows(book: Any, s: Any, ids: list[str], *, check: bool) -> dict[str, ClientRow]:
    out: dict[str, ClientRow] = {}
    wanted = list(dict.fromkeys(ids))
    if check:
        visible = visible_among(s, book, wanted)
        wanted = [i for i in wanted if i in visible]
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        stmt = (select(*_row_columns()).select_from(Client)
                .outerjoin(User, User.id == Client.owner_id)
                .outerjoin(_Parent, _Parent.id == Client.parent_id)
                .where(Client.id.in_(chunk)))
        for row in _to_rows(book, s.execute(stmt).all()):
            out[row.id] = row
    return out


def list_clients(book: Any, *, query: str = "", filters: ClientFilter | None = None, sort: str = "name",
                 descending: bool = False, offset: int = 0, limit: int = 200) -> ClientPage:
    """One page of the visible clients matching the query and filters, and the total count."""
    ids = client_ids(book, query=query, filters=filters, sort=sort, descending=descending)
    page = ids[max(0, int(offset)) : max(0, int(offset)) + max(0, int(limit))]
    with book.session_scope() as s:
        rows = _fetch_rows(book, s, page, check=False)  # the ids came from the scoped query
    return ClientPage(total=len(ids), rows=[rows[i] for i in page if i in rows])


def rows_for_ids(book: Any, ids: list[str]) -> dict[str, ClientRow]:
    """The rows for some ids (a lazy row cache); ids the user may not see are simply absent."""
    with book.session_scope() as s:
        return _fetch_rows(book, s, ids, check=True)


def filter_options(book: Any) -> dict[str, list[tuple[str, str]]]:
    """(value, label) choices for each list filter, drawn from the visible clients."""
    clause, params = scope_sql(book)
    base = f"FROM clients INDEXED BY {SCOPE_INDEX} WHERE {clause}"
    with book.session_scope() as s:
        industries = [r[0] for r in s.execute(text(f"SELECT DISTINCT clients.industry {base} ORDER BY 1"), params) if r[0]]
        owner_ids = [r[0] for r in s.execute(text(f"SELECT DISTINCT clients.owner_id {base}"), params) if r[0]]
        team_ids = [r[0] for r in s.execute(text(f"SELECT DISTINCT clients.team_id {base}"), params) if r[0]]
        owners = dict(s.execute(select(User.id, User.display_name).where(User.id.in_(owner_ids))).all()) if owner_ids else {}
        teams = dict(s.execute(select(Team.id, Team.name).where(Team.id.in_(team_ids))).all()) if team_ids else {}
    return {
        "tiers": [(t, _(TIER_LABELS[t])) for t in TIERS],
        "kinds": [(k, _(KIND_LABELS[k])) for k in CLIENT_KINDS],
        "lifecycle_stages": [(v, _(LIFECYCLE_LABELS[v])) for v in LIFECYCLE_STAGES],
        "industries": [(i, i) for i in industries],
        "owner_ids": sorted(((oid, owners.get(oid) or oid) for oid in owner_ids), key=lambda x: x[1]),
        "team_ids": sorted(((tid, teams.get(tid) or tid) for tid in team_ids), key=lambda x: x[1]),
    }


# ---- one client ----------------------------------------------------------------------------------


def _sensitive_values(book: Any, client: Client) -> dict[str, SensitiveValue]:
    role = book.user.role
    ring = book.ctx.keyring
    out = {}
    for name, spec in client_specs().items():
        mode = book.policy.display_mode(role, spec.domain)
        has_value = getattr(client, spec.ct) is not None
        display: str | None
        if mode == "none" or not has_value:
            display = None
        elif mode == "plain" and ring.has(spec.domain):
            display = getattr(client, name)
        else:
            display = localize(getattr(client, spec.mask_col))
        out[name] = SensitiveValue(display=display, domain=spec.domain, mode=mode,
                                   revealable=mode == "reveal" and ring.has(spec.domain) and has_value,
                                   has_value=has_value)
    return out


def editable_fields(book: Any) -> tuple[str, ...]:
    role = book.user.role
    pol = book.policy
    if not pol.can(role, "client.edit"):
        return ()
    out = [f for f in C1_FIELDS if pol.can_write_field(role, "clients", f)]
    for name, spec in client_specs().items():
        if (all(pol.can_write_field(role, "clients", c) for c in (name, spec.ct, spec.mask_col))
                and book.ctx.keyring.has(spec.domain)):
            out.append(name)
    return tuple(out)


def _detail(book: Any, s: Any, client: Client) -> ClientDetail:
    owner = s.get(User, client.owner_id) if client.owner_id else None
    team = s.get(Team, client.team_id) if client.team_id else None
    parent = s.get(Client, client.parent_id) if client.parent_id else None
    return ClientDetail(
        id=client.id, kind=client.kind, name=client.name, short_name=client.short_name or "",
        parent_id=client.parent_id, group_name=parent.name if parent is not None and not parent.deleted else "",
        industry=client.industry or "", lifecycle_stage=client.lifecycle_stage or "", tier=client.tier or "general",
        owner_id=client.owner_id, owner_name=owner.display_name if owner else "", team_id=client.team_id,
        team_name=team.name if team else "", branch=client.branch or "", status=client.status or "",
        city=client.city or "", address=client.address or "", established_on=client.established_on,
        kyc_reviewed_on=client.kyc_reviewed_on, kyc_due_on=client.kyc_due_on,
        risk_assessed_on=client.risk_assessed_on, risk_tolerance=client.risk_tolerance,
        total_assets=client.total_assets, last_contact_on=client.last_contact_on, notes=client.notes or "",
        updated_at=client.updated_at, sensitive=_sensitive_values(book, client), editable_fields=editable_fields(book),
    )


def get_client(book: Any, client_id: str) -> ClientDetail:
    """Every field of one visible client; C2 fields per the role's display mode."""
    with book.session_scope() as s:
        client = require_client_visible(s, book, client_id)
        return _detail(book, s, client)


# ---- editing -------------------------------------------------------------------------------------


def _as_date(name: str, value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError(name, _("{f}应为日期（YYYY-MM-DD）").format(f=field_label(name))) from None


def _as_amount(name: str, value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        raise ValidationError(name, _("{f}应为金额数字").format(f=field_label(name))) from None
    if not amount.is_finite() or amount < 0:
        raise ValidationError(name, _("{f}不能为负数").format(f=field_label(name)))
    return amount


def _choice(name: str, value: Any, allowed: Iterable[str], *, optional: bool = False) -> str | None:
    if optional and (value is None or value == ""):
        return None
    if value not in tuple(allowed):
        raise ValidationError(name, _("{f}的取值无效").format(f=field_label(name)))
    return str(value)


def clean_field(s: Any, book: Any, client: Client, name: str, value: Any) -> Any:
    """A plain (not C2) client field as it will be stored, or ValidationError naming the field."""
    if name in _TEXT_FIELDS:
        v = "" if value is None else str(value).strip()
        if name == "name" and not v:
            raise ValidationError(name, _("客户名称不能为空"))
        if len(v) > _TEXT_FIELDS[name]:
            raise ValidationError(name, _("{f}不能超过 {n} 个字").format(f=field_label(name), n=_TEXT_FIELDS[name]))
        return v
    if name in _DATE_FIELDS:
        return _as_date(name, value)
    if name == "total_assets":
        return _as_amount(name, value)
    if name == "kind":
        return _choice(name, value, CLIENT_KINDS)
    if name == "tier":
        return _choice(name, value, TIERS)
    if name == "lifecycle_stage":
        return _choice(name, value, LIFECYCLE_STAGES)
    if name == "risk_tolerance":
        return _choice(name, value, RISK_TOLERANCES, optional=True)
    if name == "parent_id":
        if value in (None, ""):
            return None
        pid = str(value)
        if pid == client.id:
            raise ValidationError(name, _("客户不能是自己的上级集团"))
        try:
            require_client_visible(s, book, pid)
        except NotFound:
            raise ValidationError(name, _("所选上级集团不存在或不在您的权限范围内")) from None
        seen, cur = {client.id}, pid
        while cur:  # refuse a cycle in the group tree
            if cur in seen:
                raise ValidationError(name, _("所选上级集团会形成循环"))
            seen.add(cur)
            cur = s.scalar(select(Client.parent_id).where(Client.id == cur))
        return pid
    if name == "owner_id":
        if value in (None, ""):
            return None
        if s.get(User, str(value)) is None:
            raise ValidationError(name, _("所选客户经理不存在"))
        return str(value)
    if name == "team_id":
        if value in (None, ""):
            return None
        if s.get(Team, str(value)) is None:
            raise ValidationError(name, _("所选团队不存在"))
        return str(value)
    raise ValidationError(name, _("不能修改字段「{f}」").format(f=field_label(name)))  # pragma: no cover


def _clean_c2(name: str, value: Any) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    v = str(value).strip()
    if name == "id_number":
        return validators.resident_id(v, name)
    if name == "credit_code":
        return validators.credit_code(v, name)
    if name == "phone":
        return validators.mobile(v, name)
    if name == "account_no":
        return validators.account_number(v, name)
    if name in _AMOUNT_C2:
        amount = _as_amount(name, v)
        return None if amount is None else str(amount)
    if len(v) > 32:
        raise ValidationError(name, _("{f}过长").format(f=field_label(name)))
    return v


def update_client(book: Any, client_id: str, changes: dict[str, Any]) -> ClientDetail:
    """Apply `changes` ({field: value}; C2 fields as plaintext, None/"" clears) to one client.
    Every field is permission-checked and validated first; on any error nothing is written."""
    role = book.user.role
    pol = book.policy
    if not pol.can(role, "client.edit") or not pol.can_write(role, "clients"):
        raise PermissionDenied(_("修改客户资料"))
    allowed = set(editable_fields(book))
    specs = client_specs()
    for name in changes:
        if name not in C1_FIELDS and name not in specs:
            raise ValidationError(name, _("没有可修改的字段「{f}」").format(f=name))
        if name not in allowed:
            raise PermissionDenied(_("修改「{f}」").format(f=field_label(name)))
    with book.session_scope(write=True) as s:
        client = require_client_visible(s, book, client_id)
        cleaned: dict[str, Any] = {}
        for name, value in changes.items():
            cleaned[name] = _clean_c2(name, value) if name in specs else clean_field(s, book, client, name, value)
        for name, value in cleaned.items():
            if name in specs:
                if getattr(client, specs[name].ct) is None and value is None:
                    continue
                if value is not None and getattr(client, name) == value:
                    continue
            elif getattr(client, name) == value:
                continue
            setattr(client, name, value)
        s.flush()
    refresh_index(book)
    return get_client(book, client_id)


# ---- reveal --------------------------------------------------------------------------------------


def may_reveal(book: Any, field: str, *, table: str = "clients") -> bool:
    """Whether the user may see the plaintext of this C2 field (of `table`): a role whose display
    mode is reveal (with the reveal action) or plain, and whose session holds the key. No query."""
    spec = SENSITIVE.get(table, {}).get(field)
    if spec is None:
        return False
    role = book.user.role
    mode = book.policy.display_mode(role, spec.domain)
    allowed = mode == "plain" or (mode == "reveal" and book.policy.can(role, "reveal"))
    return allowed and book.ctx.keyring.has(spec.domain)


def reveal(book: Any, client_id: str, field: str, *, reason: str = "", contact_id: str | None = None) -> str:
    """The plaintext of one C2 field, for a role whose display mode is reveal (or plain) and whose
    session holds the key; needs a reason (`reasons.clean_reason`); records an audit event `reveal`
    with the reason (never the value itself). With
    `contact_id`, the field is one of that contact's (its phone), the contact of a visible client."""
    table = "contacts" if contact_id else "clients"
    spec = SENSITIVE[table].get(field)
    if spec is None:
        raise ValidationError(field, _("「{f}」不是敏感字段").format(f=field_label(field)))
    if not may_reveal(book, field, table=table):
        raise PermissionDenied(_("查看「{f}」明文").format(f=field_label(field)))
    reason = clean_reason(reason)
    with book.session_scope(write=True) as s:
        record: Any = require_client_visible(s, book, client_id)
        if contact_id:
            record = s.get(Contact, contact_id)
            if record is None or record.deleted or record.client_id != client_id:
                raise NotFound(_("联系人不存在"))
        if getattr(record, spec.ct) is None:
            raise NotFound(_("「{f}」没有填写").format(f=field_label(field)))
        value = getattr(record, field)
        if value is None:
            raise PermissionDenied(_("查看「{f}」明文").format(f=field_label(field)))
        detail = {"field": field, "reason": reason}
        if contact_id:
            detail["client_id"] = client_id
        audit.record(s, book.ctx, "reveal", table, contact_id or client_id, detail)
    return str(value)
