"""What the About box and `kamdesk --version` say: the version, the platform and the third-party
components shipped with KAMDesk with their licences (read from the installed packages' metadata,
so the list follows what is really installed)."""
from __future__ import annotations

import platform
import re
from dataclasses import dataclass
from importlib import metadata

from kamdesk import __version__

# Bundled files that are not Python packages.
BUNDLED = (
    ("SQLCipher (in sqlcipher3-binary)", "4", "BSD-3-Clause (Zetetic LLC)"),
    ("WenQuanYi Micro Hei 文泉驿微米黑", "0.2.0-beta", "Apache-2.0 OR GPL-3.0-or-later WITH Font-exception"),
)


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    licence: str


def _licence(md: metadata.PackageMetadata) -> str:
    expr = md.get("License-Expression")
    if expr:
        return str(expr)
    text = (md.get("License") or "").strip()
    if text and "\n" not in text and len(text) <= 60:
        return text
    classifiers = [c.split(" :: ")[-1] for c in md.get_all("Classifier") or [] if c.startswith("License ::")]
    if classifiers:
        return " / ".join(classifiers)
    return text.splitlines()[0][:60] if text else "?"


def components() -> list[Component]:
    """The runtime dependencies of the kamdesk distribution, sorted by name, then bundled files."""
    out: dict[str, Component] = {}
    try:
        requires = metadata.requires("kamdesk") or []
    except metadata.PackageNotFoundError:  # running from a source tree that was not installed
        requires = []
    for req in requires:
        if "extra ==" in req:
            continue
        name = re.split(r"[\s\[<>=!~;]", req, maxsplit=1)[0]
        try:
            md = metadata.metadata(name)
        except metadata.PackageNotFoundError:
            continue
        out[name.lower()] = Component(md["Name"], md["Version"], _licence(md))
    listed = sorted(out.values(), key=lambda c: c.name.lower())
    return listed + [Component(n, v, lic) for n, v, lic in BUNDLED]


def platform_line(qt_version: str | None = None) -> str:
    parts = [f"KAMDesk {__version__}", f"Python {platform.python_version()}"]
    if qt_version:
        parts.append(f"Qt {qt_version}")
    parts.append(f"{platform.system()} {platform.machine()}")
    return " · ".join(parts)
