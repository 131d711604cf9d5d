"""仪表盘 Dashboard (Qt Charts): the book by tier, the Pareto curve of contribution, the pipeline
funnel and the holdings maturing over the next 90 days (by week, amounts; per RM for a team lead).
Everything is computed by services on a worker; the GUI
thread only draws."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from kamdesk.common.i18n import _
from kamdesk.ui import labels
from kamdesk.ui.changes import Changes
from kamdesk.ui.errors import show_error
from kamdesk.ui.ops import Op
from kamdesk.ui.qt import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QLabel,
    QMargins,
    QPainter,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
    charts,
)
from kamdesk.ui.screens.base import Screen
from kamdesk.ui.state import AppState

TIER_ORDER = ("strategic", "core", "key", "general")
FUNNEL = ("lead", "qualified", "proposal", "negotiation", "won")


@dataclass(frozen=True)
class DashboardData:
    tier_counts: dict[str, int]  # current tiers of the visible book
    pareto_curve: tuple[tuple[float, float], ...]
    top_share: float
    funnel: tuple[tuple[str, str, int, Decimal], ...]  # stage, label, count, amount
    maturities_by_week: tuple[Any, ...]  # MaturityWeek: week start, holdings maturing, amount
    horizon_days: int
    team: tuple[Any, ...] = ()  # per-RM pipeline figures, for a team lead
    team_maturities: tuple[Any, ...] = ()  # MemberMaturities per RM, for a team lead


def load_dashboard(book: Any, today: dt.date | None = None) -> DashboardData:
    """Worker: one pass over the services the dashboard draws from."""
    from kamdesk.services.dashboard import MATURITY_DAYS, maturities_by_member, maturities_by_week
    from kamdesk.services.grading import grade_book
    from kamdesk.services.pipeline import board

    today = today or dt.date.today()
    report = grade_book(book, as_of=today)
    counts = {t: 0 for t in TIER_ORDER}
    for g in report.grades:
        counts[g.current_tier] = counts.get(g.current_tier, 0) + 1
    b = board(book)
    funnel = tuple((st, b.totals[st].label, b.totals[st].count, b.totals[st].amount) for st in FUNNEL if st in b.totals)
    by_week = tuple(maturities_by_week(book, today, MATURITY_DAYS))
    team: tuple[Any, ...] = ()
    team_maturities: tuple[Any, ...] = ()
    if book.policy.can(book.user.role, "team.view"):
        from kamdesk.services.pipeline import rollup

        team = tuple(rollup(book))
        team_maturities = tuple(maturities_by_member(book, today, MATURITY_DAYS))
    return DashboardData(counts, report.pareto.curve, report.pareto.top_share, funnel, by_week, MATURITY_DAYS, team,
                         team_maturities)


def _chart(title: str) -> Any:
    qc = charts()
    c = qc.QChart()
    c.setTitle(title)
    c.setAnimationOptions(qc.QChart.AnimationOption.NoAnimation)
    c.legend().setVisible(False)
    c.setMargins(QMargins(4, 4, 4, 4))
    return c


def _axes(chart: Any, series: Any, bottom: Any, left: Any) -> None:
    """Put `bottom` and `left` on the chart and bind the series to both."""
    chart.addAxis(bottom, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(left, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(bottom)
    series.attachAxis(left)


def _view(chart: Any, name: str) -> Any:
    qc = charts()
    v = qc.QChartView(chart)
    v.setObjectName(name)
    v.setRenderHint(QPainter.RenderHint.Antialiasing)
    v.setMinimumHeight(220)
    return v


class DashboardScreen(Screen):
    key = "dashboard"
    loaded = Signal()

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.data: DashboardData | None = None
        self.heading = QLabel(_("正在计算…"))
        self.heading.setObjectName("dashboardHeading")
        f = self.heading.font()
        f.setPointSizeF(f.pointSizeF() * 1.2)
        f.setBold(True)
        self.heading.setFont(f)
        self.grid = QGridLayout()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 4)
        lay.addWidget(self.heading)
        lay.addLayout(self.grid, 1)

    def reload(self) -> None:
        book = self.state.book
        Op(lambda: load_dashboard(book), parent=self, name="dashboard").success(self._show).failure(
            lambda exc: show_error(self, exc)).run()

    def on_changes(self, changes: Changes) -> None:
        if self._loaded_once and (changes.clients or changes.opportunities or changes.sync):
            self.reload()

    def clear(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()

    def _show(self, d: DashboardData) -> None:
        if self.state.locked:
            return
        self.data = d
        self.clear()
        total = sum(d.tier_counts.values())
        self.heading.setText(_("客户 {n} 户 · 前 20% 客户贡献 {p:.0%} 的收益").format(n=total, p=d.top_share))
        self.grid.addWidget(self._tiers(d), 0, 0)
        self.grid.addWidget(self._pareto(d), 0, 1)
        self.grid.addWidget(self._funnel(d), 1, 0)
        self.grid.addWidget(self._maturities(d), 1, 1)
        if d.team:
            self.grid.addWidget(self._team(d), 0, 2, 2, 1)
        self.loaded.emit()

    def _team(self, d: DashboardData) -> QWidget:
        box = QGroupBox(_("团队成员"))
        lay = QVBoxLayout(box)
        lay.addWidget(QLabel(_("商机")))
        lay.addWidget(_table("teamTable", (_("客户经理"), _("在谈（笔）"), _("加权（万元）"), _("赢单（万元）"), _("赢率")),
                             [(m.owner_name or m.owner_id[:8], str(m.open_count), labels.wan(m.weighted),
                               labels.wan(m.won_amount), "" if m.win_rate is None else f"{m.win_rate:.0%}")
                              for m in d.team]))
        lay.addWidget(QLabel(_("未来 {n} 天到期持仓").format(n=d.horizon_days)))
        lay.addWidget(_table("teamMaturityTable", (_("客户经理"), _("笔数"), _("金额（万元）")),
                             [(m.owner_name or m.owner_id[:8], str(m.count), labels.wan(m.amount))
                              for m in d.team_maturities], fit=True))
        return box

    def _tiers(self, d: DashboardData) -> Any:
        qc = charts()
        c = _chart(_("客户层级分布"))
        s = qc.QPieSeries()
        for t in TIER_ORDER:
            n = d.tier_counts.get(t, 0)
            if n:
                sl = s.append(f"{labels.tier(t)} {n}", n)
                sl.setLabelVisible(True)
        c.addSeries(s)
        return _view(c, "tierChart")

    def _pareto(self, d: DashboardData) -> Any:
        qc = charts()
        c = _chart(_("贡献度帕累托曲线"))
        s = qc.QLineSeries()
        for x, y in d.pareto_curve:
            s.append(x * 100, y * 100)
        c.addSeries(s)
        ax, ay = qc.QValueAxis(), qc.QValueAxis()
        ax.setRange(0, 100)
        ay.setRange(0, 100)
        ax.setTitleText(_("客户占比（%）"))
        ay.setTitleText(_("累计贡献占比（%）"))
        ax.setLabelFormat("%d")
        ay.setLabelFormat("%d")
        _axes(c, s, ax, ay)
        return _view(c, "paretoChart")

    def _funnel(self, d: DashboardData) -> Any:
        qc = charts()
        c = _chart(_("商机漏斗（金额，万元）"))
        bs = qc.QBarSet(_("金额"))
        cats = []
        for _st, label, count, amount in reversed(d.funnel):
            bs.append(round(float(amount) / 10000.0))
            cats.append(f"{label}（{count}）")
        s = qc.QHorizontalBarSeries()
        s.append(bs)
        s.setLabelsVisible(True)
        s.setLabelsFormat("@value")
        s.setLabelsPrecision(12)  # whole 万元, never 1.0e+06
        c.addSeries(s)
        ay = qc.QBarCategoryAxis()
        ay.append(cats)
        ax = qc.QValueAxis()
        ax.setLabelFormat("%.0f")
        _axes(c, s, ax, ay)
        ax.applyNiceNumbers()
        return _view(c, "funnelChart")

    def _maturities(self, d: DashboardData) -> Any:
        qc = charts()
        divisor, digits, unit = _unit(max((w.amount for w in d.maturities_by_week), default=Decimal(0)))
        c = _chart(_("未来 {n} 天到期持仓（按周，{u}）").format(n=d.horizon_days, u=unit))
        bs = qc.QBarSet(_("金额"))
        for w in d.maturities_by_week:
            bs.append(round(float(w.amount) / divisor, digits))
        s = qc.QBarSeries()
        s.append(bs)
        c.addSeries(s)  # no value labels: 13 narrow bars would cut them; the axis reads the amounts
        ax = qc.QBarCategoryAxis()
        ax.append([f"{w.start.month}/{w.start.day}" for w in d.maturities_by_week])
        small = ax.labelsFont()
        small.setPointSizeF(small.pointSizeF() * 0.85)
        ax.setLabelsFont(small)
        ax.setLabelsAngle(-90)  # 13 dates side by side: upright they are cut to "1…" in a narrow chart
        total = sum((w.amount for w in d.maturities_by_week), Decimal(0))
        ax.setTitleText(_("周起始日（共 {n} 笔，合计 {a} {u}）").format(
            n=sum(w.count for w in d.maturities_by_week), a=f"{float(total) / divisor:,.{digits}f}", u=unit))
        ay = qc.QValueAxis()
        ay.setLabelFormat("%g")
        _axes(c, s, ax, ay)
        ay.applyNiceNumbers()
        return _view(c, "maturityChart")


def _unit(largest: Decimal) -> tuple[float, int, str]:
    """Divisor, decimals and unit name for amounts in 元: 万元, or 亿元 once a bar would pass
    100,000 万 (seven-digit labels do not fit a weekly bar)."""
    if largest >= Decimal(10) ** 9:
        return 1e8, 1, _("亿元")
    return 1e4, 0, _("万元")


def _table(name: str, headers: tuple[str, ...], rows: list[tuple[str, ...]], *, fit: bool = False) -> QTableWidget:
    """A read-only table of texts, numbers (every column but the first) aligned right; `fit`: never
    narrower than its columns."""
    t = QTableWidget(len(rows), len(headers))
    t.setObjectName(name)
    t.setHorizontalHeaderLabels(list(headers))
    t.verticalHeader().setVisible(False)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    for r, texts in enumerate(rows):
        for c, text in enumerate(texts):
            item = QTableWidgetItem(text)
            if c:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            t.setItem(r, c, item)
    t.resizeColumnsToContents()
    if fit:
        t.setMinimumWidth(sum(t.columnWidth(c) for c in range(len(headers))) + 2 * t.frameWidth() + 2)
    return t
