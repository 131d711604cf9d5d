"""Proposal templates: the bank's wording, colours and logo, kept in a folder as JSON.

A template folder holds `template.json` and the logo file it names. The default one ships in
`kamdesk/resources/proposal_templates/default/`; a deployment may point at its own folder.
Loading checks every field and names the first wrong one (`colors.primary must be a colour
like "#163A63"`), so a person editing the JSON by hand sees what to fix.
"""
from __future__ import annotations

import json
import re
import typing
from dataclasses import MISSING, dataclass, fields, is_dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from kamdesk.proposals.document import BankBlock

__all__ = [
    "DEFAULT_TEMPLATE_DIR",
    "Colors",
    "CoverWording",
    "NoteWording",
    "RecipientPolicy",
    "SectionTitles",
    "SignatureWording",
    "Template",
    "TemplateError",
    "default_template",
    "load_template",
]

DEFAULT_TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "resources" / "proposal_templates" / "default"
TEMPLATE_FILE = "template.json"
SCHEMA_VERSION = 1
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


class TemplateError(ValueError):
    """A template folder is missing, unreadable or has a missing or invalid field."""


@dataclass(frozen=True)
class Colors:
    primary: str
    accent: str
    text: str
    muted: str
    rule: str
    table_header_background: str
    table_header_text: str
    table_stripe: str
    total_background: str
    warning: str
    watermark: str
    chart: tuple[str, ...]


@dataclass(frozen=True)
class CoverWording:
    kicker: str
    recipient_prefix: str
    note: str
    confidentiality: str


@dataclass(frozen=True)
class SectionTitles:
    summary: str
    needs: str
    solution: str
    allocation: str
    returns: str
    suitability: str
    disclosures: str
    terms: str
    contact: str


@dataclass(frozen=True)
class NoteWording:
    returns: str
    suitability_within: str
    suitability_over: str


@dataclass(frozen=True)
class SignatureWording:
    intro: str
    client: str
    rm: str
    date: str
    bank_seal: str


@dataclass(frozen=True)
class RecipientPolicy:
    mask_sensitive: bool


@dataclass(frozen=True)
class Template:
    """A loaded, validated template. Hashable, so renderers can cache per template."""

    directory: Path
    bank: BankBlock
    colors: Colors
    logo: str
    cover: CoverWording
    sections: SectionTitles
    notes: NoteWording
    disclaimer: tuple[str, ...]
    terms: tuple[str, ...]
    signature: SignatureWording
    recipient_policy: RecipientPolicy

    @property
    def logo_path(self) -> Path:
        return self.directory / self.logo


def load_template(directory: Path | str | None = None) -> Template:
    """Load and validate the template in `directory` (the default template when None).
    The result is cached until `template.json` changes on disk, so callers may load it for
    every render and an edited template is picked up without a restart."""
    folder = Path(directory).resolve() if directory is not None else DEFAULT_TEMPLATE_DIR
    try:
        stamp = (folder / TEMPLATE_FILE).stat().st_mtime_ns
    except OSError:
        stamp = None
    return _load(folder, stamp)


def default_template() -> Template:
    return load_template()


@lru_cache(maxsize=16)
def _load(folder: Path, _stamp: int | None) -> Template:
    source = folder / TEMPLATE_FILE
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TemplateError(f"{source}: template file not found") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise TemplateError(f"{source}: cannot read template: {exc}") from None
    if not isinstance(data, dict):
        raise TemplateError(f"{source}: the top level must be a JSON object")
    if data.get("schema") != SCHEMA_VERSION:
        raise TemplateError(f"{source}: schema must be {SCHEMA_VERSION}, got {data.get('schema')!r}")
    try:
        template = _build(Template, data, "", directory=folder)
        _check_colours(template.colors)
    except _FieldError as exc:
        raise TemplateError(f"{source}: {exc}") from None
    if not template.logo_path.is_file():
        raise TemplateError(f"{source}: logo file {template.logo!r} not found in {folder}")
    return template


class _FieldError(Exception):
    pass


def _build(cls: type, data: Any, path: str, **given: Any) -> Any:
    """Build dataclass `cls` from JSON `data`, checking each field against its annotation;
    `given` supplies fields that do not come from the JSON. Unknown keys are refused too,
    so a misspelt key does not silently fall back to a default."""
    if not isinstance(data, dict):
        raise _FieldError(f"{path or 'the template'} must be an object")
    names = {f.name for f in fields(cls)} - set(given)
    unknown = sorted(set(data) - names - ({"schema"} if not path else set()))
    if unknown:
        raise _FieldError(f"unknown field {_join(path, unknown[0])!r}")
    hints = typing.get_type_hints(cls)
    values = dict(given)
    for f in fields(cls):
        if f.name in given:
            continue
        where = _join(path, f.name)
        if f.name in data:
            values[f.name] = _convert(hints[f.name], data[f.name], where, required=f.default is MISSING)
        elif f.default is MISSING:
            raise _FieldError(f"missing field {where!r}")
    return cls(**values)


def _convert(hint: Any, value: Any, where: str, *, required: bool = True) -> Any:
    if is_dataclass(hint):
        return _build(hint, value, where)
    if hint is bool:
        if not isinstance(value, bool):
            raise _FieldError(f"{where} must be true or false, got {value!r}")
        return value
    if hint is str:
        if not isinstance(value, str) or (required and not value.strip()):
            raise _FieldError(f"{where} must be a non-empty string, got {value!r}")
        return value
    if typing.get_origin(hint) is tuple:
        if not isinstance(value, list) or not value:
            raise _FieldError(f"{where} must be a non-empty list")
        item = typing.get_args(hint)[0]
        return tuple(_convert(item, v, f"{where}[{i}]") for i, v in enumerate(value))
    raise TypeError(f"template field {where} has an unsupported type {hint!r}")


def _check_colours(colors: Colors) -> None:
    for f in fields(colors):
        value = getattr(colors, f.name)
        for i, colour in enumerate(value if isinstance(value, tuple) else (value,)):
            if not _COLOUR.fullmatch(colour):
                where = f"colors.{f.name}" + (f"[{i}]" if isinstance(value, tuple) else "")
                raise _FieldError(f'{where} must be a colour like "#163A63", got {colour!r}')


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name
