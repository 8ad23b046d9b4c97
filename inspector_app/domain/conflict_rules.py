"""Conflict-of-interest rules for the reviews behind certificates, as data: each rule's id, title, the
clause it comes from and the point of the review-quality checklist (review-quality-2020) it bears on.
The evaluation over the registers is ``services.conflicts``; flags are computed, never typed.

The notice asks every review organisation to check (苏应急电〔2020〕3号 第三条; the districts' own review
work: 常应急函〔2020〕8号 第三条) that the review organisation and the consultancy are not related parties
(相关方), that no reviewer or expert consulted for the same enterprise, and that reviewers' specialities
match the enterprise's processes; 第四条 suspends or disqualifies review organisations and blacklists
reviewers. What counts as "related" here – the same organisation or USCC, the same legal
representative, one organisation among the other's shareholders or a shareholder in common, a declared
link – is this product's reading of 相关方, following item 6.1 of the checklist (隶属、投资控股、同一法定
代表人…); DOMAIN.md §1 item 3.

Also here, without a database: how names, certificate numbers and lists of names are compared, and the
periods during which a sanction bars an organisation or a reviewer from reviewing (``Bar``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from inspector_app.translation import N_, _

_NOTICE_3 = "苏应急电〔2020〕3号 第三条"
_NOTICE_4 = "苏应急电〔2020〕3号 第四条"
_CITY_3 = "常应急函〔2020〕8号 第三条"


@dataclass(frozen=True)
class ConflictRule:
    """One rule: ``id`` (stable, in JSON), ``title`` (shown), ``source`` (the clause), ``checklist_item``
    (the item of review-quality-2020 it bears on, "" when none) and what it tests."""

    id: str
    title: str
    source: str
    checklist_item: str
    tests: str


SAME_ORG = "same_org"
RELATED_ORGS = "related_orgs"
REVIEWER_CONSULTED = "reviewer_consulted"
SPECIALITY_MISMATCH = "speciality_mismatch"
SPECIALITY_UNREGISTERED = "speciality_unregistered"
ORG_BARRED = "org_barred"
REVIEWER_BARRED = "reviewer_barred"

RULES: tuple[ConflictRule, ...] = (
    ConflictRule(SAME_ORG, N_("评审单位即咨询服务单位"),
                 f"{_NOTICE_3}（评审单位与咨询服务单位是否是相关方）", "6.1",
                 "the review organisation is the consultancy: the same register row, or the same USCC"),
    ConflictRule(RELATED_ORGS, N_("评审单位与咨询服务单位为相关方"),
                 f"{_NOTICE_3}（评审单位与咨询服务单位是否是相关方）；相关方认定口径见检查表第6.1项", "6.1",
                 "the same legal representative; one named among the other's shareholders; a shareholder "
                 "in common; a declared link (org_links)"),
    ConflictRule(REVIEWER_CONSULTED, N_("评审人员参加了同一企业的咨询辅导"),
                 f"{_NOTICE_3}、{_CITY_3}（参加评审的人员和专家是否参加同一企业的咨询辅导）", "7.1",
                 "a member of the review team is on the consultancy's staff list, or declared to have "
                 "consulted for the enterprise; matched by certificate number, else by name"),
    ConflictRule(SPECIALITY_MISMATCH, N_("评审人员专业与企业行业不符"),
                 f"{_NOTICE_3}、{_CITY_3}（评审人员及专家的专业背景是否与企业工艺相符）", "5.1",
                 "the enterprise's industry is not among the reviewer's specialities"),
    ConflictRule(SPECIALITY_UNREGISTERED, N_("专业未登记"),
                 f"{_NOTICE_3}、{_CITY_3}（评审人员及专家的专业背景是否与企业工艺相符）", "5.3",
                 "the reviewer has no specialities on the register: the match cannot be checked"),
    ConflictRule(ORG_BARRED, N_("评审单位在暂停评审活动或取消评审资格期间评审"),
                 f"{_NOTICE_4}（暂停评审活动、取消评审资格）", "",
                 "the review date falls in a suspension or after a disqualification not lifted before it "
                 "(sanctions; else the register's status)"),
    ConflictRule(REVIEWER_BARRED, N_("评审人员在黑名单期间参加评审"),
                 f"{_NOTICE_4}（评审人员黑名单管理）；常应急函〔2020〕8号 第四条", "",
                 "the review date falls after the reviewer was blacklisted and before it was lifted "
                 "(sanctions; else the register's status)"),
)
RULE_BY_ID: dict[str, ConflictRule] = {rule.id: rule for rule in RULES}


@dataclass(frozen=True)
class Flag:
    """A conflict found on one certificate: the rule, the enterprise, the organisation and reviewer it
    concerns, how it was matched (``matched_by``: which fields) and the evidence in words."""

    rule: str
    enterprise_id: int
    enterprise: str
    uscc: str
    certification_id: int
    review_date: date | None
    org_id: int | None
    org: str
    matched_by: str
    evidence: str
    other_org_id: int | None = None
    other_org: str = ""
    reviewer_id: int | None = None
    reviewer: str = ""
    reviewer_cert: str = ""

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready (docs/registers.md, "冲突提示的字段")."""
        rule = RULE_BY_ID[self.rule]
        return {"rule": self.rule, "rule_title": _(rule.title), "source": rule.source,
                "checklist_item": rule.checklist_item, "enterprise_id": self.enterprise_id,
                "enterprise": self.enterprise, "uscc": self.uscc, "certification_id": self.certification_id,
                "review_date": self.review_date.isoformat() if self.review_date else None,
                "org_id": self.org_id, "org": self.org, "other_org_id": self.other_org_id,
                "other_org": self.other_org, "reviewer_id": self.reviewer_id, "reviewer": self.reviewer,
                "reviewer_cert": self.reviewer_cert, "matched_by": self.matched_by, "evidence": self.evidence}


FLAG_KEYS = ("rule", "rule_title", "source", "checklist_item", "enterprise_id", "enterprise", "uscc",
             "certification_id", "review_date", "org_id", "org", "other_org_id", "other_org", "reviewer_id",
             "reviewer", "reviewer_cert", "matched_by", "evidence")


# -- comparing what registers hold ------------------------------------------------------------------

_SPACE = re.compile(r"\s+")
_LIST_SEPARATORS = re.compile(r"[、，,;；/|\n]+")


def norm(text: str | None) -> str:
    """A name as compared: NFKC (full-width brackets and letters as half-width), no whitespace at all.
    Nothing else is forgiven – 王明 and 王鸣 are two people."""
    if not text:
        return ""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def norm_code(text: str | None) -> str:
    """A certificate number or USCC as compared: ``norm`` and upper case."""
    return norm(text).upper()


def split_names(text: str | None) -> tuple[str, ...]:
    """A list of names kept as one text (joined by 、; also , ， ; ； / tolerated), each ``norm``-ed."""
    if not text:
        return ()
    return tuple(dict.fromkeys(n for n in (norm(p) for p in _LIST_SEPARATORS.split(text)) if n))


# -- sanctions: when an organisation or a reviewer may not review --------------------------------------

ORG_BARS = {"suspension": N_("暂停评审活动"), "disqualification": N_("取消评审资格")}
REVIEWER_BARS = {"blacklist": N_("黑名单")}
# The register's own status, when no sanction row of a barring kind is recorded (an imported register).
STATUS_BARS = {"暂停评审活动": "suspension", "取消评审资格": "disqualification", "黑名单": "blacklist"}
_LABELS = {**ORG_BARS, **REVIEWER_BARS}


@dataclass(frozen=True)
class Bar:
    """A period (``start`` to ``end``, both inclusive; ``end`` None: open) during which reviewing is barred,
    from a sanction (its document number in ``basis``) or from the register's status."""

    kind: str
    start: date
    end: date | None
    basis: str
    from_register: bool = False

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def describe(self) -> str:
        span = (_("{start} 起").format(start=self.start.isoformat()) if self.end is None
                else _("{start} 至 {end}").format(start=self.start.isoformat(), end=self.end.isoformat()))
        where = (_("据登记状态") if self.from_register
                 else _("文号 {number}").format(number=self.basis) if self.basis else _("处理决定未登记文号"))
        return _("{bar}（{span}，{where}）").format(bar=_(_LABELS.get(self.kind, self.kind)), span=span, where=where)


def sanction_bar(kind: str, decided_on: date, period_from: date | None, period_until: date | None,
                 lifted_on: date | None, number: str = "") -> Bar | None:
    """The period a sanction bars reviewing (苏应急电〔2020〕3号 第四条): a suspension from ``period_from``
    (else the decision) to ``period_until``; a disqualification or a blacklisting from the decision on.
    A sanction lifted on a day no longer bars on that day. 通报批评 bars nothing."""
    if kind == "suspension":
        start, end = period_from or decided_on, period_until
    elif kind in ("disqualification", "blacklist"):
        start, end = period_from or decided_on, None
    else:
        return None
    if lifted_on is not None:
        last = lifted_on - timedelta(days=1)
        end = last if end is None else min(end, last)
    if end is not None and end < start:
        return None
    return Bar(kind, start, end, number)


def status_bar(status: str, since: date | None, until: date | None = None) -> Bar | None:
    """The period the register's status bars reviewing, when no sanction row says it: 暂停评审活动 from
    ``since`` to ``until``, 取消评审资格 and 黑名单 from ``since`` on. Without ``since`` the period is
    unknown and nothing is concluded."""
    kind = STATUS_BARS.get(status)
    if kind is None or since is None:
        return None
    end = until if kind == "suspension" else None
    if end is not None and end < since:
        return None
    return Bar(kind, since, end, "", from_register=True)


def bar_on(bars: Iterable[Bar], day: date | None) -> Bar | None:
    """The first bar covering ``day`` (None without a date: nothing to compare)."""
    if day is None:
        return None
    return next((bar for bar in bars if bar.covers(day)), None)
