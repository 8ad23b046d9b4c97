"""Record validation: what a bundle's JSON may contain, checked before anything is written.

A valid signature says who sent a bundle, not that its content is sane.  Everything here is pure (no
database, no image decoding): the header, and a schema for every record kind and every row of an
inspection record (all read by the strict JSON reader ``records.load_json``) – types, finite numbers within range, text lengths, enum values,
dates, well-formed uids unique within the bundle, references between rows, and how many rows one
inspection may carry.  The checks that need the workspace (item codes of the stored template version,
uids that belong to another inspection) and the decoding of photo and signature files are
``services.sync.validation``.  Documented in ``docs/bundle-format.md`` ("Record validation").

Every refusal is a ``RecordError`` (a ``BagInvalidError``) with a stable ``code`` and the place:
``record`` (kind, uid or index) and ``field``.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from typing import Any

from inspector_app.bundle.errors import BundleError
from inspector_app.bundle.evidence import (
    ORIGINAL_EXTS,
    PHOTO_FIELDS,
    PHOTO_ROLES,
    SHEET_FIELDS,
    SHEET_KINDS,
    SIGNATURE_FIELDS,
    SIGNATURES,
    SIGNER_ROLES,
    TIME_SOURCES,
)
from inspector_app.bundle.profile import Direction
from inspector_app.bundle.records import (
    AUDIT_FIELDS,
    ENTERPRISE_FIELDS,
    FINDING_FIELDS,
    INSPECTION_FIELDS,
    MAX_JSON_DEPTH,
    NUMBER_FIELDS,
    NUMBERED_KINDS,
    ON_SITE_MEASURES,
    PERSON_ROLES,
    RECHECK_FIELDS,
    RecordError,
    load_json,
)
from inspector_app.domain.lifecycle import FindingStatus, InspectionStatus, Severity
from inspector_app.domain.template import RESULTS
from inspector_app.translation import _

MAX_INT = 2**63 - 1  # SQLite's INTEGER: revisions, sequences, acknowledgements, sizes
MAX_PHOTOS = 1_000  # photos per inspection (a long day in the field takes 200)
MAX_FINDINGS = 2_000
MAX_ANSWERS = 5_000  # a template has a few hundred items
MAX_DEDUCTIONS = 100  # deduction lines per answer
MAX_AUDIT = 100_000  # audit events per inspection
MAX_SIGNATURES = 100
MAX_SHEETS = 1_000
MAX_INSPECTORS = 20
MAX_NUMBERS = 20  # document numbers per inspection (one per numbered kind)
MAX_HEADER_PAIRS = 100_000  # extra.inspections / extra.acks
SHORT, LINE, TEXT = 200, 1_000, 100_000  # characters: names and codes, addresses, free text
BLOB = 8_000_000  # markup_json, strokes_json (200,000 signature points)
TEMPLATE_CHARS = 16_000_000

UID = re.compile(r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}")
_SHA = re.compile(r"[0-9a-f]{64}")
_HEX64 = re.compile(r"[0-9A-Fa-f]{64}")

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())  # the CLI configures no logging: a traceback must not reach stderr



def unexpected(subject: str, exc: BaseException) -> BundleError:
    """An unexpected error with one bundle (a bug) as a refusal: logged with its traceback, never printed."""
    log.error("unexpected error with bundle %s", subject, exc_info=exc)
    return BundleError(_("处理数据包 {subject} 时发生意外错误（{name}），没有作任何更改；详情已写入日志（internal error）").format(subject=subject, name=type(exc).__name__), code="internal_error")



# -- field rules ----------------------------------------------------------------------------------
class _Bad(Exception):
    def __init__(self, problem: str, code: str = "") -> None:
        super().__init__(problem)
        self.code = code


_MISSING: Any = object()
Check = Callable[[Any], None]


def _kind(value: Any) -> str:
    return {dict: _("对象"), list: _("列表"), str: _("文本"), bool: _("布尔值"), int: _("整数"), float: _("小数")}.get(type(value), "null")


def _absent(value: Any, null: bool) -> bool:
    """True when the value is null or missing and that is allowed; raises when it is not."""
    if value is None or value is _MISSING:
        if null:
            return True
        raise _Bad(_("缺少此字段") if value is _MISSING else _("不能为 null"))
    return False


def text(limit: int, *, null: bool = False, blank: bool = True, choices: Iterable[str] | None = None,
         pattern: re.Pattern[str] | None = None) -> Check:
    allowed = tuple(choices) if choices is not None else None

    def check(value: Any) -> None:
        if _absent(value, null):
            return
        if not isinstance(value, str):
            raise _Bad(_("应为文本，而不是{kind}").format(kind=_kind(value)))
        if len(value) > limit:
            raise _Bad(_("文本过长（{count} 个字符，上限 {limit}）").format(count=len(value), limit=limit))
        if not blank and not value.strip():
            raise _Bad(_("不能为空"))
        if allowed is not None and value not in allowed:
            raise _Bad(_("{value!r} 不是允许的值（{allowed}）").format(value=value[:40], allowed='、'.join(map(repr, allowed))))
        if pattern is not None and not pattern.fullmatch(value):
            raise _Bad(_("{value!r} 的格式不对").format(value=value[:80]))
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise _Bad(_("含有无效的 Unicode 字符（孤立的代理项）")) from None
    return check


def integer(low: int, high: int = MAX_INT, *, null: bool = False) -> Check:
    def check(value: Any) -> None:
        if _absent(value, null):
            return
        if isinstance(value, bool) or not isinstance(value, int):
            raise _Bad(_("应为整数，而不是{kind}").format(kind=_kind(value)))
        if not low <= value <= high:
            raise _Bad(_("{value} 超出范围 {low}…{high}").format(value=value, low=low, high=high), "number_out_of_range")
    return check


def number(low: float, high: float, *, null: bool = False) -> Check:
    def check(value: Any) -> None:
        if _absent(value, null):
            return
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _Bad(_("应为数，而不是{kind}").format(kind=_kind(value)))
        if not math.isfinite(value):
            raise _Bad(_("{value} 不是有限的数").format(value=value), "json_not_finite")
        if not low <= value <= high:
            raise _Bad(_("{value} 超出范围 {low}…{high}").format(value=value, low=low, high=high), "number_out_of_range")
    return check


def boolean(value: Any) -> None:
    if not isinstance(value, bool):
        raise _Bad(_("应为 true 或 false，而不是{kind}").format(kind=_kind(value)))


def day(value: Any) -> None:
    """An ISO date or null."""
    if _absent(value, True):
        return
    if not isinstance(value, str) or len(value) > 10:
        raise _Bad(_("应为日期（YYYY-MM-DD），而不是 {value!r}").format(value=str(value)[:40]))
    try:
        date.fromisoformat(value)
    except ValueError:
        raise _Bad(_("日期 {value!r} 无效").format(value=value)) from None


def moment(*, null: bool = False) -> Check:
    """An ISO date-time, local wall-clock (no zone, like everything the workspace keeps)."""
    def check(value: Any) -> None:
        if _absent(value, null):
            return
        if not isinstance(value, str) or len(value) > 40:
            raise _Bad(_("应为时间（YYYY-MM-DDThh:mm:ss），而不是 {value!r}").format(value=str(value)[:40]))
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise _Bad(_("时间 {value!r} 无效").format(value=value)) from None
        if parsed.tzinfo is not None:
            raise _Bad(_("时间 {value!r} 带时区：应为本地时间").format(value=value))
    return check


def _any(_value: Any) -> None:
    """Read by no one on import (recomputed or informative): any JSON value."""


def _measures(value: Any) -> None:
    """A finding's on-site measures: codes of ``ON_SITE_MEASURES`` joined by ",", each once; "" for none
    (missing or null in a bundle of an older version)."""
    if _absent(value, True):
        return
    text(60)(value)
    codes = value.split(",") if value else []
    for code in codes:
        if code not in ON_SITE_MEASURES:
            raise _Bad(_("现场处理措施 {code!r} 不是允许的值（{allowed}）").format(code=code[:40], allowed='、'.join(map(repr, ON_SITE_MEASURES))))
    if len(set(codes)) != len(codes):
        raise _Bad(_("同一现场处理措施出现两次"))


UID_CHECK, UID_OR_NULL = text(36, pattern=UID), text(36, null=True, pattern=UID)
SHA, SHA_OR_EMPTY = text(64, pattern=_SHA), text(64, pattern=re.compile(f"(?:{_SHA.pattern})?"))
WHEN, WHEN_OR_NULL = moment(), moment(null=True)
NAME, NAME_OR_NULL, LINE_TEXT, FREE = text(SHORT), text(SHORT, null=True), text(LINE), text(TEXT)
ITEM = text(100)
Schema = Mapping[str, Check]


def _cover(names: Iterable[str], rules: dict[str, Check]) -> Schema:
    """``rules``, and for a field the format lists that has no rule of its own (added later): text or null."""
    return {**rules, **{name: text(TEXT, null=True) for name in names if name not in rules}}


ENTERPRISE = _cover(ENTERPRISE_FIELDS, {
    "uscc": text(64), "uscc_override": boolean, "name": text(SHORT, blank=False), "address": LINE_TEXT,
    "district": NAME, "industry": NAME, "sub_speciality": NAME, "cert_grade": NAME, "cert_number": NAME,
    "cert_issued": day, "cert_expires": day, "scoring_standard": NAME, "review_org": NAME, "consulting_org": NAME,
    "legal_rep": NAME, "contact_person": NAME, "contact_phone": NAME})
TEMPLATE: Schema = {"template_id": text(SHORT, blank=False), "version": text(SHORT, blank=False), "kind": NAME,
                    "title": LINE_TEXT, "sha256": SHA, "content": text(TEMPLATE_CHARS, blank=False)}
INSPECTION = _cover(INSPECTION_FIELDS, {
    "uid": UID_CHECK, "revision": integer(0), "base_revision": integer(0, null=True),
    "status": text(20, choices=[s.value for s in InspectionStatus]), "enterprise_uscc": text(64),
    "due_date": day, "assigned_at": WHEN, "started_at": WHEN_OR_NULL, "ended_at": WHEN_OR_NULL,
    "completed_at": WHEN_OR_NULL, "location": LINE_TEXT, "rep_name": NAME, "rep_title": NAME, "rep_phone": NAME,
    "reviewer_comment": FREE, "created_at": WHEN, "updated_at": WHEN, "score": number(-1e9, 1e9, null=True),
    "grade": NAME_OR_NULL, "outcome": NAME_OR_NULL, "answered": integer(0, null=True)})
TEMPLATE_REF: Schema = {"template_id": text(SHORT, blank=False), "version": text(SHORT, blank=False), "sha256": SHA}
INSPECTOR: Schema = {"name": text(SHORT, blank=False), "cert_number": text(SHORT, blank=False),
                     "organisation": NAME, "phone": NAME_OR_NULL,
                     "role": text(10, null=True, choices=PERSON_ROLES)}  # null/missing: an older bundle
ANSWER: Schema = {"item_code": text(100, blank=False), "result": text(10, choices=RESULTS), "deductions": _any,
                  "extra_deduction": number(0, 1e6), "extra_reason": FREE, "note": FREE, "updated_at": WHEN_OR_NULL}
FINDING = _cover(FINDING_FIELDS, {
    "uid": UID_CHECK, "item_code": ITEM, "severity": text(4, choices=[s.value for s in Severity]),
    "description": FREE, "requirement": FREE, "deadline": day, "responsible_person": NAME,
    "status": text(10, choices=[s.value for s in FindingStatus]), "recheck_note": FREE, "rechecked_at": WHEN_OR_NULL,
    "created_at": WHEN, "updated_at": WHEN, "measures": _measures})
AUDIT = _cover(AUDIT_FIELDS, {"entity": NAME, "entity_key": LINE_TEXT, "field": NAME, "old_value": FREE,
                              "new_value": FREE, "actor": NAME, "at": WHEN, "reason": FREE})
PHOTO = _cover(PHOTO_FIELDS, {
    "uid": UID_CHECK, "item_code": ITEM, "sha256": SHA, "original_name": LINE_TEXT,
    "original_ext": text(8, choices=ORIGINAL_EXTS), "format": text(10), "size_bytes": integer(0),
    "captured_at": WHEN_OR_NULL, "captured_offset": text(16), "time_source": text(16, choices=TIME_SOURCES),
    "gps_lat": number(-90, 90, null=True), "gps_lon": number(-180, 180, null=True),
    "gps_alt": number(-20_000, 100_000, null=True), "make": NAME, "model": NAME, "orientation": integer(0, 8),
    "width": integer(0, 1_000_000), "height": integer(0, 1_000_000), "display_sha256": SHA_OR_EMPTY,
    "thumb_sha256": SHA_OR_EMPTY, "markup_json": text(BLOB), "markup_sha256": SHA_OR_EMPTY, "caption": FREE,
    "position": integer(0), "role": text(10, choices=PHOTO_ROLES), "added_by": NAME, "added_at": WHEN,
    "finding_uid": UID_OR_NULL, "pair_uid": UID_OR_NULL,
    # codes of accepted plausibility warnings ("time_before,outside_area"); missing in older bundles
    "plausibility_ack": text(200, null=True, pattern=re.compile(r"(?:[a-z_]{1,40}(?:,[a-z_]{1,40}){0,15})?"))})
SIGNATURE = _cover(SIGNATURE_FIELDS, {
    "uid": UID_CHECK, "role": text(20, choices=SIGNER_ROLES), "signer_name": NAME, "signed_at": WHEN,
    "strokes_json": text(BLOB), "image_sha256": SHA_OR_EMPTY, "refused": boolean, "refusal_reason": FREE,
    "recorded_by": NAME, "inspector_cert": NAME_OR_NULL, "witness_uid": UID_OR_NULL})
SHEET = _cover(SHEET_FIELDS, {
    "uid": UID_CHECK, "inspection_uid": text(36, pattern=UID), "kind": text(10, choices=SHEET_KINDS),
    "content_hash": text(64, pattern=_HEX64), "code": NAME, "pages": integer(0, 100_000), "pdf_sha256": SHA_OR_EMPTY,
    "printed_at": WHEN, "printed_by": NAME})
RECHECK = _cover(RECHECK_FIELDS, {"uid": UID_CHECK, "rechecked_at": WHEN_OR_NULL, "opinion": FREE, "updated_at": WHEN,
                                  "updated_by": NAME})
OFFICER: Schema = {"name": text(SHORT, blank=False), "cert_number": text(SHORT, blank=False)}
NUMBER = _cover(NUMBER_FIELDS, {"authority": text(20, blank=False), "kind": text(10, choices=NUMBERED_KINDS),
                                "year": integer(1900, 9999), "serial": integer(1, 10**9), "issued_at": WHEN,
                                "issued_by": NAME})
HEADER: Schema = {
    "format_version": integer(1), "profile": NAME, "bundle_id": text(36, pattern=UID),
    "direction": text(30, choices=[d.value for d in Direction]), "sequence": integer(1), "created_at": text(40)}
PRODUCER: Schema = {"device_id": text(64, blank=False), "key_fingerprint": text(64), "name": NAME}


def _fields(obj: Any, schema: Schema, record: str, code: str = "bad_record") -> dict[str, Any]:
    """Check ``obj`` against ``schema``; a refusal names ``record`` and the field."""
    if not isinstance(obj, dict):
        raise RecordError(_("{record} 应为 JSON 对象，而不是{kind}").format(record=record, kind=_kind(obj)), code=code, record=record)
    for name, check in schema.items():
        try:
            check(obj.get(name, _MISSING))
        except _Bad as exc:
            raise RecordError(_("{record} 的字段 {name}：{exc}").format(record=record, name=name, exc=exc), code=exc.code or code, record=record,
                              field=name) from None
    return obj


def _rows(obj: dict[str, Any], name: str, limit: int, record: str, *, optional: bool = False,
          code: str = "bad_record") -> list[Any]:
    """A list field with at most ``limit`` entries (``too_many_records`` beyond)."""
    value = obj.get(name, [] if optional else _MISSING)
    if not isinstance(value, list):
        problem = _("缺少此字段") if value is _MISSING else _("应为列表，而不是{kind}").format(kind=_kind(value))
        raise RecordError(_("{record} 的字段 {name}：{problem}").format(record=record, name=name, problem=problem), code=code, record=record, field=name)
    if len(value) > limit:
        raise RecordError(_("{record} 的 {name} 有 {count} 条，超过每项检查 {limit} 条的上限").format(record=record, name=name, count=len(value), limit=limit),
                          code="too_many_records", record=record, field=name)
    return value


# -- the header -----------------------------------------------------------------------------------
def check_header(doc: Any, what: str = "inspector-bundle.json") -> None:
    """``inspector-bundle.json`` as parsed by ``load_json``: types, the sequence within SQLite's integer,
    ``extra.inspections`` and ``extra.acks`` as ``[uid, revision]`` pairs (``bad_profile`` otherwise)."""
    _fields(doc, HEADER, what, "bad_profile")
    _fields(doc.get("producer"), PRODUCER, f"{what} producer", "bad_profile")
    extra = doc.get("extra", {})
    if not isinstance(extra, dict):
        raise RecordError(_("{what} 的 extra 应为对象").format(what=what), code="bad_profile", record=what, field="extra")
    for key in ("inspections", "acks"):
        pairs = _rows(extra, key, MAX_HEADER_PAIRS, f"{what} extra", optional=True, code="bad_profile")
        for index, pair in enumerate(pairs):
            if not isinstance(pair, list) or len(pair) != 2:
                raise RecordError(_("{what} extra.{key}[{index}] 应为 [uid, revision]").format(what=what, key=key, index=index), code="bad_profile",
                                  record=f"{what} extra.{key}[{index}]")
            _fields({"uid": pair[0], "revision": pair[1]}, {"uid": UID_CHECK, "revision": integer(0)},
                    f"{what} extra.{key}[{index}]", "bad_profile")


# -- the records ----------------------------------------------------------------------------------
class _Uids:
    """Uids seen in the bundle (findings, photos, signatures, sheets, re-checks, inspections): each once."""

    def __init__(self) -> None:
        self.seen: dict[str, str] = {}

    def add(self, uid: str, record: str) -> None:
        first = self.seen.setdefault(uid.lower(), record)
        if first != record:
            raise RecordError(_("uid {uid} 在数据包中出现两次：{first} 和 {record}").format(uid=uid, first=first, record=record), code="duplicate_uid",
                              record=record, field="uid")


def check_template(key: str, rec: Any) -> None:
    record = f"templates/{key}"
    _fields(rec, TEMPLATE, record)
    if not isinstance(load_json(rec["content"], record, field="content"), dict):
        raise RecordError(_("{record} 的字段 content 应为 JSON 对象").format(record=record), record=record, field="content")


def check_enterprise(key: str, rec: Any) -> None:
    _fields(rec, ENTERPRISE, f"enterprises/{key}")


def check_inspection(key: str, rec: Any, uids: _Uids) -> None:
    """One inspection record with its rows: counts first (a record with 5,000 photos is refused before
    any of them is looked at), then every row, uids and the references between rows."""
    record = f"inspections/{key}"
    _fields(rec, INSPECTION, record)
    uids.add(rec["uid"], record)
    record = f"inspections/{rec['uid']}"
    _fields(rec.get("template"), TEMPLATE_REF, f"{record} template")
    people = _rows(rec, "inspectors", MAX_INSPECTORS, record)
    answers = _rows(rec, "answers", MAX_ANSWERS, record)
    findings = _rows(rec, "findings", MAX_FINDINGS, record)
    trail = _rows(rec, "audit", MAX_AUDIT, record)
    photos = _rows(rec, "photos", MAX_PHOTOS, record, optional=True)
    signatures = _rows(rec, "signatures", MAX_SIGNATURES, record, optional=True)
    sheets = _rows(rec, "sheets", MAX_SHEETS, record, optional=True)
    numbers = _rows(rec, "numbers", MAX_NUMBERS, record, optional=True)

    for index, person in enumerate(people):
        _fields(person, INSPECTOR, f"{record} inspectors[{index}]")
    _unique(people, "cert_number", f"{record} inspectors", str.strip)
    for index, answer in enumerate(answers):
        _fields(answer, ANSWER, f"{record} answers[{index}]")
        _deductions(answer.get("deductions"), f"{record} answers[{index}]")
    _unique(answers, "item_code", f"{record} answers")
    for index, event in enumerate(trail):
        _fields(event, AUDIT, f"{record} audit[{index}]")
    finding_uids = _with_uids(findings, FINDING, f"{record} findings", uids)
    for index, finding in enumerate(findings):
        if finding.get("measures") and finding["severity"] != Severity.MAJOR:
            raise RecordError(_("{record} findings[{index}] 的字段 measures：现场处理措施只用于重大事故隐患").format(record=record, index=index),
                              record=f"{record} findings[{index}]", field="measures")
    photo_uids = _with_uids(photos, PHOTO, f"{record} photos", uids)
    signature_uids = _with_uids(signatures, SIGNATURE, f"{record} signatures", uids)
    _with_uids(sheets, SHEET, f"{record} sheets", uids)
    _unique(photos, "sha256", f"{record} photos")
    for index, photo in enumerate(photos):
        where = f"{record} photos[{index}] {photo['uid']}"
        _refers(photo, "finding_uid", finding_uids, where, "findings")
        _refers(photo, "pair_uid", photo_uids, where, "photos")
        if photo["markup_json"]:
            load_json(photo["markup_json"], where, field="markup_json")
    for index, signature in enumerate(signatures):
        where = f"{record} signatures[{index}] {signature['uid']}"
        _refers(signature, "witness_uid", signature_uids, where, "signatures")
        if signature["strokes_json"]:
            load_json(signature["strokes_json"], where, field="strokes_json")
    for index, number in enumerate(numbers):
        _fields(number, NUMBER, f"{record} numbers[{index}]")
    _unique(numbers, "kind", f"{record} numbers")
    _recheck(rec.get("recheck"), record, uids)


def _recheck(value: Any, record: str, uids: _Uids) -> None:
    """The re-check visit: null (none, or an older bundle), or its time, opinion and two different officers."""
    if value is None:
        return
    where = f"{record} recheck"
    _fields(value, RECHECK, where)
    uids.add(value["uid"], where)
    officers = _rows(value, "officers", MAX_INSPECTORS, where)
    if len(officers) != 2:
        raise RecordError(_("{where} 的字段 officers：复查须由两名行政执法人员进行，而不是 {count} 名").format(where=where, count=len(officers)),
                          record=where, field="officers")
    for index, officer in enumerate(officers):
        _fields(officer, OFFICER, f"{where} officers[{index}]")
    _unique(officers, "cert_number", f"{where} officers", str.strip)


def _unique(rows: list[dict[str, Any]], key: str, record: str, norm: Callable[[str], str] = str) -> None:
    """``key`` differs between the (already checked) rows: two answers to one item, one inspector or one
    photo twice would break the tables' unique keys."""
    seen: dict[str, int] = {}
    for index, row in enumerate(rows):
        first = seen.setdefault(norm(row[key]), index)
        if first != index:
            raise RecordError(_("{record}[{index}] 的 {key} {row!r} 与第 {first} 条相同").format(record=record, index=index, key=key, row=row[key], first=first), record=f"{record}[{index}]",
                              field=key)


def _with_uids(rows: list[Any], schema: Schema, record: str, uids: _Uids) -> set[str]:
    for index, row in enumerate(rows):
        _fields(row, schema, f"{record}[{index}]")
        uids.add(row["uid"], f"{record}[{index}]")
    return {row["uid"] for row in rows}


def _refers(row: dict[str, Any], name: str, targets: set[str], record: str, kind: str) -> None:
    value = row.get(name)
    if value is not None and value not in targets:
        raise RecordError(_("{record} 的字段 {name}：{value} 不是本检查的 {kind} 之一").format(record=record, name=name, value=value, kind=kind), record=record, field=name)


def _deductions(value: Any, record: str) -> None:
    if not isinstance(value, list):
        raise RecordError(_("{record} 的字段 deductions 应为列表").format(record=record), record=record, field="deductions")
    if len(value) > MAX_DEDUCTIONS:
        raise RecordError(_("{record} 有 {count} 条扣分，超过 {MAX_DEDUCTIONS} 条的上限").format(record=record, count=len(value), MAX_DEDUCTIONS=MAX_DEDUCTIONS), code="too_many_records",
                          record=record, field="deductions")
    for index, line in enumerate(value):
        if not isinstance(line, list) or len(line) != 2:
            raise RecordError(_("{record} 的 deductions[{index}] 应为 [规则, 次数]").format(record=record, index=index), record=record, field="deductions")
        _fields({"rule": line[0], "times": line[1]}, {"rule": text(SHORT, blank=False), "times": integer(1, 1_000)},
                f"{record} deductions[{index}]")


def check_payload_paths(paths: Iterable[str]) -> None:
    """Signatures travel as strokes plus a PNG: an SVG or JSON file under ``data/signatures/`` is refused."""
    for path in paths:
        if path.startswith(SIGNATURES) and not path.endswith(".png"):
            raise RecordError(_("签名图像 {path} 不是 PNG：签名只能是笔迹数据加 PNG 图像，不接受 SVG 或其他标记格式").format(path=path),
                              code="bad_signature_image", record=path)


def check_records(records: Mapping[str, list[tuple[str, Any]]], payload_paths: Iterable[str]) -> None:
    """Every record of every kind (``records``: kind → ``(file key, parsed JSON)`` as ``records_of``
    gives them) and the evidence paths; raises ``RecordError`` on the first problem."""
    check_payload_paths(payload_paths)
    for key, rec in records.get("templates", []):
        check_template(key, rec)
    for key, rec in records.get("enterprises", []):
        check_enterprise(key, rec)
    uids = _Uids()
    for key, rec in records.get("inspections", []):
        check_inspection(key, rec, uids)


__all__ = ["MAX_JSON_DEPTH", "MAX_PHOTOS", "RecordError", "check_header", "check_records", "load_json",
           "unexpected"]
