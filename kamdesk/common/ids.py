"""Record identifiers: UUIDv7 (RFC 9562), time-ordered so B-tree inserts stay local."""
from __future__ import annotations

import os
import threading
import time
import uuid

_lock = threading.Lock()
_last_ms = 0
_seq = 0


def uuid7() -> uuid.UUID:
    """A UUIDv7: 48-bit Unix ms timestamp, 12-bit monotonic counter, 62 random bits."""
    global _last_ms, _seq
    with _lock:
        ms = time.time_ns() // 1_000_000
        if ms <= _last_ms:
            ms = _last_ms
            _seq += 1
            if _seq > 0xFFF:  # counter exhausted within one ms: borrow the next ms
                ms += 1
                _seq = 0
        else:
            _seq = int.from_bytes(os.urandom(2), "big") & 0x3FF  # leave headroom
        _last_ms = ms
        seq = _seq
    rand = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | seq << 64 | 0b10 << 62 | rand
    return uuid.UUID(int=value)


def new_id() -> str:
    return str(uuid7())


def uuid7_time_ms(value: str | uuid.UUID) -> int:
    u = value if isinstance(value, uuid.UUID) else uuid.UUID(value)
    return u.int >> 80
