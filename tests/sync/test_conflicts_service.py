"""kamdesk.services.conflicts: a sensitive field's stored-column conflicts are one inbox row shown
as the role may see the field (masks, plaintext only in clear-text roles, nothing for a role that
sees nothing), resolved all together; a merge validates before it writes anything."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from kamdesk.common.errors import ValidationError
from kamdesk.common.ids import new_id
from kamdesk.models import SENSITIVE, Client, Conflict
from kamdesk.security.masking import mask
from kamdesk.services.conflicts import merge, open_conflicts, resolve
from kamdesk.sync.protocol import encode_value


def _columns(book: Any, cid: str, field: str) -> dict[str, Any]:
    spec = SENSITIVE["clients"][field]
    with book.session_scope() as s:
        c = s.get(Client, cid)
        cols = (spec.ct, spec.mask_col, spec.bi) if spec.blind_index else (spec.ct, spec.mask_col)
        return {col: getattr(c, col) for col in cols}


def stage_conflict(book: Any, field: str, server: Any, here: Any) -> str:
    """A client whose `field` was `server` on the server and `here` on this device: one open
    conflict per stored column that differs (as the sync server reports them)."""
    with book.session_scope(write=True) as s:
        c = Client(kind="corporate", name="测试冲突客户", tier="general", owner_id=book.user.id,
                   team_id=book.user.team_id, branch=book.user.branch)
        setattr(c, field, server)
        s.add(c)
        s.flush()
        cid = c.id
    remote = _columns(book, cid, field)
    with book.session_scope(write=True) as s:
        setattr(s.get(Client, cid), field, here)
    local = _columns(book, cid, field)
    with book.session_scope(write=True) as s:
        for col in local:
            if local[col] != remote[col]:
                s.add(Conflict(id=new_id(), table_name="clients", record_id=cid, field=col, local_value=encode_value(local[col]),
                               remote_value=encode_value(remote[col]), local_hlc="0", remote_hlc="0", status="open"))
    return cid


def test_phone_is_one_row_of_masks_and_resolves_all_its_columns(make_book: Any) -> None:
    book = make_book("rm")  # C2-ID shown masked (reveal on request)
    cid = stage_conflict(book, "phone", "13800138000", "13911112222")
    [row] = open_conflicts(book)
    assert (row.field, row.sensitive, row.mergeable, len(row.ids)) == ("phone", True, False, 3)
    assert (row.local_display, row.remote_display) == (mask("phone", "13911112222"), mask("phone", "13800138000"))
    with pytest.raises(ValidationError):
        merge(book, row.id, "13800000000")  # never typed over a sensitive field
    with book.session_scope() as s:
        server_columns = {c.field: c.remote_value for c in s.scalars(select(Conflict).where(Conflict.record_id == cid))}
    resolve(book, row.ids, keep="remote")
    assert open_conflicts(book) == []
    now = _columns(book, cid, "phone")
    assert {col: encode_value(v) for col, v in now.items()} == server_columns  # ct, mask and index all the server's
    with book.session_scope() as s:
        assert s.get(Client, cid).phone == "13800138000"


def test_same_mask_still_one_row(make_book: Any) -> None:
    book = make_book("rm")
    stage_conflict(book, "phone", "13800138000", "13811118000")  # masks equal: ct and index conflict only
    [row] = open_conflicts(book)
    assert len(row.ids) == 2
    assert row.local_display == row.remote_display == mask("phone", "13800138000")


def test_clear_text_role_sees_both_amounts(make_book: Any) -> None:
    book = make_book("risk_officer")  # C2-FIN in clear for this role
    stage_conflict(book, "net_worth", Decimal("5000000"), Decimal("7200000"))
    [row] = open_conflicts(book)
    assert row.field == "net_worth"
    assert Decimal(row.local_display) == Decimal("7200000") and Decimal(row.remote_display) == Decimal("5000000")


def test_merge_validates_before_writing(make_book: Any) -> None:
    book = make_book("rm")
    with book.session_scope(write=True) as s:
        c = Client(kind="corporate", name="原名称有限公司", tier="general", owner_id=book.user.id,
                   team_id=book.user.team_id, branch=book.user.branch)
        s.add(c)
        s.flush()
        cid = c.id
        s.add(Conflict(id=new_id(), table_name="clients", record_id=cid, field="name", local_value="原名称有限公司",
                       remote_value="新名称有限公司", local_hlc="0", remote_hlc="0", status="open"))
    [row] = open_conflicts(book)
    with pytest.raises(ValidationError) as err:
        merge(book, row.id, "   ")
    assert err.value.field == "name"
    assert [r.ids for r in open_conflicts(book)] == [row.ids]
    with book.session_scope() as s:
        assert s.get(Client, cid).name == "原名称有限公司"
    merge(book, row.id, "  合并后名称有限公司 ")
    assert open_conflicts(book) == []
    with book.session_scope() as s:
        assert s.get(Client, cid).name == "合并后名称有限公司"
