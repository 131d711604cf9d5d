"""Qt Linguist catalogues (.ts) of KAMDesk: read, extract, update, check.

The translations live in `kamdesk/resources/i18n/kamdesk_<lang>.ts`, Qt Linguist's TS 2.1 format:
translators edit them in Qt Linguist (`pyside6-linguist`), `pyside6-lrelease` compiles them, and
`kamdesk.common.i18n._()` reads them at run time (Qt-free, so the CLI and server speak the same
language as the desktop). Simplified Chinese is the source language.

A source text that needs two translations (客户: "Clients" as a screen, "Client" as a column) gets
a disambiguation, as in Qt: `_("客户", "screen")`, stored in the message's <comment>.

`pyside6-lupdate` only finds `tr()` calls, so this module is our lupdate for `_()`/`N_()`:

    python -m kamdesk.common.catalogue update   # add new strings (unfinished), refresh locations
    python -m kamdesk.common.catalogue check    # exit 1 on unfinished entries or placeholder mismatch

Translated entries no longer found in code are kept (strings that come from data files, e.g. the
grading model's labels, are translated through `_(value)`), without a location; unfinished ones
are dropped.
"""
from __future__ import annotations

import argparse
import ast
import string
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]  # kamdesk/
FOLDER = PACKAGE / "resources" / "i18n"
CONTEXT = "KAMDesk"
SOURCE_LANGUAGE = "zh_CN"
LANGUAGES = {"en": "en_US"}
MARKERS = ("_", "N_")


def ts_path(lang: str) -> Path:
    return FOLDER / f"kamdesk_{lang[:2]}.ts"


Key = tuple[str, str]  # (source text, disambiguation)


@dataclass
class Message:
    source: str
    translation: str = ""
    finished: bool = False
    locations: list[str] = field(default_factory=list)  # files relative to the .ts folder
    comment: str = ""  # the disambiguation

    @property
    def key(self) -> Key:
        return self.source, self.comment


def read_ts(path: Path) -> dict[Key, Message]:
    """Every message of the file's contexts, by (source, disambiguation). Vanished/obsolete entries
    are skipped."""
    out: dict[Key, Message] = {}
    root = ET.parse(path).getroot()
    for msg in root.iter("message"):
        tr = msg.find("translation")
        kind = tr.get("type", "") if tr is not None else "unfinished"
        if kind in ("vanished", "obsolete"):
            continue
        m = Message(source=msg.findtext("source") or "", translation=(tr.text or "") if tr is not None else "",
                    finished=kind == "", locations=[loc.get("filename", "") for loc in msg.iter("location")],
                    comment=msg.findtext("comment") or "")
        out[m.key] = m
    return out


def translations(path: Path) -> dict[Key, str]:
    """What the app uses: non-empty translations (finished or not, as lrelease does by default)."""
    return {k: m.translation for k, m in read_ts(path).items() if m.translation}


def _literal(node: ast.Call, i: int) -> str | None:
    if len(node.args) > i and isinstance(node.args[i], ast.Constant) and isinstance(node.args[i].value, str):
        return node.args[i].value  # type: ignore[attr-defined]
    return None


def extract(package: Path = PACKAGE) -> dict[Key, list[str]]:
    """Literal strings (and disambiguations) passed to `_()`/`N_()` anywhere in the package -> the
    files using them, in the order first met (files sorted)."""
    found: dict[Key, list[str]] = {}
    for py in sorted(package.rglob("*.py")):
        rel = Path("..", "..", py.relative_to(package)).as_posix()  # as seen from resources/i18n
        calls = [node for node in ast.walk(ast.parse(py.read_text("utf-8"), str(py)))
                 if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MARKERS
                 and _literal(node, 0) is not None]
        for node in sorted(calls, key=lambda n: (n.lineno, n.col_offset)):
            files = found.setdefault((_literal(node, 0) or "", _literal(node, 1) or ""), [])
            if rel not in files:
                files.append(rel)
    return found


def placeholders(text: str) -> set[str]:
    try:
        return {f for _t, f, _s, _c in string.Formatter().parse(text) if f is not None}
    except ValueError:
        return {"<malformed>"}


def merge(existing: dict[Key, Message], found: dict[Key, list[str]]) -> list[Message]:
    """Catalogue entries in a stable order: strings used in code (by file, then first use), new
    ones unfinished; then strings kept for data files, sorted."""
    out: list[Message] = []
    for key, files in found.items():
        old = existing.get(key)
        out.append(Message(key[0], old.translation if old else "", old.finished if old else False, files, key[1]))
    used = set(found)
    out += [Message(m.source, m.translation, m.finished, [], m.comment) for k, m in sorted(existing.items())
            if k not in used and m.finished]  # an unfinished string no longer in code is dropped
    return out


def write_ts(path: Path, lang: str, messages: list[Message]) -> None:
    root = ET.Element("TS", {"version": "2.1", "language": LANGUAGES.get(lang, lang),
                             "sourcelanguage": SOURCE_LANGUAGE})
    ctx = ET.SubElement(root, "context")
    ET.SubElement(ctx, "name").text = CONTEXT
    for m in messages:
        el = ET.SubElement(ctx, "message")
        for loc in m.locations:
            ET.SubElement(el, "location", {"filename": loc})
        ET.SubElement(el, "source").text = m.source
        if m.comment:
            ET.SubElement(el, "comment").text = m.comment
        tr = ET.SubElement(el, "translation", {} if m.finished and m.translation else {"type": "unfinished"})
        tr.text = m.translation
    ET.indent(root, space="    ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", "utf-8")


def update(lang: str = "en") -> list[Message]:
    path = ts_path(lang)
    existing = read_ts(path) if path.exists() else {}
    messages = merge(existing, extract())
    write_ts(path, lang, messages)
    return messages


def problems(lang: str = "en", *, package: Path = PACKAGE) -> list[str]:
    """What stops a release: strings in code missing from the catalogue, unfinished entries,
    placeholders ({name}) that differ between source and translation."""
    cat = read_ts(ts_path(lang))
    out = [f"missing: {k[0]!r} ({files[0]})" for k, files in extract(package).items() if k not in cat]
    for m in cat.values():
        if not m.finished or not m.translation:
            out.append(f"unfinished: {m.source!r}")
        elif placeholders(m.source) != placeholders(m.translation):
            out.append(f"placeholders differ: {m.source!r} -> {m.translation!r}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m kamdesk.common.catalogue", description=__doc__.split("\n")[0])
    ap.add_argument("command", choices=("update", "check"))
    ap.add_argument("--lang", default="en")
    args = ap.parse_args(argv)
    if args.command == "update":
        msgs = update(args.lang)
        todo = sum(1 for m in msgs if not m.finished)
        print(f"{ts_path(args.lang).name}: {len(msgs)} messages, {todo} unfinished")
        return 0
    found = problems(args.lang)
    for p in found:
        print(p, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
