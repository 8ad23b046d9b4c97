"""What an import reports: per file a status (imported / already imported / rejected / cancelled) with
the reason for people and a stable ``code`` for programs, per record what happened to it, and what it
changed in the workspace (``Changes``, broadcast to the screens).

A file that cannot be imported raises a ``BundleError`` whose ``code`` says why (``bundle.errors.CODES``);
``ImportReport.rejected`` turns it into a report with ``status == "rejected"``, the same ``code``, the
message as ``reason`` and the key ``fingerprint`` where the error names one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict

from inspector_app.bundle.errors import BundleError
from inspector_app.services.changes import NO_CHANGES, ChangeKind, Changes
from inspector_app.translation import _

BUNDLE_SUFFIXES = (".inspbundle", ".zip", ".enc")
# Codes an ImportReport may carry besides the BundleError codes (errors.CODES): a file that failed
# reading or writing, any other error, and files not tried because the user cancelled.
REPORT_ONLY_CODES = ("io_error", "error", "cancelled")
# Above this many changed inspections an import is announced as a bulk change (every screen rereads).
BULK_INSPECTIONS = 200
# What an applied inspection may have changed: everything in it.
_INSPECTION_KINDS = (ChangeKind.ANSWERS, ChangeKind.HEADER, ChangeKind.INSPECTORS, ChangeKind.STATUS,
                     ChangeKind.FINDINGS, ChangeKind.PHOTOS, ChangeKind.SIGNATURES, ChangeKind.SHEETS)


_REMOVED = {"inspection": _INSPECTION_KINDS, "enterprise": (ChangeKind.ENTERPRISES,),
            "filed_report": (ChangeKind.REPORTS,), "case": (ChangeKind.CASES,)}


class Rejected(BundleError):
    """The bundle is valid but cannot be applied here: ``code`` is own_bundle, wrong_direction,
    wrong_signer_role, replay, bad_record or no_such_conflict."""


@dataclass(frozen=True)
class ReportLine:
    kind: str  # template / campaign / enterprise / inspection; in a roll-up also filed_report / office / case
    key: str
    action: str  # added / updated / unchanged / conflict / rejected / warning (imported, but look at it);
    #              removed (a roll-up's record of the office below that its newer roll-up no longer has)
    reason: str = ""  # for people (Chinese), with the technical detail
    code: str = ""  # why, for programs: revision / already_here / changed_on_both_sides / status_not_sendable /
    #                 missing_enterprise_or_template ("" for templates and enterprises); for a warning
    #                 role_kept / number_taken / number_differs
    revision: int = 0  # the incoming revision of an inspection
    inspection_id: int | None = None  # the local inspection (added, updated, in conflict or unchanged)
    enterprise_id: int | None = None  # the local enterprise (of an enterprise line or an inspection line)
    title: str = ""  # what people call the record, in the interface language: a template's or a campaign's
    #                  title and version (``titled``), an enterprise's name; "" where ``key`` is all there is


class LocalIds(TypedDict):
    """The local rows a report line names (``ReportLine(..., **ids)``)."""

    inspection_id: int
    enterprise_id: int


def titled(title: str, version: str) -> str:
    """A template or campaign as people know it: its title and version – never its id (``lookback-2020``)."""
    return _("{title}（{version} 版）").format(title=title, version=version) if title else version


@dataclass
class ImportReport:
    path: Path
    status: str = "rejected"  # imported / already imported / rejected / cancelled (not tried, nothing written)
    reason: str = ""  # for people (Chinese)
    bundle_id: str = ""
    sequence: int = 0
    producer: str = ""
    fingerprint: str = ""  # the signing key's; for a rejected file, the key the error names ("" if none)
    lines: list[ReportLine] = field(default_factory=list)
    code: str = ""  # for a rejected file: the error's stable code (errors.CODES, or "error" / "io_error")
    changes: Changes = NO_CHANGES  # what the import changed (nothing unless "imported")
    rollup: str = ""  # a roll-up's: the path of the area of the office below that sent it

    @classmethod
    def rejected(cls, path: Path, exc: Exception) -> ImportReport:
        """The report of a file that failed with ``exc`` (nothing of it was written)."""
        if isinstance(exc, BundleError):
            return cls(path, "rejected", str(exc), fingerprint=exc.fingerprint, code=exc.code)
        if isinstance(exc, OSError):
            detail = exc.strerror or str(exc)
            return cls(path, "rejected", _("读写文件出错：{detail}（{name}）").format(detail=detail, name=type(exc).__name__), code="io_error")
        return cls(path, "rejected", str(exc), code="error")

    def counts(self) -> dict[str, int]:
        return dict(Counter(line.action for line in self.lines))

    def counts_by_kind(self) -> dict[str, dict[str, int]]:
        """``{kind: {action: count}}``: what a roll-up added, updated, removed or left of each kind."""
        table: dict[str, dict[str, int]] = {}
        for line in self.lines:
            row = table.setdefault(line.kind, {})
            row[line.action] = row.get(line.action, 0) + 1
        return table


@dataclass(frozen=True)
class ImportResult:
    """The reports of an import of several files, one per file in order, and what they changed together."""

    reports: tuple[ImportReport, ...]
    changes: Changes = NO_CHANGES


def changes_of_lines(lines: Iterable[ReportLine]) -> Changes:
    """What an applied bundle changed, from its report lines (the acknowledgements it carried change
    what is pending export: ``SYNC``)."""
    kinds = {ChangeKind.SYNC}
    inspection_ids: set[int] = set()
    enterprise_ids: set[int] = set()
    removed = False
    for line in lines:
        if line.action == "conflict":
            kinds.add(ChangeKind.CONFLICTS)
        if line.action == "removed":  # rows that are gone: every screen rereads
            removed = True
            kinds.update(_REMOVED.get(line.kind, ()))
        if line.action not in ("added", "updated"):
            continue
        if line.kind == "template":
            kinds.add(ChangeKind.TEMPLATES)
        elif line.kind == "enterprise":
            kinds.add(ChangeKind.ENTERPRISES)
        elif line.kind == "campaign":
            kinds.add(ChangeKind.CAMPAIGNS)
        elif line.kind == "filed_report":
            kinds.add(ChangeKind.REPORTS)
        elif line.kind == "case":
            kinds.add(ChangeKind.CASES)
        elif line.kind == "inspection":
            kinds.update(_INSPECTION_KINDS)
            if line.action == "added":
                kinds.add(ChangeKind.ASSIGNMENTS)
        if line.inspection_id is not None:
            inspection_ids.add(line.inspection_id)
        if line.enterprise_id is not None:
            enterprise_ids.add(line.enterprise_id)
    if removed or len(inspection_ids) > BULK_INSPECTIONS:
        return Changes.bulk(*kinds)
    return Changes.of(*kinds, inspections=inspection_ids, enterprises=enterprise_ids)


def combined(reports: Sequence[ImportReport]) -> Changes:
    """The changes of several imports together (a bulk change above ``BULK_INSPECTIONS`` inspections)."""
    total = NO_CHANGES
    for report in reports:
        total = total | report.changes
    if not total.everything and len(total.inspections) > BULK_INSPECTIONS:
        return Changes.bulk(*total.kinds)
    return total


def collect_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders contribute their bundle files (sorted, hidden files skipped)."""
    found: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")
                            and p.name.lower().endswith(BUNDLE_SUFFIXES))
        else:
            found.append(path)
    return found
