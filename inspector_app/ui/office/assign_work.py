"""Assigning many enterprises at once, in one worker task (no Qt here): each enterprise is one call of
``services.ops.inspections.assign`` – its own transaction, so a cancel keeps what was assigned before it
and one enterprise's refusal (a template that does not fit, fewer than two officers) does not stop the
others. The run carries the union of the changes, which the runner announces."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from inspector_app.domain.errors import InspectorError
from inspector_app.domain.progress import CancelToken
from inspector_app.services.changes import NO_CHANGES, Changes
from inspector_app.ui.lazy import LazyModule

if TYPE_CHECKING:
    from inspector_app.services.ops import inspections as inspection_ops
    from inspector_app.storage.engine import Workspace
else:
    inspection_ops = LazyModule("inspector_app.services.ops.inspections")

Person = tuple[str, str, str]  # name, certificate number, role (officer / expert)


@dataclass
class AssignRun:
    total: int
    assigned: list[tuple[str, int]] = field(default_factory=list)  # enterprise name, new inspection id
    warnings: list[tuple[str, str]] = field(default_factory=list)  # enterprise name, warning
    refused: list[tuple[str, InspectorError]] = field(default_factory=list)
    cancelled: bool = False
    changes: Changes = NO_CHANGES

    def refusals_by_reason(self) -> list[tuple[str, list[str]]]:
        """The refusals grouped by their message (one team problem refuses every enterprise alike)."""
        grouped: dict[str, list[str]] = {}
        for name, error in self.refused:
            grouped.setdefault(str(error), []).append(name)
        return list(grouped.items())


def team(people: Sequence[Person]) -> list[Person]:
    """The people chosen, each once (by certificate), officers first, empty choices left out."""
    seen: set[str] = set()
    chosen: list[Person] = []
    for person in sorted(people, key=lambda p: p[2] != "officer"):
        if person[0] and person[1] and person[1] not in seen:
            seen.add(person[1])
            chosen.append(person)
    return chosen


def assign_work(workspace: Workspace, enterprises: Sequence[tuple[int, str]], template_id: str,
                people: Sequence[Person], actor: str, due_date: date | None,
                progress: Callable[[int, int, str], None], cancel: CancelToken,
                review_orgs: bool = False) -> AssignRun:
    """``review_orgs``: the targets are review organisations (a review-quality check of each, its sample
    enterprise chosen by the operation), not enterprises."""
    run = AssignRun(len(enterprises))
    chosen = team(people)
    for done, (enterprise_id, name) in enumerate(enterprises):
        if cancel.cancelled:
            run.cancelled = True
            break
        progress(done, len(enterprises), name)
        try:
            if review_orgs:
                result = inspection_ops.assign(workspace, None, template_id, chosen, actor, due_date=due_date,
                                               review_org_id=enterprise_id)
            else:
                result = inspection_ops.assign(workspace, enterprise_id, template_id, chosen, actor, due_date=due_date)
        except InspectorError as error:
            run.refused.append((name, error))
            continue
        run.assigned.append((name, result.value))
        run.warnings += [(name, w) for w in result.warnings]
        run.changes = run.changes | result.changes
    progress(len(enterprises), len(enterprises), "")
    return run
