"""检查表: the template versions the workspace holds (and the shipped ones it has not stored yet) – id,
version, items, in use by how many inspections, title (the kind is in the preview) – with the selected version previewed on the
right as the inspector will see it, and its blank paper forms printed to a PDF (打印空白检查表… /
打印空白评分表…, for the day a laptop fails). The office's workbench shows it as a page; the desk's
文件 → 检查表… opens it in a dialog (``template_dialog``). Reads in workers only
(``services.queries.templates``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from inspector_app.services.changes import ChangeKind
from inspector_app.ui import file_dialogs
from inspector_app.ui.lazy import LazyModule
from inspector_app.ui.office.page import OfficeHost, OfficePage, fit_columns, make_table
from inspector_app.ui.office.rows_model import Column, RowsModel, selected_row
from inspector_app.ui.office.template_preview import TemplatePreviewWidget

if TYPE_CHECKING:
    from inspector_app.services.queries import templates as template_queries
    from inspector_app.services.queries.templates import TemplatePreview
    from inspector_app.storage.engine import Workspace
else:
    template_queries = LazyModule("inspector_app.services.queries.templates")

FILE_WORDS = {"checklist": "空白检查表", "scoresheet": "空白评分表"}


def suggested_name(template_id: str, version: str, kind: str) -> str:
    return f"{FILE_WORDS[kind]}-{template_id}-{version}.pdf"


def write_blank(workspace: Workspace, template_id: str, version: str, kind: str, target: Path) -> Path:
    """Worker: the blank form rendered and written whole (a partial file, then renamed)."""
    pdf, _sheet = template_queries.blank_pdf(workspace, template_id, version, kind)  # type: ignore[arg-type]
    partial = target.with_name(target.name + ".part")
    partial.write_bytes(pdf)
    partial.replace(target)
    return target


class TemplatesPage(OfficePage):
    kinds = (ChangeKind.TEMPLATES, ChangeKind.ASSIGNMENTS, ChangeKind.SYNC)

    def __init__(self, host: OfficeHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("templatesPage")
        self.previews = 0  # previews shown (tests wait on it)
        self._preview_seq = 0
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.model = RowsModel(parent=self)
        self.table = make_table(self.model)
        self.table.setObjectName("templatesTable")
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.count = QLabel()
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table, 1)
        column.addWidget(self.count)

        self.preview = TemplatePreviewWidget()
        self.print_checklist, self.print_scoresheet = QPushButton(), QPushButton()
        self.print_checklist.setObjectName("printBlankChecklist")
        self.print_checklist.clicked.connect(lambda: self.do_print("checklist"))
        self.print_scoresheet.clicked.connect(lambda: self.do_print("scoresheet"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.print_scoresheet)
        buttons.addWidget(self.print_checklist)
        right = QWidget()
        side = QVBoxLayout(right)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.preview, 1)
        side.addLayout(buttons)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([500, 860])
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.splitter, 1)
        self.retranslate()
        self._update_buttons()

    def retranslate(self) -> None:
        self.title.setText(self.tr("检查表：工作区中的检查表版本及其预览"))
        self.print_checklist.setText(self.tr("打印空白检查表…"))
        self.print_checklist.setToolTip(self.tr("所选版本的纸质备用检查表（PDF），电脑不能使用时现场手写填写"))
        self.print_scoresheet.setText(self.tr("打印空白评分表…"))
        self.model.set_columns([
            Column("template_id", self.tr("编号")), Column("version", self.tr("版本")),
            Column("items", self.tr("检查项"), right=True), Column("in_use", self.tr("使用中"), self.in_use_text, right=True),
            Column("title", self.tr("名称"))])
        fit_columns(self.table, {"template_id": "operation-audit-2020", "version": "2.10.0", "items": "000",
                                 "in_use": "0000", "title": "安全生产标准化"}, "title")
        self._update_count()

    def in_use_text(self, value: Any) -> str:
        return str(value) if value else "—"

    # -- reading ---------------------------------------------------------------------------------
    def read(self, workspace: Workspace, params: Any) -> list[dict[str, Any]]:
        return template_queries.template_rows(workspace)

    def show_data(self, rows: list[dict[str, Any]]) -> None:
        chosen = self.current_row()
        self.model.set_rows(rows)
        header = self.table.horizontalHeader()
        if header.sortIndicatorSection() >= 0:
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        key = (chosen["template_id"], chosen["version"]) if chosen else None
        position = next((n for n, r in enumerate(self.model.rows()) if (r["template_id"], r["version"]) == key), -1)
        if position < 0:  # the newest version of the first template
            position = next((n for n, r in enumerate(self.model.rows()) if r["latest"]), 0)
        if self.model.rowCount():
            self.table.selectRow(position)
            self.table.setCurrentIndex(self.model.index(position, 0))  # selection changed: previewed again
        else:
            self.preview.clear(self.tr("工作区中没有检查表"))
        self._update_count()

    def current_row(self) -> dict[str, Any] | None:
        row: dict[str, Any] | None = selected_row(self.table)
        return row

    def _update_count(self) -> None:
        self.count.setText(self.tr("共 %1 个版本").replace("%1", str(self.model.rowCount())))

    def _update_buttons(self) -> None:
        chosen = self.current_row() is not None
        self.print_checklist.setEnabled(chosen)
        self.print_scoresheet.setEnabled(chosen)

    def _selected(self) -> None:
        self._update_buttons()
        row, workspace = self.current_row(), self.host.workspace
        if row is None or workspace is None:
            return
        self._preview_seq += 1
        seq, template_id, version = self._preview_seq, row["template_id"], row["version"]

        def done(view: TemplatePreview) -> None:
            if seq == self._preview_seq:
                self.preview.show_view(view)
                self.previews += 1

        self.host.runner.run(lambda _p, _c: template_queries.template_preview(workspace, template_id, version), done,
                             lambda error: self.host.show_error(error, self.tr("无法读取检查表")))

    # -- printing --------------------------------------------------------------------------------
    def do_print(self, kind: str, target: Path | None = None) -> None:
        """A blank form of the selected version: a file dialog in the documents folder (or ``target``),
        the PDF rendered and written in a worker."""
        row, workspace = self.current_row(), self.host.workspace
        if row is None or workspace is None:
            return
        template_id, version = row["template_id"], row["version"]
        if target is None:
            name = suggested_name(template_id, version, kind)
            title = (self.print_checklist if kind == "checklist" else self.print_scoresheet).text().rstrip("…")
            chosen, _ = file_dialogs.save_file(self, "documents", title, name, "PDF (*.pdf)")
            if not chosen:
                return
            target = Path(chosen)
        where = target
        self.host.runner.run(lambda _p, _c: write_blank(workspace, template_id, version, kind, where),
                             lambda path: self.host.message(self.tr("已保存：%1").replace("%1", str(path))),
                             lambda error: self.host.show_error(error, self.tr("未能打印空白表")),
                             title=self.tr("正在生成空白表…"), parent=self)
