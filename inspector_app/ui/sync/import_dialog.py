"""The import report: per file (已导入 / 已导入过 / 已拒绝 and why), then what each bundle added, updated,
left unchanged or put in conflict; a button leads to the conflict list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inspector_app.ui.sync.import_work import ImportRun, action_text, kind_text, reason_text, status_text

if TYPE_CHECKING:
    from inspector_app.services.ops.sync import ReportLine

STATUS_COLOURS = {"imported": "#1e6b21", "already imported": "#555555", "rejected": "#9b1c1c"}
ACTION_COLOURS = {"added": "#1e6b21", "updated": "#1f4e99", "conflict": "#8a5300", "rejected": "#9b1c1c",
                  "warning": "#8a5300"}


class ImportReportDialog(QDialog):
    show_conflicts = Signal()

    def __init__(self, run: ImportRun, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ImportReportDialog")
        self.run = run
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.keyring = QLabel()
        self.keyring.setWordWrap(True)
        self.keyring.setVisible(bool(run.keyring_message))
        self.keyring.setText(run.keyring_message)
        self.keyring.setStyleSheet("QLabel { color: #8a5300; background: #fdf0d8; border: 1px solid #8a5300;"
                                   " border-radius: 4px; padding: 6px; }")
        self.files = _table(4)
        self.files.setObjectName("importFiles")
        self.files.currentCellChanged.connect(lambda row, *_: self._show_lines(row))
        self.lines = _table(4)
        self.lines.setObjectName("importLines")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.files)
        splitter.addWidget(self.lines)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.conflicts_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.conflicts_button.setVisible(run.open_conflicts > 0)
        self.conflicts_button.clicked.connect(self._conflicts)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.keyring)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        self.resize(960, 600)
        self.retranslate()
        if self.files.rowCount():
            self.files.setCurrentCell(0, 0)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        run = self.run
        self.setWindowTitle(self.tr("数据包导入报告"))
        files = self.tr("共 %1 个文件：已导入 %2，已导入过 %3，已拒绝 %4。").replace("%1", str(len(run.outcomes)))
        files = files.replace("%2", str(run.files("imported"))).replace("%3", str(run.files("already imported")))
        files = files.replace("%4", str(run.files("rejected")))
        records = self.tr("其中的记录：新增 %1，更新 %2，冲突 %3，拒绝 %4。").replace("%1", str(run.total("added")))
        records = records.replace("%2", str(run.total("updated"))).replace("%3", str(run.total("conflict")))
        records = records.replace("%4", str(run.total("rejected")))
        text = f"<b>{files}</b><br>{records}"
        if run.open_conflicts:
            text += "<br>" + self.tr("有 %1 项冲突等待处理：对方的修改与本机的修改不一致，不会自动覆盖。").replace(
                "%1", str(run.open_conflicts))
        if run.not_done:
            text += "<br><b>" + self.tr("导入已取消：其余 %1 个文件没有导入（已导入的保持不变），可以稍后再导入。").replace(
                "%1", str(len(run.not_done))) + "</b>"
        if not run.outcomes and not run.not_done:
            text = self.tr("所选位置没有找到数据包文件（*.inspbundle）。")
        self.summary.setText(text)
        self.conflicts_button.setText(self.tr("处理冲突…"))
        self.files.setHorizontalHeaderLabels([self.tr("文件"), self.tr("结果"), self.tr("内容"), self.tr("说明")])
        self.lines.setHorizontalHeaderLabels([self.tr("类别"), self.tr("对象"), self.tr("处理"), self.tr("说明")])
        self._fill_files()

    def _fill_files(self) -> None:
        current = max(self.files.currentRow(), 0)
        self.files.setRowCount(len(self.run.outcomes))
        for row, outcome in enumerate(self.run.outcomes):
            report = outcome.report
            counts = report.counts()
            content = "，".join(f"{action_text(a)} {counts[a]}" for a in ("added", "updated", "unchanged", "conflict",
                                                                        "rejected", "warning") if counts.get(a))
            status = QTableWidgetItem(status_text(report.status))
            status.setForeground(QBrush(QColor(STATUS_COLOURS.get(report.status, "#000000"))))
            font = status.font()
            font.setBold(True)
            status.setFont(font)
            reason = reason_text(outcome)
            cells = [QTableWidgetItem(outcome.path.name), status, QTableWidgetItem(content), QTableWidgetItem(reason)]
            cells[0].setToolTip(str(outcome.path))
            cells[3].setToolTip(f"{reason}\n\n{report.reason}" if report.reason and report.reason != reason else reason)
            for column, item in enumerate(cells):
                self.files.setItem(row, column, item)
        self.files.resizeColumnsToContents()
        self.files.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.files.resizeRowsToContents()
        if self.files.rowCount():
            self._show_lines(min(current, self.files.rowCount() - 1))

    def _show_lines(self, row: int) -> None:
        if not 0 <= row < len(self.run.outcomes):
            self.lines.setRowCount(0)
            return
        report = self.run.outcomes[row].report
        lines = report.lines
        if report.status == "rejected":  # nothing was applied: the technical reason, for whoever supports
            self.lines.setRowCount(1)
            texts = [self.tr("文件"), report.path.name, status_text("rejected"), report.reason]
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.lines.setItem(0, column, item)
            self.lines.resizeColumnsToContents()
            self.lines.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
            self.lines.resizeRowsToContents()
            return
        self.lines.setRowCount(len(lines))
        for r, line in enumerate(lines):
            target = line.title or line.key  # a template by its title and version, an enterprise by its name
            if line.kind == "inspection" and line.key in self.run.names:
                local_id, enterprise = self.run.names[line.key]
                target = f"#{local_id} {enterprise}"
            action = QTableWidgetItem(action_text(line.action))
            action.setForeground(QBrush(QColor(ACTION_COLOURS.get(line.action, "#444444"))))
            reason = _line_reason(line)
            cells = [QTableWidgetItem(kind_text(line.kind)), QTableWidgetItem(target), action, QTableWidgetItem(reason)]
            cells[1].setToolTip(line.key)
            cells[3].setToolTip(line.reason)
            for column, item in enumerate(cells):
                self.lines.setItem(r, column, item)
        self.lines.resizeColumnsToContents()
        self.lines.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

    def _conflicts(self) -> None:
        self.show_conflicts.emit()
        self.accept()

    def status_texts(self) -> list[str]:
        """The 结果 column (for tests)."""
        return [self.files.item(r, 1).text() for r in range(self.files.rowCount())]  # type: ignore[union-attr]


def _line_reason(line: ReportLine) -> str:
    """The core's note on a record, by its ``code``, in the interface language (revision numbers stay numbers)."""
    texts = {
        "already_here": QCoreApplication.translate("SyncImport", "版本 %1 本机已有"),
        "revision": QCoreApplication.translate("SyncImport", "版本 %1"),
        "changed_on_both_sides": QCoreApplication.translate("SyncImport", "本机在上次交换后也修改过，需人工选择保留哪一方"),
        "missing_enterprise_or_template": QCoreApplication.translate("SyncImport", "本机没有该检查的企业或检查表"),
    }
    text = texts.get(line.code)
    return text.replace("%1", str(line.revision)) if text is not None else line.reason


def _table(columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(True)
    table.verticalHeader().hide()
    return table
