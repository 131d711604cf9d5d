"""A second record of a client file's passphrase-failure state, outside its `.keys` sidecar.

The sidecar is an ordinary writable file: copying an old copy back used to reset the failure
count (and even undo a lockout). The ledger keeps the same state, keyed by the sidecar's
`file_id`, in up to two other places — a small file in the user's state directory and, when a
secure OS keyring exists, an entry there. The vault takes the worst state of the three: a
restored sidecar cannot lower the count, clear the delay or bring a destroyed key back.
Residual risk (docs/security.md): someone who restores every location at once, or who attacks
a copy of the sidecar offline, is slowed only by the passphrase KDF.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

KEYRING_SERVICE = "KAMDesk"


@dataclass(frozen=True)
class FailureState:
    failures: int = 0
    not_before: float = 0.0
    destroyed: bool = False

    def worst(self, other: "FailureState") -> "FailureState":
        return FailureState(max(self.failures, other.failures), max(self.not_before, other.not_before),
                            self.destroyed or other.destroyed)

    def as_dict(self) -> dict[str, Any]:
        return {"failures": self.failures, "not_before": self.not_before, "destroyed": self.destroyed}

    @classmethod
    def parse(cls, raw: str | None) -> "FailureState":
        try:
            d = json.loads(raw or "")
            return cls(max(0, int(d.get("failures", 0))), float(d.get("not_before", 0.0)), bool(d.get("destroyed")))
        except (ValueError, TypeError, AttributeError):
            return cls()


def default_folder() -> Path:
    import platformdirs

    base = os.environ.get("KAMDESK_STATE_DIR") or platformdirs.user_state_dir("kamdesk", "KAMDesk")
    return Path(base) / "passphrase-failures"


class FailureLedger:
    def __init__(self, folder: Path | None = None, keyring_cache: Any = None) -> None:
        self.folder = Path(folder) if folder is not None else default_folder()
        self._keyring = keyring_cache

    def _file(self, file_id: str) -> Path:
        return self.folder / (re.sub(r"[^A-Za-z0-9_-]", "_", file_id) + ".json")

    def _keyring_ok(self) -> bool:
        return self._keyring is not None and self._keyring.available()

    def read(self, file_id: str) -> FailureState:
        state = FailureState()
        try:
            state = state.worst(FailureState.parse(self._file(file_id).read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError):
            pass
        if self._keyring_ok():
            try:
                raw = self._keyring._keyring.get_password(KEYRING_SERVICE, f"failures:{file_id}")
            except Exception:  # a keyring backend may raise anything; the file still counts
                raw = None
            state = state.worst(FailureState.parse(raw))
        return state

    def write(self, file_id: str, state: FailureState) -> None:
        text = json.dumps(state.as_dict())
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = self._file(file_id)
        tmp = path.with_name(path.name + ".tmp")
        with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        if self._keyring_ok():
            try:
                self._keyring._keyring.set_password(KEYRING_SERVICE, f"failures:{file_id}", text)
            except Exception:  # the file ledger still holds the state
                pass
