"""Operations on enterprises: importing the register bureaus keep (``.xlsx`` / ``.csv``), all or nothing."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from inspector_app.domain.progress import CancelToken, Progress, no_progress
from inspector_app.services.changes import NO_CHANGES, ChangeKind, Changes
from inspector_app.services.enterprise_import import ImportReport, import_enterprises
from inspector_app.services.unit import unit_of_work
from inspector_app.storage.engine import Workspace


@dataclass
class EnterpriseImport(ImportReport):
    """The import report (counts, warnings, preview, ``summary()``) with what the import changed."""

    changes: Changes = NO_CHANGES


def import_register(ws: Workspace, path: Path | str, *, dry_run: bool = False, allow_invalid_uscc: bool = False,
                    progress: Progress = no_progress, cancel: CancelToken | None = None) -> EnterpriseImport:
    """Check every row, then add new USCCs and update known ones in one transaction. Raises
    ``ImportFileError`` with every problem (nothing written) or ``Cancelled`` (rolled back). A dry run
    returns the same report and writes nothing.

    Enterprise records keep no audit trail, so the import takes no actor."""
    with unit_of_work(ws) as session:
        report = import_enterprises(session, path, dry_run=dry_run, allow_invalid_uscc=allow_invalid_uscc,
                                    progress=progress, cancel=cancel)
    wrote = not dry_run and bool(report.added or report.updated)
    changes = Changes.bulk(ChangeKind.ENTERPRISES) if wrote else NO_CHANGES
    return EnterpriseImport(**{f.name: getattr(report, f.name) for f in fields(ImportReport)}, changes=changes)
