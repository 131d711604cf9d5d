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

import os
from functools import lru_cache

_language = os.environ.get("KAMDESK_LANG", "zh_CN")


def set_language(lang: str) -> None:
    global _language
    _language = lang


def language() -> str:
    return _language


@lru_cache(maxsize=4)
def catalogue(lang: str) -> dict[tuple[str, str], str]:
    """(source text, disambiguation) -> translation for a language ({} for Chinese, the source)."""
    from kamdesk.common.catalogue import translations, ts_path

    if lang.startswith("zh"):
        return {}
    path = ts_path(lang)
    return translations(path) if path.is_file() else {}


def _(text: str, disambiguation: str = "") -> str:
    """`text` in the current language. `disambiguation` tells apart two uses of one source text
    that translate differently (Qt's disambiguation: 客户 as a screen or as a column)."""
    return catalogue(_language).get((text, disambiguation), text)


def N_(text: str, disambiguation: str = "") -> str:
    """Mark for translation without translating now (labels in data tables)."""
    return text
