"""Hybrid logical clock (Kulkarni et al.) stamps for per-field merge.

A stamp is a string `PPPPPPPPPPPPP.CCCCC.device`: exactly 13 digits of physical milliseconds,
exactly 5 digits of logical counter, then the device tag (1–40 of `[0-9A-Za-z_]`), which breaks
ties between concurrent writers deterministically. Stamps are parsed strictly (`Stamp.decode`
refuses any other width or tag) and always compared as parsed values (`Stamp` orders by
(ms, counter, device)), never as strings: a 14-digit millisecond part once sorted after every
real stamp as text while passing a numeric "not too far ahead" check (issue #10, hole 3).
"""
from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass
from typing import Callable

_MAX_DRIFT_MS = 24 * 3600 * 1000  # refuse remote stamps a day ahead of our clock
_STAMP = re.compile(r"(\d{13})\.(\d{5})\.([0-9A-Za-z_]{1,40})")
DEVICE_TAG = re.compile(r"[0-9A-Za-z_]{1,40}")
MAX_COUNTER = 99_999


@dataclass(frozen=True, order=True)
class Stamp:
    ms: int
    counter: int
    device: str

    def encode(self) -> str:
        return f"{self.ms:013d}.{self.counter:05d}.{self.device}"

    @classmethod
    def decode(cls, text: str) -> "Stamp":
        """The parsed stamp, or ValueError (fixed widths, a well-formed device tag, nothing else).
        The message never repeats the input (it may be anything a client sent)."""
        m = _STAMP.fullmatch(text) if isinstance(text, str) and text.isascii() else None
        if m is None:
            raise ValueError("malformed HLC stamp")
        return cls(int(m.group(1)), int(m.group(2)), m.group(3))


def parse(text: str | None) -> Stamp | None:
    """A stamp as a comparable value; None (absent) or malformed text gives None."""
    if text is None:
        return None
    try:
        return Stamp.decode(text)
    except ValueError:
        return None


def is_later(a: str | None, b: str | None) -> bool:
    """True when stamp `a` is strictly later than `b` (compared parsed; a malformed or absent
    stamp is earlier than any valid one and never wins)."""
    pa, pb = parse(a), parse(b)
    if pa is None:
        return False
    return pb is None or pa > pb


class HybridClock:
    def __init__(self, device: str, now_ms: Callable[[], int] | None = None) -> None:
        if not DEVICE_TAG.fullmatch(device or ""):
            raise ValueError("device tag must be 1-40 of [0-9A-Za-z_]")
        self.device = device
        self._now = now_ms or (lambda: time.time_ns() // 1_000_000)
        self._ms = 0
        self._counter = 0
        self._lock = threading.Lock()

    def now(self) -> str:
        """A new stamp for a local event."""
        with self._lock:
            wall = self._now()
            if wall > self._ms:
                self._ms, self._counter = wall, 0
            else:
                self._counter += 1
            if self._counter > MAX_COUNTER:  # keep the fixed width: move to the next millisecond
                self._ms, self._counter = self._ms + 1, 0
            return Stamp(self._ms, self._counter, self.device).encode()

    def observe(self, remote: str) -> None:
        """Advance past a stamp received from elsewhere (so later local edits win over it);
        a malformed stamp is ignored (it never wins a merge either)."""
        r = parse(remote)
        if r is None:
            return
        with self._lock:
            wall = self._now()
            if r.ms - wall > _MAX_DRIFT_MS:
                return  # a broken remote clock must not drag ours a day ahead
            top = max(wall, self._ms, r.ms)
            if top == self._ms and top == r.ms:
                self._counter = max(self._counter, r.counter) + 1
            elif top == self._ms:
                self._counter += 1
            elif top == r.ms:
                self._counter = r.counter + 1
            else:
                self._counter = 0
            self._ms = top
            if self._counter > MAX_COUNTER:
                self._ms, self._counter = self._ms + 1, 0


def later(a: str | None, b: str | None) -> str | None:
    """The winning stamp of two (None loses)."""
    if a is None:
        return b
    if b is None:
        return a
    return b if is_later(b, a) else a
