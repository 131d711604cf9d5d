"""The field dictionary (issue #10, holes 4, 7, 8): generated from the models, checked here to
match them, and the one classification the policy, the server and the client read."""
from __future__ import annotations

from sqlalchemy import JSON, String, Text, inspect

from kamdesk.models import syncable_tables
from kamdesk.models import dictionary as gen
from kamdesk.models.base import SENSITIVE
from kamdesk.models.session import sync_columns
from kamdesk.security.fielddict import field_dictionary
from kamdesk.security.masking import mask
from kamdesk.security.policy import default_policy


def test_the_committed_dictionary_matches_the_models() -> None:
    assert gen.resource_path().read_text(encoding="utf-8") == gen.render(), \
        "run: python -m kamdesk.models.dictionary"
    assert gen.main(["--check"]) == 0


def test_every_syncable_column_is_in_the_dictionary_and_nothing_else() -> None:
    fd = field_dictionary()
    models = {t: set(sync_columns(cls)) for t, cls in syncable_tables().items()}
    assert {t: set(cols) for t, cols in fd.tables.items()} == models


def test_every_text_column_is_classified_for_names() -> None:
    unclassified = []
    for table, cls in syncable_tables().items():
        sensitive = {c for spec in SENSITIVE.get(table, {}).values() for c in (spec.ct, spec.mask_col, spec.bi)}
        for key in sync_columns(cls):
            col = inspect(cls).column_attrs[key].columns[0]
            full = f"{table}.{key}"
            if key in sensitive or key.endswith("_id") or not isinstance(col.type, (String, Text, JSON)):
                continue
            if full not in gen.MAY_CARRY_NAME and full not in gen.NO_NAME_TEXT:
                unclassified.append(full)
    assert unclassified == []
    known = {f"{t}.{c}" for t, cls in syncable_tables().items() for c in sync_columns(cls)}
    assert set(gen.MAY_CARRY_NAME) <= known and set(gen.NO_NAME_TEXT) <= known


def test_policy_sensitive_columns_come_from_the_dictionary() -> None:
    fd = field_dictionary()
    expected = {f"{t}.{spec.ct}": spec.domain for t, specs in SENSITIVE.items() for spec in specs.values()}
    assert fd.sensitive_columns() == expected == default_policy().sensitive_columns


def test_masks_made_by_the_app_pass_their_pattern_and_plain_values_do_not() -> None:
    fd = field_dictionary()
    samples = {"phone": "13812345678", "id_number": "110105199001011234", "account": "6222021234567890123",
               "credit_code": "91310000MA1FL8LQ2X", "amount": "123456789.00", "rating": "AA"}
    for table, specs in SENSITIVE.items():
        for spec in specs.values():
            good = mask(spec.mask, samples[spec.mask])
            assert fd.check(table, spec.mask_col, good) is None, (table, spec.mask_col)
            assert fd.check(table, spec.mask_col, samples[spec.mask]) is not None, (table, spec.mask_col)
            if spec.blind_index:
                assert fd.check(table, spec.bi, "ab" * 32) is None
                assert fd.check(table, spec.bi, samples[spec.mask]) is not None


def test_value_checks_name_what_is_wrong_without_repeating_the_value() -> None:
    fd = field_dictionary()
    assert fd.check("clients", "established_on", "not-a-date") == "expected a date YYYY-MM-DD"
    assert fd.check("clients", "established_on", "2020-02-30") == "expected a date YYYY-MM-DD"
    assert fd.check("clients", "established_on", "2020-02-29") is None
    assert fd.check("clients", "kind", "robot").startswith("value not allowed")
    assert fd.check("clients", "name", "x" * 201) == "text longer than 200 characters"
    assert fd.check("clients", "name", None) == "field may not be empty (null)"
    assert fd.check("clients", "favourite_colour", "red") == "unknown field"
    assert fd.check("nope", "name", "x") == "unknown table"
    assert fd.check("clients", "phone_ct", "13812345678") == "C2 field must be ciphertext"
    assert fd.check("visits", "duration_minutes", True) == "expected an integer"
    assert fd.check("visits", "attendees", {"a": 1}) == "expected a JSON list"
    assert fd.check("clients", "total_assets", "12.5") is None and fd.check("clients", "total_assets", "NaN")
    assert fd.check("visits", "planned_at", "2026-01-02T09:30:00") is None
    assert fd.check("visits", "planned_at", "tomorrow") is not None


def test_withheld_fields_are_never_required_so_masked_roles_can_still_store_the_record() -> None:
    fd = field_dictionary()
    for table, cols in fd.tables.items():
        for name, spec in cols.items():
            if spec.masked_roles == "withhold":
                assert not spec.required, f"{table}.{name}"
