"""Importing the registers from the bureau's spreadsheets (``services.ops.registers.import_orgs |
import_reviewers | import_certifications``), as the enterprise list is imported: the file is checked first
(a dry run, nothing written) and the preview shown – what would be added, updated or left alone, each
change ``字段：旧 → 新`` – with a button that imports it; a file that cannot be imported shows every
problem with its sheet, row and column, and nothing is written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain.errors import ImportFileError
from inspector_app.ui import file_dialogs, labels
from inspector_app.ui.errors import user_message
from inspector_app.ui.lazy import LazyModule
from inspector_app.ui.office import texts

if TYPE_CHECKING:
    from inspector_app.services.ops import registers as register_ops
    from inspector_app.ui.office.page import OfficeHost
else:
    register_ops = LazyModule("inspector_app.services.ops.registers")

ORGS, REVIEWERS, CERTIFICATIONS = "orgs", "reviewers", "certifications"
_OPS = {ORGS: "import_orgs", REVIEWERS: "import_reviewers", CERTIFICATIONS: "import_certifications"}


def what_label(what: str) -> str:
    return {ORGS: QCoreApplication.translate("RegisterImport", "单位名录（含关联单位和咨询人员）"),
            REVIEWERS: QCoreApplication.translate("RegisterImport", "评审人员名录"),
            CERTIFICATIONS: QCoreApplication.translate("RegisterImport", "评审记录（证书、评审单位和评审组）")}[what]


class RegisterImportDialog(QDialog):
    """The dry run's preview with 导入, the summary after importing, or the problems (``result`` an error)."""

    def __init__(self, what: str, path: Path, result: Any, dry_run: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("registerImport")
        self.setWindowTitle(self.tr("导入%1 – %2").replace("%1", what_label(what)).replace("%2", path.name))
        self.can_import = False
        layout = QVBoxLayout(self)
        heading = QLabel()
        heading.setWordWrap(True)
        heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(heading)
        buttons = QDialogButtonBox()
        if isinstance(result, BaseException):
            message, _details = user_message(result)
            problems = result.problems if isinstance(result, ImportFileError) else []
            if problems:
                message = self.tr("发现 %1 个问题。").replace("%1", str(len(problems)))
            heading.setText(self.tr("<b>文件无法导入，登记册没有任何改动。</b>") + "<br>" + message)
            if problems:
                layout.addWidget(QLabel(self.tr("请修改表格中的以下问题后重新导入：")))
                listing = QListWidget()
                listing.setObjectName("importProblems")
                listing.addItems(problems)
                layout.addWidget(listing, 1)
            buttons.addButton(QDialogButtonBox.StandardButton.Close)
        else:
            summary = self.summary(result, dry_run)
            if dry_run:
                heading.setText(self.tr("<b>预览（尚未写入）</b>") + "<br>" + summary)
                run = buttons.addButton(self.tr("导入"), QDialogButtonBox.ButtonRole.AcceptRole)
                run.setDefault(True)
                buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
                self.can_import = True
            else:
                heading.setText(self.tr("<b>导入完成</b>") + "<br>" + summary)
                buttons.addButton(QDialogButtonBox.StandardButton.Ok)
            if result.preview:
                layout.addWidget(self._table(result.preview), 1)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(820, 480)

    def summary(self, report: Any, dry_run: bool) -> str:
        """The counts per sheet in the interface language, the sheets found, ignored columns, warnings."""
        line = self.tr("%1 %2 行：将新增 %3，更新 %4，不变 %5") if dry_run else self.tr("%1 %2 行：新增 %3，更新 %4，不变 %5")
        parts = []
        for sheet, (added, updated, unchanged) in report.counts.items():
            text = line.replace("%1", texts.text(sheet)).replace("%2", str(added + updated + unchanged))
            parts.append(text.replace("%3", str(added)).replace("%4", str(updated)).replace("%5", str(unchanged)))
        lines = parts or [self.tr("文件中没有数据")]
        lines += list(report.sheets)
        if report.ignored_columns:
            lines.append(self.tr("已忽略的列：") + "、".join(report.ignored_columns))
        if report.warnings:
            lines.append(self.tr("警告 %1 条：").replace("%1", str(len(report.warnings))))
            lines += report.warnings[:20]
        return "<br>".join(lines)

    def _table(self, preview: list[Any]) -> QTableWidget:
        headings = (self.tr("工作表"), self.tr("行号"), self.tr("处理"), self.tr("名称"), self.tr("编号"), self.tr("变更"))
        table = QTableWidget(len(preview), len(headings))
        table.setObjectName("importPreview")
        table.setHorizontalHeaderLabels(headings)
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, row in enumerate(preview):
            values = (texts.text(row.sheet), str(row.row), labels.value_label(row.action), row.name, row.key,
                      "；".join(row.changes))
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                table.setItem(r, c, item)
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        return table


class RegisterImporter:
    """Runs an import for a page: choose the file, check it (dry run), show the preview, import on 导入."""

    def __init__(self, host: OfficeHost, parent: QWidget) -> None:
        self.host, self.parent = host, parent
        self.dialog: RegisterImportDialog | None = None  # the last result shown (tests answer it)
        self.shown: Callable[[RegisterImportDialog], None] | None = None

    def choose(self, what: str) -> None:
        title = QCoreApplication.translate("RegisterImport", "导入%1").replace("%1", what_label(what))
        chosen = file_dialogs.open_file(self.parent, "imports", title,
                                        QCoreApplication.translate("RegisterImport", "表格 (*.xlsx *.csv)"))
        if chosen:
            self.run(what, Path(chosen), dry_run=True)

    def run(self, what: str, path: Path, dry_run: bool) -> None:
        workspace, actor = self.host.workspace, self.host.actor
        if workspace is None:
            return
        operation = getattr(register_ops, _OPS[what])
        title = (QCoreApplication.translate("RegisterImport", "正在检查导入文件…") if dry_run
                 else QCoreApplication.translate("RegisterImport", "正在导入…"))
        self.host.runner.write(lambda _p, _c: operation(workspace, path, actor, dry_run=dry_run),
                               lambda report: self._show(what, path, report, dry_run),
                               lambda error: self._show(what, path, error, dry_run),
                               title=title, parent=self.parent, initiator=self.parent)

    def _show(self, what: str, path: Path, result: Any, dry_run: bool) -> None:
        dialog = RegisterImportDialog(what, path, result, dry_run, self.parent)
        self.dialog = dialog
        if dry_run and dialog.can_import:
            dialog.accepted.connect(lambda: self.run(what, path, dry_run=False))
        dialog.open()
        if self.shown is not None:
            self.shown(dialog)
