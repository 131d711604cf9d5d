"""The one permission policy, declared as data (roles × entities × fields × actions).

Used by the client services, the UI and the server alike. The source of truth is
`kamdesk/resources/policy.json` (a deployment may point KAMDESK_POLICY at its own file).
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from kamdesk.common.errors import PermissionDenied
from kamdesk.common.i18n import _

DisplayMode = Literal["plain", "reveal", "masked", "none"]
Scope = Literal["own_book", "team_book", "branch_corporate", "all", "none"]
ROLES = ("rm", "team_lead", "risk_officer", "compliance_officer", "admin")


@dataclass(frozen=True)
class RolePolicy:
    name: str
    label: str
    label_en: str
    scope: Scope
    key_domains: frozenset[str]
    display: dict[str, DisplayMode]
    entities: dict[str, str]
    readonly_fields: dict[str, frozenset[str]]
    actions: frozenset[str]
    # roles without the book (compliance, risk) see individual clients' names masked and
    # receive neither their address nor their birthday
    mask_individual_names: bool = False


class Policy:
    def __init__(self, data: dict[str, Any]) -> None:
        self.version: int = int(data["version"])
        self.security: dict[str, Any] = dict(data["security"])
        self.key_domains: dict[str, dict[str, str]] = dict(data["key_domains"])
        # "table.<name>_ct" -> key domain: the column, never the ciphertext, decides the domain. The
        # field dictionary is the one source; a policy file that still lists them must agree.
        from kamdesk.security.fielddict import field_dictionary

        self.sensitive_columns: dict[str, str] = field_dictionary().sensitive_columns()
        listed = data.get("sensitive_columns")
        if listed is not None and dict(listed) != self.sensitive_columns:
            raise ValueError("policy sensitive_columns disagree with the field dictionary")
        unknown_cols = set(self.sensitive_columns.values()) - set(self.key_domains)
        if unknown_cols:
            raise ValueError(f"policy sensitive_columns: unknown key domains {sorted(unknown_cols)}")
        # approval kind -> {"request": action, "decide": action} (maker-checker requests)
        self.approvals: dict[str, dict[str, str]] = {k: dict(v) for k, v in data.get("approvals", {}).items()}
        self.roles: dict[str, RolePolicy] = {}
        for name, r in data["roles"].items():
            unknown = set(r["key_domains"]) - set(self.key_domains)
            if unknown:
                raise ValueError(f"policy role {name}: unknown key domains {sorted(unknown)}")
            self.roles[name] = RolePolicy(
                name=name,
                label=r["label"],
                label_en=r.get("label_en", r["label"]),
                scope=r["scope"],
                key_domains=frozenset(r["key_domains"]),
                display={d: r["display"].get(d, "none") for d in self.key_domains},
                entities=dict(r["entities"]),
                readonly_fields={t: frozenset(f) for t, f in r.get("readonly_fields", {}).items()},
                actions=frozenset(r["actions"]),
                mask_individual_names=bool(r.get("mask_individual_names", False)),
            )

    def role(self, name: str) -> RolePolicy:
        try:
            return self.roles[name]
        except KeyError:
            raise PermissionDenied(_("未知角色 {r}").format(r=name)) from None

    def can_read(self, role: str, entity: str) -> bool:
        return "r" in self.role(role).entities.get(entity, "")

    def can_write(self, role: str, entity: str) -> bool:
        return "w" in self.role(role).entities.get(entity, "")

    def can_write_field(self, role: str, entity: str, field: str) -> bool:
        r = self.role(role)
        return "w" in r.entities.get(entity, "") and field not in r.readonly_fields.get(entity, frozenset())

    def can(self, role: str, action: str) -> bool:
        return action in self.role(role).actions

    def require(self, role: str, action: str, what: str | None = None) -> None:
        if not self.can(role, action):
            raise PermissionDenied(what or action)

    def masks_individual_names(self, role: str) -> bool:
        return self.role(role).mask_individual_names

    def sensitive_domain(self, table: str, column: str) -> str | None:
        """The key domain of a sensitive column (`x_ct`, `x_bi` or `x_mask` of a declared `x`)."""
        for suffix in ("_ct", "_bi", "_mask"):
            if column.endswith(suffix):
                return self.sensitive_columns.get(f"{table}.{column[:-len(suffix)]}_ct")
        return None

    def display_mode(self, role: str, domain: str) -> DisplayMode:
        return self.role(role).display.get(domain, "none")

    def holds_key(self, role: str, domain: str) -> bool:
        return domain in self.role(role).key_domains

    def label(self, role: str, lang: str = "zh") -> str:
        r = self.role(role)
        return r.label if lang.startswith("zh") else r.label_en


@lru_cache(maxsize=4)
def _load(path: str | None) -> Policy:
    if path:
        text = Path(path).read_text(encoding="utf-8")
    else:
        text = resources.files("kamdesk.resources").joinpath("policy.json").read_text("utf-8")
    return Policy(json.loads(text))


def default_policy() -> Policy:
    return _load(os.environ.get("KAMDESK_POLICY") or None)
