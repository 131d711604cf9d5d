"""Dashboard: four charts drawn from the services' numbers."""
from __future__ import annotations

from kamdesk.services import pipeline


def test_dashboard_draws_tiers_pareto_funnel_maturities(qtbot, client_book) -> None:  # noqa: ANN001
    from kamdesk.ui.qt import charts

    pipeline.create(client_book, client_book.sample_ids["华东医药科技有限公司"], "现金管理平台", 5_000_000)
    screen = _shown(qtbot, client_book)
    d = screen.data
    assert sum(d.tier_counts.values()) == 45 and d.tier_counts["strategic"] == 1
    assert d.pareto_curve[0] == (0.0, 0.0)
    assert dict((st, n) for st, _l, n, _a in d.funnel)["lead"] == 1
    views = screen.findChildren(charts().QChartView)
    assert {v.objectName() for v in views} == {"tierChart", "paretoChart", "funnelChart", "maturityChart"}
    assert "45 户" in screen.heading.text()


def test_team_lead_sees_the_team_table(qtbot, make_book) -> None:  # noqa: ANN001
    from kamdesk.models import Client

    lead = make_book("team_lead")
    with lead.session_scope(write=True) as s:
        c = Client(kind="corporate", name="华东医药科技有限公司", owner_id=lead.user.id, team_id=lead.user.team_id,
                   branch=lead.user.branch)
        s.add(c)
        cid = c.id
    pipeline.create(lead, cid, "现金管理平台", 5_000_000)
    _add_holdings(lead, cid, [(30, 2_000_000), (120, 1_000_000)])
    screen = _shown(qtbot, lead)
    from kamdesk.ui.qt import QTableWidget

    table = screen.findChild(QTableWidget, "teamTable")
    assert table is not None and table.rowCount() == 1
    assert table.item(0, 0).text() == "赵磊" and table.item(0, 1).text() == "1"
    mat = screen.findChild(QTableWidget, "teamMaturityTable")
    assert mat.rowCount() == 1
    assert [mat.item(0, c).text() for c in range(3)] == ["赵磊", "1", "200.00"]


def _add_holdings(book, cid: str, days_amounts: list[tuple[int, int]]) -> None:  # noqa: ANN001
    import datetime as dt
    from decimal import Decimal

    from kamdesk.models import Holding, Product

    today = dt.date.today()
    with book.session_scope(write=True) as s:
        p = Product(code="DASH1", name="结构性存款", product_type="deposit", risk_level="R1")
        s.add(p)
        s.flush()
        for days, amount in days_amounts:
            s.add(Holding(client_id=cid, product_id=p.id, amount=Decimal(amount),
                          maturity_on=today + dt.timedelta(days=days)))


def _shown(qtbot, book):  # noqa: ANN001, ANN202
    from kamdesk.ui.screens.dashboard import DashboardScreen
    from tests.support import show_screen

    return show_screen(qtbot, DashboardScreen, book)


def test_maturities_cover_90_days_by_week_in_amounts(qtbot, client_book) -> None:  # noqa: ANN001
    import datetime as dt

    from kamdesk.ui.qt import Qt

    cid = client_book.sample_ids["华东医药科技有限公司"]
    _add_holdings(client_book, cid, [(60, 3_000_000), (100, 7_000_000), (2, 500_000)])
    screen = _shown(qtbot, client_book)
    chart, values, categories = _maturity_chart(screen)
    assert "90" in chart.title()
    today = dt.date.today()
    week8 = today + dt.timedelta(days=56)
    assert len(values) == 13 and categories[0] == f"{today.month}/{today.day}"
    assert categories[8] == f"{week8.month}/{week8.day}"
    assert values[8] == 300 and values[0] == 50  # 万元: the 60-day holding in week 8, the 2-day in week 0
    assert sum(values) == 350  # the 100-day holding is beyond the 90 days
    bottom = next(a for a in chart.axes() if a.orientation() == Qt.Orientation.Horizontal)
    assert "共 2 笔，合计 350 万元" in bottom.titleText()


def _maturity_chart(screen):  # noqa: ANN001, ANN202
    from kamdesk.ui.qt import charts

    view = next(v for v in screen.findChildren(charts().QChartView) if v.objectName() == "maturityChart")
    chart = view.chart()
    series = chart.series()[0]
    bars = series.barSets()[0]
    axis = next(a for a in chart.axes() if isinstance(a, charts().QBarCategoryAxis))
    return chart, [bars.at(i) for i in range(bars.count())], axis.categories()
