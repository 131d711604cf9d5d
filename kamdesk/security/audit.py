"""The tamper-evident audit chain: pure functions over entries (no database).

Each entry's hash is SHA-256 over the previous entry's hash and the entry's canonical JSON,
so editing, removing or reordering any entry breaks every link after it. The same functions
check the chain on the device (`kamdesk audit verify`) and on the server when entries arrive.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kamdesk.common.i18n import _

GENESIS = "0" * 64
HASHED_FIELDS = ("id", "at", "actor_id", "device_id", "action", "entity", "entity_id", "detail")


def canonical_detail(detail: Mapping[str, Any] | None) -> str:
    return json.dumps(detail or {}, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def entry_hash(prev_hash: str, entry: Mapping[str, Any]) -> str:
    body = json.dumps({k: entry[k] for k in HASHED_FIELDS}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256((prev_hash + "|" + body).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    first_bad_seq: int | None = None
    problem: str = ""

    def message(self) -> str:
        if self.ok:
            return _("审计日志完整：共 {n} 条，哈希链校验通过。").format(n=self.checked)
        return _("审计日志异常：第 {s} 条 {p}").format(s=self.first_bad_seq, p=self.problem)


def verify_chain(entries: Iterable[Mapping[str, Any]], *, start_prev: str = GENESIS, start_seq: int = 1) -> ChainReport:
    """Check entries (dicts with seq, prev_hash, hash and the hashed fields) in seq order."""
    prev, expected_seq, n = start_prev, start_seq, 0
    for e in entries:
        seq = int(e["seq"])
        if seq != expected_seq:
            what = _("缺失（序号跳跃到 {s}）").format(s=seq) if seq > expected_seq else _("顺序错乱")
            return ChainReport(False, n, expected_seq, what)
        if e["prev_hash"] != prev:
            return ChainReport(False, n, seq, _("与前一条的链接断裂（被删除、插入或重排）"))
        if entry_hash(prev, e) != e["hash"]:
            return ChainReport(False, n, seq, _("内容被篡改（哈希不符）"))
        prev, expected_seq, n = e["hash"], seq + 1, n + 1
    return ChainReport(True, n)
