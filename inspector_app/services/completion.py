"""What completing an inspection needs, and completing it.

The rule spans three building blocks: the checklist (``services.inspections``), the photos
(``services.photos``) and the signatures (``services.signatures``). It lives here, above all three, so
that the import graph stays a tree: photos and signatures import inspections (for ``get`` and
``require_editable``), inspections imports neither, and only this module knows them all.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from inspector_app.domain.scoring import Answer, ScoreResult
from inspector_app.domain.template import NONCONFORM, PARTIAL, Template
from inspector_app.services import inspections
from inspector_app.services.inspections import Missing
from inspector_app.services.photos import list_photos
from inspector_app.services.signatures import list_signatures, team_problems
from inspector_app.storage.models import OFFICER, PERSON_ROLES, Inspection
from inspector_app.translation import N_, _

__all__ = ["Missing", "complete", "evidence_problems", "missing_for_completion", "signer_problems"]


def evidence_problems(session: Session, inspection: Inspection, template: Template,
                      answers: Mapping[str, Answer]) -> list[Missing]:
    """Each missing photo (a failed item that asks for one) and signature, in checklist order."""
    problems: list[Missing] = []
    photos = list_photos(session, inspection.id)
    finding_items = {f.id: f.item_code for f in inspection.findings}
    with_photos = {p.item_code for p in photos if p.item_code} | {
        finding_items.get(p.finding_id, "") for p in photos if p.finding_id is not None}
    for item in template.items:
        answer = answers.get(item.code)
        if item.require_photo_on_fail and answer is not None and answer.result in (NONCONFORM, PARTIAL) \
                and item.code not in with_photos:
            problems.append(Missing("photo", _("{code} {result}，须附现场照片").format(code=item.code, result=_(answer.result)),
                                    item.code))
    return problems + signer_problems(session, inspection)


def signer_problems(session: Session, inspection: Inspection) -> list[Missing]:
    """Who signs (``services.signatures``): at least two 行政执法人员; every officer (the record) and every
    expert (the score sheet) has signed, and the enterprise's person in charge (or a refusal); no
    signature is dated before the inspection started."""
    problems = [Missing("header", text) for text in team_problems(inspection)]
    signatures = list_signatures(session, inspection.id)
    signed_inspectors = {s.inspector_id for s in signatures if s.role == "inspector" and not s.refused}
    for person in inspection.inspectors:
        if person.id not in signed_inspectors:
            text = (_("{role} {name} 尚未在现场检查记录上签名") if person.role == OFFICER
                    else _("{role} {name} 尚未在评分表上签名"))
            problems.append(Missing("signature", text.format(
                role=_(PERSON_ROLES.get(person.role, N_("检查人员"))), name=person.name)))
    if not any(s.role == "enterprise_rep" for s in signatures):
        problems.append(Missing("signature", _("被检查单位负责人尚未签名（或记录拒绝签名）")))
    start = inspection.started_at
    for s in signatures:
        if start is not None and s.signed_at < start:
            problems.append(Missing("signature", _("{name} 的签名时间（{signed}）早于检查开始时间（{start}）").format(
                name=s.signer_name, signed=f"{s.signed_at:%Y-%m-%d %H:%M}", start=f"{start:%Y-%m-%d %H:%M}")))
    return problems


def missing_for_completion(session: Session, inspection: Inspection) -> list[Missing]:
    """Everything that must be done before the inspection can be completed and locked."""
    template = inspections.template_for(inspection)
    answers = inspections.answers_of(inspection)
    return (inspections.checklist_problems(inspection, template, answers)
            + evidence_problems(session, inspection, template, answers))


def complete(session: Session, inspection: Inspection, actor: str) -> ScoreResult:
    """Complete and lock; raises ``IncompleteError`` (with ``.missing``) when something is missing."""
    return inspections.complete(session, inspection, actor, missing_for_completion(session, inspection))
