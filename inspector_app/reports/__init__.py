"""The printable documents (现场检查记录, 检查评分表, 责令限期整改指令书, 现场处理措施决定书, 整改复查意见书;
docs/documents.md) and their verification. No Qt, no database.

Public API::

    from inspector_app.reports import render_sheet, SheetData, verify, Verification
    result = render_sheet(data, "record", "out.pdf", progress, cancel)
    result.pages, result.code, result.qr_payload, result.content_hash
    verify("INSP-12-ABCDE-FGHIJ", lookup)  # -> Verification.MATCHES / CHANGED / UNKNOWN
"""

from __future__ import annotations

from inspector_app.reports.content_hash import (
    ParsedCode,
    RecordKey,
    Verification,
    canonical_json,
    compare,
    content_hash,
    content_hashes,
    legacy_hashes,
    parse_code,
    projection,
    qr_payload,
    short_code,
    short_id,
    verify,
)
from inspector_app.reports.errors import BadVerificationCodeError, FontNotFoundError, ReportError
from inspector_app.reports.render import RenderedSheet, check_ready, render_sheet, render_sheet_bytes
from inspector_app.reports.sheet_data import (
    DOC_TITLES,
    NUMBERED_KINDS,
    SHEET_KINDS,
    Appeal,
    DocumentNumber,
    ElementResult,
    Finding,
    Inspector,
    ItemResult,
    Photo,
    RecheckInfo,
    ScoreSummary,
    SheetData,
    SheetKind,
    Signature,
    Subject,
)

__all__ = [
    "DOC_TITLES",
    "NUMBERED_KINDS",
    "SHEET_KINDS",
    "Appeal",
    "BadVerificationCodeError",
    "DocumentNumber",
    "ElementResult",
    "Finding",
    "FontNotFoundError",
    "Inspector",
    "ItemResult",
    "ParsedCode",
    "Photo",
    "RecheckInfo",
    "RecordKey",
    "RenderedSheet",
    "ReportError",
    "ScoreSummary",
    "SheetData",
    "SheetKind",
    "Signature",
    "Subject",
    "Verification",
    "canonical_json",
    "check_ready",
    "compare",
    "content_hash",
    "content_hashes",
    "legacy_hashes",
    "parse_code",
    "projection",
    "qr_payload",
    "render_sheet",
    "render_sheet_bytes",
    "short_code",
    "short_id",
    "verify",
]
