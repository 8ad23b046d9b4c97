"""利益冲突提示 in the editor's header: the conflict-of-interest flags on the review behind the inspected
certificate (``services.queries.conflicts.conflicts_for_inspection``; for a review-quality check every
certificate the organisation reviewed), read in a worker when the editor opens and again when the
registers or the sanctions change. A small red button naming how many there are, each flag in its
tooltip; a click lists them with the evidence and the clause. Hidden when there are none."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMessageBox, QToolButton, QWidget

from inspector_app.services.changes import ChangeKind, Changes
from inspector_app.ui import glyphs
from inspector_app.ui.lazy import LazyModule

if TYPE_CHECKING:
    from inspector_app.services.queries import conflicts as conflict_queries
    from inspector_app.storage.engine import Workspace
    from inspector_app.ui.tasks import TaskRunner
else:
    conflict_queries = LazyModule("inspector_app.services.queries.conflicts")

_KINDS = (ChangeKind.REGISTERS, ChangeKind.SANCTIONS, ChangeKind.ENTERPRISES, ChangeKind.CONFLICTS)


class ConflictBadge(QToolButton):
    def __init__(self, workspace: Workspace, inspection_id: int, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictBadge")
        self.workspace, self.inspection_id, self.runner = workspace, inspection_id, runner
        self.flags: list[dict[str, Any]] = []
        self.reads = 0  # finished reads (tests wait on it)
        self._seq = 0
        self.box: QMessageBox | None = None
        self.setStyleSheet("QToolButton { color: #b3261e; background: #fdecea; border: 1px solid #e6a19b;"
                           " border-radius: 3px; padding: 1px 6px; font-weight: bold; }")
        self.clicked.connect(self.show_list)
        self.hide()
        runner.changed.connect(self._on_changes)
        self.read()

    def read(self) -> None:
        self._seq += 1
        seq, workspace, inspection_id = self._seq, self.workspace, self.inspection_id

        def done(flags: list[dict[str, Any]]) -> None:
            if seq == self._seq:
                self.show_flags(flags)
                self.reads += 1

        def failed(_error: BaseException) -> None:  # no registers here, or the inspection is gone: say nothing
            if seq == self._seq:
                self.show_flags([])
                self.reads += 1

        self.runner.run(lambda _p, _c: conflict_queries.conflicts_for_inspection(workspace, inspection_id), done, failed)

    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        if changes.has(*_KINDS):
            self.read()

    def show_flags(self, flags: list[dict[str, Any]]) -> None:
        self.flags = flags
        self.setVisible(bool(flags))
        if not flags:
            return
        glyphs.set_button(self, self.tr("⚠ 利益冲突提示 %1 条").replace("%1", str(len(flags))))  # ⚠ drawn
        lines = [f"<b>{escape(self.tr('利益冲突提示'))}</b>"]
        for flag in flags[:12]:
            lines.append(f"• <b>{escape(flag['rule_title'])}</b>（{escape(flag['reviewer'] or flag['org'])}）"
                         f"{escape(flag['enterprise'])}：{escape(flag['evidence'])}")
        if len(flags) > 12:
            lines.append(escape(self.tr("……另有 %1 条，点击查看全部").replace("%1", str(len(flags) - 12))))
        lines.append(escape(self.tr("依据：")) + escape("；".join(dict.fromkeys(f["source"] for f in flags))))
        self.setToolTip("<br>".join(lines))

    def show_list(self) -> QMessageBox | None:
        if not self.flags:
            return None
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("利益冲突提示"),
                          self.tr("评审此证书的单位或人员有 %1 条利益冲突提示，请在检查中核实。").replace("%1", str(len(self.flags))),
                          QMessageBox.StandardButton.Close, self)
        box.setDetailedText("\n\n".join(
            f"{f['rule_title']} – {f['enterprise']}（{f['uscc']}）\n{f['evidence']}\n"
            + self.tr("评审单位：%1；咨询服务单位：%2").replace("%1", f["org"] or "—").replace("%2", f["other_org"] or "—")
            + (self.tr("；评审人员：%1（%2）").replace("%1", f["reviewer"]).replace("%2", f["reviewer_cert"]) if f["reviewer"] else "")
            + "\n" + self.tr("依据：%1").replace("%1", f["source"]) for f in self.flags))
        self.box = box
        box.open()
        return box
