"""Typed user preferences, declared in one place, apart from saved window state (Picard's
config/options split). Never secrets: passphrases and keys live only in `kamdesk.security`.

Preferences and window state are two QSettings INI files in the user's config directory
(`KAMDESK_CONFIG_DIR` overrides it, which tests use)."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

import platformdirs

from kamdesk.ui.qt import QByteArray, QSettings

T = TypeVar("T")


def config_dir() -> Path:
    return Path(os.environ.get("KAMDESK_CONFIG_DIR") or platformdirs.user_config_dir("kamdesk", "KAMDesk"))


def _store(name: str) -> QSettings:
    d = config_dir()
    d.mkdir(parents=True, exist_ok=True)
    return QSettings(str(d / f"{name}.ini"), QSettings.Format.IniFormat)


@dataclass(frozen=True)
class Option(Generic[T]):
    key: str
    default: T
    doc: str = ""

    def get(self) -> T:
        raw = _store("preferences").value(self.key, None)
        if raw is None:
            return self.default
        try:
            value = json.loads(raw)
        except (TypeError, ValueError):
            return self.default
        if self.default is not None and not isinstance(value, type(self.default)):
            return self.default
        return value

    def set(self, value: T) -> None:
        s = _store("preferences")
        s.setValue(self.key, json.dumps(value, ensure_ascii=False))
        s.sync()


# -- preferences (the options dialog edits these) ------------------------------------------------
LANGUAGE = Option("ui/language", "zh_CN", "zh_CN (default) or en")
LAST_FILE = Option("book/last_file", "", "the client file opened last")
SEARCH_DELAY_MS = Option("clients/search_delay_ms", 150, "debounce of search-as-you-type")
SAVED_VIEWS = Option("clients/saved_views", {}, "name -> {query, filters, sort, descending}")
START_SCREEN = Option("ui/start_screen", "clients", "screen shown after unlocking")


# -- window state (geometry, splitters, header layout): restored, never edited by the user ------
class WindowState:
    @staticmethod
    def save(key: str, data: QByteArray | bytes) -> None:
        s = _store("window-state")
        s.setValue(key, QByteArray(data))
        s.sync()

    @staticmethod
    def load(key: str) -> QByteArray | None:
        v: Any = _store("window-state").value(key, None)
        if v is None:
            return None
        return v if isinstance(v, QByteArray) else QByteArray(v)
