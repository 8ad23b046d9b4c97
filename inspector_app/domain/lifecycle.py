"""Lifecycles of inspections and hazard findings, as data: which status may follow which."""

from __future__ import annotations

from enum import StrEnum

from inspector_app.domain.errors import LifecycleError
from inspector_app.translation import N_, _


class InspectionStatus(StrEnum):
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"  # completed and locked
    EXPORTED = "exported"
    RECEIVED = "received"
    ACCEPTED = "accepted"
    RETURNED = "returned"

    @property
    def label(self) -> str:
        return INSPECTION_LABELS[self]

    @property
    def locked(self) -> bool:
        return self in LOCKED_STATUSES


INSPECTION_LABELS = {
    InspectionStatus.ASSIGNED: N_("已分配"),
    InspectionStatus.IN_PROGRESS: N_("检查中"),
    InspectionStatus.COMPLETED: N_("已完成锁定"),
    InspectionStatus.EXPORTED: N_("已导出"),
    InspectionStatus.RECEIVED: N_("已接收"),
    InspectionStatus.ACCEPTED: N_("已验收"),
    InspectionStatus.RETURNED: N_("已退回"),
}

LOCKED_STATUSES = frozenset({InspectionStatus.COMPLETED, InspectionStatus.EXPORTED,
                             InspectionStatus.RECEIVED, InspectionStatus.ACCEPTED})

_S = InspectionStatus
INSPECTION_TRANSITIONS: dict[InspectionStatus, frozenset[InspectionStatus]] = {
    _S.ASSIGNED: frozenset({_S.IN_PROGRESS}),
    _S.IN_PROGRESS: frozenset({_S.COMPLETED}),
    # Reopening a locked inspection (→ in progress) needs a reason, which is audited.
    _S.COMPLETED: frozenset({_S.EXPORTED, _S.IN_PROGRESS, _S.RECEIVED}),
    _S.EXPORTED: frozenset({_S.RECEIVED, _S.IN_PROGRESS}),
    _S.RECEIVED: frozenset({_S.ACCEPTED, _S.RETURNED}),
    _S.ACCEPTED: frozenset({_S.RETURNED}),
    _S.RETURNED: frozenset({_S.IN_PROGRESS}),
}


def check_inspection_transition(old: InspectionStatus, new: InspectionStatus) -> None:
    if new == old and new not in INSPECTION_TRANSITIONS[old]:  # e.g. accepting twice: say what is so
        raise LifecycleError(_("检查已经是“{status}”状态").format(status=_(old.label)))
    if new not in INSPECTION_TRANSITIONS[old]:
        raise LifecycleError(_("检查状态不能从“{old}”变为“{new}”").format(old=_(old.label), new=_(new.label)))


def needs_reason(old: InspectionStatus, new: InspectionStatus) -> bool:
    """Reopening a locked inspection and returning one for correction must say why."""
    return (old.locked and new == _S.IN_PROGRESS) or new == _S.RETURNED


# The supervisor's review of a received inspection (验收 / 退回修改): the statuses each applies to. One
# definition, read by the core operations, the CLI and the menu actions alike.
ACCEPTABLE = frozenset({_S.RECEIVED})
RETURNABLE = frozenset({_S.RECEIVED, _S.ACCEPTED})


class Severity(StrEnum):
    GENERAL = "一般"
    MAJOR = "重大"


class FindingStatus(StrEnum):
    OPEN = "待整改"
    RECTIFIED = "已整改待复查"
    PASSED = "复查合格"
    FAILED = "复查不合格"


# The stored values above are shown through the catalogue (``_(severity)``, ``_(status)``).
_SHOWN = (N_("一般"), N_("重大"), N_("待整改"), N_("已整改待复查"), N_("复查合格"), N_("复查不合格"))


FINDING_TRANSITIONS: dict[FindingStatus, frozenset[FindingStatus]] = {
    FindingStatus.OPEN: frozenset({FindingStatus.RECTIFIED}),
    FindingStatus.RECTIFIED: frozenset({FindingStatus.PASSED, FindingStatus.FAILED}),
    FindingStatus.FAILED: frozenset({FindingStatus.RECTIFIED}),  # rectified again, then rechecked
    FindingStatus.PASSED: frozenset(),
}


def check_finding_transition(old: FindingStatus, new: FindingStatus) -> None:
    if new not in FINDING_TRANSITIONS[old]:
        raise LifecycleError(_("隐患状态不能从“{old}”变为“{new}”").format(old=_(old), new=_(new)))
