"""Constants shared by tests (import from here, not from conftest)."""
from __future__ import annotations

from typing import Any

from kamdesk.services.book import UserInfo

# Cheap scrypt for tests only; the product default (~0.3 s) is measured in bench/.
FAST_KDF = {"name": "scrypt", "n": 2**10, "r": 8, "p": 1}
PASSPHRASE = "test-passphrase-1"

USERS = {
    "rm": UserInfo(id="00000000-0000-7000-8000-000000000001", username="wangxm", display_name="王晓明", role="rm",
                   team_id="00000000-0000-7000-8000-0000000000a1", branch="上海分行"),
    "rm2": UserInfo(id="00000000-0000-7000-8000-000000000002", username="lina", display_name="李娜", role="rm",
                    team_id="00000000-0000-7000-8000-0000000000a1", branch="上海分行"),
    "team_lead": UserInfo(id="00000000-0000-7000-8000-000000000003", username="zhaolei", display_name="赵磊",
                          role="team_lead", team_id="00000000-0000-7000-8000-0000000000a1", branch="上海分行"),
    "risk_officer": UserInfo(id="00000000-0000-7000-8000-000000000004", username="sunli", display_name="孙丽",
                             role="risk_officer", team_id=None, branch="上海分行"),
    "compliance_officer": UserInfo(id="00000000-0000-7000-8000-000000000005", username="zhoujie",
                                   display_name="周杰", role="compliance_officer", team_id=None, branch="上海分行"),
}


def show_screen(qtbot: Any, screen_cls: Any, book: Any, *, size: tuple[int, int] = (1366, 700),
                timeout: int = 30000, **kw: Any) -> Any:
    """A screen on `book`, shown at `size` and activated; returns once its first load arrived."""
    from kamdesk.ui.state import AppState

    screen = screen_cls(AppState(book), **kw)
    qtbot.addWidget(screen)
    screen.resize(*size)
    screen.show()
    with qtbot.waitSignal(screen.loaded, timeout=timeout):
        screen.activate()
    return screen
