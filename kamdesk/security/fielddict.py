"""The field dictionary as data (DESIGN.md §4b): read from `kamdesk/resources/field_dictionary.json`,
which `kamdesk.models.dictionary` generates from the models (the server never imports the models).

`FieldDictionary.check(table, column, value)` is the one validation of a wire value against its
column — type, nullability, length, enum, date format, ciphertext envelope of the column's key
domain, blind-index and mask shape — used by the server on every push and by the client engine
before it applies a pulled record. It returns a short reason in English, or None; the reason
never repeats the value (it may be C2 data or anything a client sent).
"""
from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources
from typing import Any

from kamdesk.common.errors import DecryptError
from kamdesk.security.fieldcrypto import parse_envelope
from kamdesk.security.masking import BAND_LABELS, mask_name

TEXT_MAX = 100_000  # characters of a Text column (notes, details): a bound, not a model constraint
JSON_MAX = 200_000  # characters of a JSON column's encoded form
ENVELOPE_MAX = 64 * 1024  # bytes of one C2 ciphertext
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?([+-]\d{2}:\d{2}|Z)?")


@dataclass(frozen=True)
class ColumnSpec:
    table: str
    name: str
    type: str
    nullable: bool
    required: bool = False  # a new record must carry it (not nullable, no default)
    data_class: str = "C1"
    max_length: int | None = None
    enum: tuple[str, ...] | None = None
    json_shape: str | None = None
    domain: str | None = None
    part: str | None = None  # ciphertext / mask / blind_index of a C2 field
    field: str | None = None
    mask: str | None = None
    pattern: re.Pattern[str] | None = None
    masked_roles: str | None = None  # mask / withhold: for roles that see individual names masked
    items_pattern: re.Pattern[str] | None = None  # a JSON list whose items are text of this shape (ids)

    @property
    def may_carry_name(self) -> bool:
        return self.masked_roles is not None


class FieldDictionary:
    def __init__(self, data: dict[str, Any]) -> None:
        self.version = int(data["version"])
        self.tables: dict[str, dict[str, ColumnSpec]] = {}
        for table, t in data["tables"].items():
            cols = {}
            for name, c in t["columns"].items():
                pattern = c.get("pattern")
                cols[name] = ColumnSpec(
                    table=table, name=name, type=c["type"], nullable=bool(c["nullable"]),
                    required=bool(c.get("required")),
                    data_class=c.get("data_class", "C1"), max_length=c.get("max_length"),
                    enum=tuple(c["enum"]) if c.get("enum") else None, json_shape=c.get("json_shape"),
                    domain=c.get("domain"), part=c.get("part"), field=c.get("field"), mask=c.get("mask"),
                    pattern=re.compile(pattern) if pattern and not pattern.startswith("@") else None,
                    masked_roles=c.get("masked_roles") if c.get("may_carry_name") else None,
                    items_pattern=re.compile(c["items_pattern"]) if c.get("items_pattern") else None)
            self.tables[table] = cols

    def column(self, table: str, name: str) -> ColumnSpec | None:
        return self.tables.get(table, {}).get(name)

    def required(self, table: str) -> set[str]:
        """The columns a new record of `table` must carry."""
        return {n for n, c in self.tables.get(table, {}).items() if c.required}

    def sensitive_columns(self) -> dict[str, str]:
        """{"table.<name>_ct": key domain} of every C2 ciphertext column."""
        return {f"{t}.{c.name}": c.domain for t, cols in self.tables.items() for c in cols.values()
                if c.part == "ciphertext" and c.domain}

    def name_fields(self, table: str) -> dict[str, str]:
        """{column: mask | withhold} of the table's fields that may carry a client's name."""
        return {n: c.masked_roles for n, c in self.tables.get(table, {}).items() if c.masked_roles}

    # -- validation ---------------------------------------------------------------------------------
    def check(self, table: str, name: str, value: Any) -> str | None:
        """Why `value` is not a valid wire value of `table.name`, or None when it is."""
        if table not in self.tables:
            return "unknown table"
        spec = self.column(table, name)
        if spec is None:
            return "unknown field"
        if value is None:
            return None if spec.nullable else "field may not be empty (null)"
        return _check_type(spec, value)


def _check_type(spec: ColumnSpec, value: Any) -> str | None:
    t = spec.type
    if t == "str":
        if not isinstance(value, str):
            return "expected text"
        limit = spec.max_length or TEXT_MAX
        if len(value) > limit:
            return f"text longer than {limit} characters"
        if spec.enum is not None and value not in spec.enum:
            return "value not allowed (expected one of: " + ", ".join(spec.enum) + ")"
        if spec.part == "mask":
            return _check_mask(spec, value)
        if spec.part == "blind_index" and not (spec.pattern and spec.pattern.fullmatch(value)):
            return "blind index must be 64 lowercase hex characters"
        if spec.part is None and spec.pattern is not None and not spec.pattern.fullmatch(value):
            return "value does not have the column's shape (an id or a hash)"
        return None
    if t == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            return "expected an integer"
        return None if -2**63 <= value < 2**63 else "integer out of range"
    if t == "bool":
        return None if isinstance(value, bool) else "expected true or false"
    if t == "decimal":
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            return "expected a decimal amount"
        text = str(value)
        try:
            amount = Decimal(text)
        except (InvalidOperation, ValueError):
            return "expected a decimal amount"
        return None if amount.is_finite() and len(text) <= 40 and abs(amount) < Decimal("1e20") \
            else "expected a decimal amount"
    if t == "date":
        if not isinstance(value, str) or not _DATE.fullmatch(value):
            return "expected a date YYYY-MM-DD"
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return "expected a date YYYY-MM-DD"
        return None
    if t == "datetime":
        if not isinstance(value, str) or not _DATETIME.fullmatch(value):
            return "expected an ISO-8601 date and time"
        try:
            dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return "expected an ISO-8601 date and time"
        return None
    if t == "json":
        want = list if spec.json_shape == "list" else dict
        if not isinstance(value, want):
            return f"expected a JSON {'list' if want is list else 'object'}"
        if len(json.dumps(value, ensure_ascii=False)) > JSON_MAX:
            return f"JSON longer than {JSON_MAX} characters"
        if spec.items_pattern is not None and not all(isinstance(v, str) and spec.items_pattern.fullmatch(v)
                                                      for v in value):
            return "every item must be an id"
        return None
    if t == "bytes-envelope":
        return _check_envelope(spec, value)
    return "field type unknown to the field dictionary"


def _check_envelope(spec: ColumnSpec, value: Any) -> str | None:
    if not (isinstance(value, dict) and set(value) == {"$b64"} and isinstance(value["$b64"], str)):
        return "C2 field must be ciphertext"
    if len(value["$b64"]) > ENVELOPE_MAX * 4 // 3 + 4:
        return "ciphertext too long"
    try:
        blob = base64.b64decode(value["$b64"], validate=True)
        domain = parse_envelope(blob)[1]
    except (binascii.Error, ValueError, DecryptError):
        return "C2 field must be ciphertext"
    if spec.domain is not None and domain != spec.domain:
        return f"{spec.name} holds {spec.domain} data, not another domain"
    return None


def _check_mask(spec: ColumnSpec, value: str) -> str | None:
    if spec.mask == "amount":
        return None if value in BAND_LABELS or value == "****" else "mask must be an amount band"
    if spec.pattern is None or not spec.pattern.fullmatch(value):
        return f"mask does not match the {spec.mask} mask pattern"
    return None


# -- free text for roles that see individual names masked --------------------------------------------

def mask_free_text(value: Any) -> Any:
    """A may-carry-name field in its masked form: the first character (a surname) and stars, as a
    name is masked; anything that is not text is withheld (None)."""
    return mask_name(value) if isinstance(value, str) else None


@lru_cache(maxsize=1)
def field_dictionary() -> FieldDictionary:
    text = resources.files("kamdesk.resources").joinpath("field_dictionary.json").read_text("utf-8")
    return FieldDictionary(json.loads(text))
