"""Proposal templates: the default loads; a broken one says which field is wrong."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from kamdesk.proposals.template import DEFAULT_TEMPLATE_DIR, TemplateError, default_template, load_template


def _copy_default(tmp_path: Path, edit=None) -> Path:
    folder = tmp_path / "custom"
    shutil.copytree(DEFAULT_TEMPLATE_DIR, folder)
    if edit is not None:
        path = folder / "template.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        edit(data)
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return folder


def test_the_default_template_loads_and_is_cached() -> None:
    template = default_template()
    assert template.bank.name == "KAMDesk 示范银行"
    assert template.recipient_policy.mask_sensitive is True
    assert template.logo_path.is_file() and template.logo_path.stat().st_size < 50_000
    assert template.sections.solution and template.disclaimer and template.terms
    assert load_template() is template
    hash(template)  # renderers cache styles per template


def test_another_template_folder(tmp_path: Path) -> None:
    def edit(data):
        data["bank"]["name"] = "另一家银行"
        data["recipient_policy"]["mask_sensitive"] = False
        del data["bank"]["website"]  # optional

    template = load_template(_copy_default(tmp_path, edit))
    assert template.bank.name == "另一家银行" and template.bank.website == ""
    assert template.recipient_policy.mask_sensitive is False


def test_an_edited_template_is_reloaded(tmp_path: Path) -> None:
    folder = _copy_default(tmp_path)
    first = load_template(folder)
    assert load_template(folder) is first
    path = folder / "template.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["cover"]["kicker"] = "授信方案"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert load_template(folder).cover.kicker == "授信方案"


def _delete(*path):
    def edit(data):
        node = data
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]

    return edit


def _set(value, *path):
    def edit(data):
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return edit


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (_delete("sections", "terms"), "missing field 'sections.terms'"),
        (_delete("bank", "name"), "missing field 'bank.name'"),
        (_set("blue", "colors", "primary"), "colors.primary must be a colour"),
        (_set(["#112233", "red"], "colors", "chart"), r"colors.chart\[1\] must be a colour"),
        (_set("yes", "recipient_policy", "mask_sensitive"), "recipient_policy.mask_sensitive must be true or false"),
        (_set([], "terms"), "terms must be a non-empty list"),
        (_set(["好", 3], "disclaimer"), r"disclaimer\[1\] must be a non-empty string"),
        (_set("", "cover", "note"), "cover.note must be a non-empty string"),
        (_set("x", "sections", "extra"), "unknown field 'sections.extra'"),
        (_set(2, "schema"), "schema must be 1"),
        (_set("missing.png", "logo"), "logo file 'missing.png' not found"),
        (_set("a list", "signature"), "signature must be an object"),
    ],
)
def test_invalid_fields_are_named(tmp_path: Path, edit, message: str) -> None:
    with pytest.raises(TemplateError, match=message):
        load_template(_copy_default(tmp_path, edit))


def test_missing_folder_and_bad_json(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="template file not found"):
        load_template(tmp_path / "nowhere")
    folder = _copy_default(tmp_path)
    (folder / "template.json").write_text("{ not json", encoding="utf-8")
    with pytest.raises(TemplateError, match="cannot read template"):
        load_template(folder)
