"""Use cases for inspections: assignment, answers, header, lifecycle and scoring.

Every mutating function takes the acting person's name, writes an audit event, bumps the inspection's
revision and refreshes the cached score, grade and outcome. Callers own the transaction (commit).

The cached ``outcome`` is the conclusion's code (维持 / 限期整改 / 建议摘牌, or 合格 / 建议通报批评 / … for
the review-quality check) and ``grade`` is the grade awarded – empty for every shipped template, since
a look-back, an audit or a self-inspection awards none (DOMAIN.md §4).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.domain.errors import LifecycleError, NotFoundError, StaleEditError, ValidationError
from inspector_app.domain.fit import Fit, not_applicable_items, template_fit
from inspector_app.domain.lifecycle import (
    FindingStatus,
    InspectionStatus,
    Severity,
    check_inspection_transition,
    needs_reason,
)
from inspector_app.domain.scoring import Answer, FindingSummary, ScoreResult, score_inspection, stored_answer
from inspector_app.domain.template import (
    CONFORM,
    NONCONFORM,
    NOT_APPLICABLE,
    PARTIAL,
    RESULTS,
    Item,
    Template,
)
from inspector_app.services import audit, campaigns, review_subject
from inspector_app.services.templates import template_of
from inspector_app.storage.models import (
    OFFICER,
    PERSON_ROLES,
    AnswerRecord,
    Enterprise,
    Inspection,
    InspectionInspector,
    Inspector,
    TemplateRecord,
    now,
)
from inspector_app.storage.models_registers import Organisation
from inspector_app.translation import _, ngettext
from inspector_app.translation import listing as join_words

HEADER_FIELDS = ("location", "rep_name", "rep_title", "rep_phone", "started_at", "ended_at", "due_date")


@dataclass(frozen=True)
class Missing:
    """Something that stops an inspection from being completed; ``item_code`` lets the UI jump to it."""

    kind: str  # unanswered / note / na / major / photo / signature / header
    message: str
    item_code: str = ""


def get(session: Session, inspection_id: int) -> Inspection:
    inspection = session.get(Inspection, inspection_id)
    if inspection is None:
        raise NotFoundError(_("没有编号为 {id} 的检查").format(id=inspection_id))
    return inspection


def check_version(inspection: Inspection, expected_version: int | None) -> None:
    """Refuse an edit made on an older reading of the inspection (None: no check), naming its state now."""
    if expected_version is not None and inspection.version != expected_version:
        status = _(InspectionStatus(inspection.status).label) if inspection.status in _STATUSES else inspection.status
        raise StaleEditError(_("检查 {id} 已被他人处理，现在的状态是“{status}”（第 {version} 版，"
                               "您看到的是第 {seen} 版）；本次操作未保存，请刷新后再操作").format(
            id=inspection.id, status=status, version=inspection.version, seen=expected_version))


_STATUSES = {s.value for s in InspectionStatus}


def template_for(inspection: Inspection) -> Template:
    return template_of(inspection.template)


# A person on an inspection: (name, certificate number) or (name, certificate number, role), the role
# one of PERSON_ROLES; without a role a new person is an officer and a known one keeps theirs.
PersonSpec = tuple[str, str] | tuple[str, str, str]


def find_or_create_inspector(session: Session, name: str, cert_number: str, organisation: str = "",
                             actor: str = "", role: str = "") -> Inspector:
    """The inspector with this certificate number; another name (or a role given explicitly) changes
    them, which is audited on every inspection that lists them (their records show the new name)."""
    name, cert_number = name.strip(), cert_number.strip()
    if not name or not cert_number:
        raise ValidationError(_("检查人员须有姓名和证件号"))
    if role and role not in PERSON_ROLES:
        raise ValidationError(_("人员角色“{role}”无效，应为 {roles}").format(
            role=role, roles=join_words(f"{k}（{_(v)}）" for k, v in PERSON_ROLES.items())))
    inspector = session.scalar(select(Inspector).where(Inspector.cert_number == cert_number))
    if inspector is None:
        inspector = Inspector(name=name, cert_number=cert_number, organisation=organisation, role=role or OFFICER)
        session.add(inspector)
        session.flush()
        return inspector
    changes = {"name": (inspector.name, name)} if inspector.name != name else {}
    if role and inspector.role != role:
        changes["role"] = (PERSON_ROLES.get(inspector.role, inspector.role), PERSON_ROLES[role])
    if changes:
        listing = session.scalars(select(Inspection).join(InspectionInspector)
                                  .where(InspectionInspector.inspector_id == inspector.id))
        for inspection in listing:
            for field, (old, new) in changes.items():
                audit.record(session, inspection, "inspector", cert_number, field, old, new, actor)
        inspector.name = name
        inspector.role = role or inspector.role
    return inspector


def check_team(inspection: Inspection) -> None:
    """At least two 行政执法人员 on every inspection: the enforcement documents it produces (现场检查记录,
    指令书) are signed by two holders of a 执法证 (《安全生产执法程序规定》; DOMAIN.md §2, §6). Experts
    (评审专家) may come along and sign the score sheet, but do not count."""
    officers = [p for p in inspection.inspectors if p.role == OFFICER]
    if len(officers) < 2:
        experts = [p.name for p in inspection.inspectors if p.role != OFFICER]
        extra = _("（{names} 是评审专家，不计入）").format(names=join_words(experts)) if experts else ""
        raise ValidationError(_("检查须有至少两名行政执法人员（持执法证），现有 {count} 名{extra}").format(
            count=len(officers), extra=extra))


def fit_of(enterprise: Enterprise, template: TemplateRecord, due_date: date | None = None,
           today: date | None = None, review_org: str = "") -> Fit:
    """Whether the template fits the enterprise (grades, industries, subject) and what to warn about
    (``domain.fit``: the rules and their sources)."""
    return template_fit(template_of(template), cert_grade=enterprise.cert_grade or "",
                        industry=enterprise.industry or "", cert_expires=enterprise.cert_expires,
                        on=today or date.today(), due=due_date, review_org=review_org)


def assignment_fit(session: Session, enterprise: Enterprise, template: TemplateRecord, due_date: date | None = None,
                   review_org_id: int | None = None) -> tuple[Fit, Organisation | None]:
    """``fit_of`` and, for a check of a review organisation, the organisation and whether the enterprise
    is a sample of its reviews (``services.review_subject``; refuses a missing or wrong organisation)."""
    org, problems = review_subject.check(session, template_of(template), enterprise, review_org_id)
    fit = fit_of(enterprise, template, due_date, review_org=org.name if org is not None else "")
    return Fit((*fit.problems, *problems), fit.warnings), org


def assign(session: Session, enterprise: Enterprise, template: TemplateRecord,
           inspectors: Sequence[PersonSpec], actor: str, due_date: date | None = None,
           location: str = "", *, override_reason: str = "", review_org_id: int | None = None) -> Inspection:
    """Assign an enterprise and a template to people given as (name, certificate number[, role]); at
    least two of them enforcement officers (``check_team``).

    A template that does not fit the enterprise (``fit_of``) is refused with the reason, unless
    ``override_reason`` says why it is used all the same (audited). Items that do not apply to the
    enterprise's industry are answered 不涉及 at once, so that every screen and sheet shows them so.

    A template checking a review organisation (review-quality-2020) needs ``review_org_id``, stored on
    the inspection; the enterprise is then a sample of the organisation's certified enterprises, and the
    place and the person in charge are the organisation's (``services.review_subject``)."""
    fit, org = assignment_fit(session, enterprise, template, due_date, review_org_id)
    if fit.problems and not override_reason.strip():
        raise ValidationError(_("{problems}。如确需使用，请说明理由（override_reason）").format(
            problems=_("；").join(fit.problems)))
    campaign_id = campaigns.for_template(session, template.template_id)  # queried before the new row exists
    if org is not None:
        inspection = Inspection(enterprise=enterprise, template=template, due_date=due_date,
                                location=location or org.name, rep_name=org.legal_rep, review_org_id=org.id)
    else:
        inspection = Inspection(enterprise=enterprise, template=template, due_date=due_date,
                                location=location or enterprise.address,
                                rep_name=enterprise.legal_rep, rep_phone=enterprise.contact_phone)
    inspection.campaign_id = campaign_id
    session.add(inspection)
    session.flush()
    set_inspectors(session, inspection, inspectors, actor)
    check_team(inspection)
    audit.record(session, inspection, "inspection", inspection.uid, "status", "", "assigned", actor)
    if org is not None:
        audit.record(session, inspection, "inspection", inspection.uid, "review_org", "", org.name, actor)
    if fit.problems:
        audit.record(session, inspection, "inspection", inspection.uid, "template_fit", "；".join(fit.problems),
                     "override", actor, override_reason.strip())
    _answer_not_applicable(session, inspection, actor)
    return inspection


def _answer_not_applicable(session: Session, inspection: Inspection, actor: str) -> None:
    industry = inspection.enterprise.industry or ""
    template = template_for(inspection)
    codes = not_applicable_items(template, industry)
    for code in codes:
        item = template.item(code)
        inspection.answers.append(AnswerRecord(
            item_code=code, result=NOT_APPLICABLE, deductions="[]", extra_deduction=0.0, extra_reason="",
            note=f"不适用于{industry}行业（本项适用于{'、'.join(item.industries)}），自动判为不涉及", updated_at=now()))
    if codes:
        audit.record(session, inspection, "answer", "、".join(codes), "answer", "", NOT_APPLICABLE, actor,
                     f"不适用于{industry}行业")
        rescore(session, inspection)


def set_inspectors(session: Session, inspection: Inspection, inspectors: Sequence[PersonSpec],
                   actor: str) -> None:
    """The people on the inspection, in order. Fewer than two officers is allowed while editing (the
    team is checked at assignment and at completion)."""
    require_editable(inspection)
    old = [f"{i.name}({i.cert_number})" for i in inspection.inspectors]
    people = [find_or_create_inspector(session, spec[0], spec[1], actor=actor, role=spec[2] if len(spec) > 2 else "")
              for spec in inspectors]
    if len({p.id for p in people}) != len(people):
        raise ValidationError(_("同一检查人员不能重复列出"))
    inspection.inspector_links.clear()
    session.flush()
    for pos, person in enumerate(people):
        inspection.inspector_links.append(InspectionInspector(inspector=person, position=pos))
    audit.record(session, inspection, "inspection", inspection.uid, "inspectors", old,
                 [f"{p.name}({p.cert_number})" for p in people], actor)
    audit.touch(inspection)


def require_own(inspection: Inspection) -> None:
    """This office's own inspection, not one an office below holds (from its roll-up: ``origin`` set)."""
    if inspection.origin:
        raise audit.held_below(inspection)


def require_editable(inspection: Inspection) -> None:
    require_own(inspection)
    if InspectionStatus(inspection.status).locked:
        raise LifecycleError(_("检查 {id} 已锁定（{status}），需先说明理由重新打开").format(
            id=inspection.id, status=_(InspectionStatus(inspection.status).label)))


def _auto_start(session: Session, inspection: Inspection, actor: str) -> None:
    if inspection.status in (InspectionStatus.ASSIGNED, InspectionStatus.RETURNED):
        set_status(session, inspection, InspectionStatus.IN_PROGRESS, actor)
    if inspection.started_at is None:
        inspection.started_at = now()


def update_header(session: Session, inspection: Inspection, actor: str, **values: Any) -> None:
    require_editable(inspection)
    for name, value in values.items():
        if name not in HEADER_FIELDS:
            raise ValueError(f"unknown header field {name}")
        old = getattr(inspection, name)
        if old != value:
            setattr(inspection, name, value)
            audit.record(session, inspection, "inspection", inspection.uid, name, old, value, actor)
    audit.touch(inspection)


def answers_of(inspection: Inspection) -> dict[str, Answer]:
    return {a.item_code: to_answer(a) for a in inspection.answers}


def to_answer(record: AnswerRecord) -> Answer:
    return stored_answer(record.result, record.deductions, record.extra_deduction, record.extra_reason, record.note)


def set_answer(session: Session, inspection: Inspection, item_code: str, answer: Answer | None,
               actor: str) -> ScoreResult:
    """Set (or with ``None`` clear) one item's answer and return the new score."""
    require_editable(inspection)
    template = template_for(inspection)
    try:
        item = template.item(item_code)
    except KeyError:
        raise ValidationError(_("模板中没有检查项 {code}").format(code=item_code)) from None
    existing = next((a for a in inspection.answers if a.item_code == item_code), None)
    old = _answer_text(to_answer(existing)) if existing else ""
    if answer is None:
        if existing is not None:
            inspection.answers.remove(existing)
    else:
        if answer.result not in RESULTS:
            raise ValidationError(_("检查项 {code}：结果“{result}”无效").format(code=item_code, result=answer.result))
        _check_applicable(item, answer, inspection.enterprise.industry or "")
        for code, times in answer.deductions:
            rule = item.rule(code)
            if rule is None:
                raise ValidationError(_("检查项 {item}：没有扣分规则 {code}").format(item=item_code, code=code))
            if not 1 <= times <= rule.max_times:
                raise ValidationError(_("检查项 {item}：扣分规则 {code} 最多 {times} 次").format(
                item=item_code, code=code, times=rule.max_times))
        if not math.isfinite(answer.extra_deduction) or answer.extra_deduction < 0:
            raise ValidationError(_("检查项 {code}：扣分须为不小于 0 的数（而不是 {value}）").format(
            code=item_code, value=answer.extra_deduction))
        if existing is None:
            existing = AnswerRecord(item_code=item_code)
            inspection.answers.append(existing)
        existing.result = answer.result
        existing.deductions = json.dumps([list(d) for d in answer.deductions], ensure_ascii=False)
        existing.extra_deduction = answer.extra_deduction
        existing.extra_reason = answer.extra_reason
        existing.note = answer.note
        existing.updated_at = now()
    audit.record(session, inspection, "answer", item_code, "answer", old,
                 _answer_text(answer) if answer else "", actor)
    _auto_start(session, inspection, actor)
    audit.touch(inspection)
    return rescore(session, inspection)


def _check_applicable(item: Item, answer: Answer, industry: str) -> None:
    """不涉及 and the industries (``domain.scoring`` and ``domain.fit`` name the rules)."""
    applies = item.applies_to(industry)
    if applies is False and answer.result != NOT_APPLICABLE:
        raise ValidationError(_("检查项 {code} 只适用于{industries}行业，本企业为{industry}行业：自动判为不涉及").format(
            code=item.code, industries=join_words(item.industries), industry=industry))
    if answer.result == NOT_APPLICABLE and applies and not item.na_allowed:
        raise ValidationError(_("检查项 {code} 不能判为不涉及：本项是必查项（{text}）").format(code=item.code, text=item.text))
    if answer.result in (CONFORM, NOT_APPLICABLE) and (answer.deductions or answer.extra_deduction > 0):
        raise ValidationError(_("检查项 {code}：判为{result}时不能扣分（选择了扣分规则，请判为部分符合或不符合）").format(
            code=item.code, result=_(answer.result)))


def _answer_text(answer: Answer) -> str:
    parts = [answer.result]
    parts += [f"{code}×{times}" for code, times in answer.deductions]
    if answer.extra_deduction:
        parts.append(f"另扣{answer.extra_deduction:g}（{answer.extra_reason}）")
    if answer.note:
        parts.append(f"备注：{answer.note}")
    return " ".join(parts)


def finding_summary(inspection: Inspection, today: date | None = None) -> FindingSummary:
    today = today or date.today()
    open_states = (FindingStatus.OPEN, FindingStatus.RECTIFIED, FindingStatus.FAILED)
    general = major = overdue = found = 0
    for f in inspection.findings:
        found += f.severity == Severity.MAJOR
        if f.status not in open_states:
            continue
        if f.severity == Severity.MAJOR:
            major += 1
            overdue += f.deadline is not None and f.deadline < today and f.status != FindingStatus.RECTIFIED
        else:
            general += 1
    return FindingSummary(general, major, overdue, found)


def score(inspection: Inspection, today: date | None = None) -> ScoreResult:
    enterprise = inspection.enterprise
    return score_inspection(template_for(inspection), answers_of(inspection), enterprise.cert_grade or None,
                            finding_summary(inspection, today), enterprise.industry or None)


def rescore(session: Session, inspection: Inspection, today: date | None = None) -> ScoreResult:
    """Recompute and cache the score, grade (the grade awarded: "" for look-backs, audits and
    self-inspections) and outcome (the conclusion's code) shown in lists."""
    result = score(inspection, today)
    inspection.score = result.score_float
    inspection.grade = result.grade
    inspection.outcome = result.outcome
    inspection.answered = result.answered
    return result


def set_status(session: Session, inspection: Inspection, new: InspectionStatus, actor: str,
               reason: str = "") -> None:
    require_own(inspection)
    old = InspectionStatus(inspection.status)
    check_inspection_transition(old, new)
    if needs_reason(old, new) and not reason.strip():
        raise LifecycleError(_("从“{old}”改为“{new}”须说明理由").format(old=_(old.label), new=_(new.label)))
    inspection.status = new.value
    audit.record(session, inspection, "inspection", inspection.uid, "status", old.value, new.value,
                 actor, reason.strip())
    audit.touch(inspection)


def checklist_problems(inspection: Inspection, template: Template, answers: dict[str, Answer]) -> list[Missing]:
    """What the checklist itself still lacks: two inspectors, a sane end time, every item answered, a
    note or a finding for each failed item, no 不涉及 on an item that must be checked, and the
    重大事故隐患 item consistent with the 重大 findings (``ScoreResult.problems``). The photos and
    signatures completion also needs are checked above this module, in ``services.completion`` (which
    knows the evidence services)."""
    with_findings = {f.item_code for f in inspection.findings if f.item_code}
    missing: list[Missing] = []
    if len(inspection.inspectors) < 2:
        missing.append(Missing("header", _("现场检查须至少两名检查人员")))
    end = inspection.ended_at or now()  # complete() ends it now when no end was entered
    if inspection.started_at is not None and end < inspection.started_at:
        missing.append(Missing("header", _("检查结束时间（{end}）早于开始时间（{start}）").format(
            end=f"{end:%Y-%m-%d %H:%M}", start=f"{inspection.started_at:%Y-%m-%d %H:%M}")))
    result = score(inspection)
    problems = {p.item_code: p for p in result.problems if p.kind == "na"}
    industry = inspection.enterprise.industry or ""
    for item in template.items:
        answer = answers.get(item.code)
        if item.code in problems:
            missing.append(Missing("na", problems[item.code].message, item.code))
        elif answer is None:
            if item.applies_to(industry) is not False:
                missing.append(Missing("unanswered", _("{code} 尚未检查").format(code=item.code), item.code))
        elif answer.result in (NONCONFORM, PARTIAL) and not answer.note.strip() \
                and item.code not in with_findings:
            missing.append(Missing("note", _("{code} {result}，须填写说明或登记隐患").format(
                code=item.code, result=_(answer.result)), item.code))
    missing += [Missing("major", p.message, p.item_code) for p in result.problems if p.kind == "major"]
    return missing


def complete(session: Session, inspection: Inspection, actor: str, missing: Sequence[Missing]) -> ScoreResult:
    """Complete and lock; refuses with ``missing`` – what ``services.completion.missing_for_completion``
    found – when it is not empty. Call ``services.completion.complete``, which checks first."""
    if missing:
        raise IncompleteError(list(missing))
    if inspection.ended_at is None:
        inspection.ended_at = now()
    inspection.completed_at = now()
    set_status(session, inspection, InspectionStatus.COMPLETED, actor)
    return rescore(session, inspection)


def reopen(session: Session, inspection: Inspection, reason: str, actor: str) -> None:
    set_status(session, inspection, InspectionStatus.IN_PROGRESS, actor, reason)
    inspection.completed_at = None


def accept(session: Session, inspection: Inspection, actor: str) -> None:
    """验收 of a received inspection (the lifecycle allows it only from 已接收)."""
    set_status(session, inspection, InspectionStatus.ACCEPTED, actor)


def return_for_correction(session: Session, inspection: Inspection, actor: str, comment: str) -> None:
    """退回修改: the comment is required; it is the audited reason and the reviewer's comment that goes
    back to the inspector."""
    if not isinstance(comment, str) or not comment.strip():
        raise ValidationError(_("退回修改须填写意见：写明需要修改或补充的内容"))
    comment = comment.strip()
    old = inspection.reviewer_comment or ""
    set_status(session, inspection, InspectionStatus.RETURNED, actor, comment)
    if old != comment:
        inspection.reviewer_comment = comment
        audit.record(session, inspection, "inspection", inspection.uid, "reviewer_comment", old, comment, actor)


class IncompleteError(LifecycleError):
    def __init__(self, missing: list[Missing]) -> None:
        super().__init__(ngettext("还有 {count} 项未完成，不能完成并锁定", "还有 {count} 项未完成，不能完成并锁定",
                                  len(missing)).format(count=len(missing)))
        self.missing = missing

