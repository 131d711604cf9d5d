"""Helpers that read a PDF the way its reader's tools do (poppler's command-line tools)."""
from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

POPPLER_TOOLS = ("pdftotext", "pdffonts", "pdfinfo")


def flat(text: str) -> str:
    """Text without any whitespace: CJK lines wrap anywhere, so compare it this way."""
    return re.sub(r"\s+", "", text)


@dataclass(frozen=True)
class Poppler:
    """pdftotext, pdffonts and pdfinfo on a PDF file."""

    def _run(self, *args: str | Path) -> str:
        return subprocess.run([str(a) for a in args], check=True, capture_output=True, text=True).stdout

    def text(self, pdf: Path, page: int | None = None, *, layout: bool = False) -> str:
        pages = ["-f", str(page), "-l", str(page)] if page else []
        return self._run("pdftotext", *pages, *(["-layout"] if layout else []), pdf, "-")

    def fonts(self, pdf: Path) -> list[dict[str, str]]:
        lines = self._run("pdffonts", pdf).splitlines()[2:]
        rows = []
        for line in lines:
            # name type encoding emb sub uni objectID gen; the type may contain a space
            parts = line.split()
            rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3], "line": line})
        return rows

    def info(self, pdf: Path) -> dict[str, str]:
        out = {}
        for line in self._run("pdfinfo", pdf).splitlines():
            key, _, value = line.partition(":")
            out[key.strip()] = value.strip()
        return out

    def pages(self, pdf: Path) -> int:
        return int(self.info(pdf)["Pages"])
