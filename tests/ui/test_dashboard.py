"""Dashboard: four charts drawn from the services' numbers."""
from __future__ import annotations

import pytest

pytest.importorskip("kamdesk.services.grading")
pipeline = pytest.importorskip("kamdesk.services.pipeline")


def test_dashboard_draws_tiers_pareto_funnel_maturities(qtbot, client_book) -> None:  # noqa: ANN001
    from kamdesk.ui.qt import charts
    from kamdesk.ui.screens.dashboard import DashboardScreen
    from kamdesk.ui.state import AppState

    pipeline.create(client_book, client_book.sample_ids["华东医药科技有限公司"], "现金管理平台", 5_000_000)
    screen = DashboardScreen(AppState(client_book))
    qtbot.addWidget(screen)
    screen.resize(1200, 700)
    screen.show()
    with qtbot.waitSignal(screen.loaded, timeout=30000):
        screen.activate()
    d = screen.data
    assert sum(d.tier_counts.values()) == 45 and d.tier_counts["strategic"] == 1
    assert d.pareto_curve[0] == (0.0, 0.0)
    assert dict((st, n) for st, _l, n, _a in d.funnel)["lead"] == 1
    views = screen.findChildren(charts().QChartView)
    assert {v.objectName() for v in views} == {"tierChart", "paretoChart", "funnelChart", "maturityChart"}
    assert "45 户" in screen.heading.text()


def test_team_lead_sees_the_team_table(qtbot, make_book) -> None:  # noqa: ANN001
    from kamdesk.models import Client
    from kamdesk.ui.screens.dashboard import DashboardScreen
    from kamdesk.ui.state import AppState

    lead = make_book("team_lead")
    with lead.session_scope(write=True) as s:
        c = Client(kind="corporate", name="华东医药科技有限公司", owner_id=lead.user.id, team_id=lead.user.team_id,
                   branch=lead.user.branch)
        s.add(c)
        cid = c.id
    pipeline.create(lead, cid, "现金管理平台", 5_000_000)
    screen = DashboardScreen(AppState(lead))
    qtbot.addWidget(screen)
    screen.show()
    with qtbot.waitSignal(screen.loaded, timeout=30000):
        screen.activate()
    from kamdesk.ui.qt import QTableWidget

    table = screen.findChild(QTableWidget, "teamTable")
    assert table is not None and table.rowCount() == 1
    assert table.item(0, 0).text() == "赵磊" and table.item(0, 1).text() == "1"
