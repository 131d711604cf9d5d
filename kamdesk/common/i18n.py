"""Translation for every layer (CLI, services, server, desktop). Simplified Chinese is the source
text; other languages come from Qt Linguist catalogues.

`_("中文")` returns the text in the current language. The catalogue of a language is
`kamdesk/resources/i18n/kamdesk_<lang>.ts` (Qt Linguist TS format, edited in Qt Linguist, kept
current by `python -m kamdesk.common.catalogue update`); it is read here without Qt, so the CLI and
server speak the same language as the desktop. A missing entry falls back to Chinese. The desktop
calls `set_language` when the user switches and loads Qt's own translations for its standard
buttons.
"""
from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from functools import lru_cache
from importlib import resources

_language = os.environ.get("KAMDESK_LANG", "zh_CN")


def set_language(lang: str) -> None:
    global _language
    _language = lang


def language() -> str:
    return _language


@lru_cache(maxsize=4)
def catalogue(lang: str) -> dict[str, str]:
    """Source text -> translation for a language ({} for Chinese, the source language)."""
    if lang.startswith("zh"):
        return {}
    folder = resources.files("kamdesk.resources").joinpath("i18n")
    merged: dict[str, str] = {}
    ts = folder.joinpath(f"kamdesk_{lang[:2]}.ts")
    if ts.is_file():
        for msg in ET.fromstring(ts.read_bytes()).iter("message"):
            tr = msg.find("translation")
            if tr is not None and tr.text and tr.get("type") not in ("vanished", "obsolete"):
                merged[msg.findtext("source") or ""] = tr.text
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):  # TODO(i18n): folded into the .ts
        if entry.name.startswith(f"{lang[:2]}-") and entry.name.endswith(".json"):
            merged.update(json.loads(entry.read_text("utf-8")))
    return merged


def _(text: str) -> str:
    return catalogue(_language).get(text, text)


def N_(text: str) -> str:
    """Mark for translation without translating now (labels in data tables)."""
    return text
