"""Hybrid logical clock (Kulkarni et al.) stamps for per-field merge.

A stamp is a string `PPPPPPPPPPPPP.CCCCC.device` that sorts lexicographically in causal
order: 13-digit physical milliseconds, 5-digit logical counter, then the device id, which
breaks ties between concurrent writers deterministically.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Callable

_MAX_DRIFT_MS = 24 * 3600 * 1000  # refuse remote stamps a day ahead of our clock


@dataclass(frozen=True, order=True)
class Stamp:
    ms: int
    counter: int
    device: str

    def encode(self) -> str:
        return f"{self.ms:013d}.{self.counter:05d}.{self.device}"

    @classmethod
    def decode(cls, text: str) -> "Stamp":
        try:
            ms, counter, device = text.split(".", 2)
            return cls(int(ms), int(counter), device)
        except (ValueError, AttributeError) as exc:
            raise ValueError(f"malformed HLC stamp: {text!r}") from exc


class HybridClock:
    def __init__(self, device: str, now_ms: Callable[[], int] | None = None) -> None:
        if not device or "." in device:
            raise ValueError("device id must be non-empty and contain no '.'")
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
            return Stamp(self._ms, self._counter, self.device).encode()

    def observe(self, remote: str) -> None:
        """Advance past a stamp received from elsewhere (so later local edits win over it)."""
        r = Stamp.decode(remote)
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


def later(a: str | None, b: str | None) -> str | None:
    """The winning stamp of two (None loses)."""
    if a is None:
        return b
    if b is None:
        return a
    return a if a >= b else b
