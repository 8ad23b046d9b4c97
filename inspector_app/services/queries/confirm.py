"""Read model of what a person confirms before locking an inspection (完成并锁定) or accepting it (验收):
the score, the conclusion with its reasons, the open points and who signs.

The open points are what completion checks (``services.completion.missing_for_completion``: items not yet
answered, failed items without a note, photos and signatures missing, the team) – they block locking – and
the hazards still to be rectified, which do not block anything but go with the inspection into the
rectification order. Before accepting, what completion would still ask is shown too (an inspection that
came in a bundle was completed elsewhere) but does not block the supervisor. Who signs: the people on the
inspection (行政执法人员 the 现场检查记录, 评审专家 the 评分表), the enterprise's person in charge (or the
refusal recorded), and – for 验收 – the supervisor who accepts.

The screens show this in a confirmation dialog; nothing here writes. The command line is unchanged: it
locks and accepts without asking (``inspections complete`` / ``accept``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from inspector_app.domain.lifecycle import FindingStatus, InspectionStatus, Severity
from inspector_app.domain.numbers import score_text
from inspector_app.services import completion, inspections
from inspector_app.services.signatures import list_signatures
from inspector_app.services.unit import reading
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models import EXPERT, Inspection

__all__ = ["ACCEPT", "LOCK", "Confirmation", "OpenPoint", "Signer", "before_accepting", "before_locking"]

LOCK, ACCEPT = "lock", "accept"
_OPEN_FINDINGS = (FindingStatus.OPEN, FindingStatus.RECTIFIED, FindingStatus.FAILED)


@dataclass(frozen=True)
class OpenPoint:
    """Something still open: ``kind`` is a completion check's (unanswered, note, photo, signature, header,
    na, major) or "hazard" (a finding not yet rectified: ``severity``, ``deadline`` ISO date, ``status``);
    ``blocking``: the action cannot go ahead while it is open."""

    kind: str
    text: str
    item_code: str = ""
    blocking: bool = True
    severity: str = ""
    deadline: str = ""
    status: str = ""


@dataclass(frozen=True)
class Signer:
    """Who signs: ``role`` officer / expert / enterprise_rep / reviewer; ``signed`` whether a signature (or,
    for the enterprise, a recorded refusal: ``refused``) is there."""

    role: str
    name: str
    signed: bool
    refused: bool = False


@dataclass(frozen=True)
class Confirmation:
    action: str  # LOCK or ACCEPT
    inspection_id: int
    enterprise: str
    template: str
    status: str
    version: int | None
    score: float | None
    conclusion: str  # the conclusion's label; "" before the first answer (domain.states)
    counts_as: str  # its bucket (维持 / 限期整改 / 建议摘牌), "" when there is none
    reasons: tuple[str, ...]
    answered: int
    total_items: int
    open_points: tuple[OpenPoint, ...]
    signers: tuple[Signer, ...]

    @property
    def score_text(self) -> str:
        return score_text(self.score, "—")

    @property
    def blocking(self) -> tuple[OpenPoint, ...]:
        return tuple(p for p in self.open_points if p.blocking)

    @property
    def hazards(self) -> tuple[OpenPoint, ...]:
        return tuple(p for p in self.open_points if p.kind == "hazard")


def before_locking(ws: Workspace, inspection_id: int) -> Confirmation:
    """What completing and locking ``inspection_id`` would lock in; raises ``NotFoundError``."""
    with reading(ws) as session:
        return read_confirmation(session, inspection_id, LOCK)


def before_accepting(ws: Workspace, inspection_id: int, reviewer: str) -> Confirmation:
    """What accepting ``inspection_id`` confirms; ``reviewer`` is who accepts (signs the 验收)."""
    with reading(ws) as session:
        return read_confirmation(session, inspection_id, ACCEPT, reviewer)


def read_confirmation(session: Session, inspection_id: int, action: str, reviewer: str = "") -> Confirmation:
    inspection = inspections.get(session, inspection_id)
    result = inspections.score(inspection)
    blocking = action == LOCK
    points = [OpenPoint(m.kind, m.message, m.item_code, blocking)
              for m in completion.missing_for_completion(session, inspection)]
    points += _hazards(inspection)
    signers = _signers(session, inspection)
    if action == ACCEPT:
        signers.append(Signer("reviewer", reviewer, False))
    conclusion = result.conclusion
    return Confirmation(
        action, inspection.id, inspection.enterprise.name, inspections.template_for(inspection).title,
        InspectionStatus(inspection.status).value, inspection.version, result.score_float,
        conclusion.label if conclusion is not None else "", conclusion.counts_as if conclusion is not None else "",
        tuple(str(r) for r in result.conclusion_reasons), result.answered, result.total_items, tuple(points),
        tuple(signers))


def _hazards(inspection: Inspection) -> list[OpenPoint]:
    rows = [f for f in inspection.findings if f.status in _OPEN_FINDINGS]
    rows.sort(key=lambda f: (f.severity != Severity.MAJOR, f.deadline is None, f.deadline, f.id))
    return [OpenPoint("hazard", f.description, f.item_code or "", False, f.severity,
                      f.deadline.isoformat() if f.deadline else "", f.status) for f in rows]


def _signers(session: Session, inspection: Inspection) -> list[Signer]:
    signatures = list_signatures(session, inspection.id)
    signed = {s.inspector_id for s in signatures if s.role == "inspector" and not s.refused}
    people = [Signer("expert" if p.role == EXPERT else "officer", p.name, p.id in signed)
              for p in inspection.inspectors]
    rep = next((s for s in signatures if s.role == "enterprise_rep"), None)
    name = rep.signer_name if rep is not None else (inspection.rep_name or "")
    people.append(Signer("enterprise_rep", name, rep is not None and not rep.refused,
                         rep is not None and rep.refused))
    return people
