"""文件 → 同步冲突…: incoming revisions that did not follow the local one. For each, the local and the
incoming version side by side; the user takes the incoming one or keeps the local one (audited)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain.numbers import score_text
from inspector_app.services.ops import sync as sync_ops
from inspector_app.services.queries import sync as sync_queries
from inspector_app.ui import labels
from inspector_app.ui.errors import show_error

if TYPE_CHECKING:
    from inspector_app.services.queries.sync import VersionSummary
    from inspector_app.ui.sync.identity import SyncContext
    from inspector_app.ui.tasks import TaskRunner

COMPARED = ("status", "score", "grade", "outcome", "answered", "findings", "inspectors", "reviewer_comment")


def _summary(version: VersionSummary) -> dict[str, str]:
    return {
        "status": labels.status_label(version.status),
        "score": score_text(version.score, "—"),
        "grade": labels.value_label(version.grade) or "—",
        "outcome": labels.value_label(version.outcome) or "—",
        "answered": str(version.answered) if version.answered is not None else "—",
        "findings": str(version.findings),
        "inspectors": "、".join(version.inspectors) or "—",
        "reviewer_comment": version.reviewer_comment or "—",
    }


def load_conflicts(context: SyncContext) -> list[dict[str, Any]]:
    """Open conflicts with the local and incoming versions summarised for the table (worker thread)."""
    return [{"id": c.id, "inspection_id": c.inspection_id, "enterprise": c.enterprise,
             "local_revision": c.local_revision, "incoming_revision": c.incoming_revision,
             "detected_at": f"{c.detected_at:%Y-%m-%d %H:%M}", "reason": c.reason,
             "local": _summary(c.local) if c.local is not None else {}, "incoming": _summary(c.incoming)}
            for c in sync_queries.open_conflicts(context.workspace)]


class ConflictDialog(QDialog):
    resolved = Signal(int)  # local inspection id (or 0)

    def __init__(self, context: SyncContext, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ConflictDialog")
        self.context, self.runner = context, runner
        self.rows: list[dict[str, Any]] = []
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("conflictTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.currentCellChanged.connect(lambda row, *_: self._show(row))
        self.compare = QTableWidget(len(COMPARED), 2)
        self.compare.setObjectName("conflictCompare")
        self.compare.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.compare.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.take = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.keep = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.take.clicked.connect(lambda: self.resolve(True))
        self.keep.clicked.connect(lambda: self.resolve(False))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.compare, 3)
        layout.addWidget(self.buttons)
        self.resize(900, 600)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("同步冲突"))
        self.intro.setText(self.tr("以下检查在本机和对方都被修改过，导入时没有覆盖本机的版本。请逐项比较后选择："
                                   "“采用对方版本”用导入的内容替换本机内容；“保留本地版本”则忽略导入的内容。"
                                   "两种选择都会记入审计记录。"))
        self.table.setHorizontalHeaderLabels([self.tr("检查"), self.tr("本地版本"), self.tr("对方版本"),
                                              self.tr("发现时间")])
        self.compare.setHorizontalHeaderLabels([self.tr("本地"), self.tr("对方（导入）")])
        names = {"status": self.tr("状态"), "score": self.tr("得分"), "grade": self.tr("评定等级"),
                 "outcome": self.tr("处理建议"), "answered": self.tr("已检查项"), "findings": self.tr("隐患数"),
                 "inspectors": self.tr("检查人员"), "reviewer_comment": self.tr("审核意见")}
        self.compare.setVerticalHeaderLabels([names[k] for k in COMPARED])
        self.take.setText(self.tr("采用对方版本"))
        self.keep.setText(self.tr("保留本地版本"))
        self._fill()

    def load(self) -> None:
        self.runner.run(lambda _p, _c: load_conflicts(self.context), self.set_rows,
                        lambda error: show_error(self, error, self.tr("无法读取冲突列表")))

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        self._fill()
        if rows:
            self.table.setCurrentCell(0, 0)

    def _fill(self) -> None:
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            title = f"#{row['inspection_id']} {row['enterprise']}" if row["inspection_id"] else row["enterprise"]
            cells = [title, self.tr("版本 %1").replace("%1", str(row["local_revision"])),
                     self.tr("版本 %1").replace("%1", str(row["incoming_revision"])), row["detected_at"]]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(row["reason"])
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        if not self.rows:
            self.compare.clearContents()
        for button in (self.take, self.keep):
            button.setEnabled(bool(self.rows))
        self._show(self.table.currentRow())

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.rows):
            return
        local, incoming = self.rows[row]["local"], self.rows[row]["incoming"]
        for r, key in enumerate(COMPARED):
            left = QTableWidgetItem(local.get(key, "—"))
            right = QTableWidgetItem(incoming.get(key, "—"))
            if local.get(key) != incoming.get(key):
                for item in (left, right):
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                right.setForeground(Qt.GlobalColor.darkBlue)
            self.compare.setItem(r, 0, left)
            self.compare.setItem(r, 1, right)

    def current_conflict(self) -> dict[str, Any] | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def resolve(self, take_incoming: bool, confirm: bool = True) -> None:
        conflict = self.current_conflict()
        if conflict is None:
            return
        if confirm:
            question = (self.tr("用对方的版本替换本机的检查“%1”吗？本机的修改将被覆盖。") if take_incoming
                        else self.tr("保留本机的检查“%1”，忽略导入的版本吗？"))
            answer = QMessageBox.question(self, self.tr("处理冲突"), question.replace("%1", conflict["enterprise"]))
            if answer != QMessageBox.StandardButton.Yes:
                return
        workspace, actor, conflict_id = self.context.workspace, self.context.actor, int(conflict["id"])

        def done(_changes: Any) -> None:  # the runner has told every screen what changed
            self.resolved.emit(int(conflict["inspection_id"] or 0))
            self.load()

        self.runner.write(lambda _p, _c: sync_ops.resolve_conflict(workspace, conflict_id, take_incoming, actor),
                          done, lambda error: show_error(self, error, self.tr("冲突未处理")), initiator=self)
