"""隐患台账: every hazard found in this office's area across inspections (``services.queries.hazards``) –
the overdue 重大 hazards by area on top, the summary per area (found / 复查合格 / open / overdue, closure
rate), then the ledger itself, overdue 重大 first; filters by severity, area, status, overdue only and the
as-of date (each a reread in the runner's pool); a double-click opens the inspection; 导出 Excel… writes
the workbook (汇总 + 隐患台账) in a worker, from the documents folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from inspector_app.services.changes import ChangeKind
from inspector_app.ui import file_dialogs, labels
from inspector_app.ui.lazy import LazyModule
from inspector_app.ui.office import texts
from inspector_app.ui.office.ledger_model import ROW_ROLE, LedgerColumn, LedgerModel
from inspector_app.ui.office.page import OfficeHost, OfficePage, fit_columns, make_table
from inspector_app.ui.office.report_work import suggested_name
from inspector_app.ui.office.rows_model import Column, RowsModel, select_position, selected_row

if TYPE_CHECKING:
    from inspector_app.services.queries import hazards as hazard_queries
    from inspector_app.services.queries.hazards import HazardLedger
    from inspector_app.storage.engine import Workspace
else:
    hazard_queries = LazyModule("inspector_app.services.queries.hazards")

SEVERITIES = ("一般", "重大")
STATUSES = ("待整改", "已整改待复查", "复查合格", "复查不合格")
TOTAL = "合计"
Params = tuple[str, str, str, bool, date]  # severity, district, status, overdue only, as of


def _pct(value: Any) -> str:
    return "" if value is None else f"{float(value):.1f}%"


def _combo(items: tuple[str, ...] = ()) -> QComboBox:
    combo = QComboBox()
    combo.addItem("", "")
    for item in items:
        combo.addItem(labels.value_label(item), item)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


class HazardsPage(OfficePage):
    kinds = (ChangeKind.FINDINGS, ChangeKind.STATUS, ChangeKind.ASSIGNMENTS, ChangeKind.ENTERPRISES,
             ChangeKind.SETTINGS, ChangeKind.CAMPAIGNS, ChangeKind.SYNC)

    def __init__(self, host: OfficeHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("hazardsPage")
        self.ledger: HazardLedger | None = None
        self.problem = ""

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.where = QLabel()
        self.where.setStyleSheet("color: #555;")
        self.severity_label, self.district_label, self.status_label, self.as_of_label = (QLabel() for _ in range(4))
        self.severity, self.district, self.status = _combo(SEVERITIES), _combo(), _combo(STATUSES)
        self.overdue = QCheckBox()
        self.as_of = QDateEdit()
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        today = date.today()
        self.as_of.setDate(QDate(today.year, today.month, today.day))
        self.today = QPushButton()
        self.today.clicked.connect(self._to_today)
        for combo in (self.severity, self.district, self.status):
            combo.currentIndexChanged.connect(lambda _i: self.invalidate())
        self.overdue.toggled.connect(lambda _on: self.invalidate())
        self.as_of.dateChanged.connect(lambda _d: self.invalidate())
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addSpacing(12)
        top.addWidget(self.where, 1)
        filters = QHBoxLayout()
        for widget in (self.severity_label, self.severity, self.district_label, self.district, self.status_label,
                       self.status, self.overdue, self.as_of_label, self.as_of, self.today):
            filters.addWidget(widget)
        filters.addStretch(1)

        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.summary_model = RowsModel(parent=self)
        self.summary = make_table(self.summary_model)
        self.summary.setObjectName("hazardSummary")
        self.summary.setSortingEnabled(False)  # the read model's order: overdue 重大 first, 合计 last
        self.summary.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.summary.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.model = LedgerModel(self)
        self.table = make_table(self.model)
        self.table.setObjectName("hazardTable")
        self.table.doubleClicked.connect(self._open_index)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        summary_box = QWidget()  # the summary as wide as its columns, on the left
        summary_row = QHBoxLayout(summary_box)
        summary_row.setContentsMargins(0, 0, 0, 0)
        summary_row.addWidget(self.summary)
        self.rules = QLabel()
        self.rules.setWordWrap(True)
        self.rules.setStyleSheet("color: #555;")
        self.rules.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        summary_row.addWidget(self.rules, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(summary_box)
        split.addWidget(self.table)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        self.split = split

        self.count = QLabel()
        self.open_button, self.export_button = QPushButton(), QPushButton()
        self.open_button.clicked.connect(self.do_open)
        self.export_button.clicked.connect(lambda: self.do_export())
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.headline)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self.retranslate()
        self._update_buttons()

    def retranslate(self) -> None:
        self.title.setText(self.tr("隐患台账"))
        self.severity_label.setText(self.tr("隐患等级"))
        self.district_label.setText(self.tr("辖区"))
        self.status_label.setText(self.tr("整改状态"))
        self.as_of_label.setText(self.tr("统计截至"))
        for combo in (self.severity, self.district, self.status):
            combo.setItemText(0, self.tr("全部"))
        for combo, values in ((self.severity, SEVERITIES), (self.status, STATUSES)):
            for position, value in enumerate(values, 1):
                combo.setItemText(position, labels.value_label(value))
        self.overdue.setText(self.tr("只看逾期"))
        self.rules.setText("\n".join((
            self.tr("逾期：整改期限已过，且仍为待整改或复查不合格（按统计截至日；过去的日期按当日的状态，只含当日已发现的隐患）。"),
            self.tr("闭环率 = 复查合格 ÷ 隐患合计；未闭环 = 除复查合格以外的隐患。"),
            self.tr("汇总按辖区统计全部隐患，不受上方筛选影响；下表按筛选列出，逾期重大隐患在前。"),
            self.tr("双击一行查看该次检查。"))))
        self.overdue.setToolTip(self.tr("整改期限已过且仍为待整改或复查不合格"))
        self.today.setText(self.tr("今天"))
        self.open_button.setText(self.tr("查看检查"))
        self.export_button.setText(self.tr("导出 Excel…"))
        self.export_button.setToolTip(self.tr("按当前筛选导出汇总和隐患台账两个工作表"))
        self.summary_model.set_columns([
            Column("area", self.tr("辖区"), texts.text), Column("overdue_major", self.tr("逾期重大"), right=True),
            Column("overdue_general", self.tr("逾期一般"), right=True),
            Column("found_major", self.tr("重大隐患"), right=True),
            Column("found_general", self.tr("一般隐患"), right=True), Column("found", self.tr("隐患合计"), right=True),
            Column("rectified", self.tr("复查合格"), right=True), Column("open", self.tr("未闭环"), right=True),
            Column("overdue", self.tr("逾期合计"), right=True), Column("closure_pct", self.tr("闭环率"), _pct, right=True)])
        self.model.set_columns([
            LedgerColumn("district", self.tr("辖区")), LedgerColumn("enterprise", self.tr("企业名称")),
            LedgerColumn("severity", self.tr("等级")), LedgerColumn("description", self.tr("隐患描述")),
            LedgerColumn("deadline", self.tr("整改期限")), LedgerColumn("status", self.tr("整改状态")),
            LedgerColumn("days_overdue", self.tr("逾期天数"), right=True),
            LedgerColumn("rechecked_at", self.tr("复查时间")), LedgerColumn("item", self.tr("检查项目")),
            LedgerColumn("requirement", self.tr("整改要求")), LedgerColumn("measures", self.tr("现场处理措施")),
            LedgerColumn("inspection_id", self.tr("检查编号"), right=True),
            LedgerColumn("uscc", self.tr("统一社会信用代码"))])
        self._fit()
        self.show_ledger()

    def _fit(self) -> None:
        fit_columns(self.table, {
            "district": "常州经开区", "enterprise": "常州新世纪生物医药有限公司", "severity": "重大",
            "description": "粉尘涉爆区域除尘系统未设置泄爆装置", "deadline": "2020-12-31", "status": "已整改待复查",
            "days_overdue": "00000", "rechecked_at": "2020-12-31 14:30", "item": "隐患排查治理",
            "requirement": "按要求设置泄爆、隔爆装置", "measures": "暂时停产停业", "inspection_id": "000000",
            "uscc": "91320412MA1XXXXXXX"})

    # -- reading ---------------------------------------------------------------------------------
    def _to_today(self) -> None:
        today = date.today()
        self.as_of.setDate(QDate(today.year, today.month, today.day))

    def params(self) -> Params:
        severity, district, status = (c.currentData() or "" for c in (self.severity, self.district, self.status))
        return severity, district, status, self.overdue.isChecked(), self.as_of.date().toPython()

    def read(self, workspace: Workspace, params: Params) -> tuple[Any, str]:
        severity, district, status, overdue, as_of = params
        filters = hazard_queries.HazardFilter(severity, district, status, overdue)
        try:
            return hazard_queries.ledger(workspace, filters, as_of), ""
        except Exception as error:  # no campaign, an area the campaign does not know: said on the page
            return None, str(error)

    def show_data(self, data: tuple[Any, str]) -> None:
        self.ledger, self.problem = data
        if self.ledger is not None:
            current = self.district.currentData()
            self.district.blockSignals(True)
            while self.district.count() > 1:
                self.district.removeItem(1)
            for name in self.ledger.districts:
                self.district.addItem(texts.text(name), name)
            found = self.district.findData(current)
            self.district.setCurrentIndex(max(found, 0))
            self.district.blockSignals(False)
        self.show_ledger()

    def show_ledger(self) -> None:
        found = self.ledger
        rows = found.rows if found is not None else []
        selected = self.current_row()
        self.model.set_rows(rows)
        header = self.table.horizontalHeader()
        if header.sortIndicatorSection() >= 0:
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        if selected is not None:
            self.select(selected.finding_id)
        summary = found.summary if found is not None else []
        self.summary_model.set_rows(summary)
        self._fit_summary()
        if found is None:
            self.where.setText(self.problem or self.tr("暂无数据"))
            self.headline.setText("")
        else:
            self.where.setText(self.tr("%1 · 截至 %2").replace("%1", found.jurisdiction or self.tr("全部辖区"))
                               .replace("%2", found.as_of.isoformat()))
            self.headline.setText(self._headline(summary))
        late = sum(1 for r in rows if r.days_overdue)
        self.count.setText(self.tr("显示 %1 条，其中逾期 %2 条").replace("%1", str(len(rows))).replace("%2", str(late)))
        self._update_buttons()

    def _headline(self, summary: list[dict[str, Any]]) -> str:
        """逾期重大隐患 by area, most first (the summary's order), in red; or that there are none."""
        late = [r for r in summary if r["area"] != TOTAL and r["overdue_major"]]
        if not late:
            none = self.tr("没有逾期未整改的重大隐患")
            return f"<span style='color:#2e7d32'>{none}</span>"
        parts = self.tr("，").join(f"{texts.text(r['area'])} <b>{r['overdue_major']}</b>" for r in late)
        total = sum(r["overdue_major"] for r in late)
        heading = self.tr("逾期未整改的重大隐患 %1 条：").replace("%1", str(total))
        return f"<span style='color:#c62828'>{heading}{parts}</span>"

    def _fit_summary(self) -> None:
        self.summary.resizeColumnsToContents()
        rows = self.summary_model.rowCount()
        height = self.summary.horizontalHeader().height() + rows * self.summary.verticalHeader().defaultSectionSize() + 4
        self.summary.setMaximumHeight(height)
        columns = self.summary_model.columnCount()
        self.summary.setFixedWidth(sum(self.summary.columnWidth(c) for c in range(columns))
                                   + 2 * self.summary.frameWidth() + 2)
        self.split.setSizes([height, max(200, self.split.height() - height)])

    # -- selection and actions -------------------------------------------------------------------
    def current_row(self) -> Any:
        row: Any = selected_row(self.table)
        return row

    def select(self, finding_id: int) -> bool:
        return select_position(self.table, self.model, self.model.find(finding_id))

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.current_row() is not None)
        self.export_button.setEnabled(self.ledger is not None and self.host.workspace is not None)

    def _open_index(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if row is not None:
            self.host.open_inspection(int(row.inspection_id), row.enterprise)

    def do_open(self) -> None:
        row = self.current_row()
        if row is not None:
            self.host.open_inspection(int(row.inspection_id), row.enterprise)

    def do_export(self, target: Path | None = None) -> None:
        """导出 Excel…: the workbook of the ledger as filtered now, written in a worker."""
        workspace = self.host.workspace
        if workspace is None:
            return
        severity, district, status, overdue, as_of = self.params()
        if target is None:
            info = self.host.info
            name = suggested_name(district or (info.area_name if info else ""), self.tr("隐患台账"), as_of, ".xlsx")
            chosen, _ = file_dialogs.save_file(self, "documents", self.tr("导出隐患台账"), name, "Excel (*.xlsx)")
            if not chosen:
                return
            target = Path(chosen)
        where = target

        def work(progress: Any, cancel: Any) -> Any:
            filters = hazard_queries.HazardFilter(severity, district, status, overdue)
            return hazard_queries.export_xlsx(workspace, where, filters, as_of, progress=progress, cancel=cancel)

        self.host.runner.run(work, lambda result: self.host.message(
                                 self.tr("已导出 %1 条隐患：%2").replace("%1", str(result.rows))
                                 .replace("%2", str(result.path)), 8000),
                             lambda error: self.host.show_error(error, self.tr("未能导出隐患台账")),
                             title=self.tr("正在导出隐患台账…"), parent=self)
