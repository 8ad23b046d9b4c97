"""Inspection records: the JSON shape of enterprises, templates and inspections in a bundle – the field
lists, how values are written (ISO text) and read back, the record file names, and the strict JSON
reader every record (and the header) goes through (``load_json``: no NaN/Infinity, at most 32 levels).

Pure format: the mapping between these records and a workspace's tables (and the merge rules applied on
import) is ``services.sync.mapping``. Documented in ``docs/bundle-format.md``.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from datetime import date, datetime
from typing import Any

from inspector_app.bundle.errors import BagInvalidError
from inspector_app.translation import _

ENTERPRISE_FIELDS = ("uscc", "uscc_override", "name", "address", "district", "industry", "sub_speciality",
                     "cert_grade", "cert_number", "cert_issued", "cert_expires", "scoring_standard", "review_org",
                     "consulting_org", "legal_rep", "contact_person", "contact_phone")
INSPECTION_FIELDS = ("due_date", "assigned_at", "started_at", "ended_at", "completed_at", "location", "rep_name",
                     "rep_title", "rep_phone", "reviewer_comment", "created_at", "updated_at")
FINDING_FIELDS = ("item_code", "severity", "description", "requirement", "deadline", "responsible_person",
                  "status", "recheck_note", "rechecked_at", "created_at", "updated_at", "measures")
#: The re-check visit of an inspection (``recheck``: one object or null), its officers by name and
#: certificate number; the document numbers issued for it (``numbers``: rows of the register). Older
#: bundles carry neither, nor a person's ``role`` or a finding's ``measures``: the receiver keeps its own.
RECHECK_FIELDS = ("uid", "rechecked_at", "opinion", "updated_at", "updated_by")
NUMBER_FIELDS = ("authority", "kind", "year", "serial", "issued_at", "issued_by")
# The values of these fields – the workspace's own lists (``storage.models.PERSON_ROLES`` and
# ``ON_SITE_MEASURES``, ``reports.NUMBERED_KINDS``), repeated because the format reads no ORM module.
PERSON_ROLES = ("officer", "expert")
ON_SITE_MEASURES = ("evacuate", "suspend", "stop_use")
NUMBERED_KINDS = ("record", "order", "measures", "recheck")
AUDIT_FIELDS = ("entity", "entity_key", "field", "old_value", "new_value", "actor", "at", "reason")
DATE_FIELDS = {"due_date", "cert_issued", "cert_expires", "deadline"}
MAX_JSON_DEPTH = 32  # objects and arrays inside each other; real records nest 5 deep
MAX_INT_DIGITS = 100  # longer integers are refused while parsing (int() of huge digit strings is slow)


def iso(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def plain(value: Any) -> Any:
    """A field value as it is written into a record: dates and times as ISO text, the rest unchanged."""
    return value.isoformat() if isinstance(value, date) else value


def fields_of(obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
    """The named attributes of ``obj`` as record values."""
    return {name: plain(getattr(obj, name)) for name in names}


def file_key(text: str) -> str:
    """A record file name for ``text`` within the path grammar ([A-Za-z0-9_-]{1,80})."""
    return text if re.fullmatch(r"[A-Za-z0-9_-]{1,80}", text) else "x" + hashlib.sha256(text.encode()).hexdigest()


def parse_field(rec: dict[str, Any], name: str) -> Any:
    """A record's value read back: dates for the date fields, date-times for ``*_at`` and ``at``."""
    value = rec.get(name)
    if value is None or (name not in DATE_FIELDS and not name.endswith("_at") and name != "at"):
        return value
    try:
        return date.fromisoformat(value) if name in DATE_FIELDS else datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise BagInvalidError(_("字段 {name} 的日期 {value!r} 无效").format(name=name, value=value), code="bad_record") from None


def audit_key(values: dict[str, Any]) -> tuple[str, ...]:
    """What makes two audit events the same event (the trails of both sides are merged as a union)."""
    return tuple("" if values.get(n) is None else str(values[n]) for n in AUDIT_FIELDS)


# -- the strict JSON reader ------------------------------------------------------------------------
class RecordError(BagInvalidError):
    """A record (or the header) that breaks the rules: ``record`` names it (kind, uid or index), ``field``
    the field; ``code`` says why (``bad_record``, ``number_out_of_range``, ``duplicate_uid``, …)."""

    def __init__(self, message: str, *, code: str = "bad_record", record: str = "", field: str = "") -> None:
        super().__init__(message, code=code)
        self.record = record
        self.field = field

class _Refused(Exception):
    def __init__(self, code: str, problem: str) -> None:
        super().__init__(problem)
        self.code = code


_ESCAPE = re.compile(r"\\.", re.DOTALL)  # JSON has backslashes only inside strings
_STRING = re.compile(r'"[^"]*"')  # once the escapes are gone
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_INNERMOST = re.compile(r"\[\]|\{\}")


def _nesting(text: str) -> str:
    """"ok", "deep" or "unbalanced", from the raw text: escapes and strings removed, then the innermost
    pairs of brackets, once per level – no parser recursion, whatever the input."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", _ESCAPE.sub("", text)))
    for _depth in range(MAX_JSON_DEPTH):
        if not brackets:
            return "ok"
        reduced = _INNERMOST.sub("", brackets)
        if reduced == brackets:
            return "unbalanced"
        brackets = reduced
    return "ok" if not brackets else "deep" if _INNERMOST.search(brackets) else "unbalanced"


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Refused("json_not_finite", _("数值 {text} 超出浮点数的范围（成为 Infinity）").format(text=text[:40]))
    return value


def _int(text: str) -> int:
    if len(text) > MAX_INT_DIGITS:
        raise _Refused("number_out_of_range", _("整数有 {count} 位，超出允许的范围").format(count=len(text)))
    return int(text)


def _constant(name: str) -> Any:
    raise _Refused("json_not_finite", _("{name} 不是有限的数（NaN/Infinity 不是 JSON）").format(name=name))


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        keys = [key for key, _value in pairs]
        twice = next(key for index, key in enumerate(keys) if key in keys[:index])
        raise _Refused("", _("键 {twice!r} 出现两次").format(twice=twice))
    return result


class _Mark:
    """Stands for a refused number while ``_locate`` parses the text again."""


def _locate(text: str) -> str:
    """The path of the first refused number (the text is known to be at most 32 levels deep)."""
    def number(raw: str) -> Any:
        value = float(raw) if len(raw) <= MAX_INT_DIGITS else math.inf
        return value if math.isfinite(value) and len(raw) <= MAX_INT_DIGITS else _Mark()

    def find(value: Any, path: str) -> str | None:
        if isinstance(value, _Mark):
            return path
        items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
        for key, item in items:
            found = find(item, f"{path}.{key}" if isinstance(key, str) else f"{path}[{key}]")
            if found is not None:
                return found
        return None

    try:
        doc = json.loads(text, parse_float=number, parse_int=number, parse_constant=lambda _name: _Mark())
    except ValueError:
        return ""
    return (find(doc, "") or "").lstrip(".")


def load_json(data: bytes | str, what: str, *, code: str = "bad_record", field: str = "") -> Any:
    """Strict JSON: UTF-8, no NaN/Infinity or numbers that overflow to infinity (``json_not_finite``),
    nesting at most ``MAX_JSON_DEPTH`` deep checked on the raw text before parsing (``json_too_deep``),
    no key twice; anything else malformed is ``code``."""
    where = _("{what} 的字段 {field}").format(what=what, field=field) if field else what
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
    except UnicodeDecodeError:
        raise RecordError(_("{where} 不是 UTF-8 编码的 JSON").format(where=where), code=code, record=what, field=field) from None
    shape = _nesting(text)
    if shape == "deep":
        raise RecordError(_("{where} 的 JSON 嵌套超过 {MAX_JSON_DEPTH} 层").format(where=where, MAX_JSON_DEPTH=MAX_JSON_DEPTH), code="json_too_deep", record=what,
                          field=field)
    if shape == "unbalanced":
        raise RecordError(_("{where} 不是有效的 JSON：括号不配对").format(where=where), code=code, record=what, field=field)
    try:
        return json.loads(text, parse_float=_float, parse_int=_int, parse_constant=_constant,
                          object_pairs_hook=_pairs)
    except _Refused as exc:
        inner = _locate(text) if exc.code else ""  # where the number is: "answers[0].extra_deduction"
        at = ".".join(part for part in (field, inner) if part)
        shown = _("{what} 的字段 {at}").format(what=what, at=at) if at else what
        raise RecordError(f"{shown}：{exc}", code=exc.code or code, record=what, field=at) from None
    except (ValueError, RecursionError) as exc:  # RecursionError: not reachable after _nesting, kept as a net
        raise RecordError(_("{where} 不是有效的 JSON：{exc}").format(where=where, exc=exc), code=code, record=what, field=field) from None
