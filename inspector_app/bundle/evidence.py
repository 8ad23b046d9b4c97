"""Evidence in bundles: photos (originals and derived copies), signatures and printed sheets – the format.

Rows travel as JSON inside the inspection record (keys ``photos``, ``signatures``, ``sheets``), references
between rows by uid (never by local id), and the files as content-addressed payload:
``data/photos/originals/<sha>.<ext>``, ``data/photos/derived/<sha>.<ext>``, ``data/signatures/<sha>.png``,
``data/sheets/<sha>.pdf``.  Pure format: reading and writing the workspace's evidence tables and files is
``services.sync.evidence_files``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any, Literal

from inspector_app.bundle.errors import BagInvalidError
from inspector_app.translation import _

PHOTO_FIELDS = ("uid", "item_code", "sha256", "original_name", "original_ext", "format", "size_bytes", "captured_at",
                "captured_offset", "time_source", "gps_lat", "gps_lon", "gps_alt", "make", "model", "orientation",
                "width", "height", "display_sha256", "thumb_sha256", "markup_json", "markup_sha256", "caption",
                "position", "role", "added_by", "added_at", "plausibility_ack")
#: Photo fields an older bundle may lack (or carry as null): the receiver then keeps what it has.
#: ``plausibility_ack`` – the plausibility warnings the inspector accepted (domain.plausibility), codes
#: joined by ",", so that the office sees the decision beside the warning.
OPTIONAL_PHOTO_FIELDS = ("plausibility_ack",)
SIGNATURE_FIELDS = ("uid", "role", "signer_name", "signed_at", "strokes_json", "image_sha256", "refused",
                    "refusal_reason", "recorded_by")
SHEET_FIELDS = ("uid", "inspection_uid", "kind", "content_hash", "code", "pages", "pdf_sha256", "printed_at",
                "printed_by")
ORIGINAL_EXTS = ("jpg", "jpeg", "png", "heic", "heif")
# The values these fields may take (the workspace's own lists, ``storage.models_evidence`` /
# ``models_sheets`` and ``photos.metadata``, repeated here because the format reads no ORM module).
PHOTO_ROLES = ("", "before", "after")
SIGNER_ROLES = ("inspector", "enterprise_rep", "witness")
SHEET_KINDS = ("record", "scoresheet", "order", "measures", "recheck")
TIME_SOURCES = ("exif", "device_clock")

ORIGINALS = "data/photos/originals/"
DERIVED = "data/photos/derived/"
SIGNATURES = "data/signatures/"
SHEETS = "data/sheets/"
REPORTS = "data/reports/"  # the PDF and workbook of a filed report (roll-ups, docs/bundle-format.md §12)
CASE_FILES = "data/cases/"  # the files attached to a 摘牌 case's steps (roll-ups, §12)

Kind = Literal["original", "derived", "sheet", "report", "case"]


def parse_evidence_field(name: str, value: Any) -> Any:
    """A value of an evidence row read back: ``*_at`` fields are date-times, the rest as they are."""
    if value is None or not name.endswith("_at"):
        return value
    try:
        return datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise BagInvalidError(_("证据字段 {name} 的时间 {value!r} 无效").format(name=name, value=value), code="bad_record") from None


def check_original_ext(ext: str, original_name: str) -> None:
    """Only these photo formats may travel as originals."""
    if ext.lower() not in ORIGINAL_EXTS:
        raise BagInvalidError(_("照片 {original_name}：.{ext} 格式的原始文件不能放入数据包").format(original_name=original_name, ext=ext), code="bad_record")


def member(folder: str, sha: str, ext: str) -> str:
    """The payload path of a content-addressed file: ``<folder><sha>.<ext>``."""
    return f"{folder}{sha}.{ext.lstrip('.').lower()}"


def classify(rel: str) -> tuple[Kind, str, str]:
    """What a payload path holds: (original / derived / sheet / report / case, its SHA-256, its extension)."""
    name = rel.rsplit("/", 1)[1]
    sha, ext = name.split(".", 1)
    if rel.startswith(SHEETS):
        return "sheet", sha, ext
    if rel.startswith(REPORTS):
        return "report", sha, ext
    if rel.startswith(CASE_FILES):
        return "case", sha, ext
    return ("original" if rel.startswith(ORIGINALS) else "derived"), sha, ext


def required_files(rec: dict[str, Any]) -> Iterator[str]:
    """SHA-256 of every file an inspection record refers to (to check they are present)."""
    for p in rec.get("photos", []):
        yield p["sha256"]
    for s in rec.get("signatures", []):
        if s.get("image_sha256"):
            yield s["image_sha256"]
