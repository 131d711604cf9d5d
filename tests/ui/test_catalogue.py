"""The Qt Linguist catalogue: complete, consistent with the code, compiled by lrelease, and read
the same by Qt's QTranslator as by `_()`."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from kamdesk.common import catalogue as c
from kamdesk.common.i18n import _, catalogue, set_language


def test_every_string_in_code_is_translated() -> None:
    """Every `_()`/`N_()` literal of the package (CLI, services, server, desktop) has a finished
    English translation with the same {placeholders}."""
    assert c.problems("en") == []


def test_update_adds_new_strings_unfinished_and_keeps_translations(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "m.py").write_text('from x import _\nA = _("新的字符串")\nB = _("客户")\nC = _("客户", "column")\n', "utf-8")
    existing = {m.key: m for m in (c.Message("客户", "Client", True, []), c.Message("数据标签", "Data label", True, []),
                                   c.Message("旧的", "", False, ["../../gone.py"]))}
    merged = {m.key: m for m in c.merge(existing, c.extract(pkg))}
    new = merged[("新的字符串", "")]
    assert new.finished is False and new.locations == ["../../m.py"]
    assert (merged[("客户", "")].translation, merged[("客户", "")].finished) == ("Client", True)
    assert merged[("客户", "column")].finished is False  # a disambiguated use is its own message
    assert merged[("数据标签", "")].translation == "Data label" and merged[("数据标签", "")].locations == []  # data
    assert ("旧的", "") not in merged  # never translated, no longer used
    out = tmp_path / "x.ts"
    c.write_ts(out, "en", list(merged.values()))
    back = c.read_ts(out)
    assert back[("客户", "column")].comment == "column"
    assert back[("新的字符串", "")].finished is False and back[("客户", "")].translation == "Client"


def test_lrelease_compiles_it_and_qtranslator_agrees_with_underscore(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    from kamdesk.ui.qt import QCoreApplication, QTranslator

    lrelease = shutil.which("pyside6-lrelease", path=str(Path(__import__("sys").executable).parent))
    assert lrelease, "pyside6-lrelease comes with PySide6"
    qm = tmp_path / "kamdesk_en.qm"
    run = subprocess.run([lrelease, str(c.ts_path("en")), "-qm", str(qm)], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert " 0 unfinished" in run.stdout, run.stdout
    tr = QTranslator()
    assert tr.load(str(qm))
    QCoreApplication.installTranslator(tr)
    set_language("en")
    try:
        entries = c.read_ts(c.ts_path("en"))
        assert len(entries) > 900
        differ = [k for k in entries if QCoreApplication.translate(c.CONTEXT, k[0], k[1] or None) != _(*k)]
        assert differ == []
        assert _("客户") == catalogue("en")[("客户", "")] == "Clients"
        assert _("客户", "column") == "Client"  # the same source, disambiguated
    finally:
        QCoreApplication.removeTranslator(tr)
        set_language("zh_CN")
