"""The content hash of a sheet's record, its printed short code, its QR payload, and verification.

* ``canonical_json(data, kind)``: the part of the record that a sheet of that kind prints
  (``projection``) as JSON with sorted keys, UTF-8, no whitespace. Binary payloads are replaced by
  digests (photos by the SHA-256 of their original file, signature images by the SHA-256 of their
  PNG); numbers are normalised so that ``10`` and ``10.0`` hash alike. The printing time is not part
  of it. The on-site record leaves out the findings' later rectification status, so a hazard being
  rectified does not make the signed record "changed since printing".
* ``short_code(short_id, hash)``: ``INSP-<short id>-XXXXX-XXXXX`` – the short id is the first eight
  characters of the inspection's uid (``short_id``), the same in every workspace the record travels to;
  then the first 10 base32 characters (50 bits) of the hash, in two groups of five for reading aloud over
  the phone. Reading errors 0/1/8 are taken as O/I/B (base32 has no 0, 1, 8 or 9).
* ``qr_payload(short_id, uid, hash)``: ``INSP:1:<short id>:<uid>:<64 hex>`` – the full hash and the
  stable uid.

Hash version 2 (since 2026-12): the record is identified by its uid only. Since the five documents
(issue 11) each kind covers what it prints (``projection``): the on-site record no longer covers the
score, which only the score sheet prints. Version 1 also hashed the
local row number, which differs in every workspace, so a genuine sheet printed on a laptop read as
"changed since printing" at the office; ``legacy_hashes`` still recognises version-1 prints in the
workspace that printed them.
* ``verify(code_or_payload, lookup)``: ``Verification.MATCHES``, ``CHANGED`` or ``UNKNOWN``;
  ``lookup(RecordKey)`` returns the record's *current* hash (hex), or its hashes for every kind
  (``content_hashes(data).values()``; the code does not say which kind it is on), or ``None``.
"""

from __future__ import annotations

import base64
import dataclasses
import enum
import hashlib
import json
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from inspector_app.reports.errors import BadVerificationCodeError
from inspector_app.reports.sheet_data import (
    SHEET_KINDS,
    Photo,
    SheetData,
    SheetKind,
    Signature,
    item_problems,
    measure_findings,
    ordered_findings,
    record_signatures,
)

HASH_VERSION = 2
CODE_PREFIX = "INSP"
QR_PREFIX = "INSP:1:"
SHORT_HASH_LEN = 10


class Verification(enum.Enum):
    MATCHES = "matches"
    CHANGED = "changed since printing"
    UNKNOWN = "unknown record"

    def __str__(self) -> str:
        return self.value


@dataclasses.dataclass(frozen=True)
class RecordKey:
    """What a printed code names: the id as printed and, from the QR code, the stable uid."""

    inspection_id: str
    uid: str | None = None


@dataclasses.dataclass(frozen=True)
class ParsedCode:
    key: RecordKey
    hash_hex: str | None  # full hash (QR payload)
    hash_prefix_b32: str  # first 10 base32 characters (both forms)


# The record's current hash – or its current hashes, one per sheet kind – or None when unknown.
HashLookup = Callable[[RecordKey], "str | Iterable[str] | None"]


def _number(value: float | int) -> str:
    return format(Decimal(repr(round(float(value), 6))).normalize(), "f")


def _plain(value: Any) -> Any:
    if isinstance(value, Photo):
        return {
            "number": value.number,
            "caption": value.caption,
            "sha256_original": value.sha256_original,
            "captured_at": _plain(value.captured_at),
            "time_source": value.time_source,
            "finding_number": value.finding_number,
        }
    if isinstance(value, Signature):
        out = {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return out
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, bytes):
        return {"sha256": hashlib.sha256(value).hexdigest()}
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return {"n": _number(value)}
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    raise TypeError(f"cannot hash a {type(value).__name__}")


_FOLLOW_UP = ("status", "recheck_result", "recheck_note")  # what rectification changes later


def projection(data: SheetData, kind: SheetKind = "record") -> dict[str, Any]:
    """The part of the record that a document of ``kind`` prints (and so what its hash covers).

    Each document covers what it prints: the on-site record its number, the officers, the findings
    without their later rectification status (rectifying a hazard does not make a signed 现场检查记录
    "changed since printing") and the problems found, never the score; the score sheet the items, the
    score and the conclusion; the order and the measures decision the findings they list; the
    re-inspection opinion its visit and the order's findings with their re-check results."""
    if kind not in SHEET_KINDS:
        raise ValueError(f"unknown sheet kind {kind!r}")
    return _projection(data, _plain(data), kind, ("inspection_uid",))


def _projection(data: SheetData, record: dict[str, Any], kind: SheetKind,
                identity: tuple[str, ...]) -> dict[str, Any]:
    base = {k: record[k] for k in (*identity, "subject", "authority")}
    base["number"] = _plain(data.doc_number(kind))
    officers = [_plain(i) for i in data.officers]
    by_number = dict(zip((f.number for f in data.findings), record["findings"], strict=True))
    findings = {n: {k: v for k, v in f.items() if k not in _FOLLOW_UP} for n, f in by_number.items()}
    if kind in ("record", "order"):  # they do not print the on-site measures decided
        findings = {n: {k: v for k, v in f.items() if k != "measures"} for n, f in findings.items()}
    appeal = {"appeal": record["appeal"], "started_at": record["started_at"]}
    if kind == "record":
        keep: tuple[str, ...] = ("template_title", "template_ref", "started_at", "ended_at", "photos", "remarks")
        problems = [_plain(p) for p in item_problems(data)]
        signatures = [_plain(s) for s in record_signatures(data)]
        return {**base, **{k: record[k] for k in keep}, "inspectors": record["inspectors"], "problems": problems,
                "signatures": signatures, "findings": [findings[n] for n in sorted(findings)]}
    if kind == "scoresheet":
        keep = ("template_title", "template_ref", "started_at", "ended_at", "inspectors", "elements", "summary",
                "signatures")
        return {**base, **{k: record[k] for k in keep}}
    if kind == "order":
        listed = [findings[f.number] for f in ordered_findings(data)]
        return {**base, **appeal, "inspectors": officers, "findings": listed}
    if kind == "measures":
        listed = [findings[f.number] for f in measure_findings(data)]
        return {**base, **appeal, "inspectors": officers, "findings": listed}
    return {**base, "findings": [by_number[f.number] for f in ordered_findings(data)],
            "recheck": record["recheck"]}


def canonical_json(data: SheetData, kind: SheetKind = "record") -> bytes:
    """Sorted keys, UTF-8, no whitespace; the input of ``content_hash``."""
    doc = {"hash_version": HASH_VERSION, "kind": kind, "record": projection(data, kind)}
    return json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def content_hash(data: SheetData, kind: SheetKind = "record") -> str:
    """SHA-256 (64 lowercase hex digits) of ``canonical_json(data, kind)``."""
    return hashlib.sha256(canonical_json(data, kind)).hexdigest()


def content_hashes(data: SheetData) -> dict[str, str]:
    """The current hash for every sheet kind (what a verification lookup returns)."""
    return {kind: content_hash(data, kind) for kind in SHEET_KINDS}


def legacy_hashes(data: SheetData, local_id: str | int) -> list[str]:
    """The version-1 hashes of every kind, which also covered the local row number ``local_id``: a
    sheet printed before version 2 still verifies in the workspace that printed it."""
    record = {**_plain(data), "inspection_id": str(local_id)}
    hashes = []
    for kind in SHEET_KINDS:
        doc = {"hash_version": 1, "kind": kind, "record": _projection(data, record, kind, ("inspection_id",
                                                                                           "inspection_uid"))}
        raw = json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        hashes.append(hashlib.sha256(raw).hexdigest())
    return hashes


def short_id(uid: str) -> str:
    """The first eight characters of a uid, upper-case: what a short code names an inspection by."""
    return uid.replace("-", "")[:8].upper()


def _b32_prefix(hash_hex: str) -> str:
    return base64.b32encode(bytes.fromhex(hash_hex)).decode("ascii")[:SHORT_HASH_LEN]


def short_code(inspection_id: str | int, hash_hex: str) -> str:
    """``INSP-<short id>-XXXXX-XXXXX`` (``inspection_id`` is ``short_id(uid)``; codes printed before hash
    version 2 carry the local row number there)."""
    prefix = _b32_prefix(hash_hex)
    return f"{CODE_PREFIX}-{inspection_id}-{prefix[:5]}-{prefix[5:]}"


def qr_payload(inspection_id: str | int, uid: str, hash_hex: str) -> str:
    """``INSP:1:<id>:<UID>:<HASH>`` in upper case: QR alphanumeric mode, version 5 instead of 7 for a
    UUID, so the modules print larger. The uid comes back upper-cased: compare it case-insensitively."""
    return f"{QR_PREFIX}{inspection_id}:{uid}:{hash_hex}".upper()


_CODE_RE = re.compile(r"^INSP-?([A-Z0-9]+?)-?([A-Z2-7]{5})-?([A-Z2-7]{5})$")
_HEX_RE = re.compile(r"^[0-9a-fA-F]{64}$")


def parse_code(text: str) -> ParsedCode:
    """Parse a short code or a QR payload; ``BadVerificationCodeError`` when it is neither."""
    raw = text.strip()
    if raw.upper().startswith(QR_PREFIX):
        parts = raw[len(QR_PREFIX) :].split(":")
        if len(parts) >= 3 and parts[0] and _HEX_RE.match(parts[-1]):
            uid = ":".join(parts[1:-1])
            hash_hex = parts[-1].lower()
            return ParsedCode(RecordKey(parts[0], uid or None), hash_hex, _b32_prefix(hash_hex))
        raise BadVerificationCodeError(f"not a valid sheet QR payload: {raw[:80]!r}")
    compact = re.sub(r"[\s\u3000\-—－_]+", "-", raw.upper()).strip("-")
    match = _CODE_RE.match(compact)
    if match is None:
        # tolerate 0/1/8 read for O/I/B in the hash groups
        fixed = re.sub(
            r"([A-Z0-9]{5})-?([A-Z0-9]{5})$",  # only the two hash groups
            lambda m: (m.group(1) + "-" + m.group(2)).translate(str.maketrans("018", "OIB")),
            compact,
        )
        match = _CODE_RE.match(fixed)
    if match is None:
        raise BadVerificationCodeError(
            f"not a valid sheet code: {raw[:80]!r} (expected INSP-XXXXXXXX-XXXXX-XXXXX)"
        )
    return ParsedCode(RecordKey(match.group(1)), None, match.group(2) + match.group(3))


def compare(parsed: ParsedCode, current: str | Iterable[str] | None) -> Verification:
    """MATCHES when the printed hash equals the current one (or one of the current ones: a code
    does not say which kind of sheet it is on), CHANGED when not, UNKNOWN for no record."""
    if current is None:
        return Verification.UNKNOWN
    hashes = [current] if isinstance(current, str) else list(current)
    if not hashes:
        return Verification.UNKNOWN
    if parsed.hash_hex is not None:
        same = any(parsed.hash_hex == h.lower() for h in hashes)
    else:
        same = any(parsed.hash_prefix_b32 == _b32_prefix(h) for h in hashes)
    return Verification.MATCHES if same else Verification.CHANGED


def verify(code_or_payload: str, current_hash_lookup: HashLookup) -> Verification:
    """Check a printed short code or a scanned QR payload against the current record."""
    parsed = parse_code(code_or_payload)
    return compare(parsed, current_hash_lookup(parsed.key))
