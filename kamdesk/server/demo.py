"""`kamdesk-server admin demo`: seed a demo bank -- teams, users (enrolled by the demo itself,
with printed passwords: a demo only), a
product shelf and clients spread among the RMs, their C2 fields encrypted with the server's
domain keys (the server never stores C2 plaintext).

`seed_bank` uses the realistic `kamdesk.demodata.generate_bank`; `seed` is a small built-in
generator with predictable user names (rm11, lead1 ...) used by tests and benchmarks.
"""
from __future__ import annotations

import datetime as dt
import random
import secrets
from decimal import Decimal
from typing import Any

from sqlalchemy.engine import Connection

from kamdesk.common.ids import new_id
from kamdesk.security.fieldcrypto import KeyRing, blind_index, encrypt_value
from kamdesk.security.fielddict import field_dictionary
from kamdesk.security.masking import mask
from kamdesk.server import admin as adm
from kamdesk.server import enrolment
from kamdesk.server import storage as st
from kamdesk.server.keys import KeyService
from kamdesk.server.syncsvc import bulk_insert
from kamdesk.sync.protocol import encode_value


def _sensitive_fields() -> dict[str, dict[str, tuple[str, str, bool]]]:
    """table -> field -> (key domain, mask kind, blind index), from the field dictionary."""
    out: dict[str, dict[str, tuple[str, str, bool]]] = {}
    for table, cols in field_dictionary().tables.items():
        for c in cols.values():
            if c.part == "ciphertext" and c.field and c.domain and c.mask:
                out.setdefault(table, {})[c.field] = (c.domain, c.mask, f"{c.field}_bi" in cols)
    return out


SENSITIVE_FIELDS = _sensitive_fields()

_SURNAMES = "王李张刘陈杨黄赵周吴徐孙马朱胡郭何林罗高"
_GIVEN = ["伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰", "涛", "明", "超", "霞", "平", "刚"]
_PREFIX = ["华信", "东方", "长江", "中联", "恒通", "宏达", "新纪元", "金桥", "海天", "锦程", "瑞丰", "远航", "国泰", "万象"]
_INDUSTRY = [("制造业", "机械"), ("批发和零售业", "贸易"), ("信息技术", "科技"), ("建筑业", "建设"), ("交通运输", "物流"),
             ("医药", "医药"), ("能源", "能源"), ("房地产业", "置业")]
_CITIES = ["上海", "苏州", "杭州", "南京", "宁波", "无锡"]
_RATINGS = ["AAA", "AA+", "AA", "AA-", "A+", "A", "BBB"]


def encrypt_fields(ring: KeyRing, table: str, record_id: str, plain: dict[str, str | None]) -> dict[str, Any]:
    """The stored (wire-encoded) columns for C2 plaintext: ciphertext, mask and blind index."""
    out: dict[str, Any] = {}
    for name, value in plain.items():
        domain, kind, bi = SENSITIVE_FIELDS[table][name]
        if value is None:
            out.update({f"{name}_ct": None, f"{name}_mask": None})
            if bi:
                out[f"{name}_bi"] = None
            continue
        out[f"{name}_ct"] = encode_value(encrypt_value(ring, domain, value, table=table, column=f"{name}_ct",
                                                       record_id=record_id))
        out[f"{name}_mask"] = mask(kind, value)
        if bi:
            out[f"{name}_bi"] = blind_index(ring, domain, kind, value)
    return out


def _credit_code(rng: random.Random) -> str:
    from kamdesk.security.validators import credit_code as check

    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    while True:
        body = "91" + "".join(rng.choice("0123456789") for _ in range(6)) + "".join(rng.choice(alphabet) for _ in range(9))
        total = sum(alphabet.index(c) * w for c, w in zip(body, weights))
        code = body + alphabet[(31 - total % 31) % 31]
        try:
            check(code)
            return code
        except Exception:  # noqa: BLE001 - retry on an unlucky draw
            continue


def _name(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.randint(1, 2)))


def enrol_demo_user(conn: Connection, username: str, secret: str) -> str:
    """The demo enrols its own users server-side (a demo bank has no one to hand secrets to):
    the same enrolment path a real user takes, with a random password the demo prints."""
    password = secrets.token_urlsafe(9)
    if not enrolment.enrol(conn, username, secret, password):
        raise RuntimeError("demo enrolment failed")
    return password


def seed(conn: Connection, keys: KeyService, *, clients: int, seed_value: int = 1, today: dt.date | None = None,
         teams: int = 2, rms_per_team: int = 3) -> dict[str, Any]:
    """Seed the bank; returns {"users": [{username, password, role, team}], "clients": n, ...}."""
    rng = random.Random(seed_value)
    today = today or dt.date.today()
    branch = "上海分行"
    out_users: list[dict[str, Any]] = []

    def user(username: str, role: str, team: str | None, display: str) -> Any:
        u, issued = adm.create_user(conn, username=username, role=role, team=team, display_name=display,
                                    branch=branch, actor="demo")
        password = enrol_demo_user(conn, username, issued.enrolment_secret)
        out_users.append({"username": username, "password": password, "role": role, "team": team, "id": u.id})
        return u

    rms = []
    for t in range(teams):
        team = f"公司业务{'一二三四五六七八九十'[t % 10]}部"
        user(f"lead{t + 1}", "team_lead", team, _name(rng))
        for i in range(rms_per_team):
            rms.append(user(f"rm{t + 1}{i + 1}", "rm", team, _name(rng)))
    user("risk1", "risk_officer", None, _name(rng))
    user("compliance1", "compliance_officer", None, _name(rng))
    user("admin", "admin", None, "系统管理员")
    user("admin2", "admin", None, "系统管理员（复核）")  # maker-checker needs a second administrator

    ring = keys.keyring(conn)
    alloc = st.SeqAllocator(conn)
    items: list[tuple[str, str, dict[str, Any]]] = []
    for code, name, ptype, risk, term, rate in [
        ("DEP-12M", "单位定期存款（12个月）", "deposit", "R1", 12, "1.65"),
        ("WM-R2-180", "稳健理财 180 天", "wealth", "R2", 6, "2.90"),
        ("WM-R3-365", "增利理财 1 年", "wealth", "R3", 12, "3.40"),
        ("FUND-EQ", "股票型基金精选", "fund", "R4", None, None),
        ("LOAN-WC", "流动资金贷款", "loan", "R2", 12, "3.85"),
        ("TF-LC", "进口信用证", "trade_finance", "R2", 6, None),
        ("CM-POOL", "现金池管理", "cash_management", "R1", None, None),
        ("FX-FWD", "远期结售汇", "fx", "R3", 6, None),
    ]:
        pid = new_id()
        items.append(("products", pid, {k: encode_value(v) for k, v in {
            "code": code, "name": name, "product_type": ptype, "risk_level": risk, "term_months": term,
            "rate": rate, "fee": "", "min_amount": "100000.00", "max_amount": None, "currency": "CNY",
            "for_kind": "corporate", "on_shelf": True, "description": name, "disclosure": "理财非存款，产品有风险，投资须谨慎。",
            "deleted": False}.items()}))
    for n in range(clients):
        owner = rms[n % len(rms)]
        cid = new_id()
        prefix, (industry, suffix) = rng.choice(_PREFIX), rng.choice(_INDUSTRY)
        city = rng.choice(_CITIES)
        revenue = Decimal(rng.randint(5, 5000)) * Decimal(1_000_000)
        fields: dict[str, Any] = {
            "kind": "corporate", "name": f"{city}{prefix}{suffix}有限公司{n}", "short_name": f"{prefix}{suffix}",
            "parent_id": None, "industry": industry, "lifecycle_stage": rng.choice(["startup", "growth", "mature", "decline"]),
            "tier": rng.choice(["strategic", "core", "key", "general", "general"]), "owner_id": owner.id,
            "team_id": owner.team_id, "branch": branch, "status": "active", "city": city, "address": f"{city}市某路{n}号",
            "established_on": (today - dt.timedelta(days=rng.randint(400, 9000))).isoformat(),
            "kyc_reviewed_on": (today - dt.timedelta(days=rng.randint(10, 700))).isoformat(), "kyc_due_on": None,
            "risk_assessed_on": (today - dt.timedelta(days=rng.randint(10, 700))).isoformat(),
            "risk_tolerance": rng.choice(["C1", "C2", "C3", "C4", "C5"]),
            "total_assets": str(Decimal(rng.randint(1, 900)) * Decimal(100_000)), "last_contact_on": None,
            "notes": "", "deleted": False,
        }
        fields.update(encrypt_fields(ring, "clients", cid, {
            "id_number": None, "credit_code": _credit_code(rng), "phone": f"021{rng.randint(10000000, 99999999)}",
            "account_no": f"31001{rng.randint(10**13, 10**14 - 1)}", "net_worth": str(revenue / 3),
            "annual_revenue": str(revenue), "credit_rating": rng.choice(_RATINGS),
            "credit_limit": str(Decimal(rng.randint(1, 50)) * Decimal(10_000_000))}))
        items.append(("clients", cid, fields))
        for k in range(2):
            xid = new_id()
            cf = {"client_id": cid, "name": _name(rng), "title": ["财务总监", "总经理", "董事长"][k % 3],
                  "role": ["finance", "decision_maker"][k % 2], "birthday": None, "email": "", "preferences": "",
                  "is_primary": k == 0, "deleted": False}
            cf.update(encrypt_fields(ring, "contacts", xid, {"phone": f"13{rng.randint(100000000, 999999999)}"}))
            items.append(("contacts", xid, cf))
        for m in range(3):
            month = (today.replace(day=1) - dt.timedelta(days=31 * (m + 1))).strftime("%Y-%m")
            items.append(("contributions", new_id(), {
                "client_id": cid, "month": month, "deposit_income": str(rng.randint(1000, 90000)),
                "loan_income": str(rng.randint(0, 90000)), "fee_income": str(rng.randint(0, 9000)),
                "avg_deposit": str(rng.randint(10**6, 10**8)), "avg_loan": str(rng.randint(0, 10**8)),
                "deleted": False}))
        if len(items) >= 5000:
            bulk_insert(conn, alloc, items)
            items = []
    bulk_insert(conn, alloc, items)
    alloc.flush()
    st.log_admin(conn, "demo", "demo.seed", {"clients": clients, "seed": seed_value})
    return {"users": out_users, "clients": clients, "branch": branch}


def seed_bank(conn: Connection, keys: KeyService, *, clients: int, seed_value: int = 1,
              today: dt.date | None = None) -> dict[str, Any]:
    """Seed the realistic demo bank of `kamdesk.demodata.generate_bank` (teams, users, products,
    questionnaires, clients and everything hanging off them); C2 fields encrypted here."""
    import time as _time

    from kamdesk.demodata.generator import TABLES, generate_bank

    bank = generate_bank(clients, seed_value, today=today or dt.date.today())
    ring = keys.keyring(conn)
    out_users: list[dict[str, Any]] = []
    for t in bank.teams:
        conn.execute(st.teams.insert().values(id=t["id"], name=t["name"], branch=t.get("branch", ""),
                                              lead_id=t.get("lead_id")))
    now = _time.time()
    for u in bank.users:
        conn.execute(st.users.insert().values(
            id=u["id"], username=u["username"], display_name=u["display_name"], role=u["role"],
            team_id=u.get("team_id"), branch=u.get("branch", ""), password_hash=enrolment.unusable_hash(),
            must_change_password=True, active=True, created_at=now))
        password = enrol_demo_user(conn, u["username"], enrolment.issue(conn, u["id"], actor="demo").enrolment_secret)
        if not u.get("active", True):
            conn.execute(st.users.update().where(st.users.c.id == u["id"]).values(active=False))
        team = next((t["name"] for t in bank.teams if t["id"] == u.get("team_id")), None)
        out_users.append({"username": u["username"], "password": password, "role": u["role"], "team": team,
                          "id": u["id"], "display_name": u["display_name"]})
    if sum(1 for u in bank.users if u["role"] == "admin") < 2:  # maker-checker needs a second administrator
        second, issued = adm.create_user(conn, username="admin2", role="admin", display_name="系统管理员（复核）",
                                         actor="demo")
        out_users.append({"username": second.username, "password": enrol_demo_user(conn, "admin2",
                                                                                   issued.enrolment_secret),
                          "role": "admin", "team": None, "id": second.id, "display_name": second.display_name})
    alloc = st.SeqAllocator(conn)  # after every user is created: one allocator at a time in this transaction
    items: list[tuple[str, str, dict[str, Any]]] = []
    for table in TABLES:
        sensitive = SENSITIVE_FIELDS.get(table, {})
        for row in bank.tables.get(table, []):
            rid = row["id"]
            fields = {k: encode_value(v) for k, v in row.items() if k != "id" and k not in sensitive}
            if sensitive:
                fields.update(encrypt_fields(ring, table, rid, {k: None if row.get(k) in (None, "") else str(row[k])
                                                                for k in sensitive}))
            fields.setdefault("deleted", False)
            items.append((table, rid, fields))
            if len(items) >= 5000:
                bulk_insert(conn, alloc, items)
                items = []
    bulk_insert(conn, alloc, items)
    alloc.flush()
    st.log_admin(conn, "demo", "demo.seed", {"clients": clients, "seed": seed_value, "generator": "demodata"})
    return {"users": out_users, "clients": len(bank.clients), "counts": bank.counts()}
