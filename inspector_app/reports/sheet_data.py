"""Plain data describing one inspection's printable documents; built from the database by
``services/sheets.py``.

Everything here is what gets printed (and hashed, see ``content_hash``). No database, no Qt.
Binary payloads (signature PNGs, photo JPEGs) are carried as bytes; the content hash uses their
digests, and photos are identified by the SHA-256 of their *original* file, so a display copy that is
regenerated with the same content does not change the hash.

The documents (docs/documents.md):

* ``record`` 现场检查记录 – the enforcement record the enterprise signs: who checked (the officers), the
  出示证件 opening, what was found; no score, grade or conclusion.
* ``scoresheet`` 检查评分表 – the internal score sheet: items, results, deductions with their reasons, the
  score and the conclusion with its reasons; signed by everyone who assessed (officers and experts).
* ``order`` 责令限期整改指令书, ``measures`` 现场处理措施决定书, ``recheck`` 整改复查意见书 – the follow-ups.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

SheetKind = Literal["record", "scoresheet", "order", "measures", "recheck"]
SHEET_KINDS: tuple[SheetKind, ...] = ("record", "scoresheet", "order", "measures", "recheck")
# The kinds that carry an enforcement-document number, e.g. （常）应急检记〔2020〕12号.
NUMBERED_KINDS: tuple[SheetKind, ...] = ("record", "order", "measures", "recheck")
DOC_WORDS: dict[str, str] = {"record": "检记", "order": "责改", "measures": "现决", "recheck": "复查"}
DOC_TITLES: dict[str, str] = {
    "record": "现场检查记录",
    "scoresheet": "检查评分表",
    "order": "责令限期整改指令书",
    "measures": "现场处理措施决定书",
    "recheck": "整改复查意见书",
}
OFFICER, EXPERT = "officer", "expert"
ROLE_LABELS: dict[str, str] = {OFFICER: "行政执法人员", EXPERT: "评审专家"}
CERTIFICATE_LABELS: dict[str, str] = {OFFICER: "执法证号", EXPERT: "评审员证号"}


@dataclass(frozen=True)
class DocumentNumber:
    """The parts of an enforcement-document number: （常）应急检记〔2020〕12号."""

    authority_short: str = "常"
    year: int | None = None
    serial: str = ""  # empty: not issued yet – a blank is left
    body: str = "应急"  # the word before the kind word (应急 for 应急管理局)

    def format(self, kind: SheetKind) -> str:
        if kind not in DOC_WORDS:
            return ""
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
    certificate_no: str = ""  # 执法证号 (officer) or 评审员证号 (expert)
    organisation: str = ""
    role: str = OFFICER  # officer 行政执法人员 / expert 评审专家

    @property
    def is_officer(self) -> bool:
        return self.role == OFFICER


@dataclass(frozen=True)
class ItemResult:
    """One checklist item (考评内容) and its answer."""

    code: str
    text: str
    points: float  # 标准分值
    result: str | None = None  # 符合/部分符合/不符合/不涉及; None = unanswered
    deduction: float = 0.0  # points deducted (never more than ``points``)
    earned: float | None = None  # None for 不涉及 or unanswered
    reasons: tuple[str, ...] = ()  # the deduction clauses chosen and the note – never the result itself
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
    """The internal conclusion (score sheet only): a look-back awards no grade."""

    score: float | None = None  # normalised 0–100, one decimal
    earned: float = 0.0
    achievable: float = 0.0
    conclusion: str | None = None  # e.g. 维持（符合证书等级要求） / 限期整改 / 建议摘牌
    reasons: tuple[str, ...] = ()
    grade_held: str = ""  # the certificate's grade, which the conclusion is relative to


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
    measures: tuple[str, ...] = ()  # on-site measures decided (现场处理措施决定书), e.g. 暂时停产停业


@dataclass(frozen=True)
class Signature:
    """A signature block: captured image, blank for paper, or a recorded refusal."""

    role: str  # e.g. 行政执法人员, 被检查单位现场负责人
    name: str = ""
    signed_at: datetime | None = None
    image_png: bytes | None = None
    refusal_reason: str | None = None  # set when the person refused to sign
    witness_name: str = ""
    witness_png: bytes | None = None
    certificate_no: str = ""  # printed under the role (officers and experts)
    action: str = "签名"  # 签名, or 签收 for a receipt


@dataclass(frozen=True)
class Photo:
    number: int
    caption: str
    jpeg: bytes  # the watermarked display copy, embedded as is
    sha256_original: str
    captured_at: datetime | None = None
    time_source: str = ""  # EXIF / 设备时钟
    finding_number: int | None = None
    # What the record must say about the photo's plausibility (services.plausibility.caption_notes):
    # "核验提示：位置不在本辖区内（武进区）（检查人员已确认）". Not in the content hash: the notes follow from
    # what the hash covers (the original's SHA-256 fixes its EXIF time and GPS; the inspection's times) and
    # from settings and district data that may be refined later, which must not make every printed record
    # "changed since printing"; the acceptance is in the audit trail, with who and when.
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class RecheckInfo:
    """What the 整改复查意见书 needs beyond the findings: its own visit (time and two officers) and the
    order it follows up (number and date)."""

    rechecked_at: datetime | None = None
    order_number: str = ""  # the 责令限期整改指令书 number it follows up; "" = not issued
    order_date: date | None = None
    inspectors: tuple[Inspector, ...] = ()  # the two officers of the re-check
    opinion: str = ""


@dataclass(frozen=True)
class Appeal:
    """Who hears a 行政复议 or a 行政诉讼 against the authority's documents; "" leaves a blank."""

    government: str = ""  # 本级人民政府, e.g. 常州市武进区人民政府
    superior: str = ""  # 上一级主管部门 (before 2024), e.g. 常州市应急管理局
    court: str = ""  # e.g. 常州市天宁区人民法院


@dataclass(frozen=True)
class SheetData:
    """Everything the documents print, for one inspection."""

    inspection_id: str  # as printed in the short code: content_hash.short_id(uid), the same everywhere
    inspection_uid: str  # stable across workspaces; carried by the QR code
    subject: Subject
    template_title: str = ""
    template_ref: str = ""  # template id and version, e.g. lookback-2020 1.0.0 (hashed; the pages print the version)
    authority: str = ""  # e.g. 常州市武进区应急管理局
    number: DocumentNumber = field(default_factory=DocumentNumber)  # prefix and year; serials in ``numbers``
    numbers: dict[str, DocumentNumber] = field(default_factory=dict)  # issued, per kind
    started_at: datetime | None = None
    ended_at: datetime | None = None
    inspectors: tuple[Inspector, ...] = ()  # everyone who took part: officers and experts
    elements: tuple[ElementResult, ...] = ()
    summary: ScoreSummary = field(default_factory=ScoreSummary)
    findings: tuple[Finding, ...] = ()
    signatures: tuple[Signature, ...] = ()
    photos: tuple[Photo, ...] = ()
    recheck: RecheckInfo | None = None
    remarks: str = ""
    appeal: Appeal = field(default_factory=Appeal)

    @property
    def template_version(self) -> str:
        """The template's version alone (``template_ref`` ends with it): a page names the template by its
        title and version, never by its id (``lookback-2020``), which is nobody's word for it."""
        return self.template_ref.split()[-1] if self.template_ref.split() else ""

    def doc_number(self, kind: SheetKind) -> DocumentNumber:
        """The number issued for ``kind``, else the prefix and year with a blank serial."""
        issued = self.numbers.get(kind)
        return issued if issued is not None else dataclasses.replace(self.number, serial="")

    @property
    def officers(self) -> tuple[Inspector, ...]:
        return tuple(i for i in self.inspectors if i.is_officer)

    @property
    def experts(self) -> tuple[Inspector, ...]:
        return tuple(i for i in self.inspectors if not i.is_officer)

    @property
    def inspection_date(self) -> date | None:
        return self.started_at.date() if self.started_at else None


def record_signatures(data: SheetData) -> tuple[Signature, ...]:
    """Who signs the 现场检查记录: everyone but the experts (they sign the score sheet)."""
    return tuple(s for s in data.signatures if s.role != ROLE_LABELS[EXPERT])


def ordered_findings(data: SheetData) -> tuple[Finding, ...]:
    """The items of the rectification order: the findings with a deadline, by number."""
    return tuple(sorted((f for f in data.findings if f.deadline is not None), key=lambda f: f.number))


def measure_findings(data: SheetData) -> tuple[Finding, ...]:
    """The findings of the on-site measures decision: 重大 hazards marked for on-site measures."""
    return tuple(sorted((f for f in data.findings if f.measures and f.severity == "重大"),
                        key=lambda f: f.number))


def item_problems(data: SheetData) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(item code, item text, reasons) of every item found wanting (部分符合 / 不符合): what the record
    says was found, without points."""
    out = []
    for element in data.elements:
        for item in element.items:
            if item.result in ("部分符合", "不符合"):
                out.append((item.code, item.text, item.reasons))
    return tuple(out)
