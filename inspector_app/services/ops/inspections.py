"""Operations on one inspection: assignment, answers, header, inspectors, findings, completion, reopening.

Every function opens its own transaction, changes the inspection through the building blocks
(``services.inspections`` / ``services.findings`` / ``services.completion``: lifecycle rules, audit
rows, revision, cached score) and returns what changed. The editor queues them on the GUI's single
writer thread, in order.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, NamedTuple

from inspector_app.domain.errors import ValidationError
from inspector_app.domain.lifecycle import FindingStatus
from inspector_app.domain.scoring import Answer
from inspector_app.services import completion, enterprises, findings, inspections, review_subject
from inspector_app.services.changes import ChangeKind, Changes, OpResult
from inspector_app.services.inspections import IncompleteError, Missing, PersonSpec
from inspector_app.services.templates import template_record
from inspector_app.services.unit import unit_of_work
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models import Inspection
from inspector_app.translation import _

__all__ = ["Assigned", "IncompleteError", "Missing", "add_finding", "assign", "complete", "remove_finding",
           "reopen", "set_answer", "set_answers", "set_finding_status", "set_inspectors", "update_finding",
           "update_header"]


class Assigned(NamedTuple):
    """A new inspection: its id (``value``), what changed, and what the assigner should know – a
    certificate that has expired (or will before the deadline), a grade or industry not recorded."""

    value: int
    changes: Changes
    warnings: tuple[str, ...] = ()


def _changed(inspection: Inspection, *kinds: ChangeKind) -> Changes:
    return Changes.of(*kinds, inspections=[inspection.id], enterprises=[inspection.enterprise_id])


def assign(ws: Workspace, enterprise_id: int | None, template_id: str, inspectors: Sequence[PersonSpec],
           actor: str, *, due_date: date | None = None, location: str = "",
           override_reason: str = "", review_org_id: int | None = None) -> Assigned:
    """A new inspection of an enterprise with the newest version of a template, for inspectors given as
    (name, certificate number). The value is the new inspection's id.

    A template whose grades, industries or subject do not fit the enterprise is refused with the reason
    (``ValidationError``, nothing written) unless ``override_reason`` says why (audited); warnings (an
    expired certificate, a grade or industry not recorded) come back in ``warnings``.

    A review-quality check (a template whose subject is 评审单位) is of the review organisation
    ``review_org_id`` (required) and a sample of its certified enterprises: ``enterprise_id`` one it
    certified, or None to let ``services.review_subject.sample_enterprise`` choose."""
    with unit_of_work(ws) as session:
        if enterprise_id is None:
            if review_org_id is None:
                raise ValidationError(_("须指定企业（或评审质量检查的评审单位）"))
            enterprise_id = review_subject.sample_enterprise(session, review_org_id)
        enterprise = enterprises.get(session, enterprise_id)
        template = template_record(session, template_id)
        fit, _org = inspections.assignment_fit(session, enterprise, template, due_date, review_org_id)
        inspection = inspections.assign(session, enterprise, template, inspectors, actor, due_date, location,
                                        override_reason=override_reason, review_org_id=review_org_id)
        changes = _changed(inspection, ChangeKind.ASSIGNMENTS, ChangeKind.STATUS, ChangeKind.ANSWERS)
        overridden = tuple(_("已说明理由仍使用：{problem}").format(problem=p) for p in fit.problems)
        return Assigned(inspection.id, changes, overridden + fit.warnings)


def set_answer(ws: Workspace, inspection_id: int, item_code: str, answer: Answer | None, actor: str) -> Changes:
    """Set (or with ``None`` clear) one item's answer; the first answer starts the inspection."""
    with unit_of_work(ws) as session:
        inspection = inspections.get(session, inspection_id)
        inspections.set_answer(session, inspection, item_code, answer, actor)
        return _changed(inspection, ChangeKind.ANSWERS, ChangeKind.STATUS, ChangeKind.HEADER)


def update_header(ws: Workspace, inspection_id: int, actor: str, **values: Any) -> Changes:
    with unit_of_work(ws) as session:
        inspection = inspections.get(session, inspection_id)
        inspections.update_header(session, inspection, actor, **values)
        return _changed(inspection, ChangeKind.HEADER)


def set_inspectors(ws: Workspace, inspection_id: int, people: Sequence[PersonSpec], actor: str) -> Changes:
    with unit_of_work(ws) as session:
        inspection = inspections.get(session, inspection_id)
        inspections.set_inspectors(session, inspection, people, actor)
        return _changed(inspection, ChangeKind.INSPECTORS)


def add_finding(ws: Workspace, inspection_id: int, actor: str, **values: Any) -> OpResult[int]:
    """A hidden hazard (隐患) on the inspection; the value is the new finding's id."""
    with unit_of_work(ws) as session:
        inspection = inspections.get(session, inspection_id)
        finding = findings.add(session, inspection, actor, **values)
        return OpResult(finding.id, _changed(inspection, ChangeKind.FINDINGS))


def update_finding(ws: Workspace, finding_id: int, actor: str, *, expected_version: int | None = None,
                   **values: Any) -> Changes:
    """Edit a hazard's fields. ``expected_version``: the finding's version the editor showed – an edit
    made meanwhile by someone else refuses this one (``StaleEditError`` saying what the hazard is now)."""
    with unit_of_work(ws) as session:
        finding = findings.get(session, finding_id, lock=expected_version is not None)
        findings.check_version(finding, expected_version)
        findings.update(session, finding, actor, **values)
        return _changed(inspections.get(session, finding.inspection_id), ChangeKind.FINDINGS)


def remove_finding(ws: Workspace, finding_id: int, actor: str, *, expected_version: int | None = None) -> Changes:
    with unit_of_work(ws) as session:
        finding = findings.get(session, finding_id, lock=expected_version is not None)
        findings.check_version(finding, expected_version)
        inspection = inspections.get(session, finding.inspection_id)
        findings.remove(session, finding, actor)
        return _changed(inspection, ChangeKind.FINDINGS)


def set_finding_status(ws: Workspace, finding_id: int, status: FindingStatus, actor: str,
                       note: str = "", *, expected_version: int | None = None) -> Changes:
    """Rectification follow-up; allowed on a locked inspection. ``expected_version`` as for
    ``update_finding``: two supervisors recording the re-check of one hazard – one wins."""
    with unit_of_work(ws) as session:
        finding = findings.get(session, finding_id, lock=expected_version is not None)
        findings.check_version(finding, expected_version)
        findings.set_status(session, finding, status, actor, note)
        return _changed(inspections.get(session, finding.inspection_id), ChangeKind.FINDINGS)


def complete(ws: Workspace, inspection_id: int, actor: str) -> Changes:
    """Complete and lock. Raises ``IncompleteError`` (with ``.missing``: the checklist, photos and
    signatures of ``services.completion``) and writes nothing when something is missing."""
    with unit_of_work(ws) as session:
        inspection = inspections.get(session, inspection_id)
        completion.complete(session, inspection, actor)
        return _changed(inspection, ChangeKind.STATUS, ChangeKind.HEADER)


def reopen(ws: Workspace, inspection_id: int, reason: str, actor: str) -> Changes:
    """Reopen a locked inspection; the reason is required and audited."""
    with unit_of_work(ws) as session:
        inspection = inspections.get(session, inspection_id)
        inspections.reopen(session, inspection, reason, actor)
        return _changed(inspection, ChangeKind.STATUS)


def set_answers(ws: Workspace, inspection_id: int, answers: Sequence[tuple[str, Answer | None]],
                actor: str) -> Changes:
    """Several answers at once (a transcribed paper checklist), all or nothing: the first refused
    answer names its item and nothing is written."""
    with unit_of_work(ws) as session:
        inspection = inspections.get(session, inspection_id)
        for item_code, answer in answers:
            inspections.set_answer(session, inspection, item_code, answer, actor)
        return _changed(inspection, ChangeKind.ANSWERS, ChangeKind.STATUS, ChangeKind.HEADER)
