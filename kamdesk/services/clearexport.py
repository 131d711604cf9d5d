"""Clear-text bulk export of clients (明文批量导出): permission, approval, encryption, audit.

Masked exports (kamdesk.services.importexport.export_clients) need only `export.clients`. An
export with the C2 values in clear needs all of:
- the `export.clients_clear` action (the RM role does not hold it by default);
- an approved `bulk_export` request filed by this user (kamdesk.services.approvals), decided by
  someone else whose role may decide it, less than APPROVAL_VALID_HOURS ago;
and then holds only the approved clients that are still in the user's book. The workbook is
encrypted with a password generated here (ECMA-376 agile encryption through msoffcrypto-tool):
the password is returned once, to be shown once — never stored, logged or audited. The audit
event records the approval, the row count and the SHA-256 of the encrypted file.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from kamdesk.common.errors import KamdeskError, NotFound, PermissionDenied
from kamdesk.common.files import write_private
from kamdesk.common.i18n import _
from kamdesk.models import Client
from kamdesk.models.approval import BULK_EXPORT, PENDING, REJECTED, Approval
from kamdesk.services import approvals, audit
from kamdesk.services.importexport import _xlsx_path, client_workbook
from kamdesk.services.scope import client_clause

APPROVAL_VALID_HOURS = 24
# no look-alikes (0/O, 1/l/I): the password is read off the screen and typed into Excel
PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"
PASSWORD_LENGTH = 20  # ~115 bits


@dataclass(frozen=True)
class ClearExportResult:
    path: str
    rows: int
    sha256: str
    approval_id: str
    in_clear: tuple[str, ...]
    password: str = field(repr=False)  # shown once to the user; never logged


def new_password() -> str:
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _i in range(PASSWORD_LENGTH))


def encrypt_xlsx(data: bytes, password: str) -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt(password, out)
    return out.getvalue()


def approved_client_ids(book: Any, approval_id: str, *, now: dt.datetime | None = None) -> list[str]:
    """The clients an approved export request of this user covers (and that are still visible)."""
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with book.session_scope() as s:
        rows = list(s.scalars(select(Approval).where(Approval.batch_id == approval_id, Approval.kind == BULK_EXPORT,
                                                     Approval.deleted.is_(False))))
        if not rows:
            raise NotFound(_("导出申请不存在"))
        if any(r.requester_id != book.user.id for r in rows):
            raise PermissionDenied(_("只有申请人可以使用该导出审批"))
        if any(r.status == PENDING for r in rows):
            raise PermissionDenied(_("导出申请尚未审批"))
        if any(r.status == REJECTED for r in rows):
            raise PermissionDenied(_("导出申请已被驳回"))
        good = approvals.approved_rows(s, book, BULK_EXPORT, batch_id=approval_id, requester_id=book.user.id)
        if not good:
            raise PermissionDenied(_("导出申请未经有效审批"))
        decided = max(r.decided_at for r in good if r.decided_at is not None)
        if now - decided > dt.timedelta(hours=APPROVAL_VALID_HOURS):
            raise PermissionDenied(_("导出审批已超过 {h} 小时有效期，请重新申请").format(h=APPROVAL_VALID_HOURS))
        ids = [r.client_id for r in good]
        return list(s.scalars(select(Client.id).where(client_clause(book), Client.id.in_(ids))))


def export_clients_clear(book: Any, approval_id: str, out: Path | str, *,
                         now: dt.datetime | None = None) -> ClearExportResult:
    role, pol = book.user.role, book.policy
    pol.require(role, "export.clients", _("导出客户名单"))
    pol.require(role, pol.approvals[BULK_EXPORT]["request"], _("导出明文敏感信息"))
    pol.require(role, "reveal", _("导出明文敏感信息"))
    out = _xlsx_path(out)
    clear = {d for d in ("C2-ID", "C2-FIN")
             if pol.display_mode(role, d) in ("plain", "reveal") and book.ctx.keyring.has(d)}
    if not clear:
        raise PermissionDenied(_("当前角色不能导出明文敏感信息"))
    ids = approved_client_ids(book, approval_id, now=now)
    if not ids:
        raise KamdeskError(_("获批的客户都已不在您的客户范围内，没有可导出的数据"))
    data, n = client_workbook(book, [client_clause(book), Client.id.in_(ids)], clear)
    password = new_password()
    blob = encrypt_xlsx(data, password)
    write_private(out, blob)
    digest = hashlib.sha256(blob).hexdigest()
    with book.session_scope(write=True) as s:
        audit.record(s, book.ctx, "export", "clients", approval_id, {
            "format": "xlsx-encrypted", "rows": n, "sha256": digest, "file": out.name, "approval": approval_id,
            "in_clear": sorted(clear), "revealed": sorted(clear)})
    return ClearExportResult(str(out), n, digest, approval_id, tuple(sorted(clear)), password)


__all__ = ["APPROVAL_VALID_HOURS", "ClearExportResult", "approved_client_ids", "encrypt_xlsx",
           "export_clients_clear", "new_password"]
