"""Shared reporting for benchmarks: print a number and its ratio to the recorded baseline.

Baselines live in bench/baseline.json as {"bench.metric": value}. A ratio < 1 for a
lower-is-better metric means faster than the baseline.
"""
from __future__ import annotations

import json
import statistics
import time
from contextlib import contextmanager
from pathlib import Path

BASELINE_FILE = Path(__file__).with_name("baseline.json")


def _baselines() -> dict[str, float]:
    try:
        return json.loads(BASELINE_FILE.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


def report(key: str, value: float, unit: str, *, lower_is_better: bool = True) -> None:
    """Print `key: value unit (ratio x baseline)`."""
    base = _baselines().get(key)
    if base:
        ratio = value / base
        trend = "lower is better" if lower_is_better else "higher is better"
        extra = f"  ratio to baseline {ratio:.2f} (baseline {base:g} {unit}, {trend})"
    else:
        extra = "  (no baseline recorded)"
    print(f"{key:<48} {value:12.3f} {unit:<10}{extra}", flush=True)


def percentile(samples: list[float], p: float) -> float:
    if not samples:
        return float("nan")
    s = sorted(samples)
    k = max(0, min(len(s) - 1, round(p / 100 * (len(s) - 1))))
    return s[k]


def median(samples: list[float]) -> float:
    return statistics.median(samples) if samples else float("nan")


@contextmanager
def timer():
    """with timer() as t: ...; t() -> elapsed seconds."""
    start = time.perf_counter()
    end: list[float] = []
    yield lambda: (end[0] if end else time.perf_counter()) - start
    end.append(time.perf_counter())
