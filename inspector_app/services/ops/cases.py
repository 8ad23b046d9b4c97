"""Operations on 摘牌 case files (``services.cases``; the step order ``domain.delisting``): open a case from
an inspection concluding 建议摘牌, record its next step. Each its own unit of work, audited."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from inspector_app.domain.delisting import STEPS as _STEPS
from inspector_app.services import cases, inspections
from inspector_app.services.changes import ChangeKind, Changes, OpResult
from inspector_app.services.unit import unit_of_work
from inspector_app.storage.engine import Workspace

StepDone = cases.StepDone
STEPS = tuple(_STEPS)


def open_case(ws: Workspace, inspection_id: int, actor: str, *, on: date | None = None,
              today: date | None = None) -> OpResult[int]:
    """立案 on ``on`` (default today): a case from a finished inspection whose conclusion is 建议摘牌, its
    grounds (the rules, vetoes, findings and photo hashes that led there) frozen. The value is the case's id."""
    today = today or date.today()
    with unit_of_work(ws) as session:
        inspection = inspections.get(session, inspection_id)
        case = cases.open_case(session, inspection, actor, today, on=on)
        return OpResult(case.id, Changes.of(ChangeKind.CASES, enterprises=[case.enterprise_id]))


def advance(ws: Workspace, case_id: int, step: str, actor: str, *, on: date | None = None, number: str = "",
            note: str = "", file: Path | None = None, defence_until: date | None = None, no_defence: bool = False,
            expected_version: int | None = None, today: date | None = None) -> OpResult[StepDone]:
    """Record a case's next step (notify, defence, decide, announce, withdraw, drop) on ``on`` (default
    today), with its document number, a note and an attached file (kept in ``sheets/`` first; a refused
    step leaves only that content-addressed file). ``expected_version``: the version the caller read – a
    case changed since is refused."""
    today = today or date.today()
    stored = cases.store_file(ws.sheet_dir, file) if file is not None else None
    with unit_of_work(ws) as session:
        case = cases.get(session, case_id)
        result = cases.advance(session, case, step, on or today, actor, today=today, number=number, note=note,
                               file=stored, defence_until=defence_until, no_defence=no_defence,
                               expected_version=expected_version)
        return OpResult(result, Changes.of(ChangeKind.CASES, enterprises=[case.enterprise_id]))
