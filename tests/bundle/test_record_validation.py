"""The pure half of record validation (``bundle.validate``): the strict JSON reader, and schemas that
cover every field the format lists with the values the workspace allows."""

from __future__ import annotations

import time
import typing

import pytest

from inspector_app.bundle import evidence, records, validate
from inspector_app.bundle.validate import MAX_JSON_DEPTH, RecordError, load_json
from inspector_app.photos.metadata import TimeSource
from inspector_app.storage import models_evidence, models_sheets

pytestmark = pytest.mark.both_engines


def _code(data: bytes | str) -> str:
    with pytest.raises(RecordError) as caught:
        load_json(data, "data/records/inspections/x.json")
    return caught.value.code


@pytest.mark.parametrize("levels", [100_000, 1_000_000])
def test_deep_json_is_refused_before_parsing(levels: int) -> None:
    started = time.perf_counter()
    assert _code("[" * levels + "]" * levels) == "json_too_deep"
    assert _code('{"a":' * levels + "1" + "}" * levels) == "json_too_deep"
    assert _code("[" * levels) == "bad_record"  # unbalanced: refused too, never handed to the parser
    assert time.perf_counter() - started < 5


def test_the_depth_limit_is_exact_and_strings_do_not_count() -> None:
    assert load_json("[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH, "x") is not None
    assert _code("[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1)) == "json_too_deep"
    text = '["' + "[{" * 1000 + '\\"]"]'
    assert load_json(text, "x") == ["[{" * 1000 + '"]']


@pytest.mark.parametrize("text", ["NaN", "[Infinity]", '{"a": -Infinity}', "1e400", "[-1e400]"])
def test_non_finite_numbers_are_refused(text: str) -> None:
    assert _code(text) == "json_not_finite"


def test_a_refused_number_is_located() -> None:
    with pytest.raises(RecordError) as caught:
        load_json('{"answers": [{"note": ""}, {"extra_deduction": NaN}]}', "data/records/inspections/x.json")
    assert (caught.value.code, caught.value.field) == ("json_not_finite", "answers[1].extra_deduction")
    assert "answers[1].extra_deduction" in str(caught.value)
    with pytest.raises(RecordError) as caught:
        load_json('{"shapes": [1e400]}', "inspections/x photos[0]", field="markup_json")
    assert caught.value.field == "markup_json.shapes[0]"


def test_other_malformed_json() -> None:
    assert _code("1" * 101) == "number_out_of_range"
    assert load_json("9" * 100, "x") == int("9" * 100)  # the schema then says which field is out of range
    assert _code('{"a": 1, "a": 2}') == "bad_record"
    assert _code(b"\xff\xfe[]") == "bad_record"
    assert _code('{"a": }') == "bad_record"
    with pytest.raises(RecordError) as caught:
        load_json("NaN", "templates/t", code="bad_profile", field="content")
    assert (caught.value.record, caught.value.field) == ("templates/t", "content")


def test_enums_are_the_workspace_lists() -> None:
    assert evidence.PHOTO_ROLES == models_evidence.PHOTO_ROLES
    assert evidence.SIGNER_ROLES == models_evidence.SIGNER_ROLES
    assert set(models_sheets.SHEET_KINDS) <= set(evidence.SHEET_KINDS)  # every kind a workspace may hold
    assert set(evidence.TIME_SOURCES) == set(typing.get_args(TimeSource))


def test_every_field_of_the_format_has_a_rule() -> None:
    assert set(validate.ENTERPRISE) == set(records.ENTERPRISE_FIELDS)
    assert set(records.INSPECTION_FIELDS) <= set(validate.INSPECTION)
    assert set(validate.FINDING) == {"uid", *records.FINDING_FIELDS}
    assert set(validate.AUDIT) == set(records.AUDIT_FIELDS)
    assert set(validate.PHOTO) == {*evidence.PHOTO_FIELDS, "finding_uid", "pair_uid"}
    assert set(validate.SIGNATURE) == {*evidence.SIGNATURE_FIELDS, "inspector_cert", "witness_uid"}
    assert set(validate.SHEET) == set(evidence.SHEET_FIELDS)


def test_a_refusal_names_record_and_field() -> None:
    rec = {"uid": "00000000-0000-4000-8000-000000000001", "photos": [{}] * (validate.MAX_PHOTOS + 1)}
    with pytest.raises(RecordError) as caught:
        validate.check_records({"inspections": [("x", rec)]}, [])
    assert caught.value.code == "bad_record" and caught.value.field == "revision"  # fields before lists
    with pytest.raises(RecordError) as caught:
        validate.check_payload_paths(["data/signatures/" + "0" * 64 + ".svg"])
    assert caught.value.code == "bad_signature_image"
