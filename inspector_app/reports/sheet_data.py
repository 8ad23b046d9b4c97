"""Plain data describing one printable sheet; built from the database by ``services/sheets.py``.

Everything here is what gets printed (and hashed, see ``content_hash``). No database, no Qt.
Binary payloads (signature PNGs, photo JPEGs) are carried as bytes; the content hash uses their
digests, and photos are identified by the SHA-256 of their *original* file, so a display copy that is
regenerated with the same content does not change the hash.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

SheetKind = Literal["record", "order", "recheck"]
SHEET_KINDS: tuple[SheetKind, ...] = ("record", "order", "recheck")

# Document-number words per sheet kind, e.g. （常）应急现记〔2020〕12号.
DOC_WORDS: dict[str, str] = {"record": "现记", "order": "责改", "recheck": "复查"}
DOC_TITLES: dict[str, str] = {
    "record": "现场检查记录",
    "order": "责令限期整改指令书",
    "recheck": "整改复查意见书",
}


@dataclass(frozen=True)
class DocumentNumber:
    """The parts of an enforcement-document number: （常）应急现记〔2020〕12号."""

    authority_short: str = "常"
    year: int | None = None
    serial: str = ""  # empty: a blank is left to be filled in by hand
    body: str = "应急"  # the word before the kind word (应急 for 应急管理局)

    def format(self, kind: SheetKind) -> str:
        blank = "\xa0" * 8  # non-breaking: a paragraph would swallow ordinary spaces
        year = str(self.year) if self.year else blank
        serial = self.serial or blank
        return f"（{self.authority_short}）{self.body}{DOC_WORDS[kind]}〔{year}〕{serial}号"


@dataclass(frozen=True)
class Subject:
    """被检查单位 and the fields of the enforcement layout."""

    name: str  # 被检查单位
    address: str = ""  # 地址
    legal_representative: str = ""  # 法定代表人（负责人）
    position: str = ""  # 职务
    phone: str = ""  # 联系电话
    place: str = ""  # 检查场所
    uscc: str = ""  # 统一社会信用代码 (printed under the name when present)


@dataclass(frozen=True)
class Inspector:
    name: str
    certificate_no: str = ""  # law-enforcement or reviewer certificate number
    organisation: str = ""


@dataclass(frozen=True)
class ItemResult:
    """One checklist item (考评内容) and its answer."""

    code: str
    text: str
    points: float  # 标准分值
    result: str | None = None  # 符合/部分符合/不符合/不涉及; None = unanswered
    deduction: float = 0.0  # points deducted (never more than ``points``)
    earned: float | None = None  # None for 不涉及 or unanswered
    reasons: tuple[str, ...] = ()  # each deduction with its reason, and the note
    sub_element: str = ""
    veto: str | None = None  # "A", "B" or None


@dataclass(frozen=True)
class ElementResult:
    """One element (考评类目) with its items and subtotal."""

    code: str
    title: str
    items: tuple[ItemResult, ...] = ()
    earned: float = 0.0
    achievable: float = 0.0
    note: str = ""  # e.g. "否决项不符合，本要素得0分" or "低于最低得分率"


@dataclass(frozen=True)
class ScoreSummary:
    score: float | None = None  # normalised 0–100, one decimal
    earned: float = 0.0
    achievable: float = 0.0
    grade: str | None = None  # 一级/二级/三级/小微 or None (不达标)
    outcome: str | None = None  # 维持 / 限期整改 / 建议摘牌
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Finding:
    """A numbered hidden hazard (隐患) with its rectification."""

    number: int
    description: str
    severity: str = "一般"  # 一般 / 重大
    requirement: str = ""  # 整改要求
    deadline: date | None = None
    responsible: str = ""
    status: str = "待整改"  # 待整改 / 已整改待复查 / 复查合格 / 复查不合格
    item_code: str = ""
    recheck_result: str | None = None  # 复查合格 / 复查不合格 (整改复查意见书)
    recheck_note: str = ""


@dataclass(frozen=True)
class Signature:
    """A signature block: captured image, blank for paper, or a recorded refusal."""

    role: str  # e.g. 检查人员, 被检查单位现场负责人
    name: str = ""
    signed_at: datetime | None = None
    image_png: bytes | None = None
    refusal_reason: str | None = None  # set when the person refused to sign
    witness_name: str = ""
    witness_png: bytes | None = None
    certificate_no: str = ""  # printed under the role (inspectors)


@dataclass(frozen=True)
class Photo:
    number: int
    caption: str
    jpeg: bytes  # the watermarked display copy, embedded as is
    sha256_original: str
    captured_at: datetime | None = None
    time_source: str = ""  # EXIF / 设备时钟
    finding_number: int | None = None


@dataclass(frozen=True)
class RecheckInfo:
    """What the 整改复查意见书 needs beyond the findings."""

    rechecked_at: datetime | None = None
    order_number: str = ""  # the 责令限期整改指令书 number it follows up
    order_date: date | None = None
    inspectors: tuple[Inspector, ...] = ()  # two inspectors; empty = those of the inspection
    opinion: str = ""


@dataclass(frozen=True)
class SheetData:
    """Everything a sheet prints, for one inspection."""

    inspection_id: str  # as printed in the short code: content_hash.short_id(uid), the same everywhere
    inspection_uid: str  # stable across workspaces; carried by the QR code
    subject: Subject
    template_title: str = ""
    template_ref: str = ""  # template id and version, e.g. lookback-2020 1.0.0
    authority: str = ""  # e.g. 常州市应急管理局
    number: DocumentNumber = field(default_factory=DocumentNumber)
    started_at: datetime | None = None
    ended_at: datetime | None = None
    inspectors: tuple[Inspector, ...] = ()
    elements: tuple[ElementResult, ...] = ()
    summary: ScoreSummary = field(default_factory=ScoreSummary)
    findings: tuple[Finding, ...] = ()
    signatures: tuple[Signature, ...] = ()
    photos: tuple[Photo, ...] = ()
    recheck: RecheckInfo | None = None
    remarks: str = ""
