"""审核队列: the received inspections (已接收) waiting for the office's review, with filters by district,
kind of check, conclusion and the day received; 验收 after a confirmation that shows the score, the
conclusion, the open points and who signs (``ui.confirm_dialog``), 退回修改 with a required comment (``services.ops.review``: the lifecycle rules and the audit
trail). Opening one shows it in the editor, read-only (a received inspection is locked)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QModelIndex
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain import numbers
from inspector_app.services.changes import ChangeKind
from inspector_app.ui import labels
from inspector_app.ui.confirm_dialog import ConfirmDialog
from inspector_app.ui.lazy import LazyModule
from inspector_app.ui.office import texts
from inspector_app.ui.office.case_open import OpenCaseDialog, can_open, open_case
from inspector_app.ui.office.page import OfficeHost, OfficePage, fit_columns, make_table
from inspector_app.ui.office.rows_model import ROW_ROLE, Column, RowsModel, select_position, selected_row
from inspector_app.ui.sync.review import ReturnDialog

if TYPE_CHECKING:
    from inspector_app.services.ops import review as review_ops
    from inspector_app.services.queries import confirm as confirm_queries
    from inspector_app.services.queries import office as office_queries
    from inspector_app.storage.engine import Workspace
else:
    review_ops = LazyModule("inspector_app.services.ops.review")
    office_queries = LazyModule("inspector_app.services.queries.office")
    confirm_queries = LazyModule("inspector_app.services.queries.confirm")


def score_text(value: Any) -> str:
    return numbers.score_text(value)


def _combo_set(combo: QComboBox, items: list[tuple[str, str]]) -> None:
    """(text, data) after the first "all" entry; the current choice stays when it is still offered."""
    current = combo.currentData()
    combo.blockSignals(True)
    while combo.count() > 1:
        combo.removeItem(1)
    for text, data in items:
        combo.addItem(text, data)
    found = combo.findData(current)
    combo.setCurrentIndex(found if found >= 0 else 0)
    combo.blockSignals(False)


class ReviewPage(OfficePage):
    kinds = (ChangeKind.STATUS, ChangeKind.SYNC, ChangeKind.ASSIGNMENTS, ChangeKind.ENTERPRISES, ChangeKind.HEADER,
             ChangeKind.ANSWERS, ChangeKind.INSPECTORS, ChangeKind.CONFLICTS)

    def __init__(self, host: OfficeHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("reviewPage")
        self.all_rows: list[dict[str, Any]] = []
        self.dialog: Any = None  # the last confirmation or return dialog (tests answer it)
        self.accept_button_in_dialog: QPushButton | None = None

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.district_label, self.kind_label, self.outcome_label = QLabel(), QLabel(), QLabel()
        self.district, self.kind, self.outcome = QComboBox(), QComboBox(), QComboBox()
        for combo in (self.district, self.kind, self.outcome):
            combo.addItem("", "")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(self.apply_filter)
        self.by_date = QCheckBox()
        self.date_from, self.date_to = QDateEdit(), QDateEdit()
        today = date.today()
        for edit, day in ((self.date_from, today - timedelta(days=30)), (self.date_to, today)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.setEnabled(False)
            edit.dateChanged.connect(self.apply_filter)
        self.to_label = QLabel()
        self.by_date.toggled.connect(self._date_toggled)

        filters = QHBoxLayout()
        for widget in (self.district_label, self.district, self.kind_label, self.kind, self.outcome_label,
                       self.outcome, self.by_date, self.date_from, self.to_label, self.date_to):
            filters.addWidget(widget)
        filters.addStretch(1)

        self.model = RowsModel(parent=self)
        self.table = make_table(self.model)
        self.table.setObjectName("reviewTable")
        self.table.doubleClicked.connect(self._open_index)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.count = QLabel()
        self.open_button, self.accept_button, self.return_button = QPushButton(), QPushButton(), QPushButton()
        self.case_button = QPushButton()
        self.case_button.clicked.connect(self.do_open_case)
        self.open_button.clicked.connect(self.do_open)
        self.accept_button.clicked.connect(self.do_accept)
        self.return_button.clicked.connect(self.do_return)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        for button in (self.case_button, self.open_button, self.accept_button, self.return_button):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.retranslate()
        self._update_buttons()

    def retranslate(self) -> None:
        self.title.setText(self.tr("审核队列：已接收、待验收的检查"))
        self.district_label.setText(self.tr("辖区"))
        self.kind_label.setText(self.tr("检查种类"))
        self.outcome_label.setText(self.tr("结论"))
        for combo in (self.district, self.kind, self.outcome):
            combo.setItemText(0, self.tr("全部"))
        self.by_date.setText(self.tr("接收日期"))
        self.to_label.setText(self.tr("至"))
        self.open_button.setText(self.tr("查看检查"))
        self.accept_button.setText(self.tr("验收…"))
        self.return_button.setText(self.tr("退回修改…"))
        self.case_button.setText(self.tr("立摘牌案卷…"))
        self.case_button.setToolTip(self.tr("结论为建议摘牌的检查：立摘牌案卷，转入告知、陈述申辩和决定"))
        self.accept_button.setToolTip(self.tr("确认得分和结论后验收所选检查"))
        self.return_button.setToolTip(self.tr("把所选检查退回给检查人员修改，须填写意见"))
        self.model.set_columns([
            Column("enterprise", self.tr("企业名称")), Column("district", self.tr("辖区")),
            Column("template", self.tr("检查表")), Column("inspectors", self.tr("检查人员")),
            Column("received_on", self.tr("接收日期")), Column("score", self.tr("得分"), score_text, right=True),
            Column("outcome", self.tr("结论"), labels.value_label,
                   colour=lambda r: labels.colour(labels.OUTCOME_COLOURS, r.get("outcome")))])
        fit_columns(self.table, {"enterprise": "常州新世纪生物医药有限公司", "district": "常州经开区",
                                 "template": "安全生产标准化达标企业运行情况“回头看”", "inspectors": "陈示范、林演示、郑专家",
                                 "received_on": "2020-12-31", "score": "100.0", "outcome": "建议摘牌"}, "template")
        self._update_count()

    # -- reading and filtering -------------------------------------------------------------------
    def read(self, workspace: Workspace, params: Any) -> list[dict[str, Any]]:
        return office_queries.review_rows(workspace)

    def show_data(self, rows: list[dict[str, Any]]) -> None:
        self.all_rows = rows
        info = self.host.info
        districts = sorted(set(info.districts if info is not None else ()) | {r["district"] for r in rows if r["district"]})
        _combo_set(self.district, [(d, d) for d in districts])
        kinds = sorted({(r["kind_label"], r["template_id"]) for r in rows})
        _combo_set(self.kind, [(texts.text(k) or t, t) for k, t in kinds])
        outcomes = sorted({r["outcome"] for r in rows if r["outcome"]})
        _combo_set(self.outcome, [(labels.value_label(o), o) for o in outcomes])
        self.apply_filter()

    def _date_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self.apply_filter()

    def filtered(self) -> list[dict[str, Any]]:
        district, template, outcome = (c.currentData() or "" for c in (self.district, self.kind, self.outcome))
        first, last = (e.date().toString("yyyy-MM-dd") for e in (self.date_from, self.date_to))
        rows = []
        for row in self.all_rows:
            if (district and row["district"] != district) or (template and row["template_id"] != template) \
                    or (outcome and row["outcome"] != outcome):
                continue
            if self.by_date.isChecked() and not first <= row["received_on"] <= last:
                continue
            rows.append(row)
        return rows

    def apply_filter(self) -> None:
        """The rows that match the filters now (after a reread, a row accepted or returned has left the
        queue); the selection stays on its row, or – when that row left – moves to the one in its place."""
        selected, position = self.current_row(), self.table.currentIndex().row()
        self.model.set_rows(self.filtered())
        header = self.table.horizontalHeader()
        if header.sortIndicatorSection() >= 0:
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        if selected is not None and not self.select(selected["id"]) and self.model.rowCount():
            select_position(self.table, self.model, min(position, self.model.rowCount() - 1))
        self._update_count()
        self._update_buttons()

    def _update_count(self) -> None:
        self.count.setText(self.tr("待验收 %1 项，显示 %2 项").replace("%1", str(len(self.all_rows)))
                           .replace("%2", str(self.model.rowCount())))

    # -- selection -------------------------------------------------------------------------------
    def current_row(self) -> dict[str, Any] | None:
        row: dict[str, Any] | None = selected_row(self.table)
        return row

    def select(self, inspection_id: int) -> bool:
        return select_position(self.table, self.model, self.model.find("id", inspection_id))

    def _update_buttons(self) -> None:
        row = self.current_row()
        for button in (self.open_button, self.accept_button, self.return_button):
            button.setEnabled(row is not None)
        self.case_button.setEnabled(can_open(row))

    # -- actions ---------------------------------------------------------------------------------
    def _open_index(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if row is not None:
            self.host.open_inspection(int(row["id"]), row["enterprise"])

    def do_open(self) -> None:
        row = self.current_row()
        if row is not None:
            self.host.open_inspection(int(row["id"]), row["enterprise"])

    def do_open_case(self) -> OpenCaseDialog | None:
        """立摘牌案卷 from the selected inspection (concluding 建议摘牌); then its case on the 摘牌案件 page."""
        row, workspace = self.current_row(), self.host.workspace
        if not can_open(row) or workspace is None:
            return None
        assert row is not None
        self.dialog = open_case(self, self.host.runner, workspace, self.host.actor, int(row["id"]), row["enterprise"],
                                self.host.show_case)
        return self.dialog

    def do_accept(self) -> ConfirmDialog | None:
        """Ask first, showing what is accepted: the score, the conclusion, the open points and who signs
        (``queries.confirm``, read in a worker). Returns the dialog when it is already shown."""
        row, workspace = self.current_row(), self.host.workspace
        if row is None or workspace is None:
            return None
        actor, inspection_id = self.host.actor, int(row["id"])
        shown: list[ConfirmDialog] = []

        def ask(confirmation: Any) -> None:
            dialog = ConfirmDialog(confirmation, self)
            dialog.accepted.connect(lambda: self._accept(row))
            self.dialog, self.accept_button_in_dialog = dialog, dialog.confirm_button
            shown.append(dialog)
            dialog.open()  # not exec(): the window goes on updating

        self.host.runner.run(lambda _p, _c: confirm_queries.before_accepting(workspace, inspection_id, actor), ask,
                             lambda error: self._refused(error, self.tr("未能验收")))
        return shown[0] if shown else None

    def _accept(self, row: dict[str, Any]) -> None:
        workspace, actor, inspection_id = self.host.workspace, self.host.actor, int(row["id"])
        assert workspace is not None
        self.host.runner.write(
            lambda _p, _c: review_ops.accept(workspace, inspection_id, actor, expected_version=row.get("version")),
            lambda _changes: self.host.message(self.tr("已验收：%1").replace("%1", row["enterprise"])),
            lambda error: self._refused(error, self.tr("未能验收")), initiator=self)

    def do_return(self) -> ReturnDialog | None:
        row = self.current_row()
        if row is None:
            return None
        dialog = ReturnDialog(row["enterprise"], self)
        dialog.accepted.connect(lambda: self._return(row, dialog.text()))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _return(self, row: dict[str, Any], comment: str) -> None:
        workspace, actor, inspection_id = self.host.workspace, self.host.actor, int(row["id"])
        assert workspace is not None
        self.host.runner.write(
            lambda _p, _c: review_ops.return_for_correction(workspace, inspection_id, actor, comment,
                                                            expected_version=row.get("version")),
            lambda _changes: self.host.message(self.tr("已退回修改：%1").replace("%1", row["enterprise"])),
            lambda error: self._refused(error, self.tr("未能退回")), initiator=self)

    def _refused(self, error: BaseException, title: str) -> None:
        """The error as it is (another supervisor decided first: StaleEditError names the state now),
        then the list reread, so that the page shows that state."""
        self.host.show_error(error, title)
        self.reload()
