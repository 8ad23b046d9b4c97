"""Record validation against the workspace, before an import's transaction begins.

``validate_bundle`` runs between verification (zip, manifests, signature, trust) and the transaction
that applies a bundle; a refusal raises a ``RecordError`` (``bundle.validate``) with a stable code and the
record and field it is about, and nothing is written.  In order:

1. the pure checks of ``bundle.validate`` (the schema of every record, uids unique within the bundle,
   at most ``MAX_PHOTOS`` photos per inspection, signatures only as PNG) and of ``bundle.campaign_records``
   (a campaign: its size, SHA-256 and JSON that ``parse_campaign`` reads);
2. item codes and deduction rules exist in the template version the inspection uses – the stored copy,
   or the one the bundle carries (``unknown_item_code``);
3. no finding, photo, signature, sheet or re-check uid belongs to another inspection here (``foreign_uid``);
4. the markup of photos and the strokes of signatures parse (``bad_record`` / ``bad_signature_image``);
5. every carried file not already stored here is what its name says: photo originals decoded with the limits of ``photos add``
   (``photos.decode``: not an image, unsupported, decompression bomb, too large, truncated), derived
   images and signature PNGs opened and decoded with the same pixel limits, sheets are PDFs
   (``bad_photo``, ``bad_signature_image``, ``bad_sheet_file``), a filed report's files (roll-ups) a PDF
   and an xlsx workbook (``bad_report_file``), a 摘牌 case's attachments (roll-ups) a PDF or a JPEG or PNG
   image that decodes (``bad_case_file``).

A roll-up (``office-to-parent``) also carries filed reports and offices' settings, and its enterprises and
inspections name their origin: ``bundle.rollup.check_rollup``.

A bundle imported before is not checked again: its import writes nothing.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import warnings
import zipfile
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from PIL import Image, UnidentifiedImageError
from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.bundle.bag_verify import VerifiedBundle
from inspector_app.bundle.campaign_records import check_campaigns
from inspector_app.bundle.evidence import (
    CASE_FILES,
    DERIVED,
    ORIGINALS,
    REPORTS,
    SHEETS,
    SIGNATURES,
    classify,
)
from inspector_app.bundle.profile import Direction
from inspector_app.bundle.rollup import ROLLUP_KINDS, check_rollup
from inspector_app.bundle.validate import RecordError, check_records, unexpected
from inspector_app.domain.errors import InspectorError
from inspector_app.domain.progress import CancelToken
from inspector_app.domain.template import Template, parse_template
from inspector_app.photos.decode import IngestOptions, PhotoRejected, check_photo
from inspector_app.photos.markup import parse_shapes
from inspector_app.photos.signature import strokes_from_json
from inspector_app.photos.store import PhotoStore
from inspector_app.services.unit import reading
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models import Finding, Inspection, TemplateRecord
from inspector_app.storage.models_evidence import Photo, Signature
from inspector_app.storage.models_sheets import PrintedSheet, Recheck
from inspector_app.storage.models_sync import ImportedBundle
from inspector_app.translation import _

KINDS = ("templates", "campaigns", "enterprises", "inspections")
DERIVED_FORMATS = ("JPEG", "PNG", "WEBP", "MPO")  # display copies, thumbnails, marked-up copies
SIGNATURE_PIXELS = 40_000_000  # what photos.signature renders at most
_CHUNK = 500  # uids per IN (…) query
XLSX_MEMBERS, XLSX_BYTES = 10_000, 1 << 30  # a filed report's workbook (roll-ups)
Records = Mapping[str, list[tuple[str, Any]]]


def validate_bundle(ws: Workspace, bundle: VerifiedBundle, options: IngestOptions | None = None, *,
                    cancel: CancelToken | None = None) -> None:
    """Check every record and carried file of a verified bundle; raise ``RecordError`` on the first
    problem (``Cancelled`` when ``cancel`` is set).  Reads only: call it before the import's unit of work."""
    with reading(ws) as session:
        if session.get(ImportedBundle, bundle.header.bundle_id) is not None:
            return
        rollup = bundle.header.direction is Direction.OFFICE_TO_PARENT
        records = {kind: bundle.records_of(kind) for kind in (ROLLUP_KINDS if rollup else KINDS)}
        check_records(records, bundle.payload)
        if rollup:
            check_rollup(records)
        else:
            check_campaigns(records)
        check_item_codes(session, records)
        check_owners(session, records["inspections"])
    check_drawings(records["inspections"])
    new = {rel: path for rel, path in bundle.staged.items() if not _stored(rel, ws.photo_dir, ws.sheet_dir)}
    check_files(new, records["inspections"], options or IngestOptions(), cancel)


# -- the template version -------------------------------------------------------------------------
def _parsed(content: str, key: str) -> Template | None:
    try:
        return parse_template(json.loads(content), key)
    except (InspectorError, ValueError):
        return None  # a bad bundled template is refused by the import itself (bad_record)


def _template(session: Session, bundled: dict[tuple[str, str], dict[str, Any]], template_id: str, version: str,
              sha: str) -> Template | None:
    """The template version an inspection uses: the stored copy, else the bundle's; None when neither
    matches (the import then rejects that inspection as missing_enterprise_or_template)."""
    key = f"{template_id}@{version}"
    stored = session.scalar(select(TemplateRecord).where(TemplateRecord.template_id == template_id,
                                                         TemplateRecord.version == version))
    if stored is not None:
        return _parsed(stored.content, key) if stored.sha256 == sha else None
    rec = bundled.get((template_id, version))
    if rec is None or rec["sha256"] != sha or hashlib.sha256(rec["content"].encode()).hexdigest() != sha:
        return None
    return _parsed(rec["content"], key)


def check_item_codes(session: Session, records: Records) -> None:
    """Answers, findings and photos name items of the inspection's template version; deductions name
    rules of their item, at most as often as the rule allows."""
    bundled = {(rec["template_id"], rec["version"]): rec for _key, rec in records.get("templates", [])}
    cache: dict[tuple[str, str, str], Template | None] = {}
    for _key, rec in records.get("inspections", []):
        ref = rec["template"]
        ident = (ref["template_id"], ref["version"], ref["sha256"])
        if ident not in cache:
            cache[ident] = _template(session, bundled, *ident)
        template = cache[ident]
        if template is not None:
            _check_items(template, rec, f"inspections/{rec['uid']}")


def _unknown(record: str, field: str, code: str, template: Template) -> RecordError:
    return RecordError(_("{record} 的字段 {field}：检查表 {id} {version} 中没有检查项 {code!r}").format(record=record, field=field, id=template.id, version=template.version, code=code),
                       code="unknown_item_code", record=record, field=field)


def _check_items(template: Template, rec: dict[str, Any], record: str) -> None:
    items = {item.code: item for item in template.items}
    for index, answer in enumerate(rec["answers"]):
        where = f"{record} answers[{index}]"
        item = items.get(answer["item_code"])
        if item is None:
            raise _unknown(where, "item_code", answer["item_code"], template)
        for rule_code, times in answer["deductions"]:
            rule = item.rule(rule_code)
            if rule is None:
                raise RecordError(_("{where} 的字段 deductions：检查项 {code} 没有扣分规则 {rule_code!r}").format(where=where, code=item.code, rule_code=rule_code),
                                  code="unknown_item_code", record=where, field="deductions")
            if times > rule.max_times:
                raise RecordError(_("{where} 的字段 deductions：扣分规则 {rule_code} 最多 {max_times} 次，而不是 {times} 次").format(where=where, rule_code=rule_code, max_times=rule.max_times, times=times), code="number_out_of_range", record=where, field="deductions")
    for key in ("findings", "photos"):
        for index, row in enumerate(rec.get(key, [])):
            if row["item_code"] and row["item_code"] not in items:
                raise _unknown(f"{record} {key}[{index}] {row['uid']}", "item_code", row["item_code"], template)


# -- uids of other inspections --------------------------------------------------------------------
_OWNED: tuple[tuple[str, Any], ...] = (("findings", Finding), ("photos", Photo), ("signatures", Signature),
                                       ("sheets", PrintedSheet), ("recheck", Recheck))


def _owned(rec: dict[str, Any], key: str) -> list[tuple[str, dict[str, Any]]]:
    """(where, row) of the rows of ``key``: a list, or the single ``recheck`` object (or null)."""
    if key == "recheck":
        return [(key, rec[key])] if rec.get(key) is not None else []
    return [(f"{key}[{index}]", row) for index, row in enumerate(rec.get(key, []))]


def check_owners(session: Session, inspections: Iterable[tuple[str, Any]]) -> None:
    """A finding, photo, signature, sheet or re-check uid that exists here under another inspection is
    refused (``foreign_uid``): applying it would move or break that inspection's evidence."""
    records = [rec for _key, rec in inspections]
    for key, model in _OWNED:
        wanted = {row["uid"]: (rec["uid"], f"inspections/{rec['uid']} {where}")
                  for rec in records for where, row in _owned(rec, key)}
        uids = sorted(wanted)
        for start in range(0, len(uids), _CHUNK):
            stmt = (select(model.uid, Inspection.uid).join(Inspection, Inspection.id == model.inspection_id)
                    .where(model.uid.in_(uids[start:start + _CHUNK])))
            for uid, owner in session.execute(stmt):
                inspection_uid, where = wanted[uid]
                if owner != inspection_uid:
                    raise RecordError(_("{where} 的 uid {uid} 在本机属于另一项检查（{owner}），不能移到检查 {inspection_uid}").format(where=where, uid=uid, owner=owner, inspection_uid=inspection_uid), code="foreign_uid", record=where, field="uid")


# -- markup and strokes ---------------------------------------------------------------------------
def check_drawings(inspections: Iterable[tuple[str, Any]]) -> None:
    """Photo markup and signature strokes are the drawing data the workspace itself accepts (their JSON
    was already read by the strict reader, so parsing it again here is safe)."""
    for _key, rec in inspections:
        record = f"inspections/{rec['uid']}"
        for index, photo in enumerate(rec.get("photos", [])):
            if photo["markup_json"]:
                try:
                    parse_shapes(json.loads(photo["markup_json"]))
                except (InspectorError, ValueError, TypeError) as exc:
                    where = f"{record} photos[{index}] {photo['uid']}"
                    raise RecordError(_("{where} 的字段 markup_json：{exc}").format(where=where, exc=exc), record=where, field="markup_json") from None
        for index, signature in enumerate(rec.get("signatures", [])):
            if signature["strokes_json"]:
                try:
                    strokes_from_json(signature["strokes_json"])
                except (InspectorError, ValueError, TypeError) as exc:
                    where = f"{record} signatures[{index}] {signature['uid']}"
                    raise RecordError(_("{where} 的字段 strokes_json：签名笔迹无效（{exc}）").format(where=where, exc=exc), code="bad_signature_image",
                                      record=where, field="strokes_json") from None


# -- the carried files ----------------------------------------------------------------------------
def _users(inspections: Iterable[tuple[str, Any]]) -> dict[str, str]:
    """SHA-256 → the first row that uses the file (for messages)."""
    users: dict[str, str] = {}
    for _key, rec in inspections:
        for index, photo in enumerate(rec.get("photos", [])):
            for name in ("sha256", "display_sha256", "thumb_sha256", "markup_sha256"):
                users.setdefault(photo[name], f"inspections/{rec['uid']} photos[{index}] {photo['uid']}")
        for index, signature in enumerate(rec.get("signatures", [])):
            users.setdefault(signature["image_sha256"], f"inspections/{rec['uid']} signatures[{index}] "
                                                        f"{signature['uid']}")
    return users


def _stored(rel: str, photo_dir: Path, sheet_dir: Path) -> bool:
    """Already here (checked when it came): the import keeps the stored copy and drops the carried one."""
    kind, sha, ext = classify(rel)
    if kind in ("sheet", "report", "case"):
        return (sheet_dir / f"{sha}.{ext}").exists()
    return PhotoStore(photo_dir).exists(sha, "originals" if kind == "original" else "derived")


def check_files(staged: Mapping[str, Path], inspections: Iterable[tuple[str, Any]], options: IngestOptions,
                cancel: CancelToken | None = None) -> None:
    """Every staged (carried) evidence file, whether a record names it or not: nothing reaches the photo
    store or the sheets folder that the workspace would not accept from its own users.  Originals are
    decoded on a few threads (Pillow decodes without the GIL); the first problem in path order is raised."""
    users = _users(inspections)
    files = sorted(staged.items())
    images = [(rel, path) for rel, path in files if rel.startswith((ORIGINALS, DERIVED, SIGNATURES))]
    with ThreadPoolExecutor(max(1, min(4, os.cpu_count() or 1))) as pool:
        decoded = pool.map(lambda item: _file_problem(item[0], item[1], options, cancel), images)
        problems = dict(zip((rel for rel, _path in images), decoded, strict=True))
    for rel, path in files:
        if cancel is not None:
            cancel.raise_if_cancelled()
        sha = rel.rsplit("/", 1)[1].split(".", 1)[0]
        record = users.get(sha, rel)
        if rel.startswith(SIGNATURES):
            problem, code = problems[rel], "bad_signature_image"
        elif rel.startswith((ORIGINALS, DERIVED)):
            problem, code = problems[rel], "bad_photo"
        elif rel.startswith(SHEETS):
            problem, code = _pdf_problem(path), "bad_sheet_file"
        elif rel.startswith(REPORTS):
            problem, code = report_file_problem(path), "bad_report_file"
        elif rel.startswith(CASE_FILES):
            problem, code = case_file_problem(path, options), "bad_case_file"
        else:
            continue
        if problem:
            raise RecordError(_("{record}：文件 {rel} {problem}").format(record=record, rel=rel, problem=problem), code=code, record=record, field=rel)


def _file_problem(rel: str, path: Path, options: IngestOptions, cancel: CancelToken | None) -> str:
    """One carried image's problem (run on the pool: Pillow decodes without the GIL)."""
    if rel.startswith(ORIGINALS):
        return _original_problem(path, rel, options, cancel)
    if cancel is not None and cancel.cancelled:
        return ""  # check_files raises Cancelled
    if rel.startswith(DERIVED):
        return _image_problem(path, DERIVED_FORMATS, options.max_pixels, options.max_file_bytes)
    return _image_problem(path, ("PNG",), SIGNATURE_PIXELS, options.max_file_bytes)


def _original_problem(path: Path, rel: str, options: IngestOptions, cancel: CancelToken | None) -> str:
    """The refusals of ``photos add`` (``photos.decode.check_photo``), as a reason; "" when it passes."""
    if cancel is not None and cancel.cancelled:
        return ""  # check_files raises Cancelled
    size = path.stat().st_size
    if size > options.max_file_bytes:
        return _("过大（{size} 字节，上限 {max_file_bytes}）[too_large]").format(size=size, max_file_bytes=options.max_file_bytes)
    try:
        check_photo(path.read_bytes(), rel, options)
    except PhotoRejected as exc:
        return _("不能作为照片：{reason} [{code}]").format(reason=exc.reason, code=exc.code)
    except Exception as exc:  # an exotic decoder failure is a refusal too, never a traceback
        return _("不能作为照片：解码失败（{name}: {exc}）[error]").format(name=type(exc).__name__, exc=exc)
    return ""


def _image_problem(path: Path, formats: tuple[str, ...], max_pixels: int, max_bytes: int) -> str:
    """Opened with only ``formats`` enabled, size checked before the pixels are decoded, then decoded."""
    size = path.stat().st_size
    if size == 0 or size > max_bytes:
        return _("大小无效（{size} 字节）").format(size=size)
    data = path.read_bytes()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=list(formats)) as image:
                width, height = image.size
                if width <= 0 or height <= 0 or width * height > max_pixels:
                    return (_("疑似解压炸弹：{width}×{height} 像素，超过 {value:.0f} MP 上限 [bomb]").format(width=width, height=height, value=max_pixels / 1000000.0))
                if image.format == "JPEG":  # every entropy-coded block is still read at 1/8 scale
                    image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
                image.load()
        except Image.DecompressionBombError:
            return _("疑似解压炸弹（像素数远超照片所需）[bomb]")
        except UnidentifiedImageError:
            return _("不是 {formats} 图像 [not_image]").format(formats='/'.join(formats))
        except Exception:  # the library's English words are no help to the person: the file is damaged
            return _("图像数据损坏或不完整 [truncated]")
    return ""


def report_file_problem(path: Path) -> str:
    """A filed report's file (roll-ups): its PDF as a sheet's; its workbook an xlsx – a zip holding
    ``[Content_Types].xml`` with at most ``XLSX_MEMBERS`` members and ``XLSX_BYTES`` uncompressed."""
    if path.suffix == ".pdf":
        return _pdf_problem(path)
    try:
        with zipfile.ZipFile(path) as workbook:
            members = workbook.infolist()
            if len(members) > XLSX_MEMBERS or sum(m.file_size for m in members) > XLSX_BYTES:
                return _("不是工作簿文件（成员过多或解压后过大）")
            if "[Content_Types].xml" not in {m.filename for m in members}:
                return _("不是 xlsx 工作簿文件")
    except (zipfile.BadZipFile, OSError, ValueError):
        return _("不是 xlsx 工作簿文件")
    return ""


def case_file_problem(path: Path, options: IngestOptions) -> str:
    """A file attached to a 摘牌 case's step (roll-ups): a PDF, or a JPEG or PNG that decodes within the
    photo limits."""
    if path.suffix == ".pdf":
        return _pdf_problem(path)
    return _image_problem(path, ("JPEG", "PNG"), options.max_pixels, options.max_file_bytes)


def _pdf_problem(path: Path) -> str:
    with open(path, "rb") as handle:
        head = handle.read(5)
        handle.seek(max(0, path.stat().st_size - 1024))
        tail = handle.read()
    if head != b"%PDF-" or b"%%EOF" not in tail:
        return _("不是 PDF 文件")
    return ""


__all__ = ["unexpected", "validate_bundle"]
