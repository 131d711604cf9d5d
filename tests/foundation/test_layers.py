"""The layer rules of DESIGN.md §1, enforced: a forbidden import fails this test."""
from __future__ import annotations

import ast
from pathlib import Path

import kamdesk

ROOT = Path(kamdesk.__file__).parent

# package -> top-level modules it must never import
FORBIDDEN = {
    "models": ("PySide6", "shiboken6", "kamdesk.ui", "kamdesk.services", "kamdesk.sync", "kamdesk.server"),
    "security": ("PySide6", "shiboken6", "kamdesk.ui", "kamdesk.services", "kamdesk.server", "kamdesk.models"),
    "common": ("PySide6", "shiboken6", "kamdesk.ui", "kamdesk.services", "kamdesk.models", "kamdesk.server"),
    "services": ("PySide6", "shiboken6", "kamdesk.ui", "kamdesk.server"),
    "sync": ("PySide6", "shiboken6", "kamdesk.ui", "kamdesk.server"),
    "proposals": ("PySide6", "shiboken6", "kamdesk.ui", "kamdesk.server", "sqlalchemy"),
    "server": ("PySide6", "shiboken6", "kamdesk.ui", "kamdesk.services"),
    "cli": ("PySide6", "shiboken6"),
    "demodata": ("PySide6", "shiboken6", "sqlalchemy", "kamdesk.services", "kamdesk.ui"),
    "ui": ("sqlalchemy", "kamdesk.models", "kamdesk.server"),
}


def imports_of(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.lineno, node.module))
    return out


def violations(root: Path) -> list[str]:
    found = []
    for package, banned in FORBIDDEN.items():
        for path in sorted((root / package).rglob("*.py")):
            for line, name in imports_of(path):
                if any(name == b or name.startswith(b + ".") for b in banned):
                    found.append(f"{path.relative_to(root.parent)}:{line} imports {name}")
    return found


def test_the_tree_keeps_the_layer_rules():
    assert violations(ROOT) == []


def test_a_forbidden_import_is_caught(tmp_path):
    fake = tmp_path / "kamdesk"
    (fake / "models").mkdir(parents=True)
    (fake / "ui").mkdir()
    (fake / "models" / "bad.py").write_text("from PySide6.QtCore import QObject\n")
    (fake / "ui" / "worse.py").write_text("import sqlalchemy.orm\n")
    found = violations(fake)
    assert len(found) == 2 and "PySide6" in found[0] and "sqlalchemy" in found[1]
