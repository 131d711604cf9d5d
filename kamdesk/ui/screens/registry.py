"""Which screens the workstation has, in navigation order, and how each is built."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from kamdesk.common.i18n import _
from kamdesk.ui.screens.base import Screen
from kamdesk.ui.state import AppState


@dataclass(frozen=True)
class ScreenSpec:
    key: str
    title: Callable[[], str]
    factory: Callable[[AppState], Screen] | None = None
    planned: Callable[[], list[str]] = field(default=lambda: [])


def _clients(state: AppState) -> Screen:
    from kamdesk.ui.screens.clients import ClientsScreen

    return ClientsScreen(state)


def _today(state: AppState) -> Screen | None:
    try:
        import kamdesk.services.agenda  # noqa: F401
        from kamdesk.ui.screens.today import TodayScreen
    except ImportError:
        return None

    return TodayScreen(state)


def _pipeline(state: AppState) -> Screen | None:
    try:
        import kamdesk.services.pipeline  # noqa: F401
        from kamdesk.ui.screens.pipeline import PipelineScreen
    except ImportError:
        return None
    return PipelineScreen(state)


def _requests(state: AppState) -> Screen | None:
    try:
        import kamdesk.services.requests  # noqa: F401
        from kamdesk.ui.screens.requests import RequestsScreen
    except ImportError:
        return None
    return RequestsScreen(state)


def _proposals(state: AppState) -> Screen | None:
    try:
        import kamdesk.services.proposals  # noqa: F401
        from kamdesk.ui.screens.proposals import ProposalsScreen
    except ImportError:
        return None
    return ProposalsScreen(state)


def _products(state: AppState) -> Screen | None:
    try:
        import kamdesk.services.products  # noqa: F401
        from kamdesk.ui.screens.products import ProductsScreen
    except ImportError:
        return None
    return ProductsScreen(state)


def _visits(state: AppState) -> Screen | None:
    try:
        import kamdesk.services.visits  # noqa: F401
        from kamdesk.ui.screens.visits import VisitsScreen
    except ImportError:
        return None
    return VisitsScreen(state)


def _tasks(state: AppState) -> Screen | None:
    try:
        import kamdesk.services.tasks  # noqa: F401
        from kamdesk.ui.screens.tasks import TasksScreen
    except ImportError:
        return None
    return TasksScreen(state)


def _approvals(state: AppState) -> Screen | None:
    try:
        import kamdesk.services.approvals  # noqa: F401
        from kamdesk.ui.screens.approvals import ApprovalsScreen
    except ImportError:
        return None
    return ApprovalsScreen(state)


def _sync(state: AppState) -> Screen | None:
    try:
        import kamdesk.sync.engine  # noqa: F401
        from kamdesk.ui.screens.sync import SyncScreen
    except ImportError:
        return None
    return SyncScreen(state)


def _dashboard(state: AppState) -> Screen | None:
    try:
        import kamdesk.services.grading  # noqa: F401
        import kamdesk.services.pipeline  # noqa: F401
        from kamdesk.ui.screens.dashboard import DashboardScreen
    except ImportError:
        return None
    return DashboardScreen(state)


def specs() -> list[ScreenSpec]:
    return [
        ScreenSpec("today", lambda: _("今日"), _today, lambda: [
            _("服务日程：产品到期、客户及联系人生日、证照与 KYC 到期、逾期跟进、服务请求超时、应联系客户"),
            _("每一项都可打开对应客户，并可标记完成、延后或忽略")]),
        ScreenSpec("clients", lambda: _("客户"), _clients),
        ScreenSpec("visits", lambda: _("拜访"), _visits, lambda: [
            _("计划拜访：客户、时间、地点、参加人员、议程"),
            _("拜访中记录纪要，每隔几秒自动加密保存，断电也不丢失"),
            _("填写大客户调研表，拜访结束后记录成果并生成跟进任务")]),
        ScreenSpec("tasks", lambda: _("任务"), _tasks, lambda: [
            _("按到期日排列的任务清单"), _("逾期任务醒目标示，一键完成或改期")]),
        ScreenSpec("pipeline", lambda: _("商机"), _pipeline, lambda: [
            _("按阶段分列的商机看板，支持拖放移动"), _("各阶段金额与加权金额合计")]),
        ScreenSpec("requests", lambda: _("服务请求"), _requests, lambda: [
            _("客户服务请求与投诉清单"), _("按服务时限（SLA）显示颜色，超时可升级处理")]),
        ScreenSpec("proposals", lambda: _("方案"), _proposals, lambda: [
            _("为客户编制综合金融服务方案"), _("适当性检查：产品风险等级不得超过客户风险承受能力"),
            _("生成带水印的 PDF 方案书")]),
        ScreenSpec("products", lambda: _("产品"), _products, lambda: [
            _("本行产品目录：类型、风险等级、期限、利率或费率、起购金额"), _("按客户类型筛选适用产品")]),
        ScreenSpec("dashboard", lambda: _("仪表盘"), _dashboard, lambda: [
            _("客户层级分布、贡献度帕累托曲线、商机漏斗、未来 90 天到期金额"), _("团队负责人可按团队成员查看")]),
        ScreenSpec("approvals", lambda: _("审批"), _approvals, lambda: [
            _("适当性例外与明文批量导出的双人复核：团队负责人审批，申请人查看进度"), _("离线也可审批，联网后自动同步")]),
        ScreenSpec("sync", lambda: _("同步"), _sync, lambda: [
            _("在后台与银行服务器同步，显示进度并可取消"), _("查看待上传更改、同步错误和冲突收件箱"),
            _("冲突并排显示双方取值，由您选择或合并")]),
    ]
