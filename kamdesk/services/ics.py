"""A small iCalendar (RFC 5545) writer for visits and agenda items, plus a reader used by tests.

What calendar apps (Outlook, iOS/Android calendars) need and this writer guarantees: CRLF line
ends; content lines folded at 75 octets without splitting a UTF-8 character (continuation lines
start with one space); TEXT values escaped (backslash, semicolon, comma, newline); a UID and a UTC
DTSTAMP on every VEVENT; timed events with TZID=Asia/Shanghai and a matching VTIMEZONE (China has
no daylight saving since 1991, so one STANDARD rule at +0800 is exact) or in UTC; all-day events as
VALUE=DATE with an exclusive DTEND.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

SHANGHAI = "Asia/Shanghai"
PRODID = "-//KAMDesk//KAMDesk Workstation//ZH"

_VTIMEZONE_SHANGHAI = (
    "BEGIN:VTIMEZONE",
    "TZID:Asia/Shanghai",
    "X-LIC-LOCATION:Asia/Shanghai",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0800",
    "TZOFFSETTO:+0800",
    "TZNAME:CST",
    "DTSTART:19700101T000000",
    "END:STANDARD",
    "END:VTIMEZONE",
)


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    summary: str
    start: dt.datetime | dt.date  # naive datetime = wall time in `tz`; aware = converted to UTC; date = all day
    end: dt.datetime | dt.date | None = None
    description: str = ""
    location: str = ""
    tz: str = SHANGHAI  # SHANGHAI or "UTC" for naive datetimes
    categories: tuple[str, ...] = ()
    status: str = "CONFIRMED"  # TENTATIVE/CONFIRMED/CANCELLED
    alarm_minutes: int | None = None


def escape_text(value: str) -> str:
    """RFC 5545 §3.3.11 TEXT escaping."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n"))


def fold(line: str, limit: int = 75) -> str:
    """Fold one content line so no physical line exceeds `limit` octets (CRLF excluded); never
    split inside a UTF-8 sequence. Continuation lines begin with a single space."""
    out: list[str] = []
    current: list[str] = []
    size = 0
    budget = limit
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > budget:
            out.append("".join(current))
            current, size = [], 0
            budget = limit - 1  # the leading space counts
        current.append(ch)
        size += n
    out.append("".join(current))
    return "\r\n ".join(out)


def _utc(value: dt.datetime) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value.strftime("%Y%m%dT%H%M%SZ")


def _dt_prop(name: str, value: dt.datetime | dt.date, tz: str) -> str:
    if not isinstance(value, dt.datetime):
        return f"{name};VALUE=DATE:{value.strftime('%Y%m%d')}"
    if value.tzinfo is not None or tz.upper() == "UTC":
        return f"{name}:{_utc(value)}"
    return f"{name};TZID={tz}:{value.strftime('%Y%m%dT%H%M%S')}"


def _uid(uid: str) -> str:
    return "".join(ch for ch in uid if ch.isprintable() and ch not in "\r\n")


def serialize(events: list[CalendarEvent] | tuple[CalendarEvent, ...], *, name: str = "KAMDesk",
              dtstamp: dt.datetime | None = None) -> str:
    """The whole VCALENDAR as text with CRLF line ends (write it as UTF-8 bytes, newline='')."""
    stamp = _utc(dtstamp or dt.datetime.now(dt.UTC))
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{escape_text(name)}", f"X-WR-TIMEZONE:{SHANGHAI}"]
    if any(isinstance(e.start, dt.datetime) and e.start.tzinfo is None and e.tz == SHANGHAI for e in events):
        lines += _VTIMEZONE_SHANGHAI
    for e in events:
        end = e.end
        if end is None:
            end = e.start + (dt.timedelta(hours=1) if isinstance(e.start, dt.datetime) else dt.timedelta(days=1))
        lines += ["BEGIN:VEVENT", f"UID:{_uid(e.uid)}", f"DTSTAMP:{stamp}", _dt_prop("DTSTART", e.start, e.tz),
                  _dt_prop("DTEND", end, e.tz), f"SUMMARY:{escape_text(e.summary)}"]
        if e.description:
            lines.append(f"DESCRIPTION:{escape_text(e.description)}")
        if e.location:
            lines.append(f"LOCATION:{escape_text(e.location)}")
        if e.categories:
            lines.append("CATEGORIES:" + ",".join(escape_text(c) for c in e.categories))
        lines.append(f"STATUS:{e.status}")
        if not isinstance(e.start, dt.datetime):
            lines.append("TRANSP:TRANSPARENT")
        if e.alarm_minutes is not None:
            lines += ["BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{escape_text(e.summary)}",
                      f"TRIGGER:-PT{int(e.alarm_minutes)}M", "END:VALARM"]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def unescape_text(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        ch = value[i]
        if ch == "\\" and i + 1 < len(value):
            nxt = value[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def parse(text: str) -> list[dict[str, str]]:
    """Unfold and read the VEVENTs back: [{"UID": ..., "DTSTART;TZID=Asia/Shanghai": ..., ...}]
    (TEXT values unescaped). Small on purpose: enough to check what `serialize` wrote."""
    unfolded: list[str] = []
    for raw in text.split("\r\n"):
        if raw.startswith((" ", "\t")) and unfolded:
            unfolded[-1] += raw[1:]
        elif raw:
            unfolded.append(raw)
    events: list[dict[str, str]] = []
    cur: dict[str, str] | None = None
    depth = 0
    for line in unfolded:
        if line == "BEGIN:VEVENT":
            cur, depth = {}, 0
            continue
        if line == "END:VEVENT" and cur is not None:
            events.append(cur)
            cur = None
            continue
        if cur is None:
            continue
        if line.startswith("BEGIN:"):
            depth += 1
            continue
        if line.startswith("END:"):
            depth -= 1
            continue
        if depth:
            continue
        name, _sep, value = line.partition(":")
        cur[name] = unescape_text(value)
    return events


__all__ = ["CalendarEvent", "SHANGHAI", "escape_text", "fold", "parse", "serialize", "unescape_text"]
