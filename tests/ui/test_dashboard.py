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
