"""Every Chinese UI string of the workstation's shell and screens has an English translation."""
from __future__ import annotations

import ast
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODULES = [
    *(f"kamdesk/ui/{m}.py" for m in ("actions", "app", "client360", "editclient", "errors", "firstrun", "labels",
                                     "mainwindow", "ops", "statusbar", "unlock")),
    *(f"kamdesk/ui/screens/{m}.py" for m in ("client_model", "clients", "dashboard", "pipeline", "placeholder",
                                             "registry", "requests", "sync", "today")),
]


def _catalogue() -> dict[str, str]:
    out: dict[str, str] = {}
    for f in sorted((ROOT / "kamdesk/resources/i18n").glob("en*.json")):
        out.update(json.loads(f.read_text("utf-8")))
    return out


def test_every_ui_string_has_english() -> None:
    cat = _catalogue()
    missing = []
    for mod in MODULES:
        tree = ast.parse((ROOT / mod).read_text("utf-8"))
        for n in ast.walk(tree):
            if (isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "_" and n.args
                    and isinstance(n.args[0], ast.Constant) and isinstance(n.args[0].value, str)
                    and n.args[0].value not in cat):
                missing.append(f"{mod}: {n.args[0].value}")
    assert missing == []


def test_placeholders_match() -> None:
    import re

    ui = json.loads((ROOT / "kamdesk/resources/i18n/en-ui.json").read_text("utf-8"))
    bad = [k for k, v in ui.items() if sorted(re.findall(r"\{[^}]*\}", k)) != sorted(re.findall(r"\{[^}]*\}", v))]
    assert bad == []
