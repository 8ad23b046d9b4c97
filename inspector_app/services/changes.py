"""What an operation changed: the one value every state change returns (after Anki's ``OpChanges``).

An operation (``services/ops/``) opens and commits its own unit of work and returns ``Changes`` – or a
small result object that carries them in ``.changes``. The GUI's task runner broadcasts the changes of
every finished operation; each screen decides from them whether it must reread something. Nobody calls
another screen's ``reload()``.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any, Generic, NamedTuple, TypeVar

T = TypeVar("T")


class ChangeKind(StrEnum):
    """What kind of data changed; a screen refreshes the parts that show that kind."""

    ANSWERS = "answers"
    HEADER = "header"
    INSPECTORS = "inspectors"
    STATUS = "status"  # lifecycle: assigned, completed, reopened, accepted, returned…
    FINDINGS = "findings"
    PHOTOS = "photos"
    SIGNATURES = "signatures"
    SHEETS = "sheets"  # a sheet was printed (its hash recorded)
    ASSIGNMENTS = "assignments"  # inspections created
    ENTERPRISES = "enterprises"
    TEMPLATES = "templates"
    KEYS = "keys"  # trust store and this installation's identity
    CONFLICTS = "conflicts"
    SYNC = "sync"  # bundles exported or imported
    SETTINGS = "settings"  # workspace settings (issuing authority…)
    CAMPAIGNS = "campaigns"  # campaign versions imported
    REPORTS = "reports"  # reports filed or received
    CASES = "cases"  # 摘牌 case files and their steps
    SANCTIONS = "sanctions"  # sanctions, the statuses they set, suspended applications
    REGISTERS = "registers"  # organisations, reviewers, staff, links, certifications (issue 13)


class Changes(NamedTuple):
    """Which records changed and how. ``everything`` marks a bulk change (demo data, an import of many
    rows): every screen rereads what it shows. (Immutable; a NamedTuple because the GUI imports this
    before its window is shown, and the dataclasses module would cost start-up 2 ms.)"""

    kinds: frozenset[ChangeKind] = frozenset()
    inspections: frozenset[int] = frozenset()
    enterprises: frozenset[int] = frozenset()
    everything: bool = False

    @classmethod
    def of(cls, *kinds: ChangeKind, inspections: Iterable[int] = (), enterprises: Iterable[int] = (),
           everything: bool = False) -> Changes:
        return cls(frozenset(kinds), frozenset(inspections), frozenset(enterprises), everything)

    @classmethod
    def bulk(cls, *kinds: ChangeKind) -> Changes:
        return cls(frozenset(kinds), everything=True)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.kinds | other.kinds, self.inspections | other.inspections,
                       self.enterprises | other.enterprises, self.everything or other.everything)

    def __bool__(self) -> bool:
        return bool(self.kinds or self.inspections or self.enterprises or self.everything)

    def touches_inspection(self, inspection_id: int) -> bool:
        return self.everything or inspection_id in self.inspections

    def touches_enterprise(self, enterprise_id: int) -> bool:
        return self.everything or enterprise_id in self.enterprises

    def has(self, *kinds: ChangeKind) -> bool:
        return self.everything or any(kind in self.kinds for kind in kinds)


NO_CHANGES = Changes()


class OpResult(NamedTuple, Generic[T]):
    """An operation's value together with what it changed (``add_finding`` → the new id, …)."""

    value: T
    changes: Changes


def changes_of(result: Any) -> Changes | None:
    """The changes an operation's result carries: ``Changes`` itself or anything with ``.changes``."""
    if isinstance(result, Changes):
        return result
    changes = getattr(result, "changes", None)
    return changes if isinstance(changes, Changes) else None
