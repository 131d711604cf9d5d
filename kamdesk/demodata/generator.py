"""The deterministic demo bank generator.

`generate_bank(clients, seed, today=...)` returns plain records (dicts keyed by the model
column names, one list per table) for a fictional bank: teams, users, the product shelf,
questionnaire templates, clients and everything hanging off them. Sensitive (C2) fields stay
plaintext under their field names (`id_number`, `credit_code`, `phone`, `account_no`,
`net_worth`, `annual_revenue`, `credit_rating`, `credit_limit`); whoever stores the records
encrypts them. The output depends only on (clients, seed, today, rms): every random choice
comes from `random.Random` instances seeded from `seed`, ids included, and no wall clock is read.

This module imports neither SQLAlchemy nor any service, so the sync server can reuse it.
"""
from __future__ import annotations

import datetime as dt
import itertools
import json
import math
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources
from typing import Any

from stdnum import luhn
from stdnum.cn import ric, uscc

from kamdesk.demodata import texts, words

Row = dict[str, Any]

# Insert order (parents before children; the schema has no FOREIGN KEYs, but readers like it).
TABLES: tuple[str, ...] = (
    "teams", "users", "products", "questionnaire_templates", "clients", "contacts", "relationship_team",
    "contributions", "holdings", "visits", "questionnaire_responses", "tasks", "opportunities",
    "opportunity_members", "opportunity_stages", "service_requests", "service_request_events", "risk_notes",
)
# Plaintext sensitive fields per table (the storage layer encrypts them).
SENSITIVE_FIELDS: dict[str, tuple[str, ...]] = {
    "clients": ("id_number", "credit_code", "phone", "account_no", "net_worth", "annual_revenue", "credit_rating",
                "credit_limit"),
    "contacts": ("phone",),
}

BRANCHES: tuple[str, ...] = ("上海分行", "北京分行", "深圳分行", "杭州分行")
_CN_NUM = "一二三四五六七八九十"
_STAGES = ("lead", "qualified", "proposal", "negotiation", "won", "lost")
_PROBABILITY = {"lead": 10, "qualified": 25, "proposal": 50, "negotiation": 75, "won": 100, "lost": 0}
_ORG_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_CENT = Decimal("0.01")
_ZERO = Decimal("0.00")


@dataclass
class DemoBank:
    """The generated bank: `tables[name]` is a list of records for that table."""

    seed: int
    today: dt.date
    tables: dict[str, list[Row]] = field(default_factory=dict)

    def __getitem__(self, table: str) -> list[Row]:
        return self.tables[table]

    @property
    def teams(self) -> list[Row]:
        return self.tables["teams"]

    @property
    def users(self) -> list[Row]:
        return self.tables["users"]

    @property
    def products(self) -> list[Row]:
        return self.tables["products"]

    @property
    def clients(self) -> list[Row]:
        return self.tables["clients"]

    def counts(self) -> dict[str, int]:
        return {t: len(self.tables.get(t, [])) for t in TABLES}

    def user(self, user_id: str) -> Row:
        for u in self.users:
            if u["id"] == user_id:
                return u
        raise KeyError(user_id)

    def team(self, team_id: str) -> Row:
        for t in self.teams:
            if t["id"] == team_id:
                return t
        raise KeyError(team_id)

    def busiest_rm(self) -> Row:
        """The relationship manager who owns the most clients (the first one on ties)."""
        owned = Counter(c["owner_id"] for c in self.clients)
        rms = [u for u in self.users if u["role"] == "rm"]
        return max(rms, key=lambda u: (owned.get(u["id"], 0), -rms.index(u)))


class _Ids:
    """Deterministic UUIDv7-shaped ids: time-ordered from a base instant, random bits from a seeded RNG."""

    def __init__(self, rng: random.Random, base_ms: int) -> None:
        self._rng = rng
        self._ms = base_ms
        self._seq = 0

    def __call__(self) -> str:
        self._seq += 1
        if self._seq > 0xFFF:
            self._ms += 1
            self._seq = 0
        rand = self._rng.getrandbits(62)
        h = f"{(self._ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | self._seq << 64 | 0b10 << 62 | rand:032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _load_json(name: str) -> Any:
    return json.loads(resources.files("kamdesk.resources").joinpath("demo", name).read_text("utf-8"))


def _dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _money(x: float) -> Decimal:
    return Decimal(f"{x:.2f}")


def _round_to(x: float, unit: int) -> Decimal:
    return Decimal(max(unit, int(round(x / unit)) * unit)).quantize(_CENT)


def _log_uniform(rng: random.Random, lo: float, hi: float) -> float:
    return math.exp(rng.uniform(math.log(lo), math.log(hi)))


_CUM: dict[int, tuple[Any, list[Any], list[float]]] = {}


def _cum(pairs: Any, weight: Any) -> tuple[list[Any], list[float]]:
    """(values, cumulative weights) of a constant table, computed once (keyed by identity)."""
    hit = _CUM.get(id(pairs))
    if hit is None or hit[0] is not pairs:
        values = list(pairs)
        hit = (pairs, values, list(itertools.accumulate(weight(p) for p in values)))
        _CUM[id(pairs)] = hit
    return hit[1], hit[2]


def _pick(rng: random.Random, table: Any, weight: Any) -> Any:
    values, cum = _cum(table, weight)
    return rng.choices(values, cum_weights=cum)[0]


def _weighted(rng: random.Random, pairs: tuple[tuple[Any, int], ...]) -> Any:
    """One value of ((value, weight), ...)."""
    return _pick(rng, pairs, lambda p: p[1])[0]


def _add_months(d: dt.date, months: int) -> dt.date:
    m = d.month - 1 + months
    y = d.year + m // 12
    m = m % 12 + 1
    leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
    dim = (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[m - 1]
    return dt.date(y, m, min(d.day, dim))


# -- identity numbers -------------------------------------------------------------------------

def org_code_check(body: str) -> str:
    """GB 11714 organisation-code check character for an 8-character body."""
    total = sum(_ORG_CODE_CHARS.index(c) * w if c.isdigit() else (ord(c) - 55) * w for c, w in zip(body, _ORG_WEIGHTS))
    c9 = 11 - total % 11
    return "X" if c9 == 10 else "0" if c9 == 11 else str(c9)


def make_credit_code(rng: random.Random, district: str) -> str:
    """A unified social credit code (GB 32100-2015): 91 + district + organisation code + check."""
    if rng.random() < 0.6:  # codes issued since 2015 carry "MA" organisation codes
        body = "MA" + "".join(rng.choice(_ORG_CODE_CHARS[:10] + "ABCDEFGHJKLMNPQRTUWXY") for _ in range(6))
    else:
        body = "".join(rng.choice("0123456789") for _ in range(8))
    head = "91" + district + body + org_code_check(body)
    return head + uscc.calc_check_digit(head)


def make_resident_id(rng: random.Random, birthday: dt.date, male: bool) -> str:
    places = [code for code, since in words.BIRTHPLACES if birthday.year >= since]
    seq = rng.randrange(0, 100) * 10 + rng.randrange(0, 10)
    if (seq % 2 == 1) != male:
        seq = seq + 1 if seq % 2 == 0 else seq - 1
        seq = min(seq, 999)
    body = f"{rng.choice(places)}{birthday:%Y%m%d}{seq:03d}"
    return body + ric.calc_check_digit(body + "0")


def make_mobile(rng: random.Random) -> str:
    return rng.choice(words.MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"


def make_account(rng: random.Random) -> str:
    body = "621483" + f"{rng.randrange(10**12):012d}"
    return body + luhn.calc_check_digit(body)


# -- the generator ----------------------------------------------------------------------------

class _Gen:
    def __init__(self, clients: int, seed: int, today: dt.date, rms: int | None) -> None:
        if clients < 1:
            raise ValueError("clients must be at least 1")
        self.n_clients = clients
        self.seed = seed
        self.today = today
        self.now = dt.datetime.combine(today, dt.time(9, 0))
        base = dt.datetime.combine(today - dt.timedelta(days=400), dt.time(), tzinfo=dt.UTC)
        base_ms = int(base.timestamp() * 1000)
        self.new_id = _Ids(random.Random(f"{seed}:ids"), base_ms)
        self.n_rms = rms if rms is not None else max(3, min(100, round(clients / 200)))
        if self.n_rms < 2:
            raise ValueError("the demo bank needs at least 2 relationship managers")
        self.t: dict[str, list[Row]] = {name: [] for name in TABLES}
        self.usernames: set[str] = set()
        self.company_names: set[str] = set()

    def rng(self, stage: str) -> random.Random:
        return random.Random(f"{self.seed}:{stage}")

    # -- people ---------------------------------------------------------------------------
    def person(self, rng: random.Random, male: bool | None = None) -> tuple[str, str, bool]:
        """(name, pinyin, male)."""
        if male is None:
            male = rng.random() < 0.55
        sur, sur_py, _w = _pick(rng, words.SURNAMES, lambda s: s[2])
        pool = words.GIVEN_MALE if male else words.GIVEN_FEMALE
        n = 1 if rng.random() < 0.3 else 2
        chars = [rng.choice(pool if i == n - 1 or rng.random() < 0.6 else words.GIVEN_NEUTRAL) for i in range(n)]
        return sur + "".join(c[0] for c in chars), sur_py + "".join(c[1] for c in chars), male

    def username(self, pinyin: str) -> str:
        name, i = pinyin, 1
        while name in self.usernames:
            i += 1
            name = f"{pinyin}{i}"
        self.usernames.add(name)
        return name

    # -- organisation ---------------------------------------------------------------------
    def org(self) -> None:
        rng = self.rng("org")
        n_pb = max(1, round(self.n_rms * 0.25))
        n_corp = max(1, self.n_rms - n_pb)
        n_corp_teams = max(2, -(-n_corp // 8))
        n_pb_teams = max(1, -(-n_pb // 8))
        self.corp_teams: list[Row] = []
        self.pb_teams: list[Row] = []
        for i in range(n_corp_teams):
            branch = BRANCHES[i % len(BRANCHES)]
            num = i // len(BRANCHES)
            name = f"公司业务{_CN_NUM[num % 10]}部" if num < 10 else f"公司业务{num + 1}部"
            self.corp_teams.append({"id": self.new_id(), "name": name, "branch": branch, "lead_id": None})
        for i in range(n_pb_teams):
            branch = BRANCHES[i % len(BRANCHES)]
            num = i // len(BRANCHES)
            name = "私人银行部" if num == 0 else f"私人银行{_CN_NUM[num % 10]}部"
            self.pb_teams.append({"id": self.new_id(), "name": name, "branch": branch, "lead_id": None})
        teams = self.corp_teams + self.pb_teams
        self.t["teams"] = teams
        users = self.t["users"]

        def add_user(role: str, title: str, team: Row | None, branch: str) -> Row:
            name, py, _m = self.person(rng)
            uname = self.username(py)
            area = {"上海分行": "021", "北京分行": "010", "深圳分行": "0755", "杭州分行": "0571"}[branch]
            u = {"id": self.new_id(), "username": uname, "display_name": name, "role": role,
                 "team_id": team["id"] if team else None, "branch": branch, "title": title,
                 "phone": f"{area}-6{rng.randrange(10**6, 10**7)}", "email": f"{uname}@demo-bank.example.cn",
                 "active": True}
            users.append(u)
            return u

        for team in teams:
            lead = add_user("team_lead", "团队负责人", team, team["branch"])
            team["lead_id"] = lead["id"]
        self.corp_rms = []
        for i in range(n_corp):
            team = self.corp_teams[i % len(self.corp_teams)]
            self.corp_rms.append(add_user("rm", rng.choice(("客户经理", "高级客户经理", "资深客户经理")), team, team["branch"]))
        self.pb_rms = [add_user("rm", rng.choice(("私人银行家", "高级私人银行家")),
                                self.pb_teams[i % len(self.pb_teams)], self.pb_teams[i % len(self.pb_teams)]["branch"])
                       for i in range(n_pb)]
        self.risk_officers = {b: add_user("risk_officer", "风险经理", None, b) for b in BRANCHES}
        add_user("compliance_officer", "合规经理", None, "上海分行")
        add_user("admin", "系统管理员", None, "上海分行")
        self.team_by_id = {t["id"]: t for t in teams}
        self.rms_by_team: dict[str, list[Row]] = {}
        for u in self.corp_rms + self.pb_rms:
            self.rms_by_team.setdefault(u["team_id"], []).append(u)
        # RMs' capacity differs: some books are much larger than others.
        self.rm_weight = {u["id"]: rng.uniform(0.5, 1.5) for u in self.corp_rms + self.pb_rms}

    # -- shelf ----------------------------------------------------------------------------
    def shelf(self) -> None:
        data = _load_json("products.json")
        disclosures = data["disclosures"]
        for p in data["products"]:
            self.t["products"].append({
                "id": self.new_id(), "code": p["code"], "name": p["name"], "product_type": p["product_type"],
                "risk_level": p["risk_level"], "term_months": p["term_months"], "rate": _dec(p["rate"]),
                "fee": p["fee"], "min_amount": _dec(p["min_amount"]), "max_amount": _dec(p["max_amount"]),
                "currency": p["currency"], "for_kind": p["for_kind"], "on_shelf": True,
                "description": p["description"], "disclosure": disclosures[p["disclosure"]],
            })
        for q in _load_json("questionnaires.json"):
            self.t["questionnaire_templates"].append({"id": self.new_id(), **q})
        self.template_for = {t["for_kind"]: t for t in self.t["questionnaire_templates"]}
        invest = ("deposit", "wealth", "fund", "bond", "insurance")
        self.invest_products = {
            kind: [p for p in self.t["products"] if p["product_type"] in invest and p["for_kind"] in ("any", kind)]
            for kind in ("corporate", "individual")}
        self.service_products = {
            kind: [p for p in self.t["products"] if p["product_type"] not in invest and p["for_kind"] in ("any", kind)]
            for kind in ("corporate", "individual")}

    # -- clients --------------------------------------------------------------------------
    def pick_owner(self, rng: random.Random, kind: str) -> Row:
        pool = self.corp_rms if kind == "corporate" else self.pb_rms
        return rng.choices(pool, weights=[self.rm_weight[u["id"]] for u in pool])[0]

    def company_name(self, rng: random.Random, city: str, industry: tuple[str, str, str, int],
                     brand: tuple[str, str] | None = None, group: bool = False) -> tuple[str, str, tuple[str, str]]:
        for attempt in range(200):
            b = brand or rng.choice(words.BRANDS)
            if attempt > 20 and brand is None:
                b = (b[0] + rng.choice(words.BRAND_SUFFIXES), b[1])
            if group:
                name = f"{b[0]}{rng.choice(('控股集团有限公司', '集团股份有限公司', '集团有限公司'))}"
                if rng.random() < 0.5:
                    name = f"{city}{name}"
                short = f"{b[0]}集团"
            elif brand is not None:  # a group member: shares the group's name prefix
                name = f"{b[0]}（{city}）{industry[0]}有限公司" if rng.random() < 0.5 else f"{b[0]}{city}{industry[0]}有限公司"
                short = f"{b[0]}{industry[1]}"
            else:
                suffix = _weighted(rng, words.COMPANY_SUFFIXES)
                name = f"{city}{b[0]}{industry[0]}{suffix}"
                short = f"{b[0]}{industry[1]}"
            if name not in self.company_names:
                self.company_names.add(name)
                return name, short, b
        # extremely unlikely: make it unique with a numbered branch office
        name = f"{name[:-4]}第{len(self.company_names)}分公司"
        self.company_names.add(name)
        return name, short, b

    def address(self, rng: random.Random, city: str) -> tuple[str, str, str]:
        branch, districts, roads, _w = words.CITIES[city]
        code, dname = rng.choice(districts)
        floor = f"{rng.randint(2, 38)}楼" if rng.random() < 0.6 else ""
        addr = f"{city}市{dname}{rng.choice(roads)}{rng.randint(1, 1999)}号{floor}".replace("东莞市东莞市", "东莞市")
        return addr, code, branch

    def dates(self, rng: random.Random, kind: str) -> dict[str, Any]:
        today = self.today
        r = rng.random()
        if r < 0.05:
            due = today - dt.timedelta(days=rng.randint(1, 90))  # KYC overdue
        elif r < 0.15:
            due = today + dt.timedelta(days=rng.randint(0, 30))  # due soon
        else:
            due = today + dt.timedelta(days=rng.randint(31, 700))
        years = 1 if kind == "individual" else rng.choice((1, 2, 3))
        reviewed = due - dt.timedelta(days=365 * years)
        if reviewed > today:
            reviewed = today - dt.timedelta(days=rng.randint(1, 30))
        r = rng.random()
        if r < 0.10:
            assessed = today - dt.timedelta(days=rng.randint(366, 900))  # expired assessment
        elif r < 0.18:
            assessed = today - dt.timedelta(days=rng.randint(335, 365))  # expires within a month
        else:
            assessed = today - dt.timedelta(days=rng.randint(1, 334))
        return {"kyc_reviewed_on": reviewed, "kyc_due_on": due, "risk_assessed_on": assessed}

    def corporate(self, rng: random.Random, owner: Row, city: str, parent: Row | None = None,
                  brand: tuple[str, str] | None = None, group: bool = False) -> Row:
        industry = _pick(rng, words.INDUSTRIES, lambda i: i[3])
        if group:
            industry = ("投资管理", "集团", "租赁和商务服务业", 1)
        name, short, brand = self.company_name(rng, city, industry, brand, group)
        addr, district, _city_branch = self.address(rng, city)
        branch = self.team_by_id[owner["team_id"]]["branch"]  # served where its RM sits
        tiers = (("strategic", 20), ("core", 40), ("key", 30), ("general", 10)) if group or parent else \
            (("strategic", 2), ("core", 8), ("key", 25), ("general", 65))
        tier = _weighted(rng, tiers)
        lo, hi = {"strategic": (3e9, 2e10), "core": (8e8, 3e9), "key": (2e8, 8e8), "general": (3e7, 2e8)}[tier]
        revenue = _log_uniform(rng, lo, hi)
        age_days = rng.randint(200, 35 * 365)
        established = self.today - dt.timedelta(days=age_days)
        if age_days < 3 * 365:
            stage = "startup"
        else:
            stage = _weighted(rng, (("growth", 35), ("mature", 50), ("decline", 10)))
        has_limit = rng.random() < 0.6
        rating_idx = min(len(words.CREDIT_RATINGS) - 1, max(0, int(rng.gauss(
            {"strategic": 1, "core": 2.5, "key": 4, "general": 5.5}[tier], 1.5))))
        c: Row = {
            "id": self.new_id(), "kind": "corporate", "name": name, "short_name": short,
            "parent_id": parent["id"] if parent else None, "industry": industry[2], "lifecycle_stage": stage,
            "tier": tier, "owner_id": owner["id"], "team_id": owner["team_id"], "branch": branch, "status": "active",
            "city": city, "address": addr, "established_on": established,
            "risk_tolerance": _weighted(rng, (("C2", 15), ("C3", 50), ("C4", 30), ("C5", 5))),
            "total_assets": _round_to(revenue * rng.uniform(0.02, 0.15), 100),
            "last_contact_on": None,
            "notes": f"主营{industry[0]}相关业务。" + ("集团母公司，统筹成员企业资金。" if group else ""),
            "id_number": None, "credit_code": make_credit_code(rng, district), "phone": make_mobile(rng),
            "account_no": make_account(rng), "net_worth": _money(revenue * rng.uniform(0.2, 0.8)),
            "annual_revenue": _money(revenue), "credit_rating": words.CREDIT_RATINGS[rating_idx],
            "credit_limit": _round_to(revenue * rng.uniform(0.05, 0.3), 10_000) if has_limit else None,
            "_brand": brand,
        }
        c.update(self.dates(rng, "corporate"))
        return c

    def individual(self, rng: random.Random, owner: Row, city: str) -> Row:
        name, _py, male = self.person(rng)
        age = rng.randint(28, 75)
        birthday = dt.date(self.today.year - age, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        addr, _district, _city_branch = self.address(rng, city)
        branch = self.team_by_id[owner["team_id"]]["branch"]
        tier = _weighted(rng, (("strategic", 1), ("core", 6), ("key", 28), ("general", 65)))
        lo, hi = {"strategic": (1e8, 1e9), "core": (3e7, 1e8), "key": (6e6, 3e7), "general": (1e6, 6e6)}[tier]
        worth = _log_uniform(rng, lo, hi)
        occupation = rng.choice(words.OCCUPATIONS)
        c: Row = {
            "id": self.new_id(), "kind": "individual", "name": name, "short_name": "", "parent_id": None,
            "industry": "", "lifecycle_stage": "mature", "tier": tier, "owner_id": owner["id"],
            "team_id": owner["team_id"], "branch": branch, "status": "active", "city": city, "address": addr,
            "established_on": birthday,
            "risk_tolerance": _weighted(rng, (("C1", 5), ("C2", 20), ("C3", 40), ("C4", 25), ("C5", 10))),
            "total_assets": _round_to(worth * rng.uniform(0.1, 0.5), 100), "last_contact_on": None,
            "notes": f"职业：{occupation}。",
            "id_number": make_resident_id(rng, birthday, male), "credit_code": None, "phone": make_mobile(rng),
            "account_no": make_account(rng), "net_worth": _money(worth), "annual_revenue": None,
            "credit_rating": None,
            "credit_limit": _round_to(worth * rng.uniform(0.05, 0.2), 10_000) if rng.random() < 0.15 else None,
            "_male": male,
        }
        c.update(self.dates(rng, "individual"))
        return c

    def city_for(self, rng: random.Random, owner: Row) -> str:
        """Mostly a city of the owner's branch; sometimes anywhere (clients move, groups spread)."""
        branch = self.team_by_id[owner["team_id"]]["branch"]
        pool = self.cities_by_branch[branch] if rng.random() < 0.85 else self.all_cities
        return rng.choices(pool, weights=[words.CITIES[c][3] for c in pool])[0]

    def clients(self) -> None:
        rng = self.rng("clients")
        self.all_cities = list(words.CITIES)
        self.cities_by_branch = {b: [c for c in self.all_cities if words.CITIES[c][0] == b] for b in BRANCHES}
        n_corp = max(1, round(self.n_clients * 0.8)) if self.n_clients > 1 else 1
        n_ind = self.n_clients - n_corp
        out = self.t["clients"]
        made = 0
        # 集团 groups: about 15 % of corporate clients belong to one.
        group_target = int(n_corp * 0.15)
        while made < group_target and n_corp - made >= 3:
            subs = min(rng.randint(2, 8), n_corp - made - 1)
            owner = self.pick_owner(rng, "corporate")
            home = self.city_for(rng, owner)
            parent = self.corporate(rng, owner, home, group=True)
            out.append(parent)
            for _ in range(subs):
                sub_owner = owner if rng.random() < 0.8 else self.pick_owner(rng, "corporate")
                city = home if rng.random() < 0.5 else self.city_for(rng, sub_owner)
                out.append(self.corporate(rng, sub_owner, city, parent=parent, brand=parent["_brand"]))
            made += subs + 1
        while made < n_corp:
            owner = self.pick_owner(rng, "corporate")
            out.append(self.corporate(rng, owner, self.city_for(rng, owner)))
            made += 1
        for _ in range(n_ind):
            owner = self.pick_owner(rng, "individual")
            out.append(self.individual(rng, owner, self.city_for(rng, owner)))

    # -- per-client records ---------------------------------------------------------------
    def contacts(self) -> None:
        rng = self.rng("contacts")
        out = self.t["contacts"]
        self.contacts_of: dict[str, list[Row]] = {}
        for c in self.t["clients"]:
            rows: list[Row] = []
            if c["kind"] == "corporate":
                n = rng.randint(2, 4)
                head = rng.choice(words.CONTACT_TITLES[:2])
                finance = rng.choice(words.CONTACT_TITLES[2:6])
                rest = [t for t in words.CONTACT_TITLES if t not in (head, finance)]
                titles = [head, finance] + rng.sample(rest, n - 2)
                domain = f"{c['_brand'][1]}.com.cn"
                for i, (title, role) in enumerate(titles):
                    name, py, _m = self.person(rng)
                    rows.append(self._contact(rng, c, name, title, role, f"{py}@{domain}", is_primary=i == 1))
            elif rng.random() < 0.4:
                rel = rng.choice((("配偶", False), ("私人助理", None), ("子女", None)))
                name, py, _m = self.person(rng)
                rows.append(self._contact(rng, c, name, rel[0], "other", "", is_primary=False))
            out.extend(rows)
            self.contacts_of[c["id"]] = rows

    def _contact(self, rng: random.Random, c: Row, name: str, title: str, role: str, email: str,
                 is_primary: bool) -> Row:
        birthday = dt.date(rng.randint(1960, 1996), 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        return {"id": self.new_id(), "client_id": c["id"], "name": name, "title": title, "role": role,
                "birthday": birthday, "email": email, "preferences": rng.choice(texts.PREFERENCES),
                "is_primary": is_primary, "phone": make_mobile(rng)}

    def relationship(self) -> None:
        rng = self.rng("relationship")
        out = self.t["relationship_team"]
        all_rms = self.corp_rms + self.pb_rms
        for c in self.t["clients"]:
            mates = [u for u in self.rms_by_team[c["team_id"]] if u["id"] != c["owner_id"]]
            assistant = rng.choice(mates) if mates and rng.random() < 0.5 else None
            out.append({"id": self.new_id(), "client_id": c["id"], "user_id": c["owner_id"], "role": "primary_rm",
                        "credit_share": Decimal("0.70") if assistant else Decimal("1.00")})
            if assistant:
                out.append({"id": self.new_id(), "client_id": c["id"], "user_id": assistant["id"],
                            "role": "assistant_rm", "credit_share": Decimal("0.30")})
            if rng.random() < 0.15:
                others = [u for u in all_rms if u["team_id"] != c["team_id"]]
                if others:
                    out.append({"id": self.new_id(), "client_id": c["id"], "user_id": rng.choice(others)["id"],
                                "role": "product_specialist", "credit_share": Decimal("0.00")})
            if c["kind"] == "corporate" and c["credit_limit"] is not None and rng.random() < 0.4:
                out.append({"id": self.new_id(), "client_id": c["id"],
                            "user_id": self.risk_officers[self.team_by_id[c["team_id"]]["branch"]]["id"],
                            "role": "risk_manager", "credit_share": None})

    def contributions(self) -> None:
        rng = self.rng("contributions")
        out = self.t["contributions"]
        first = _add_months(self.today.replace(day=1), -12)
        months = [_add_months(first, i).strftime("%Y-%m") for i in range(12)]
        season = [0.0, -0.08, 0.02, 0.03, 0.0, 0.06, 0.01, 0.0, 0.04, 0.02, 0.03, 0.12]  # year-end inflows
        slots = [(month, int(month[5:]) - 1) for month in months]
        uniform, new_id, append = rng.uniform, self.new_id, out.append
        for c in self.t["clients"]:
            cid = c["id"]
            aum = float(c["total_assets"])
            base_dep = aum * rng.uniform(0.3, 0.7)
            limit = float(c["credit_limit"] or 0)
            used = limit * rng.uniform(0.2, 0.9) if limit else 0.0
            trend = rng.uniform(-0.02, 0.03)
            corp = c["kind"] == "corporate"
            fee_base = (float(c["annual_revenue"] or 0) * 2e-6) if corp else aum * 0.004 / 12
            for i, (month, m) in enumerate(slots):
                dep = base_dep * (1 + trend * i + season[m] + uniform(-0.08, 0.08))
                if used:
                    loan = used * (1 + uniform(-0.05, 0.05))
                    avg_loan, loan_income = Decimal(f"{loan:.2f}"), Decimal(f"{loan * 0.00125:.2f}")
                else:
                    avg_loan = loan_income = _ZERO
                append({"id": new_id(), "client_id": cid, "month": month, "avg_deposit": Decimal(f"{dep:.2f}"),
                        "deposit_income": Decimal(f"{dep * 0.001:.2f}"), "avg_loan": avg_loan,
                        "loan_income": loan_income, "fee_income": Decimal(f"{fee_base * uniform(0.3, 1.7):.2f}")})

    def holdings(self) -> None:
        rng = self.rng("holdings")
        out = self.t["holdings"]
        self.holdings_of: dict[str, list[Row]] = {}
        for c in self.t["clients"]:
            kind = c["kind"]
            tol = int(c["risk_tolerance"][1])
            invest = [p for p in self.invest_products[kind] if int(p["risk_level"][1]) <= tol]
            n = rng.randint(1, 4 if kind == "corporate" else 5)
            picks = rng.sample(invest, min(n, len(invest)))
            if c["credit_limit"] is not None:
                loans = [p for p in self.service_products[kind] if p["product_type"] in ("loan", "trade_finance")]
                picks += rng.sample(loans, min(len(loans), rng.randint(1, 2)))
            rows = []
            aum = float(c["total_assets"])
            for p in picks:
                if p["product_type"] in ("loan", "trade_finance"):
                    amount = float(c["credit_limit"]) * rng.uniform(0.1, 0.5)
                else:
                    amount = aum * rng.uniform(0.05, 0.4)
                lo = float(p["min_amount"] or 0)
                hi = float(p["max_amount"]) if p["max_amount"] is not None else None
                amount = max(amount, lo)
                if hi is not None:
                    amount = min(amount, hi)
                unit = 10_000 if amount >= 1e6 else 1000 if amount >= 10_000 else 1
                term = p["term_months"]
                if term:
                    window = min(365, (_add_months(self.today, term) - self.today).days)
                    maturity = self.today + dt.timedelta(days=rng.randint(1, window))
                    if term > 12 and rng.random() < 0.5:
                        maturity = self.today + dt.timedelta(days=rng.randint(366, min(term * 30, 5 * 365)))
                    start = _add_months(maturity, -term)
                else:
                    maturity = None
                    start = self.today - dt.timedelta(days=rng.randint(30, 1500))
                rows.append({"id": self.new_id(), "client_id": c["id"], "product_id": p["id"],
                             "amount": _round_to(amount, unit) if amount >= unit else _money(amount),
                             "start_on": start, "maturity_on": maturity, "rate": p["rate"], "status": "active"})
            out.extend(rows)
            self.holdings_of[c["id"]] = rows

    def visits(self) -> None:
        rng = self.rng("visits")
        out = self.t["visits"]
        self.done_visits_of: dict[str, list[Row]] = {}
        counts = {"strategic": (4, 8), "core": (3, 5), "key": (1, 3), "general": (0, 2)}
        for c in self.t["clients"]:
            contacts = self.contacts_of[c["id"]]
            corp = c["kind"] == "corporate"
            done: list[Row] = []
            lo, hi = counts[c["tier"]]
            for _ in range(rng.randint(lo, hi)):
                day = self.today - dt.timedelta(days=rng.randint(1, 365))
                at = dt.datetime.combine(day, dt.time(rng.randint(9, 17), rng.choice((0, 30))))
                v = self._visit(rng, c, contacts, at, corp)
                if rng.random() < 0.04:
                    v["status"] = "cancelled"
                else:
                    topic = rng.choice(texts.CORP_TOPICS if corp else texts.IND_TOPICS)
                    met = next((x for x in contacts if x["name"] == v["attendees"][0]), None) if corp else None
                    who = f"{met['name']}（{met['title']}）" if met else c["name"]
                    product = rng.choice(self.invest_products[c["kind"]] + self.service_products[c["kind"]])
                    v["notes"] = (f"与{who}沟通。客户反映{topic}。已介绍我行{product['name']}，"
                                  f"客户表示会结合自身情况考虑。")
                    v["outcome"] = rng.choice(texts.OUTCOMES)
                    v["status"] = "done"
                    v["notes_saved_at"] = at + dt.timedelta(minutes=v["duration_minutes"] + rng.randint(5, 240))
                    done.append(v)
                out.append(v)
            p_planned = {"strategic": 0.6, "core": 0.3, "key": 0.1, "general": 0.04}[c["tier"]]
            if rng.random() < p_planned:
                day = self.today + dt.timedelta(days=rng.randint(0, 14))
                at = dt.datetime.combine(day, dt.time(rng.randint(9, 17), rng.choice((0, 30))))
                out.append(self._visit(rng, c, contacts, at, corp))
            done.sort(key=lambda v: v["planned_at"])
            self.done_visits_of[c["id"]] = done
            if done:
                c["last_contact_on"] = done[-1]["planned_at"].date()
            elif rng.random() < 0.9:
                c["last_contact_on"] = self.today - dt.timedelta(days=rng.randint(30, 400))

    def _visit(self, rng: random.Random, c: Row, contacts: list[Row], at: dt.datetime, corp: bool) -> Row:
        kind = _weighted(rng, (("visit", 50), ("call", 35), ("meeting", 15)))
        if kind == "call":
            place = "电话"
        elif kind == "meeting" or not corp:
            place = f"我行{c['branch']}贵宾室"
        else:
            place = c["address"]
        if corp:
            attendees = [x["name"] for x in rng.sample(contacts, min(len(contacts), rng.randint(1, 2)))]
        else:
            attendees = [c["name"]]
        return {"id": self.new_id(), "client_id": c["id"], "owner_id": c["owner_id"], "kind": kind, "planned_at": at,
                "duration_minutes": 30 if kind == "call" else rng.choice((45, 60, 90)), "place": place,
                "attendees": attendees, "agenda": rng.choice(texts.VISIT_AGENDAS), "notes": "",
                "notes_saved_at": None, "outcome": "", "status": "planned"}

    def responses(self) -> None:
        rng = self.rng("responses")
        out = self.t["questionnaire_responses"]
        for c in self.t["clients"]:
            done = self.done_visits_of[c["id"]]
            if not done or rng.random() > 0.3:
                continue
            visit = done[-1]
            tpl = self.template_for[c["kind"]]
            answers: dict[str, Any] = {}
            for q in tpl["questions"]:
                if q["type"] == "choice":
                    answers[q["key"]] = rng.choice(q["options"])
                elif q["type"] == "multi":
                    answers[q["key"]] = rng.sample(q["options"], rng.randint(1, min(3, len(q["options"]))))
                elif q["type"] == "number":
                    answers[q["key"]] = {"financing_amount": rng.choice((0, 500, 1000, 3000, 5000, 20000)),
                                         "partner_banks": rng.randint(1, 8),
                                         "fx_volume": rng.choice((0, 50, 200, 1000)),
                                         "employees": rng.choice((50, 120, 300, 800, 2500)),
                                         "investable_assets": rng.choice((300, 600, 1000, 3000, 8000))}.get(q["key"], 0)
                else:
                    answers[q["key"]] = {"competitors": rng.choice(texts.COMPETITORS),
                                         "family": rng.choice(texts.FAMILY)}.get(q["key"], "")
            out.append({"id": self.new_id(), "client_id": c["id"], "template_id": tpl["id"], "visit_id": visit["id"],
                        "answers": answers, "completed_at": visit["planned_at"] + dt.timedelta(minutes=30)})

    def tasks(self) -> None:
        rng = self.rng("tasks")
        out = self.t["tasks"]
        for c in self.t["clients"]:
            if rng.random() > 0.25:
                continue
            done = self.done_visits_of[c["id"]]
            for _ in range(rng.randint(1, 2)):
                product = rng.choice(self.invest_products[c["kind"]])
                title = rng.choice(texts.TASKS).format(product=product["name"])
                status = _weighted(rng, (("open", 70), ("done", 25), ("cancelled", 5)))
                visit = rng.choice(done) if done and rng.random() < 0.4 else None
                if status == "open":
                    due = self.today + dt.timedelta(days=rng.randint(-20, 30))  # some overdue
                    done_at = None
                else:
                    due = self.today - dt.timedelta(days=rng.randint(1, 120))
                    done_at = dt.datetime.combine(due, dt.time(16, 0)) if status == "done" else None
                out.append({"id": self.new_id(), "client_id": c["id"], "owner_id": c["owner_id"], "title": title,
                            "detail": f"客户：{c['short_name'] or c['name']}", "due_on": due, "status": status,
                            "source": "visit" if visit else "manual", "visit_id": visit["id"] if visit else None,
                            "done_at": done_at})

    def opportunities(self) -> None:
        rng = self.rng("opportunities")
        out, members, stages = self.t["opportunities"], self.t["opportunity_members"], self.t["opportunity_stages"]
        for c in self.t["clients"]:
            if rng.random() > (0.22 if c["kind"] == "corporate" else 0.12):
                continue
            stage = _weighted(rng, (("lead", 20), ("qualified", 20), ("proposal", 20), ("negotiation", 15),
                                    ("won", 15), ("lost", 10)))
            pool = self.invest_products[c["kind"]] + self.service_products[c["kind"]]
            prods = rng.sample(pool, rng.randint(1, 2))
            base = float(c["credit_limit"] or c["total_assets"])
            amount = _round_to(base * rng.uniform(0.1, 0.6), 10_000)
            created = self.now - dt.timedelta(days=rng.randint(20, 240), hours=rng.randint(0, 8))
            if stage in ("won", "lost"):
                close = self.today - dt.timedelta(days=rng.randint(1, 60))
            else:
                close = self.today + dt.timedelta(days=rng.randint(7, 120))
            opp = {"id": self.new_id(), "client_id": c["id"], "owner_id": c["owner_id"],
                   "name": f"{c['short_name'] or c['name']}{prods[0]['name']}{rng.choice(texts.OPPORTUNITY_SUFFIX)}",
                   "stage": stage, "amount": amount, "probability": _PROBABILITY[stage], "expected_close_on": close,
                   "product_ids": [p["id"] for p in prods],
                   "closed_reason": rng.choice(texts.LOST_REASONS) if stage == "lost" else ""}
            out.append(opp)
            members.append({"id": self.new_id(), "opportunity_id": opp["id"], "client_id": c["id"],
                            "user_id": c["owner_id"], "role": "lead", "credit_share": Decimal("1.00")})
            mates = [u for u in self.rms_by_team[c["team_id"]] if u["id"] != c["owner_id"]]
            if mates and rng.random() < 0.4:
                members[-1]["credit_share"] = Decimal("0.70")
                members.append({"id": self.new_id(), "opportunity_id": opp["id"], "client_id": c["id"],
                                "user_id": rng.choice(mates)["id"], "role": "support", "credit_share": Decimal("0.30")})
            # stage history: lead -> ... -> current (a lost one drops out from some open stage)
            if stage == "lost":
                path = list(_STAGES[: rng.randint(1, 4)]) + ["lost"]
            else:
                path = list(_STAGES[: _STAGES.index(stage) + 1])
            end = min(self.now, dt.datetime.combine(close, dt.time(17, 0))) if stage in ("won", "lost") else self.now
            span = max(1.0, (end - created).total_seconds())
            prev = None
            for i, st in enumerate(path):
                at = created + dt.timedelta(seconds=span * i / max(1, len(path)))
                stages.append({"id": self.new_id(), "opportunity_id": opp["id"], "client_id": c["id"],
                               "from_stage": prev, "to_stage": st, "by_user_id": c["owner_id"],
                               "at": at.replace(microsecond=0), "note": texts.STAGE_NOTES[st]})
                prev = st

    def requests(self) -> None:
        rng = self.rng("requests")
        out, events = self.t["service_requests"], self.t["service_request_events"]
        for c in self.t["clients"]:
            if rng.random() > 0.08:
                continue
            complaint = rng.random() < 0.25
            kinds = texts.COMPLAINTS if complaint else texts.REQUESTS
            if c["kind"] == "individual":
                kinds = tuple(k for k in kinds if k[0] not in ("网银与证书", "代发工资"))
            category, title = rng.choice(kinds)
            priority = _weighted(rng, (("normal", 70), ("high", 25), ("urgent", 5)))
            sla_hours = {"normal": 72, "high": 48, "urgent": 24}[priority] // (2 if complaint else 1)
            statuses = (("open", 20), ("in_progress", 20), ("escalated", 10 if complaint else 2), ("resolved", 20),
                        ("closed", 30))
            status = _weighted(rng, statuses)
            day = self.today - dt.timedelta(days=rng.randint(0, 60))
            opened = dt.datetime.combine(day, dt.time(rng.randint(8, 19), rng.choice((0, 15, 30, 45))))
            if opened > self.now - dt.timedelta(hours=1):  # office hours, and before now
                opened -= dt.timedelta(days=1)
            sr = {"id": self.new_id(), "client_id": c["id"], "kind": "complaint" if complaint else "request",
                  "category": category, "title": title, "detail": f"{c['short_name'] or c['name']}：{title}。",
                  "channel": rng.choice(("rm", "branch", "phone", "ebank")), "priority": priority,
                  "opened_at": opened, "sla_due_at": opened + dt.timedelta(hours=sla_hours), "status": status,
                  "assignee_id": c["owner_id"], "escalation_level": 1 if status == "escalated" else 0,
                  "resolution": "", "resolved_at": None, "satisfaction": None}
            ev = [("opened", opened, "客户提出")]
            if status != "open":
                ev.append(("assigned", opened + dt.timedelta(hours=1), "分派给客户经理"))
            if status == "escalated":
                ev.append(("escalated", min(self.now, opened + dt.timedelta(hours=sla_hours)),
                           "超过时限，升级至团队负责人"))
            if status in ("resolved", "closed"):
                resolved = min(self.now, opened + dt.timedelta(hours=rng.randint(2, sla_hours * 2)))
                sr["resolution"] = rng.choice(texts.RESOLUTIONS)
                sr["resolved_at"] = resolved
                ev.append(("resolved", resolved, sr["resolution"]))
                if status == "closed":
                    sr["satisfaction"] = _weighted(rng, ((5, 40), (4, 35), (3, 15), (2, 7), (1, 3)))
                    ev.append(("closed", min(self.now, resolved + dt.timedelta(hours=24)), "回访后关闭"))
            out.append(sr)
            for action, at, note in ev:
                events.append({"id": self.new_id(), "request_id": sr["id"], "client_id": c["id"], "at": at,
                               "by_user_id": c["owner_id"], "action": action, "note": note})

    def risk_notes(self) -> None:
        rng = self.rng("risk_notes")
        out = self.t["risk_notes"]
        for c in self.t["clients"]:
            if c["kind"] != "corporate" or c["credit_limit"] is None or rng.random() > 0.1:
                continue
            severity, text = rng.choice(texts.RISK_NOTES)
            author = self.risk_officers[self.team_by_id[c["team_id"]]["branch"]]
            out.append({"id": self.new_id(), "client_id": c["id"], "author_id": author["id"], "text": text,
                        "severity": severity})

    def run(self, progress: Callable[[int, int, str], None] | None = None) -> DemoBank:
        stages = (self.org, self.shelf, self.clients, self.contacts, self.relationship, self.contributions,
                  self.holdings, self.visits, self.responses, self.tasks, self.opportunities, self.requests,
                  self.risk_notes)
        for i, stage in enumerate(stages):
            stage()
            if progress is not None:
                progress(i + 1, len(stages), "generate")
        for c in self.t["clients"]:  # generator-private helpers
            c.pop("_brand", None)
            c.pop("_male", None)
        return DemoBank(seed=self.seed, today=self.today, tables=self.t)


def generate_bank(clients: int, seed: int, *, today: dt.date, rms: int | None = None,
                  progress: Callable[[int, int, str], None] | None = None) -> DemoBank:
    """A fictional bank with `clients` clients, reproducible for the same (clients, seed, today, rms).

    `rms` is the number of relationship managers (default: about one per 200 clients, 3–100).
    `progress(done, total, "generate")` is called after each generation stage; an exception it
    raises (a cancel) stops the generation."""
    return _Gen(clients, seed, today, rms).run(progress)


_TIER_BELOW = {"strategic": "core", "core": "key", "key": "general"}
_STAGE_BEFORE = {"growth": "startup", "mature": "growth", "decline": "mature"}
_RISK_LEVELS = ("C1", "C2", "C3", "C4", "C5")


def client_history(bank: DemoBank, seed: int, *, within_days: int = 700) -> list[Row]:
    """A plausible change history (the local `change_log`) for every client of `bank`, as it stands
    after `focus_on`: when the relationship began, KYC reviews, tier and lifecycle changes (by the
    team lead), risk re-assessments, a new phone number (sensitive: no values). Dates lie within
    `within_days` before `bank.today` (the history's retention); same bank and seed, same rows."""
    rng = random.Random(f"{seed}:history")
    today = bank.today
    leads = {t["id"]: t["lead_id"] for t in bank.teams}
    out: list[Row] = []
    oldest = today - dt.timedelta(days=within_days)

    def at(day: dt.date) -> dt.datetime:  # office hours, Beijing time, stored as UTC
        when = dt.time(rng.randint(1, 9), rng.randint(0, 59))
        return dt.datetime.combine(min(day, today - dt.timedelta(days=1)), when)

    def entry(c: Row, day: dt.date, field_name: str, old: Any, new: Any, *, by: str | None = None,
              action: str = "update", sensitive: bool = False) -> None:
        out.append({"client_id": c["id"], "table_name": "clients", "record_id": c["id"], "action": action,
                    "field": field_name, "old_value": old, "new_value": new, "sensitive": sensitive,
                    "user_id": by or c["owner_id"], "device_id": "", "hlc": "", "at": at(day),
                    "source": "local" if (by or c["owner_id"]) == c["owner_id"] else "sync"})

    for c in bank.clients:
        onboarded = today - dt.timedelta(days=rng.randint(within_days // 2, within_days))
        entry(c, onboarded, "", None, c["name"], action="create")
        reviewed = c.get("kyc_reviewed_on")
        if reviewed and reviewed > onboarded:
            previous = (reviewed - dt.timedelta(days=365)).isoformat()
            entry(c, reviewed, "kyc_reviewed_on", previous, reviewed.isoformat())
        if c["tier"] in _TIER_BELOW and rng.random() < 0.35:
            entry(c, today - dt.timedelta(days=rng.randint(30, within_days)), "tier", _TIER_BELOW[c["tier"]],
                  c["tier"], by=leads.get(c["team_id"]))
        if c["lifecycle_stage"] in _STAGE_BEFORE and c["kind"] == "corporate" and rng.random() < 0.2:
            entry(c, today - dt.timedelta(days=rng.randint(60, within_days)), "lifecycle_stage",
                  _STAGE_BEFORE[c["lifecycle_stage"]], c["lifecycle_stage"], by=leads.get(c["team_id"]))
        assessed, level = c.get("risk_assessed_on"), c.get("risk_tolerance")
        if assessed and assessed > oldest and level in _RISK_LEVELS and rng.random() < 0.4:
            i = _RISK_LEVELS.index(level)
            old = _RISK_LEVELS[i - 1] if i > 0 and (i == 4 or rng.random() < 0.5) else _RISK_LEVELS[min(4, i + 1)]
            entry(c, assessed, "risk_tolerance", old, level)
        if rng.random() < 0.25:
            entry(c, today - dt.timedelta(days=rng.randint(10, 500)), "phone", None, None, sensitive=True)
    return out
