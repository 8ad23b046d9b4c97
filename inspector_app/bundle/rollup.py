"""Roll-ups (``office-to-parent``, docs/bundle-format.md §12): the record kinds and fields that only an
office's bundle for the office above carries, and their pure checks.

* Every enterprise and inspection record names its ``origin`` – the path of the area of the office that
  holds it (an enterprise of a city's own register: the city's path and its district's) – and an
  inspection its ``campaign_id``.
* ``data/records/filed_reports/<uid>.json``: a report filed at a campaign's duty (``FILED_REPORT_FIELDS``,
  as ``services.filing`` keeps it), its PDF and workbook carried as ``data/reports/<sha256>.pdf|xlsx``.
* ``data/records/offices/<key>.json``: the document settings (``OFFICE_SETTINGS``) of an office whose
  records the roll-up carries, by the path of its area, so that the sheets it printed verify above too.

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

ROLLUP_KINDS = ("templates", "enterprises", "inspections", "filed_reports", "offices")
FILED_REPORT_FIELDS = ("uid", "campaign_id", "duty_id", "jurisdiction", "serial", "number", "as_of", "filed_at",
                       "filed_by", "figures", "text", "pdf_sha256", "xlsx_sha256", "origin")
#: The workspace settings a printed sheet depends on (``services.sheets``: authority, number prefix, appeal).
OFFICE_SETTINGS = ("authority_name", "authority_short", "government_name", "superior_authority", "court_name")
MAX_FILED_REPORTS = 10_000
MAX_OFFICES = 1_000
MAX_FIGURES = 4_000_000  # characters of a filed report's frozen figures (JSON)
PATH = text(200, blank=False, pattern=re.compile(r"\S{1,200}"))  # an area's path: names joined, no spaces
UID = re.compile(r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}")

FILED_REPORT: Schema = {
    "uid": text(36, pattern=UID), "campaign_id": text(100, blank=False), "duty_id": text(60, blank=False),
    "jurisdiction": PATH, "serial": integer(1, 1_000_000), "number": text(100, blank=False), "as_of": day,
    "filed_at": WHEN, "filed_by": NAME, "figures": text(MAX_FIGURES), "text": FREE, "pdf_sha256": SHA_OR_EMPTY,
    "xlsx_sha256": SHA_OR_EMPTY, "origin": PATH}
OFFICE: Schema = {"jurisdiction": PATH}
SETTING = text(200)


def _count(rows: list[tuple[str, Any]], limit: int, kind: str) -> None:
    if len(rows) > limit:
        raise RecordError(f"{kind} 有 {len(rows)} 条记录，超过 {limit} 条的上限", code="too_many_records", record=kind)


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
            raise RecordError(f"{record} 的字段 figures 应为 JSON 对象", record=record, field="figures")
    offices = records.get("offices", [])
    _count(offices, MAX_OFFICES, "offices")
    seen: set[str] = set()
    for key, rec in offices:
        record = f"offices/{key}"
        _fields(rec, OFFICE, record)
        settings = rec.get("settings")
        if not isinstance(settings, dict) or set(settings) - set(OFFICE_SETTINGS):
            raise RecordError(f"{record} 的字段 settings 应为对象，只含 {'、'.join(OFFICE_SETTINGS)}", record=record,
                              field="settings")
        _fields(settings, {name: SETTING for name in settings}, f"{record} settings")
        if rec["jurisdiction"] in seen:
            raise RecordError(f"{record}：辖区 {rec['jurisdiction']} 出现两次", record=record, field="jurisdiction")
        seen.add(rec["jurisdiction"])
