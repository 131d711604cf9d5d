"""The policy scope as SQL: who sees which clients."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from kamdesk.common.errors import NotFound, PermissionDenied
from kamdesk.models import Client
from kamdesk.services.scope import is_client_visible, require_client_visible, visible_client_ids_select

from tests.conftest import USERS
from tests.services.conftest import add_client


def _populate(book):
    rm, rm2 = USERS["rm"], USERS["rm2"]
    ids = {
        "own": add_client(book, name="自有客户"),
        "shared": add_client(book, name="协办客户", owner_id=rm2.id, members=[rm.id]),
        "other": add_client(book, name="同事客户", owner_id=rm2.id),
        "other_team": add_client(book, name="他组客户", owner_id="x", team_id="other-team"),
        "individual": add_client(book, kind="individual", name="张三", owner_id="x", team_id="other-team"),
        "other_branch": add_client(book, name="北京客户", owner_id="x", team_id="t2", branch="北京分行"),
        "deleted": add_client(book, name="已删除", deleted=True),
    }
    return ids


def _visible(book):
    with book.session_scope() as s:
        return set(s.scalars(visible_client_ids_select(book)))


@pytest.mark.parametrize("role,expected", [
    ("rm", {"own", "shared"}),
    ("rm2", {"shared", "other"}),
    ("team_lead", {"own", "shared", "other"}),
    ("risk_officer", {"own", "shared", "other", "other_team"}),
    ("compliance_officer", {"own", "shared", "other", "other_team", "individual", "other_branch"}),
])
def test_scope_per_role(make_book, role, expected):
    book = make_book(role)
    ids = _populate(book)
    assert _visible(book) == {ids[k] for k in expected}


def test_require_client_visible(make_book):
    book = make_book("rm")
    ids = _populate(book)
    with book.session_scope() as s:
        assert require_client_visible(s, book, ids["own"]).name == "自有客户"
        assert is_client_visible(s, book, ids["shared"])
        for key in ("other", "deleted"):
            with pytest.raises(NotFound):
                require_client_visible(s, book, ids[key])
        with pytest.raises(NotFound):
            require_client_visible(s, book, "no-such-id")


def test_admin_sees_nothing(make_book):
    from kamdesk.services.book import UserInfo, create_book
    from tests.conftest import FAST_KDF
    import tempfile, pathlib
    with tempfile.TemporaryDirectory() as d:
        admin = UserInfo(id="00000000-0000-7000-8000-0000000000ff", username="admin", display_name="管理员",
                         role="admin", team_id=None, branch="上海分行")
        b = create_book(pathlib.Path(d) / "a.kdb", "pw-123456789", user=admin, kdf=FAST_KDF)
        try:
            with pytest.raises(PermissionDenied):
                visible_client_ids_select(b)
            with b.session_scope() as s:
                assert s.scalar(select(Client.id)) is None
        finally:
            b.close()
