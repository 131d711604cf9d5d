from __future__ import annotations

from hypothesis import given, strategies as st

from kamdesk.common.hlc import HybridClock, Stamp, later
from kamdesk.common.ids import new_id, uuid7, uuid7_time_ms


def test_uuid7_is_time_ordered_and_versioned():
    ids = [uuid7() for _ in range(5000)]
    assert all(u.version == 7 for u in ids)
    assert [str(u) for u in ids] == sorted(str(u) for u in ids)
    assert len(set(ids)) == 5000
    assert uuid7_time_ms(new_id()) > 1_700_000_000_000


def test_hlc_monotonic_with_a_stalled_wall_clock():
    clock = HybridClock("dev1", now_ms=lambda: 1000)
    stamps = [clock.now() for _ in range(100)]
    assert stamps == sorted(stamps) and len(set(stamps)) == 100


@given(st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 3)), min_size=1, max_size=50))
def test_hlc_observe_makes_later_local_events_win(events):
    t = {"now": 0}
    a = HybridClock("a", now_ms=lambda: t["now"])
    b = HybridClock("b", now_ms=lambda: t["now"] // 2)  # b's wall clock lags far behind
    for now, _ in events:
        t["now"] = now
        remote = a.now()
        b.observe(remote)
        local = b.now()
        assert local > remote  # causality: b's edit after seeing a's wins
        assert later(local, remote) == local


def test_device_breaks_ties():
    assert Stamp.decode("0000000001000.00000.b") > Stamp.decode("0000000001000.00000.a")
    assert later("0000000001000.00000.a", "0000000001000.00000.b").endswith(".b")


def test_stamps_parse_strictly_and_compare_parsed():
    import pytest

    from kamdesk.common.hlc import is_later

    for bad in ("1_764859332000.00000.a", "01764859332000.00000.a", "176485933200.00000.a",
                "1764859332000.0000.a", "1764859332000.00000.", "1764859332000.00000.a.b", " 1764859332000.00000.a",
                "1764859332000.00000.a-b", "\u0661764859332000.00000.a"):
        with pytest.raises(ValueError):
            Stamp.decode(bad)
        assert not is_later(bad, "0000000000001.00000.a")  # a malformed stamp never wins
    assert is_later("1764859332000.00001.a", "1764859332000.00000.b")
    assert later("1764859332000.00000.a", None) == "1764859332000.00000.a"
