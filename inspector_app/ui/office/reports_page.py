"""报告: the campaign's reporting duties (what to file, by when, days left, where it stands); for a duty
this office files, the report as of a date previewed (the PDF's first page), saved as PDF or workbook,
and 报送/归档 with the written section (``services.ops.reports.file_report``: numbered, figures frozen,
files kept); a report received on paper is recorded (``record_received``); below, the reports filed here
and received from the offices below, whose kept files can be opened or saved elsewhere."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QPixmap
from PySide6.QtWidgets import (
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from inspector_app.services.changes import ChangeKind
from inspector_app.ui import file_dialogs
from inspector_app.ui.lazy import LazyModule
from inspector_app.ui.office import report_work, texts
from inspector_app.ui.office.duties import DutiesTable
from inspector_app.ui.office.page import OfficeHost, OfficePage, fit_columns, make_table
from inspector_app.ui.office.received_dialog import ReceivedDialog
from inspector_app.ui.office.report_work import Preview
from inspector_app.ui.office.rows_model import ROW_ROLE, Column, RowsModel

if TYPE_CHECKING:
    from inspector_app.services.ops import reports as report_ops
    from inspector_app.services.queries import progress as progress_queries
    from inspector_app.storage.engine import Workspace
else:
    report_ops = LazyModule("inspector_app.services.ops.reports")
    progress_queries = LazyModule("inspector_app.services.queries.progress")

FILES = {"pdf": "PDF (*.pdf)", "xlsx": "Excel (*.xlsx)"}


class ReportsPage(OfficePage):
    kinds = (ChangeKind.REPORTS, ChangeKind.SETTINGS, ChangeKind.CAMPAIGNS, ChangeKind.SYNC)

    def __init__(self, host: OfficeHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("reportsPage")
        self.problem = ""
        self.preview: Preview | None = None
        self.dialog: Any = None  # the last dialog or message opened (tests answer it)
        self.file_button_in_dialog: QPushButton | None = None
        self._preview_seq = 0

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.problem_label = QLabel()
        self.problem_label.setStyleSheet("color: #8a5300;")
        self.duties_box, self.filed_box, self.report_box = QGroupBox(), QGroupBox(), QGroupBox()
        self.duties = DutiesTable()
        self.duties.setObjectName("dutiesTable")
        self.duties.selectionModel().selectionChanged.connect(lambda *_: self._duty_chosen())
        self.receive_button = QPushButton()
        self.receive_button.clicked.connect(self.do_receive)
        duties_layout = QVBoxLayout(self.duties_box)
        duties_layout.addWidget(self.duties, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.receive_button)
        duties_layout.addLayout(row)

        self.filed_model = RowsModel(parent=self)
        self.filed = make_table(self.filed_model)
        self.filed.setObjectName("filedTable")
        self.filed.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.open_file, self.copy_file = QPushButton(), QPushButton()
        self.open_file.clicked.connect(self.do_open_file)
        self.copy_file.clicked.connect(lambda: self.do_copy_file())
        filed_layout = QVBoxLayout(self.filed_box)
        filed_layout.addWidget(self.filed, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.open_file)
        row.addWidget(self.copy_file)
        filed_layout.addLayout(row)

        self.as_of_label = QLabel()
        self.as_of = QDateEdit()
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        self.as_of.dateChanged.connect(lambda _d: self.refresh_preview())
        self.page_label = QLabel()
        self.page_label.setStyleSheet("color: #555;")
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.image.setStyleSheet("background: #8a8a8a; padding: 6px;")
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.image)
        self.scroll.setWidgetResizable(True)
        self.text_label = QLabel()
        self.text = QPlainTextEdit()
        self.text.setMaximumHeight(110)
        self.retype = QTimer(self)  # the preview follows the written section once typing pauses
        self.retype.setSingleShot(True)
        self.retype.setInterval(900)
        self.retype.timeout.connect(self.refresh_preview)
        self.text.textChanged.connect(self.retype.start)
        self.refresh_button, self.save_pdf, self.save_xlsx, self.file_button = (QPushButton() for _ in range(4))
        self.refresh_button.clicked.connect(self.refresh_preview)
        self.save_pdf.clicked.connect(lambda: self.do_save("pdf"))
        self.save_xlsx.clicked.connect(lambda: self.do_save("xlsx"))
        self.file_button.clicked.connect(self.do_file)
        report_layout = QVBoxLayout(self.report_box)
        top = QHBoxLayout()
        top.addWidget(self.as_of_label)
        top.addWidget(self.as_of)
        top.addWidget(self.page_label, 1)
        top.addWidget(self.refresh_button)
        report_layout.addLayout(top)
        report_layout.addWidget(self.scroll, 1)
        report_layout.addWidget(self.text_label)
        report_layout.addWidget(self.text)
        row = QHBoxLayout()
        for button in (self.save_pdf, self.save_xlsx):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.file_button)
        report_layout.addLayout(row)

        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.duties_box)
        left.addWidget(self.filed_box)
        left.setSizes([360, 240])
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.report_box)
        split.setSizes([700, 500])
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.problem_label)
        layout.addWidget(split, 1)
        self.problem_label.hide()
        self.retranslate()
        self._update_buttons()

    def retranslate(self) -> None:
        self.title.setText(self.tr("报告"))
        self.duties_box.setTitle(self.tr("报送事项"))
        self.filed_box.setTitle(self.tr("已报送和收到的报告"))
        self.report_box.setTitle(self.tr("所选事项的报告"))
        self.receive_button.setText(self.tr("登记收到的报告…"))
        self.open_file.setText(self.tr("打开 PDF"))
        self.copy_file.setText(self.tr("另存为…"))
        self.as_of_label.setText(self.tr("统计截至"))
        self.refresh_button.setText(self.tr("刷新预览"))
        self.text_label.setText(self.tr("书面报告（工作开展情况、存在问题、下一步打算）"))
        self.text.setPlaceholderText(self.tr("留空则使用根据统计数字生成的说明"))
        self.save_pdf.setText(self.tr("保存为 PDF…"))
        self.save_xlsx.setText(self.tr("保存为 Excel…"))
        self.file_button.setText(self.tr("报送/归档…"))
        self.file_button.setToolTip(self.tr("编号、冻结统计数字并保存 PDF 和 Excel 文件；再次报送将代替前一份"))
        self.filed_model.set_columns([
            Column("number", self.tr("文号")), Column("duty_title", self.tr("报送事项")),
            Column("jurisdiction", self.tr("辖区")), Column("as_of", self.tr("统计截至")),
            Column("filed_at", self.tr("报送时间")), Column("filed_by", self.tr("报送人")),
            Column("source", self.tr("来源"), texts.text), Column("status", self.tr("状态"), texts.text)])
        fit_columns(self.filed, {"number": "武进区〔2020〕回头看报告第1号", "duty_title": "“回头看”工作推进落实情况",
                                 "jurisdiction": "江苏省常州市武进区", "as_of": "2020-06-26", "filed_at": "2020-06-26 10:00",
                                 "filed_by": "科长（演示）", "source": "本机关", "status": "有效"}, "duty_title")
        self._show_preview()

    # -- reading ---------------------------------------------------------------------------------
    def read(self, workspace: Workspace, params: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]], str]:
        try:
            return progress_queries.duty_rows(workspace), progress_queries.filed_rows(workspace), ""
        except Exception as error:  # no campaign, an area the campaign does not know: said on the page
            return [], [], str(error)

    def show_data(self, data: tuple[list[dict[str, Any]], list[dict[str, Any]], str]) -> None:
        duties, filed, self.problem = data
        chosen = self.current_duty()
        self.duties.set_duties(duties)
        self.filed_model.set_rows(filed)
        self.problem_label.setText(self.problem)
        self.problem_label.setVisible(bool(self.problem))
        if chosen is not None:
            self.select_duty(chosen["duty"], chosen.get("party", ""))
        elif duties:
            mine = [r for r in duties if r.get("role") == "报送" and r.get("state") == "missing"]
            first = min(mine, key=lambda r: r.get("due") or "9999") if mine else None
            if first is not None:
                self.select_duty(first["duty"])
        self._update_buttons()

    def current_duty(self) -> dict[str, Any] | None:
        return self.duties.current_row()

    def select_duty(self, duty_id: str, party: str = "") -> bool:
        rows = self.duties.model_.rows()
        position = next((n for n, r in enumerate(rows) if r["duty"] == duty_id and (not party or r["party"] == party)),
                        -1)
        if position < 0:
            return False
        self.duties.selectRow(position)
        self.duties.setCurrentIndex(self.duties.model_.index(position, 0))
        return True

    def files_duty(self) -> bool:
        duty = self.current_duty()
        return duty is not None and duty.get("role") == "报送"

    def _duty_chosen(self) -> None:
        duty = self.current_duty()
        if duty is not None and self.files_duty():
            today = date.today()
            due = date.fromisoformat(duty["due"]) if duty.get("due") else today
            on = min(due, today)
            self.as_of.blockSignals(True)
            self.as_of.setDate(QDate(on.year, on.month, on.day))
            self.as_of.blockSignals(False)
        self._update_buttons()
        self.refresh_preview()

    def _update_buttons(self) -> None:
        duty = self.current_duty()
        files = self.files_duty()
        for widget in (self.as_of, self.refresh_button, self.text, self.save_pdf, self.save_xlsx, self.file_button):
            widget.setEnabled(files)
        self.receive_button.setEnabled(duty is not None and duty.get("role") == "接收")
        row = self.current_filed()
        self.open_file.setEnabled(bool(row and row.get("pdf")))
        self.copy_file.setEnabled(bool(row and (row.get("pdf") or row.get("xlsx"))))

    # -- the preview -----------------------------------------------------------------------------
    def refresh_preview(self) -> None:
        duty, workspace = self.current_duty(), self.host.workspace
        self._preview_seq += 1
        seq = self._preview_seq
        if duty is None or workspace is None or not self.files_duty():
            self.preview = None
            self._show_preview(self.tr("本机关不报送此事项；请选择“本机关”一栏为“报送”的事项。") if duty else "")
            return
        duty_id, as_of, text = duty["duty"], self.as_of.date().toPython(), self.text.toPlainText()
        self.page_label.setText(self.tr("正在生成预览…"))

        def done(preview: Preview) -> None:
            if seq == self._preview_seq:
                self.preview = preview
                self._show_preview()

        def failed(error: BaseException) -> None:
            if seq == self._preview_seq:
                self.preview = None
                self._show_preview(str(error))

        self.host.runner.run(lambda _p, _c: report_work.preview(workspace, duty_id, as_of, text), done, failed)

    def _show_preview(self, message: str = "") -> None:
        preview = self.preview
        if preview is None:
            self.image.setPixmap(QPixmap())
            self.image.setText(message)
            self.page_label.setText("")
            return
        width = max(200, self.scroll.viewport().width() - 24)  # inside the label's padding
        pixmap = QPixmap.fromImage(preview.first_page)
        self.image.setPixmap(pixmap.scaledToWidth(min(width, pixmap.width()),
                                                  Qt.TransformationMode.SmoothTransformation))
        self.page_label.setText(self.tr("第 1 页，共 %1 页").replace("%1", str(preview.pages)))

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self.preview is not None:
            self._show_preview()

    # -- saving and filing -----------------------------------------------------------------------
    def do_save(self, kind: str, target: Path | None = None) -> None:
        """保存为 PDF / Excel: a file dialog starting in the documents folder (or ``target``)."""
        duty, workspace = self.current_duty(), self.host.workspace
        if duty is None or workspace is None or not self.files_duty():
            return
        as_of = self.as_of.date().toPython()
        info = self.host.info
        if target is None:
            name = report_work.suggested_name(info.area_name if info else "", duty["title"], as_of, f".{kind}")
            chosen, _ = file_dialogs.save_file(self, "documents", self.tr("保存报告"), name, FILES[kind])
            if not chosen:
                return
            target = Path(chosen)
        duty_id, text, where = duty["duty"], self.text.toPlainText(), target
        self.host.runner.run(lambda _p, _c: report_work.save(workspace, duty_id, as_of, text, where, kind),
                             lambda path: self.host.message(self.tr("已保存：%1").replace("%1", str(path))),
                             lambda error: self.host.show_error(error, self.tr("未能保存报告")),
                             title=self.tr("正在保存报告…"), parent=self)

    def do_file(self) -> QMessageBox | None:
        duty = self.current_duty()
        if duty is None or self.host.workspace is None or not self.files_duty():
            return None
        as_of = self.as_of.date().toPython()
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("报送/归档"),
                          self.tr("报送“%1”吗？").replace("%1", duty["title"]), QMessageBox.StandardButton.Cancel, self)
        lines = [self.tr("统计截至：%1").replace("%1", as_of.isoformat()),
                 self.tr("报告将编号，统计数字冻结，PDF 和 Excel 文件保存在工作区中。")]
        if duty.get("number"):
            lines.append(self.tr("本事项已报送过（%1），新的报告将代替它。").replace("%1", duty["number"]))
        if not self.text.toPlainText().strip():
            lines.append(self.tr("书面报告为空：将使用根据统计数字生成的说明。"))
        box.setInformativeText("\n".join(lines))
        self.file_button_in_dialog = box.addButton(self.tr("报送"), QMessageBox.ButtonRole.AcceptRole)
        confirm = self.file_button_in_dialog
        box.finished.connect(lambda _r: box.clickedButton() is confirm and self._file(duty, as_of))
        self.dialog = box
        box.open()
        return box

    def _file(self, duty: dict[str, Any], as_of: date) -> None:
        workspace, actor, duty_id, text = self.host.workspace, self.host.actor, duty["duty"], self.text.toPlainText()
        assert workspace is not None

        def done(result: Any) -> None:
            info = result.value
            message = self.tr("已报送：%1（统计截至 %2）").replace("%1", info.number).replace("%2", info.as_of.isoformat())
            if info.supersedes:
                message += self.tr("，代替 %1").replace("%1", info.supersedes)
            self.host.message(message, 8000)

        self.host.runner.write(
            lambda _p, _c: report_ops.file_report(workspace, duty_id, actor, as_of=as_of, text=text), done,
            lambda error: self.host.show_error(error, self.tr("未能报送")), title=self.tr("正在报送…"), parent=self,
            initiator=self)

    def do_receive(self) -> ReceivedDialog | None:
        duty = self.current_duty()
        if duty is None or duty.get("role") != "接收":
            return None
        senders = [r["party"] for r in self.duties.rows if r["duty"] == duty["duty"] and r.get("party")
                   and not str(r["party"]).startswith("（")]
        dialog = ReceivedDialog(duty["title"], senders, self)
        if duty.get("party") in senders and duty.get("state") == "missing":
            dialog.sender.setCurrentText(duty["party"])
        dialog.accepted.connect(lambda: self._receive(duty["duty"], *dialog.values()))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _receive(self, duty_id: str, sender: str, received_on: date, note: str) -> None:
        workspace, actor = self.host.workspace, self.host.actor
        assert workspace is not None
        self.host.runner.write(
            lambda _p, _c: report_ops.record_received(workspace, duty_id, sender, received_on, actor, note),
            lambda _r: self.host.message(self.tr("已登记收到的报告：%1").replace("%1", sender)),
            lambda error: self.host.show_error(error, self.tr("未能登记")), initiator=self)

    # -- filed reports ---------------------------------------------------------------------------
    def current_filed(self) -> dict[str, Any] | None:
        index = self.filed.currentIndex()
        if not index.isValid() or not self.filed.selectionModel().isSelected(index):
            return None
        row: dict[str, Any] = index.data(ROW_ROLE)
        return row

    def do_open_file(self) -> None:
        row = self.current_filed()
        if row and row.get("pdf"):
            QDesktopServices.openUrl(QUrl.fromLocalFile(row["pdf"]))

    def do_copy_file(self, target: Path | None = None) -> None:
        row = self.current_filed()
        if not row:
            return
        kind = "pdf" if row.get("pdf") else "xlsx"
        if target is None:
            name = report_work.suggested_name("", row["number"], date.fromisoformat(row["as_of"]), f".{kind}")
            filters = ";;".join(FILES[k] for k in ("pdf", "xlsx") if row.get(k))
            chosen, chosen_filter = file_dialogs.save_file(self, "documents", self.tr("另存为"), name, filters)
            if not chosen:
                return
            kind = "xlsx" if chosen_filter.startswith("Excel") or chosen.endswith(".xlsx") else kind
            target = Path(chosen)
        source, where = Path(row[kind]), target
        self.host.runner.run(lambda _p, _c: report_work.copy_file(source, where),
                             lambda path: self.host.message(self.tr("已保存：%1").replace("%1", str(path))),
                             lambda error: self.host.show_error(error, self.tr("未能保存文件")))
