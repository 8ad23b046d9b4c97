"""The strict Inspector profile of BagIt 1.0: tag files, path grammar, the bundle header.

See ``docs/bundle-format.md`` for the prose version of everything here.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from inspector_app.bundle.errors import BagInvalidError, UnsupportedVersionError
from inspector_app.translation import _

FORMAT_VERSION = 1
PROFILE_ID = "urn:inspector-app:bundle-profile:1"
SOFTWARE_AGENT = "inspector-app"

BAGIT_TXT = b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
BAGIT = "bagit.txt"
BAG_INFO = "bag-info.txt"
MANIFEST = "manifest-sha256.txt"
TAGMANIFEST = "tagmanifest-sha256.txt"
HEADER_JSON = "inspector-bundle.json"
SIGNATURE = "signature.ed25519"
# Tag files covered by the tag manifest (everything but the tag manifest itself and the signature).
TAGGED_FILES = (BAGIT, BAG_INFO, MANIFEST, HEADER_JSON)
TAG_FILES = frozenset((*TAGGED_FILES, TAGMANIFEST, SIGNATURE))

TOP_DIR = re.compile(r"bundle-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_HEX = r"[0-9a-f]{64}"
# Payload grammar: (pattern, stored uncompressed?, content-addressed?)
PAYLOAD_RULES: tuple[tuple[re.Pattern[str], bool, bool], ...] = (
    (re.compile(r"data/records/[a-z][a-z0-9_]{0,31}/[A-Za-z0-9_-]{1,80}\.json"), False, False),
    (re.compile(rf"data/photos/originals/{_HEX}\.(jpg|jpeg|png|heic|heif)"), True, True),
    (re.compile(rf"data/photos/derived/{_HEX}\.(jpg|jpeg|png|webp)"), True, True),
    (re.compile(rf"data/signatures/{_HEX}\.(png|svg|json)"), True, True),
    (re.compile(rf"data/sheets/{_HEX}\.pdf"), True, True),
    (re.compile(rf"data/reports/{_HEX}\.(pdf|xlsx)"), True, True),  # filed reports (roll-ups only)
    (re.compile(rf"data/cases/{_HEX}\.(pdf|jpg|png)"), True, True),  # 摘牌 case files' attachments (roll-ups only)
)
MAX_RECORD_BYTES = 64 * 1024 * 1024

BAG_INFO_LABELS = (
    "Bag-Software-Agent",
    "Bagging-Date",
    "Payload-Oxum",
    "BagIt-Profile-Identifier",
    "Inspector-Format-Version",
    "Inspector-Bundle-Id",
    "Inspector-Direction",
    "Inspector-Device-Id",
    "Inspector-Producer-Name",
    "Inspector-Key-Fingerprint",
    "Inspector-Sequence",
    "Inspector-Created",
)


class Direction(StrEnum):
    OFFICE_TO_INSPECTOR = "office-to-inspector"
    INSPECTOR_TO_OFFICE = "inspector-to-office"
    OFFICE_TO_PARENT = "office-to-parent"  # a roll-up: an office's records for the office above it


def payload_rule(path: str) -> tuple[bool, bool] | None:
    """``(stored, content_addressed)`` for a payload path that fits the grammar, else ``None``."""
    for pattern, stored, addressed in PAYLOAD_RULES:
        if pattern.fullmatch(path):
            return stored, addressed
    return None


@dataclass(frozen=True)
class BundleHeader:
    """Who made the bundle, which one it is, in which direction; ``extra`` is service data (acks...)."""

    direction: Direction
    device_id: str
    key_fingerprint: str
    producer_name: str
    sequence: int
    created_at: str  # ISO 8601, UTC, e.g. 2026-11-25T10:00:00Z
    bundle_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    format_version: int = FORMAT_VERSION
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def top_dir(self) -> str:
        return f"bundle-{self.bundle_id}"

    def to_json(self) -> bytes:
        doc = {
            "format_version": self.format_version,
            "profile": PROFILE_ID,
            "bundle_id": self.bundle_id,
            "direction": self.direction.value,
            "producer": {
                "device_id": self.device_id,
                "key_fingerprint": self.key_fingerprint,
                "name": self.producer_name,
            },
            "sequence": self.sequence,
            "created_at": self.created_at,
            "extra": self.extra,
        }
        return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True).encode() + b"\n"

    def bag_info(self, payload_bytes: int, payload_files: int) -> bytes:
        values = {
            "Bag-Software-Agent": SOFTWARE_AGENT,
            "Bagging-Date": self.created_at[:10],
            "Payload-Oxum": f"{payload_bytes}.{payload_files}",
            "BagIt-Profile-Identifier": PROFILE_ID,
            "Inspector-Format-Version": str(self.format_version),
            "Inspector-Bundle-Id": self.bundle_id,
            "Inspector-Direction": self.direction.value,
            "Inspector-Device-Id": self.device_id,
            "Inspector-Producer-Name": " ".join(self.producer_name.split()),
            "Inspector-Key-Fingerprint": self.key_fingerprint,
            "Inspector-Sequence": str(self.sequence),
            "Inspector-Created": self.created_at,
        }
        return "".join(f"{label}: {values[label]}\n" for label in BAG_INFO_LABELS).encode()


def parse_bag_info(data: bytes) -> dict[str, str]:
    """Parse ``bag-info.txt`` (no continuation lines in our profile); labels must be unique."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise BagInvalidError(_("bag-info.txt 不是 UTF-8 编码")) from None
    fields: dict[str, str] = {}
    for number, line in enumerate(text.split("\n"), 1):
        if not line:
            continue
        label, sep, value = line.partition(": ")
        if not sep or not label or label != label.strip() or "\r" in line:
            raise BagInvalidError(_("bag-info.txt 第 {number} 行不是 '标签: 值' 格式").format(number=number))
        if label in fields:
            raise BagInvalidError(_("bag-info.txt 两次给出 {label}").format(label=label))
        fields[label] = value
    return fields


def check_format_version(fields: dict[str, str]) -> int:
    """Read ``Inspector-Format-Version`` first of all, so a newer bundle gets a clear message."""
    text = fields.get("Inspector-Format-Version")
    if text is None or not text.isdigit():
        raise BagInvalidError(_("bag-info.txt 中没有有效的 Inspector-Format-Version：不是 Inspector 数据包"))
    version = int(text)
    if version > FORMAT_VERSION:
        raise UnsupportedVersionError(
            _("此数据包的格式版本为 {version}，高于本程序能读取的版本（{FORMAT_VERSION}）：请先升级本机的 Inspector，再重新导入").format(version=version, FORMAT_VERSION=FORMAT_VERSION)
        )
    if version < 1:
        raise BagInvalidError(_("未知的数据包格式版本 {version}").format(version=version))
    return version


def header_from(fields: dict[str, str], header_json: bytes) -> BundleHeader:
    """Build the header from bag-info.txt and inspector-bundle.json and check that they agree."""
    missing = [label for label in BAG_INFO_LABELS if label not in fields]
    unknown = [label for label in fields if label not in BAG_INFO_LABELS]
    if missing or unknown:
        raise BagInvalidError(_("bag-info.txt 的标签：缺少 {missing}，不属于本规范的 {unknown}").format(missing=missing or '-', unknown=unknown or '-'))
    if fields["BagIt-Profile-Identifier"] != PROFILE_ID:
        raise BagInvalidError(_("BagIt-Profile-Identifier 必须是 {PROFILE_ID}").format(PROFILE_ID=PROFILE_ID))
    try:
        doc = json.loads(header_json.decode("utf-8"))
        producer = doc["producer"]
        header = BundleHeader(
            direction=Direction(doc["direction"]),
            device_id=str(producer["device_id"]),
            key_fingerprint=str(producer["key_fingerprint"]),
            producer_name=str(producer["name"]),
            sequence=int(doc["sequence"]),
            created_at=str(doc["created_at"]),
            bundle_id=str(uuid.UUID(doc["bundle_id"])),
            format_version=int(doc["format_version"]),
            extra=dict(doc.get("extra", {})),
        )
        if doc.get("profile") != PROFILE_ID:
            raise ValueError("wrong profile")
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise BagInvalidError(_("{HEADER_JSON} 格式有误：{exc}").format(HEADER_JSON=HEADER_JSON, exc=exc)) from None
    expected = header.bag_info(0, 0).decode().splitlines()
    for line in expected:
        label, _sep, value = line.partition(": ")
        if label in ("Payload-Oxum", "Bag-Software-Agent"):
            continue
        if fields[label] != value:
            raise BagInvalidError(_("bag-info.txt 的 {label}（{fields!r}）与 {HEADER_JSON}（{value!r}）不一致").format(label=label, fields=fields[label], HEADER_JSON=HEADER_JSON, value=value))
    if header.sequence < 1:
        raise BagInvalidError(_("Inspector-Sequence 必须是正整数"))
    return header
