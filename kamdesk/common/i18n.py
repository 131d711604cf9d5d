"""Translation for Qt-free code. Simplified Chinese is the source text; English is a catalogue.

`_("中文")` returns the text in the current language. The English catalogue is
`kamdesk/resources/i18n/en*.json` ({"中文": "English"}, one file per area); a missing entry falls back to Chinese.
The Qt UI uses Qt Linguist catalogues for its own strings and calls `set_language` too.
"""
from __future__ import annotations

import json
import os
from functools import lru_cache
from importlib import resources

_language = os.environ.get("KAMDESK_LANG", "zh_CN")


def set_language(lang: str) -> None:
    global _language
    _language = lang


def language() -> str:
    return _language


@lru_cache(maxsize=4)
def _catalogue(lang: str) -> dict[str, str]:
    if lang.startswith("zh"):
        return {}
    merged: dict[str, str] = {}
    folder = resources.files("kamdesk.resources").joinpath("i18n")
    # one catalogue file per area: en.json, en-services.json, en-ui.json, ...
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name == f"{lang[:2]}.json" or (entry.name.startswith(f"{lang[:2]}-") and entry.name.endswith(".json")):
            merged.update(json.loads(entry.read_text("utf-8")))
    return merged


def _(text: str) -> str:
    return _catalogue(_language).get(text, text)


def N_(text: str) -> str:
    """Mark for translation without translating now (labels in data tables)."""
    return text
