"""The result of an enterprise import: the dry run's preview with an "import" button, the summary after
importing, or the row-precise list of problems when the file cannot be imported (nothing was written)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
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
from inspector_app.ui import labels
from inspector_app.ui.errors import user_message

PREVIEW_LIMIT = 500
_PREVIEW_KEYS = ("row", "action", "name", "uscc", "district", "cert_grade", "industry", "changes")


def _preview_rows(report: Any) -> list[dict[str, Any]]:
    """Rows to show from a report, whatever its shape (dicts, dataclasses or objects)."""
    for attribute in ("preview", "rows", "records", "enterprises"):
        rows = getattr(report, attribute, None)
        if isinstance(rows, list | tuple) and rows:
            out = []
            for row in rows[:PREVIEW_LIMIT]:
                if isinstance(row, dict):
                    out.append(row)
                else:
                    values = {k: getattr(row, k) for k in _PREVIEW_KEYS if hasattr(row, k)}
                    if isinstance(values.get("changes"), list):
                        values["changes"] = "；".join(values["changes"])
                    out.append(values)
            return out
    return []


class ImportResultDialog(QDialog):
    def __init__(self, path: Path, result: Any, dry_run: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importResult")
        self.setWindowTitle(self.tr("导入企业 – %1").replace("%1", path.name))
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
            if problems:  # the list below shows them one per line; the count in the interface language
                message = self.tr("发现 %1 个问题。").replace("%1", str(len(problems)))
            heading.setText(self.tr("<b>文件无法导入，工作区没有任何改动。</b>") + "<br>" + message)
            if problems:
                layout.addWidget(QLabel(self.tr("请修改表格中的以下问题后重新导入：")))
                listing = QListWidget()
                listing.setObjectName("importProblems")
                listing.addItems(problems)
                layout.addWidget(listing, 1)
            buttons.addButton(QDialogButtonBox.StandardButton.Close)
        else:
            summary = self._summary(result, dry_run)
            if dry_run:
                heading.setText(self.tr("<b>预览（尚未写入）</b>") + "<br>" + summary.replace("\n", "<br>"))
                run = buttons.addButton(self.tr("导入"), QDialogButtonBox.ButtonRole.AcceptRole)
                run.setDefault(True)
                buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
                self.can_import = True
            else:
                heading.setText(self.tr("<b>导入完成</b>") + "<br>" + summary.replace("\n", "<br>"))
                buttons.addButton(QDialogButtonBox.StandardButton.Ok)
            rows = _preview_rows(result)
            if rows:
                layout.addWidget(self._table(rows), 1)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 460)

    def _summary(self, report: Any, dry_run: bool) -> str:
        """The report's counts in the interface language (the core's own summary is Chinese)."""
        if not all(hasattr(report, k) for k in ("rows_read", "added", "updated", "unchanged")):
            return report.summary() if hasattr(report, "summary") else str(report)
        text = (self.tr("共 %1 行企业数据：将新增 %2 家，更新 %3 家，%4 家无变化。") if dry_run
                else self.tr("共 %1 行企业数据：新增 %2 家，更新 %3 家，%4 家无变化。"))
        for n, key in enumerate(("rows_read", "added", "updated", "unchanged"), start=1):
            text = text.replace(f"%{n}", str(getattr(report, key)))
        ignored = getattr(report, "ignored_columns", None)
        if ignored:
            text += "\n" + self.tr("已忽略的列：") + "、".join(ignored)
        warnings = getattr(report, "warnings", None)
        if warnings:
            text += "\n" + self.tr("警告：") + "\n" + "\n".join(warnings)
        return text

    def _table(self, rows: list[dict[str, Any]]) -> QTableWidget:
        headers = {"name": self.tr("企业名称"), "uscc": self.tr("统一社会信用代码"), "district": self.tr("辖市区"),
                   "cert_grade": self.tr("证书等级"), "industry": self.tr("行业"), "action": self.tr("处理"),
                   "row": self.tr("行号"), "changes": self.tr("变更")}
        keys = [k for k in rows[0] if k in headers] or list(rows[0])[:6]
        table = QTableWidget(len(rows), len(keys))
        table.setObjectName("importPreview")
        table.setHorizontalHeaderLabels([headers.get(k, k) for k in keys])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, row in enumerate(rows):
            for c, key in enumerate(keys):
                value = row.get(key, "")
                text = "" if value is None else str(value)
                if key in ("action", "cert_grade"):
                    text = labels.value_label(text)
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                table.setItem(r, c, item)
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        return table
