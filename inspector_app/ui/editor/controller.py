"""The editor's model: an in-memory copy of the inspection, changed at once, saved in the background.

Every change goes the same way: the in-memory ``Snapshot`` is updated, signals tell the views what
changed, the score is recomputed with the pure engine (well under a millisecond for 150 items), and
the matching operation (``services.ops.inspections``) is queued on the runner's single writer thread,
where it runs in its own transaction. Writes keep their order, so an undo queued after an edit always
lands after it. A failed write is reported in words and the editor rereads what the database holds.

The controller listens to the runner's ``changed``: when an operation started by someone else (the
desk's review, a bundle import…) changes this inspection, it rereads its snapshot – after its own
queued writes. Its own operations carry it as their initiator and are not reread.

The undo commands in ``commands.py`` call these methods; views never write anything themselves.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from inspector_app.domain.errors import InspectorError
from inspector_app.domain.lifecycle import FindingStatus, InspectionStatus
from inspector_app.domain.scoring import Answer, ScoreResult
from inspector_app.services.changes import ChangeKind, Changes, OpResult
from inspector_app.services.ops import inspections as ops
from inspector_app.services.queries import confirm as confirm_queries
from inspector_app.services.queries.confirm import Confirmation
from inspector_app.services.queries.editor import (
    OFFICER,
    FindingRow,
    Snapshot,
    load_roles,
    load_snapshot,
    now,
)
from inspector_app.storage.engine import Workspace
from inspector_app.ui.tasks import TaskRunner

log = logging.getLogger(__name__)
Job = Callable[[], Any]  # an operation call, run on the writer thread
# What the editor shows; photos, signatures and printed sheets are reread by their own panels.
SHOWN = (ChangeKind.ANSWERS, ChangeKind.HEADER, ChangeKind.INSPECTORS, ChangeKind.STATUS, ChangeKind.FINDINGS)


class EditorController(QObject):
    loaded = Signal()  # a new snapshot (first load or reload after a failure)
    answerChanged = Signal(str)  # item code
    headerChanged = Signal(str)  # header field name, or "inspectors"
    findingsChanged = Signal()
    statusChanged = Signal()
    scoreChanged = Signal(object)  # ScoreResult
    saved = Signal(int)  # inspection id, after each write has been committed
    pendingChanged = Signal(int)  # writes queued but not yet committed
    failed = Signal(str)  # a write failed: a message for people
    incomplete = Signal(list)  # completion refused: list[ops.inspections.Missing]

    def __init__(self, workspace: Workspace, inspection_id: int, runner: TaskRunner, actor: str,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._id = inspection_id
        self._runner = runner
        self._actor = actor
        self._pending = 0
        self._reading = False  # a reread is queued on the writer
        self._stale = False  # ... and something changed after it was queued: read once more
        self._finding_ids: dict[str, int] = {}  # touched on the writer thread only
        # Read here on the GUI thread: primary-key reads of one inspection, 1.2 ms measured on the
        # 10,000/50,000 workspace (the first editor in a process pays ~27 ms once for SQLAlchemy's first
        # compile of these statements); the editor's widgets are built from it in the same call.
        self._snapshot = load_snapshot(workspace, inspection_id)
        self._finding_ids = dict(self._snapshot.finding_ids)
        self._score = self._snapshot.score()
        runner.changed.connect(self._on_changes)

    # ----------------------------------------------------------------- reading
    @property
    def inspection_id(self) -> int:
        return self._id

    @property
    def snapshot(self) -> Snapshot:
        return self._snapshot

    @property
    def score(self) -> ScoreResult:
        return self._score

    @property
    def locked(self) -> bool:
        return self._snapshot.locked

    @property
    def pending(self) -> int:
        return self._pending

    def answer(self, code: str) -> Answer | None:
        return self._snapshot.answers.get(code)

    def services(self) -> tuple[Workspace, TaskRunner, str]:
        """The workspace, runner and actor, for panels that keep their own data (photos, signatures)."""
        return self._workspace, self._runner, self._actor

    def finding_id(self, key: str) -> int | None:
        """The database id of a finding once it has been saved (for attaching photos to it)."""
        return self._finding_ids.get(key) or self._snapshot.finding_ids.get(key)

    # ----------------------------------------------------------------- changes (called by undo commands)
    def set_answer(self, code: str, answer: Answer | None) -> None:
        snap = self._snapshot
        if answer is None:
            snap.answers.pop(code, None)
        else:
            snap.answers[code] = answer
        if snap.status in (InspectionStatus.ASSIGNED, InspectionStatus.RETURNED):
            snap.status = InspectionStatus.IN_PROGRESS
            self.statusChanged.emit()
        if snap.header.get("started_at") is None:
            snap.header["started_at"] = now()
            self.headerChanged.emit("started_at")
        self.answerChanged.emit(code)
        self._rescore()
        self._write(lambda: ops.set_answer(self._workspace, self._id, code, answer, self._actor))

    def set_header(self, name: str, value: Any) -> None:
        self._snapshot.header[name] = value
        self.headerChanged.emit(name)
        self._write(lambda: ops.update_header(self._workspace, self._id, self._actor, **{name: value}))

    def set_inspectors(self, people: Sequence[tuple[str, str]], roles: Mapping[str, str] | None = None) -> None:
        """The people on the inspection; ``roles`` (certificate number → officer / expert) changes the
        role of a person listed whose role differs – a role belongs to the certificate, on every
        inspection. A person new to this inspection keeps the role stored for their certificate unless
        chosen as an expert (officer being the default); the roles stored are shown once saved."""
        people, roles, snap = list(people), dict(roles or {}), self._snapshot
        changed = {cert: role for cert, role in roles.items() if snap.roles.get(cert, OFFICER) != role}
        snap.inspectors = people
        snap.roles = {cert: roles.get(cert, snap.role(cert)) for _name, cert in people}
        self.headerChanged.emit("inspectors")
        workspace, inspection_id, actor = self._workspace, self._id, self._actor
        specs = [(name, cert, changed[cert]) if cert in changed else (name, cert) for name, cert in people]

        def job() -> OpResult[dict[str, str]]:
            done = ops.set_inspectors(workspace, inspection_id, specs, actor)  # a role given is audited
            return OpResult(load_roles(workspace, inspection_id), done)

        def saved(result: OpResult[dict[str, str]]) -> None:
            current = self._snapshot
            if current.inspectors == people and current.roles != result.value:
                current.roles = dict(result.value)
                self.headerChanged.emit("inspectors")

        self._write(job, saved)

    def add_finding(self, row: FindingRow, position: int | None = None) -> None:
        rows = self._snapshot.findings
        rows.insert(len(rows) if position is None else position, row)
        self._findings_changed()

        def job() -> Any:
            result = ops.add_finding(self._workspace, self._id, self._actor, **row.values())
            self._finding_ids[row.key] = result.value  # later writes of this row find it by its key
            return result

        self._write(job)

    def update_finding(self, row: FindingRow) -> None:
        rows = self._snapshot.findings
        rows[:] = [row if f.key == row.key else f for f in rows]
        self._findings_changed()
        self._write(lambda: ops.update_finding(self._workspace, self._finding_ids[row.key], self._actor,
                                               **row.values()))

    def remove_finding(self, key: str) -> None:
        rows = self._snapshot.findings
        rows[:] = [f for f in rows if f.key != key]
        self._findings_changed()
        self._write(lambda: ops.remove_finding(self._workspace, self._finding_ids.pop(key), self._actor))

    # ----------------------------------------------------------------- not undoable
    def set_finding_status(self, key: str, status: FindingStatus, note: str = "") -> None:
        """Rectification follow-up; allowed on a locked inspection, and not undoable (audited)."""
        row = self._snapshot.finding(key)
        if row is None:
            return
        self.update_local_finding(row.with_values(status=status.value))
        self._write(lambda: ops.set_finding_status(self._workspace, self._finding_ids[key], status, self._actor,
                                                   note))

    def update_local_finding(self, row: FindingRow) -> None:
        rows = self._snapshot.findings
        rows[:] = [row if f.key == row.key else f for f in rows]
        self._findings_changed()

    def complete(self, on_done: Callable[[], None] | None = None) -> None:
        """Complete and lock. If something is missing, ``incomplete`` is emitted with the list."""

        def job() -> Changes | list[ops.Missing]:
            try:
                return ops.complete(self._workspace, self._id, self._actor)
            except ops.IncompleteError as exc:  # not a failure: the list of what is missing is shown
                return exc.missing

        def done(result: Changes | list[ops.Missing]) -> None:
            if isinstance(result, list):
                self.incomplete.emit(result)
                return
            self._snapshot.status = InspectionStatus.COMPLETED  # read-only at once; the reload confirms
            self.statusChanged.emit()
            self._reload()
            if on_done is not None:
                on_done()

        self._write(job, done)

    def read_confirmation(self, on_done: Callable[[Confirmation], None]) -> None:
        """What completing would lock in (score, conclusion, open points, signers), read on the writer
        after the edits still queued, for the confirmation ``editor.locking`` shows."""
        workspace, inspection_id = self._workspace, self._id
        self._runner.write(lambda _p, _c: confirm_queries.before_locking(workspace, inspection_id), on_done,
                           lambda error: self.failed.emit(describe_error(error)))

    def reopen(self, reason: str) -> None:
        self._write(lambda: ops.reopen(self._workspace, self._id, reason, self._actor), lambda _v: self._reload())

    # ----------------------------------------------------------------- plumbing
    def _findings_changed(self) -> None:
        self.findingsChanged.emit()
        self._rescore()

    def _rescore(self) -> None:
        self._score = self._snapshot.score()
        self.scoreChanged.emit(self._score)

    def _write(self, job: Job, on_done: Callable[[Any], None] | None = None) -> None:
        """Queue an operation on the writer; its changes are announced with this controller as the
        initiator, so the controller does not reread what it already shows."""

        def done(value: Any) -> None:
            self._set_pending(self._pending - 1)
            self.saved.emit(self._id)
            if on_done is not None:
                on_done(value)

        self._set_pending(self._pending + 1)
        self._runner.write(lambda _progress, _cancel: job(), done, self._on_error, initiator=self)

    @Slot(object, object)
    def _on_changes(self, changes: Changes, initiator: object) -> None:
        """Someone else changed this inspection (a review, an import, another window): read it again."""
        if initiator is not self and changes.touches_inspection(self._id) and changes.has(*SHOWN):
            self._reload()

    def _on_error(self, error: BaseException) -> None:
        self._set_pending(self._pending - 1)
        self.failed.emit(describe_error(error))
        self._reload()

    def _reload(self) -> None:
        """Re-read the inspection after every queued write (it runs on the writer, in order). A burst of
        changes (an import) is read once more at most, not once per change."""
        if self._reading:
            self._stale = True
            return
        self._reading, self._stale = True, False
        workspace, inspection_id = self._workspace, self._id

        def work(_progress: Any, _cancel: Any) -> Snapshot:
            snapshot = load_snapshot(workspace, inspection_id)
            # Merged, not replaced: a write queued after this read may still name a finding added in
            # this editor by its local key ("new-3").
            self._finding_ids = {**self._finding_ids, **snapshot.finding_ids}
            return snapshot

        def done(snapshot: Snapshot) -> None:
            self._reading = False
            if self._pending or self._stale:  # edits or changes came after this read: read again
                self._reload()
                return
            self._snapshot = snapshot
            self._score = snapshot.score()
            self.loaded.emit()
            self.statusChanged.emit()
            self.scoreChanged.emit(self._score)

        def failed(error: BaseException) -> None:
            self._reading = False
            self.failed.emit(describe_error(error))

        self._runner.write(work, done, failed)

    def _set_pending(self, value: int) -> None:
        self._pending = max(0, value)
        self.pendingChanged.emit(self._pending)


def describe_error(error: BaseException) -> str:
    """Words for people: the core's own errors already are; anything else gets a plain sentence."""
    if isinstance(error, InspectorError):
        return str(error)
    log.error("editor write failed", exc_info=error)
    return f"{type(error).__name__}: {error}"


def stamp(value: datetime | None) -> str:
    return "" if value is None else value.strftime("%Y-%m-%d %H:%M")
