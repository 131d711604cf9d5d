"""Client grading (客户分类分级): a versioned scoring model as data, the whole book graded in one
pass, Pareto analysis of contribution, regrading moves, and a per-client explanation.

The model (`kamdesk/resources/grading_model.json`, or an administrator's file) scores five factors
0–100, weights them to a 0–100 score and maps the score to a tier 战略/核心/重点/一般:

- scale: the best of assets with the bank (C1), annual revenue and net worth (C2-FIN);
- contribution: income from the client over the last N months (aggregated in SQL);
- rating: the credit rating (C2-FIN);
- product depth: distinct product types held;
- growth potential: industry and lifecycle stage.

Without the C2-FIN key the financial fields are read from their stored mask band (lower bound)
or left out, and the explanation says so. Only the C2 columns the model needs are decrypted.
"""
from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import DateTime, Float, and_, bindparam, cast, func, insert, select, text

from kamdesk.common.errors import DecryptError, KeyUnavailable, NotFound, PermissionDenied, ValidationError
from kamdesk.common.i18n import N_, _
from kamdesk.models import Client, Contribution, Holding, Outbox, Product, utcnow
from kamdesk.models.client import TIERS
from kamdesk.security.fieldcrypto import decrypt_value
from kamdesk.security.masking import _BANDS as _MASK_BANDS
from kamdesk.security.masking import localize
from kamdesk.services import audit
from kamdesk.services.scope import client_clause

TIER_LABELS = {"strategic": N_("战略"), "core": N_("核心"), "key": N_("重点"), "general": N_("一般")}
TIER_RANK = {t: i for i, t in enumerate(reversed(TIERS))}  # general 0 … strategic 3
FACTORS = ("scale", "contribution", "rating", "product_depth", "growth")
SCALE_MEASURES = ("total_assets", "annual_revenue", "net_worth")
_C2_MEASURES = ("annual_revenue", "net_worth")


def tier_label(tier: str) -> str:
    return _(TIER_LABELS.get(tier, tier))


# ----------------------------------------------------------------------------------------- model

@dataclass(frozen=True)
class GradingModel:
    version: str
    name: str
    contribution_months: int
    factors: dict[str, dict[str, Any]]
    tiers: tuple[tuple[str, float], ...]  # (tier, min_score), highest first
    source: str = ""

    def weight(self, factor: str) -> float:
        return float(self.factors[factor]["weight"])

    def tier_for(self, score: float) -> str:
        for tier, minimum in self.tiers:
            if score >= minimum:
                return tier
        return self.tiers[-1][0]


def _bad(where: str, message: str) -> ValidationError:
    return ValidationError("grading_model", _("{w}：{m}").format(w=where, m=message))


def _check_bands(bands: Any, where: str) -> list[tuple[float, float]]:
    if not isinstance(bands, list) or not bands:
        raise _bad(where, _("bands 应为非空列表 [[下限, 分值], ...]"))
    out: list[tuple[float, float]] = []
    for b in bands:
        if not (isinstance(b, list) and len(b) == 2 and all(isinstance(x, (int, float)) for x in b)):
            raise _bad(where, _("每个档位应为 [下限, 分值] 两个数字"))
        if not 0 <= b[1] <= 100:
            raise _bad(where, _("分值应在 0–100 之间"))
        out.append((float(b[0]), float(b[1])))
    if [b[0] for b in out] != sorted(b[0] for b in out) or len({b[0] for b in out}) != len(out):
        raise _bad(where, _("档位下限应严格递增"))
    return out


def _validate(data: Any, source: str) -> GradingModel:
    if not isinstance(data, dict):
        raise _bad(source, _("模型应为 JSON 对象"))
    version = data.get("version")
    if not isinstance(version, (str, int)) or str(version).strip() == "":
        raise _bad(source, _("缺少模型版本 version"))
    factors = data.get("factors")
    if not isinstance(factors, dict):
        raise _bad(source, _("缺少 factors"))
    missing = [f for f in FACTORS if f not in factors]
    unknown = [f for f in factors if f not in FACTORS]
    if missing:
        raise _bad(source, _("缺少因子：{f}").format(f=", ".join(missing)))
    if unknown:
        raise _bad(source, _("未知因子：{f}").format(f=", ".join(unknown)))
    total = 0.0
    clean: dict[str, dict[str, Any]] = {}
    for name in FACTORS:
        f = factors[name]
        where = f"factors.{name}"
        if not isinstance(f, dict):
            raise _bad(where, _("应为 JSON 对象"))
        w = f.get("weight")
        if not isinstance(w, (int, float)) or w < 0:
            raise _bad(where, _("权重 weight 应为非负数"))
        total += float(w)
        c = dict(f)
        c.setdefault("label", name)
        if name == "scale":
            measures = f.get("measures")
            if not isinstance(measures, dict) or not measures or set(measures) - set(SCALE_MEASURES):
                raise _bad(where, _("measures 应为 total_assets/annual_revenue/net_worth 中的若干项"))
            c["measures"] = {m: {"label": v.get("label", m) if isinstance(v, dict) else m,
                                 "bands": _check_bands(v.get("bands") if isinstance(v, dict) else None,
                                                       f"{where}.measures.{m}")}
                             for m, v in measures.items()}
        elif name in ("contribution", "product_depth"):
            c["bands"] = _check_bands(f.get("bands"), where)
        elif name == "rating":
            table = f.get("table")
            if not isinstance(table, dict) or not all(isinstance(v, (int, float)) and 0 <= v <= 100 for v in table.values()):
                raise _bad(where, _("table 应为 评级 → 0–100 分值"))
            c["table"] = {str(k).strip().upper(): float(v) for k, v in table.items()}
            c["missing_points"] = float(f.get("missing_points", 0))
        elif name == "growth":
            for key in ("industry", "lifecycle"):
                t = f.get(key)
                if not isinstance(t, dict) or not all(isinstance(v, (int, float)) and 0 <= v <= 100 for v in t.values()):
                    raise _bad(where, _("{k} 应为 名称 → 0–100 分值").format(k=key))
            share = f.get("industry_share", 0.5)
            if not isinstance(share, (int, float)) or not 0 <= share <= 1:
                raise _bad(where, _("industry_share 应在 0–1 之间"))
            c["industry_share"] = float(share)
            c["industry_default"] = float(f.get("industry_default", 50))
            c["lifecycle_default"] = float(f.get("lifecycle_default", 50))
        clean[name] = c
    if abs(total - 100) > 1e-6:
        raise _bad(source, _("各因子权重之和应为 100（当前为 {t:g}）").format(t=total))
    tiers = data.get("tiers")
    if not isinstance(tiers, list):
        raise _bad(source, _("缺少 tiers"))
    pairs: list[tuple[str, float]] = []
    for t in tiers:
        if not (isinstance(t, dict) and t.get("tier") in TIERS and isinstance(t.get("min_score"), (int, float))):
            raise _bad("tiers", _("每档应为 {{\"tier\": strategic/core/key/general, \"min_score\": 数字}}"))
        pairs.append((t["tier"], float(t["min_score"])))
    if sorted(p[0] for p in pairs) != sorted(TIERS):
        raise _bad("tiers", _("应恰好包含战略、核心、重点、一般四档"))
    pairs.sort(key=lambda p: -TIER_RANK[p[0]])
    scores = [p[1] for p in pairs]
    if any(a <= b for a, b in zip(scores, scores[1:])):
        raise _bad("tiers", _("分级门槛应从战略到一般严格递减"))
    months = data.get("contribution_months", 12)
    if not isinstance(months, int) or not 1 <= months <= 60:
        raise _bad(source, _("contribution_months 应为 1–60 的整数"))
    return GradingModel(version=str(version), name=str(data.get("name", "")), contribution_months=months,
                        factors=clean, tiers=tuple(pairs), source=source)


def load_model(path: Path | str | None = None) -> GradingModel:
    """Load and validate a grading model (the packaged default when `path` is None). Any problem
    raises ValidationError naming the place and what is wrong."""
    if path is None:
        text = resources.files("kamdesk.resources").joinpath("grading_model.json").read_text("utf-8")
        source = "grading_model.json"
    else:
        p = Path(path)
        source = p.name
        try:
            text = p.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise _bad(source, _("文件不存在")) from None
        except (OSError, UnicodeDecodeError):
            raise _bad(source, _("无法读取（应为 UTF-8 编码的 JSON 文件）")) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _bad(source, _("JSON 格式错误（第 {l} 行第 {c} 列）").format(l=exc.lineno, c=exc.colno)) from None
    return _validate(data, source)


# ----------------------------------------------------------------------------------------- results

@dataclass(frozen=True)
class FactorScore:
    key: str
    label: str
    weight: float
    points: float  # 0–100 before weighting
    weighted: float  # contribution to the 0–100 score
    reason: str


@dataclass(frozen=True)
class ClientGrade:
    client_id: str
    name: str
    owner_id: str | None
    score: float
    tier: str
    current_tier: str
    contribution: Decimal  # income over the model's window, 元
    factors: tuple[FactorScore, ...]

    @property
    def moved(self) -> int:
        """+n when the client moves up n tiers, -n when down, 0 when unchanged."""
        return TIER_RANK.get(self.tier, 0) - TIER_RANK.get(self.current_tier, 0)


@dataclass(frozen=True)
class TierMove:
    client_id: str
    name: str
    from_tier: str
    to_tier: str
    direction: str  # up/down
    score: float


@dataclass(frozen=True)
class Pareto:
    clients: int
    top_count: int  # the top 20 % of clients by contribution
    top_share: float  # their share of total contribution, 0–1
    total: Decimal
    curve: tuple[tuple[float, float], ...]  # (share of clients, cumulative share of contribution), 0–1


@dataclass(frozen=True)
class GradingReport:
    model_version: str
    model_name: str
    as_of: dt.date
    grades: tuple[ClientGrade, ...]
    tier_counts: dict[str, int]
    moves: tuple[TierMove, ...]
    pareto: Pareto
    notes: tuple[str, ...]
    applied: bool = False
    applied_count: int = 0

    def as_dict(self, *, with_clients: bool = True) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "model_version": self.model_version, "model_name": self.model_name, "as_of": self.as_of.isoformat(),
            "clients": len(self.grades), "tier_counts": self.tier_counts, "applied": self.applied,
            "applied_count": self.applied_count, "notes": list(self.notes),
            "pareto": {"clients": self.pareto.clients, "top_count": self.pareto.top_count,
                       "top_share": round(self.pareto.top_share, 4), "total": str(self.pareto.total),
                       "curve": [[round(x, 4), round(y, 4)] for x, y in self.pareto.curve]},
            "moves": [m.__dict__ for m in self.moves],
        }
        if with_clients:
            doc["grades"] = [{"client_id": g.client_id, "name": g.name, "score": g.score, "tier": g.tier,
                              "current_tier": g.current_tier, "contribution": str(g.contribution),
                              "factors": {f.key: round(f.points, 1) for f in g.factors}} for g in self.grades]
        return doc


@dataclass(frozen=True)
class GradeExplanation:
    client_id: str
    client_name: str
    model_version: str
    score: float
    tier: str
    tier_label: str
    current_tier: str
    current_tier_label: str
    factors: tuple[FactorScore, ...]
    notes: tuple[str, ...]
    summary: str


# ----------------------------------------------------------------------------------------- scoring

def _band_points(bands: list[tuple[float, float]], value: float) -> float:
    pts = 0.0
    for lower, points in bands:
        if value >= lower:
            pts = points
        else:
            break
    return pts


def _mask_lower_bounds() -> dict[str, float]:
    out: dict[str, float] = {}
    lower = 0.0
    for upper, label in _MASK_BANDS:
        out[label] = lower
        out[_(label)] = lower
        lower = float(upper)
    out["100 亿元以上"] = lower
    out[_("100 亿元以上")] = lower
    return out


def _money(v: Any) -> float | None:
    if v is None or v == "":
        return None
    try:
        return float(Decimal(str(v)))
    except (InvalidOperation, ValueError):
        return None


def _fmt_amount(v: float) -> str:
    if v >= 1e8:
        return _("{n:.2f} 亿元").format(n=v / 1e8)
    if v >= 1e4:
        return _("{n:.1f} 万元").format(n=v / 1e4)
    return _("{n:.0f} 元").format(n=v)


def _window_start(as_of: dt.date, months: int) -> str:
    y, m = as_of.year, as_of.month - (months - 1)
    while m <= 0:
        m += 12
        y -= 1
    return f"{y:04d}-{m:02d}"


class _Scorer:
    """Scores plain rows (no ORM objects), decrypting only the C2 columns the model uses."""

    def __init__(self, book: Any, model: GradingModel) -> None:
        self.book = book
        self.model = model
        self.ring = book.ctx.keyring
        self.has_fin = self.ring.has("C2-FIN")
        # The score may use the plaintext; the explanation shows exact C2-FIN figures only to roles
        # that see them in clear (others see the masked band, as on the profile: no unaudited reveal).
        self.show_fin = book.policy.display_mode(book.user.role, "C2-FIN") == "plain"
        self.bounds = _mask_lower_bounds()
        self.notes: list[str] = []
        self.used_mask = False
        self.rating_hidden = False
        self.labels = {k: (_(f["label"]), float(f["weight"])) for k, f in model.factors.items()}

    def _fin(self, row: Any, name: str) -> tuple[float | None, str]:
        """(value, how) for a C2-FIN amount: 'plain', 'band' (mask lower bound) or 'none'."""
        blob = getattr(row, f"{name}_ct")
        if blob is None:
            return None, "none"
        if self.has_fin:
            try:
                return _money(decrypt_value(self.ring, blob, table="clients", column=f"{name}_ct", record_id=row.id)), "plain"
            except (DecryptError, KeyUnavailable):
                pass
        lower = self.bounds.get(getattr(row, f"{name}_mask") or "")
        if lower is None:
            return None, "none"
        self.used_mask = True
        return lower, "band"

    def _rating(self, row: Any) -> str | None:
        blob = row.credit_rating_ct
        if blob is None:
            return None
        if not self.has_fin:
            self.rating_hidden = True
            return None
        try:
            return decrypt_value(self.ring, blob, table="clients", column="credit_rating_ct", record_id=row.id)
        except (DecryptError, KeyUnavailable):
            self.rating_hidden = True
            return None

    def score(self, row: Any, contribution: float, depth: int, *, explain: bool) -> tuple[float, tuple[FactorScore, ...]]:
        m = self.model.factors
        out: list[FactorScore] = []

        # scale: the best of the configured measures
        sf = m["scale"]
        best_pts, best_reason = 0.0, _("无规模数据")
        hidden: list[str] = []
        for measure, spec in sf["measures"].items():
            if best_pts >= 100:
                break  # nothing can score higher: skip decrypting the rest
            if measure == "total_assets":
                value, how = _money(row.total_assets), "plain"
            else:
                value, how = self._fin(row, measure)
                if how == "band":
                    hidden.append(_(spec["label"]))
                elif how == "none" and getattr(row, f"{measure}_ct") is not None:
                    hidden.append(_(spec["label"]))
            if value is None:
                continue
            pts = _band_points(spec["bands"], value)
            if pts > best_pts or best_reason == _("无规模数据"):
                if explain:
                    if how == "plain" and (self.show_fin or measure == "total_assets"):
                        shown = _fmt_amount(value)
                    elif how == "plain":
                        shown = localize(getattr(row, f"{measure}_mask")) or _("（已脱敏）")
                    else:
                        shown = _("区间下限 {v}").format(v=_fmt_amount(value))
                    best_reason = _("{m} {v}").format(m=_(spec["label"]), v=shown)
                else:
                    best_reason = ""
                best_pts = pts
        if explain and hidden:
            best_reason += _("（无权查看{f}明细，按脱敏区间或仅按在我行资产计算）").format(f="、".join(hidden))
        out.append(self._factor("scale", best_pts, best_reason))

        # contribution
        cf = m["contribution"]
        pts = _band_points(cf["bands"], contribution)
        reason = _("近 {n} 个月贡献 {v}").format(n=self.model.contribution_months, v=_fmt_amount(contribution)) if explain else ""
        out.append(self._factor("contribution", pts, reason))

        # rating
        rf = m["rating"]
        rating = self._rating(row)
        if rating is not None and rating.strip().upper() in rf["table"]:
            pts = rf["table"][rating.strip().upper()]
            shown_rating = rating.strip().upper() if self.show_fin else "***"
            reason = _("信用评级 {r}").format(r=shown_rating) if explain else ""
        else:
            pts = rf["missing_points"]
            if not explain:
                reason = ""
            elif row.credit_rating_ct is not None and not self.has_fin:
                reason = _("无权查看信用评级，按默认分值计")
            elif rating is not None:
                reason = _("评级不在模型评级表内，按默认分值计")
            else:
                reason = _("无信用评级，按默认分值计")
        out.append(self._factor("rating", pts, reason))

        # product depth
        df = m["product_depth"]
        pts = _band_points(df["bands"], depth)
        out.append(self._factor("product_depth", pts, _("持有 {n} 类产品").format(n=depth) if explain else ""))

        # growth
        gf = m["growth"]
        ind = gf["industry"].get(row.industry or "", gf["industry_default"])
        life = gf["lifecycle"].get(row.lifecycle_stage or "", gf["lifecycle_default"])
        pts = gf["industry_share"] * ind + (1 - gf["industry_share"]) * life
        reason = ""
        if explain:
            stage = {"startup": _("初创期"), "growth": _("成长期"), "mature": _("成熟期"), "decline": _("衰退期")}.get(
                row.lifecycle_stage or "", row.lifecycle_stage or _("未知阶段"))
            reason = _("行业「{i}」{a:g} 分，{s} {b:g} 分").format(i=row.industry or _("未填"), a=ind, s=stage, b=life)
        out.append(self._factor("growth", pts, reason))

        total = round(sum(f.weighted for f in out), 1)
        return total, tuple(out)

    def _factor(self, key: str, points: float, reason: str) -> FactorScore:
        label, w = self.labels[key]
        return FactorScore(key, label, w, points, round(points * w / 100, 2), reason)

    def final_notes(self) -> tuple[str, ...]:
        notes = []
        if self.used_mask:
            notes.append(_("当前角色无财务数据密钥：营业收入、净资产按脱敏区间下限估算。"))
        if self.rating_hidden:
            notes.append(_("当前角色无财务数据密钥：信用评级按默认分值计。"))
        return tuple(notes)


def _columns() -> list[Any]:
    return [Client.id, Client.name, Client.owner_id, Client.tier, Client.industry, Client.lifecycle_stage,
            Client.total_assets, Client.annual_revenue_ct, Client.annual_revenue_mask, Client.net_worth_ct,
            Client.net_worth_mask, Client.credit_rating_ct]


def _aggregates(session: Any, model: GradingModel, as_of: dt.date,
                client_id: str | None = None) -> tuple[dict[str, float], dict[str, int]]:
    """12-month contribution and product depth per client, aggregated in SQL. For the whole book the
    tables are scanned once and the caller keeps the visible clients (cheaper than IN (visible ids))."""
    start, end = _window_start(as_of, model.contribution_months), f"{as_of.year:04d}-{as_of.month:02d}"
    # Money columns are text on SQLite: cast each to REAL before adding ("a + b" on the String
    # type would be rendered as string concatenation)
    income = func.total(cast(Contribution.deposit_income, Float) + cast(Contribution.loan_income, Float)
                        + cast(Contribution.fee_income, Float))
    cq = (select(Contribution.client_id, income)
          .where(Contribution.deleted.is_(False), Contribution.month >= start, Contribution.month <= end)
          .group_by(Contribution.client_id))
    dq = (select(Holding.client_id, func.count(func.distinct(Product.product_type)))
          .join(Product, and_(Product.id == Holding.product_id, Product.deleted.is_(False)))
          .where(Holding.deleted.is_(False), Holding.status == "active")
          .group_by(Holding.client_id))
    if client_id is not None:
        cq = cq.where(Contribution.client_id == client_id)
        dq = dq.where(Holding.client_id == client_id)
    contrib = {cid: float(v or 0.0) for cid, v in session.execute(cq)}
    depth = dict(session.execute(dq).all())
    return contrib, depth


def _pareto(grades: list[ClientGrade]) -> Pareto:
    values = sorted((max(float(g.contribution), 0.0) for g in grades), reverse=True)
    n = len(values)
    total = sum(values)
    top = math.ceil(n * 0.2) if n else 0
    top_share = (sum(values[:top]) / total) if total > 0 else 0.0
    curve: list[tuple[float, float]] = [(0.0, 0.0)]
    if n:
        cum = 0.0
        marks = {math.ceil(n * k / 20) for k in range(1, 21)}
        for i, v in enumerate(values, 1):
            cum += v
            if i in marks:
                curve.append((i / n, (cum / total) if total > 0 else 0.0))
    return Pareto(n, top, top_share, Decimal(str(round(total, 2))), tuple(curve))


def _write_tiers(s: Any, ctx: Any, moves: tuple[TierMove, ...]) -> int:
    """Write new tiers in bulk doing what the ORM flush hook does for a changed field: stamp the
    field's HLC in `clock`, bump updated_at, and queue one outbox entry per row (same transaction)."""
    now = utcnow()
    params, outbox = [], []
    for m in moves:
        stamp = ctx.clock.now()
        params.append({"rid": m.client_id, "tier": m.to_tier, "stamp": stamp, "now": now})
        outbox.append({"table_name": "clients", "record_id": m.client_id, "fields": ["tier"], "hlc": stamp,
                       "created_at": now})
    stmt = text("UPDATE clients SET tier = :tier, updated_at = :now, "
                "clock = json_set(coalesce(clock, '{}'), '$.tier', :stamp) WHERE id = :rid"
                ).bindparams(bindparam("now", type_=DateTime()))
    for i in range(0, len(params), 5000):
        s.execute(stmt, params[i:i + 5000])
        s.execute(insert(Outbox.__table__), outbox[i:i + 5000])
    return len(params)


def _require_model(model: GradingModel | str | Path | None) -> GradingModel:
    if isinstance(model, GradingModel):
        return model
    return load_model(model)


def grade_book(book: Any, *, model: GradingModel | str | Path | None = None, apply: bool = False,
               as_of: dt.date | None = None) -> GradingReport:
    """Grade every client the user may see. `apply=True` writes the new tiers (synced, audited);
    it needs write access to the clients' tier field."""
    model = _require_model(model)
    as_of = as_of or dt.date.today()
    role = book.user.role
    if apply and not book.policy.can_write_field(role, "clients", "tier"):
        raise PermissionDenied(_("调整客户分级"))
    scorer = _Scorer(book, model)
    clause = client_clause(book)
    grades: list[ClientGrade] = []
    with book.session_scope(write=apply) as s:
        contrib, depth = _aggregates(s, model, as_of)
        for row in s.execute(select(*_columns()).where(clause).order_by(Client.id)):
            c = float(contrib.get(row.id, 0.0) or 0.0)
            score, factors = scorer.score(row, c, int(depth.get(row.id, 0)), explain=False)
            grades.append(ClientGrade(row.id, row.name, row.owner_id, score, model.tier_for(score), row.tier or "general",
                                      Decimal(str(round(c, 2))), factors))
        moves = tuple(TierMove(g.client_id, g.name, g.current_tier, g.tier, "up" if g.moved > 0 else "down", g.score)
                      for g in grades if g.moved != 0)
        applied = 0
        if apply and moves:
            applied = _write_tiers(s, book.ctx, moves)
        if apply:
            audit.record(s, book.ctx, "grading.apply", "clients", "", {
                "model_version": model.version, "graded": len(grades), "changed": applied,
                "up": sum(1 for m in moves if m.direction == "up"),
                "down": sum(1 for m in moves if m.direction == "down"), "as_of": as_of.isoformat()})
    counts = {t: 0 for t in TIERS}
    for g in grades:
        counts[g.tier] += 1
    grades.sort(key=lambda g: (-g.score, g.client_id))
    return GradingReport(model.version, model.name, as_of, tuple(grades), counts, moves, _pareto(grades),
                         scorer.final_notes(), applied=apply, applied_count=applied)


def explain(book: Any, client_id: str, *, model: GradingModel | str | Path | None = None,
            as_of: dt.date | None = None) -> GradeExplanation:
    """Why a client has the score and tier it has: each factor's points and the reason, in Chinese."""
    model = _require_model(model)
    as_of = as_of or dt.date.today()
    scorer = _Scorer(book, model)
    with book.session_scope() as s:
        row = s.execute(select(*_columns()).where(Client.id == client_id, client_clause(book))).first()
        if row is None:
            raise NotFound(_("客户不存在或不在您的权限范围内"))
        contrib, depth = _aggregates(s, model, as_of, client_id)
        c = float(contrib.get(client_id, 0.0) or 0.0)
        score, factors = scorer.score(row, c, int(depth.get(client_id, 0)), explain=True)
    tier = model.tier_for(score)
    current = row.tier or "general"
    summary = _("综合得分 {s:.1f}，按模型 {v} 应为「{t}」客户").format(s=score, v=model.version, t=tier_label(tier))
    if tier != current:
        summary += _("（当前为「{c}」，建议调整）").format(c=tier_label(current))
    notes = scorer.final_notes()
    return GradeExplanation(client_id, row.name, model.version, score, tier, tier_label(tier), current,
                            tier_label(current), factors, notes, summary)


__all__ = ["ClientGrade", "FactorScore", "GradeExplanation", "GradingModel", "GradingReport", "Pareto", "TierMove",
           "TIER_LABELS", "explain", "grade_book", "load_model", "tier_label"]
