"""Roll-ups (``office-to-parent``, docs/bundle-format.md §12): the record kinds and fields that only an
office's bundle for the office above carries, and their pure checks.

* Every enterprise and inspection record names its ``origin`` – the path of the area of the office that
  holds it (an enterprise of a city's own register: the city's path and its district's) – and an
  inspection its ``campaign_id``.
* ``data/records/filed_reports/<uid>.json``: a report filed at a campaign's duty (``FILED_REPORT_FIELDS``,
  as ``services.filing`` keeps it), its PDF and workbook carried as ``data/reports/<sha256>.pdf|xlsx``.
* ``data/records/offices/<key>.json``: the document settings (``OFFICE_SETTINGS``) of an office whose
  records the roll-up carries, by the path of its area, so that the sheets it printed verify above too.
* ``data/records/cases/<uid>.json``: a 摘牌 case file (``CASE_FIELDS``) with its steps (``STEP_FIELDS``), the
  files attached to them carried as ``data/cases/<sha256>.pdf|jpg|png``; steps only the deciding body takes
  (``domain.delisting.DECISION_STAGES``) only from an office at or above the deciding level.

Photos travel only when asked (``--with-photos``): without them an inspection keeps its photo rows, and
the files they name need not be carried. Which office may send which records is decided by the key that
signed (``services.sync.rollup_import``), never by these fields alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from inspector_app.bundle.records import RecordError, load_json
from inspector_app.bundle.validate import (
    FREE,
    NAME,
    SHA_OR_EMPTY,
    WHEN,
    Schema,
    _fields,
    _Uids,
    day,
    integer,
    text,
)
from inspector_app.domain.delisting import STAGE_ORDER, stage_of
from inspector_app.translation import _

ROLLUP_KINDS = ("templates", "enterprises", "inspections", "filed_reports", "offices", "cases")
FILED_REPORT_FIELDS = ("uid", "campaign_id", "duty_id", "jurisdiction", "serial", "number", "as_of", "filed_at",
                       "filed_by", "figures", "text", "pdf_sha256", "xlsx_sha256", "origin")
#: The workspace settings a printed sheet depends on (``services.sheets``: authority, number prefix, appeal).
OFFICE_SETTINGS = ("authority_name", "authority_short", "government_name", "superior_authority", "court_name")
MAX_FILED_REPORTS = 10_000
MAX_OFFICES = 1_000
MAX_FIGURES = 4_000_000  # characters of a filed report's frozen figures (JSON)
CASE_FIELDS = ("uid", "enterprise_uscc", "inspection_uid", "cert_grade", "deciding_level", "stage", "grounds",
               "defence_until", "decision_number", "reapply_after", "origin", "version", "opened_at", "opened_by")
STEP_FIELDS = ("uid", "stage", "on", "by", "body", "note", "document_number", "file_sha256", "file_name",
               "recorded_at")
MAX_CASES = 10_000
MAX_STEPS = 100  # steps of one case
MAX_GROUNDS = 1_000_000  # characters of a case's grounds (JSON)
PATH = text(200, blank=False, pattern=re.compile(r"\S{1,200}"))  # an area's path: names joined, no spaces
UID = re.compile(r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}")

FILED_REPORT: Schema = {
    "uid": text(36, pattern=UID), "campaign_id": text(100, blank=False), "duty_id": text(60, blank=False),
    "jurisdiction": PATH, "serial": integer(1, 1_000_000), "number": text(100, blank=False), "as_of": day,
    "filed_at": WHEN, "filed_by": NAME, "figures": text(MAX_FIGURES), "text": FREE, "pdf_sha256": SHA_OR_EMPTY,
    "xlsx_sha256": SHA_OR_EMPTY, "origin": PATH}
OFFICE: Schema = {"jurisdiction": PATH}
STAGES = tuple(STAGE_ORDER)


def _on(value: Any) -> None:
    """A step's date: an ISO date, never null."""
    if value is None:
        text(10)(value)  # refuses null with the format's words
    day(value)


CASE: Schema = {
    "uid": text(36, pattern=UID), "enterprise_uscc": text(64, blank=False), "inspection_uid": text(36),
    "cert_grade": text(10, blank=False), "deciding_level": text(10, choices=("city", "province")),
    "stage": text(12, choices=STAGES), "grounds": text(MAX_GROUNDS), "defence_until": day,
    "decision_number": text(100), "reapply_after": day, "origin": PATH, "version": integer(1), "opened_at": WHEN,
    "opened_by": NAME}
STEP: Schema = {
    "uid": text(36, pattern=UID), "stage": text(12, choices=STAGES), "on": _on, "by": NAME, "body": text(200),
    "note": FREE, "document_number": text(100), "file_sha256": SHA_OR_EMPTY, "file_name": text(200),
    "recorded_at": WHEN}
SETTING = text(200)


def _count(rows: list[tuple[str, Any]], limit: int, kind: str) -> None:
    if len(rows) > limit:
        raise RecordError(_("{kind} 有 {count} 条记录，超过 {limit} 条的上限").format(kind=kind, count=len(rows), limit=limit), code="too_many_records", record=kind)


def check_rollup(records: Mapping[str, list[tuple[str, Any]]]) -> None:
    """The roll-up's own fields and kinds (``records``: kind → ``(file key, parsed JSON)``), after the
    checks every bundle gets (``validate.check_records``); raises ``RecordError`` on the first problem."""
    for key, rec in records.get("enterprises", []):
        _fields(rec, {"origin": PATH}, f"enterprises/{key}")
    for key, rec in records.get("inspections", []):
        _fields(rec, {"origin": PATH, "campaign_id": text(100)}, f"inspections/{key}")
    reports = records.get("filed_reports", [])
    _count(reports, MAX_FILED_REPORTS, "filed_reports")
    uids = _Uids()
    for key, rec in reports:
        record = f"filed_reports/{key}"
        _fields(rec, FILED_REPORT, record)
        uids.add(rec["uid"], record)
        if not isinstance(load_json(rec["figures"], record, field="figures"), dict):
            raise RecordError(_("{record} 的字段 figures 应为 JSON 对象").format(record=record), record=record, field="figures")
    offices = records.get("offices", [])
    _count(offices, MAX_OFFICES, "offices")
    seen: set[str] = set()
    for key, rec in offices:
        record = f"offices/{key}"
        _fields(rec, OFFICE, record)
        settings = rec.get("settings")
        if not isinstance(settings, dict) or set(settings) - set(OFFICE_SETTINGS):
            raise RecordError(_("{record} 的字段 settings 应为对象，只含 {OFFICE_SETTINGS}").format(record=record, OFFICE_SETTINGS='、'.join(OFFICE_SETTINGS)), record=record,
                              field="settings")
        _fields(settings, {name: SETTING for name in settings}, f"{record} settings")
        if rec["jurisdiction"] in seen:
            raise RecordError(_("{record}：辖区 {jurisdiction} 出现两次").format(record=record, jurisdiction=rec['jurisdiction']), record=record, field="jurisdiction")
        seen.add(rec["jurisdiction"])
    check_cases(records.get("cases", []))


def check_cases(cases: list[tuple[str, Any]]) -> None:
    """The case files: their fields, their steps (each uid once in the bundle), the grounds a JSON list,
    and the stage the furthest of the steps'."""
    _count(cases, MAX_CASES, "cases")
    uids = _Uids()
    for key, rec in cases:
        record = f"cases/{key}"
        _fields(rec, CASE, record)
        uids.add(rec["uid"], record)
        if not isinstance(load_json(rec["grounds"], record, field="grounds"), list):
            raise RecordError(_("{record} 的字段 grounds 应为 JSON 列表").format(record=record), record=record, field="grounds")
        steps = rec.get("steps")
        if not isinstance(steps, list) or not steps or len(steps) > MAX_STEPS:
            raise RecordError(_("{record} 的字段 steps 应为 1 至 {MAX_STEPS} 个步骤的列表").format(record=record, MAX_STEPS=MAX_STEPS), record=record, field="steps",
                              code="too_many_records" if isinstance(steps, list) and steps else "bad_record")
        for index, step in enumerate(steps):
            where = f"{record} steps[{index}]"
            _fields(step, STEP, where)
            uids.add(step["uid"], where)
        if rec["stage"] != stage_of([step["stage"] for step in steps]):
            raise RecordError(_("{record} 的字段 stage（{stage}）与其步骤不符").format(record=record, stage=rec['stage']), record=record, field="stage")
