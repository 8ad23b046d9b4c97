"""进度看板: the campaign's progress in this office's area as of a date, from the progress read model
(``services.queries.progress``: counted by enterprise, the status each inspection had that day) – a
horizontal bar chart per area of progress against the scope (in scope / visited / completed /
accepted), the conclusions, the hazards by severity (found / rectified / overdue), the duties ahead with
the days left, and the whole table of figures."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from inspector_app.services.changes import ChangeKind
from inspector_app.ui import labels
from inspector_app.ui.lazy import LazyModule
from inspector_app.ui.office import charts, texts
from inspector_app.ui.office.duties import DutiesTable
from inspector_app.ui.office.page import OfficeHost, OfficePage, make_table
from inspector_app.ui.office.rows_model import Column, RowsModel

if TYPE_CHECKING:
    from inspector_app.services.queries import progress as progress_queries
    from inspector_app.services.queries.progress import ProgressReport
    from inspector_app.storage.engine import Workspace
else:
    progress_queries = LazyModule("inspector_app.services.queries.progress")

TOTAL = "合计"
PROGRESS_SETS = (("in_scope", "#9e9e9e"), ("visited", "#1f5fbf"), ("completed", "#2e7d32"), ("accepted", "#00695c"))
CONCLUSION_COLOURS = {"maintain": "#2e7d32", "rectify": "#e09a00", "delist": "#c62828", "qualified": "#2e7d32",
                      "criticised": "#e09a00", "suspended": "#d84315", "disqualified": "#c62828"}
CONCLUSION_KEYS = tuple(CONCLUSION_COLOURS)
HAZARD_SETS = (("found", "#c62828"), ("rectified", "#2e7d32"), ("overdue", "#8a5300"))
TABLE_SKIP = frozenset({"kind", "kind_label", "area_path"})


def _n(row: dict[str, Any], key: str) -> int:
    return int(row.get(key) or 0)


class DashboardPage(OfficePage):
    kinds = (ChangeKind.STATUS, ChangeKind.ASSIGNMENTS, ChangeKind.FINDINGS, ChangeKind.ENTERPRISES,
             ChangeKind.SETTINGS, ChangeKind.CAMPAIGNS, ChangeKind.SYNC, ChangeKind.REPORTS, ChangeKind.HEADER)

    def __init__(self, host: OfficeHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("dashboardPage")
        self.report: ProgressReport | None = None
        self.duties: list[dict[str, Any]] = []
        self.problem = ""

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.kind_label, self.as_of_label = QLabel(), QLabel()
        self.kind = QComboBox()
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.kind.currentIndexChanged.connect(lambda _i: self.show_charts())
        self.as_of = QDateEdit()
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        today = date.today()
        self.as_of.setDate(QDate(today.year, today.month, today.day))
        self.as_of.dateChanged.connect(lambda _d: self.invalidate())
        self.today = QPushButton()
        self.today.clicked.connect(self._to_today)
        self.details = QPushButton()
        self.details.setCheckable(True)
        self.details.toggled.connect(lambda on: self.views.setCurrentIndex(1 if on else 0))
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.where.setStyleSheet("color: #555;")
        top = QHBoxLayout()
        for widget in (self.title, self.kind_label, self.kind, self.as_of_label, self.as_of, self.today):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.details)

        self.progress_chart = charts.chart_view()
        self.conclusion_chart = charts.chart_view()
        self.hazard_chart = charts.chart_view()
        self.duties_title = QLabel()
        self.duties_title.setStyleSheet("font-weight: bold;")
        self.duty_table = DutiesTable(compact=True)
        duties = QWidget()
        duties_layout = QVBoxLayout(duties)
        duties_layout.setContentsMargins(0, 0, 0, 0)
        duties_layout.addWidget(self.duties_title)
        duties_layout.addWidget(self.duty_table, 1)
        board = QWidget()
        grid = QGridLayout(board)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.progress_chart, 0, 0)
        grid.addWidget(self.conclusion_chart, 0, 1)
        grid.addWidget(self.hazard_chart, 1, 0)
        grid.addWidget(duties, 1, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)
        self.model = RowsModel(parent=self)
        self.table = make_table(self.model)
        self.table.setObjectName("progressTable")
        self.table.setSortingEnabled(False)  # the areas in the campaign's order, 合计 last
        self.views = QStackedWidget()
        self.views.addWidget(board)
        self.views.addWidget(self.table)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.where)
        layout.addWidget(self.views, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("进度看板"))
        self.kind_label.setText(self.tr("检查种类"))
        self.as_of_label.setText(self.tr("统计截至"))
        self.today.setText(self.tr("今天"))
        self.details.setText(self.tr("明细表"))
        self.details.setToolTip(self.tr("在图表和全部数字的表格之间切换"))
        self.duties_title.setText(self.tr("待报送事项"))
        self.show_report()

    # -- reading ---------------------------------------------------------------------------------
    def _to_today(self) -> None:
        today = date.today()
        self.as_of.setDate(QDate(today.year, today.month, today.day))

    def params(self) -> date:
        return self.as_of.date().toPython()  # type: ignore[no-any-return]

    def read(self, workspace: Workspace, as_of: date) -> tuple[Any, list[dict[str, Any]], str]:
        try:
            report = progress_queries.progress_report(workspace, as_of=as_of)
            duties = progress_queries.duty_rows(workspace, as_of=as_of)
        except Exception as error:  # no campaign, an area the campaign does not know: said on the page
            return None, [], str(error)
        return report, duties, ""

    def show_data(self, data: tuple[Any, list[dict[str, Any]], str]) -> None:
        self.report, self.duties, self.problem = data
        self.show_report()

    def show_report(self) -> None:
        report = self.report
        current = self.kind.currentData()
        self.kind.blockSignals(True)
        self.kind.clear()
        for kind in report.kinds if report is not None else ():
            row = next((r for r in report.rows if r["kind"] == kind), None)
            self.kind.addItem(texts.text(row["kind_label"]) if row else kind, kind)
        found = self.kind.findData(current)
        self.kind.setCurrentIndex(found if found >= 0 else 0)
        self.kind.blockSignals(False)
        if report is None:
            self.where.setText(self.problem or self.tr("暂无数据"))
        else:
            self.where.setText(self.tr("%1 · %2 · 截至 %3，按企业计数").replace("%1", report.jurisdiction or self.tr("全部辖区"))
                               .replace("%2", report.campaign_title).replace("%3", report.as_of.isoformat()))
        self.duty_table.set_duties(self.duties)
        self.show_charts()

    def rows(self) -> list[dict[str, Any]]:
        """The rows of the chosen kind of check (its areas, then 合计)."""
        kind = self.kind.currentData()
        return [r for r in self.report.rows if r["kind"] == kind] if self.report is not None and kind else []

    def total(self) -> dict[str, Any]:
        return next((r for r in self.rows() if r["area"] == TOTAL), {})

    def show_charts(self) -> None:
        rows = self.rows()
        areas = [r for r in rows if r["area"] != TOTAL]
        total = self.total()
        none = self.tr("暂无数据")
        heading = _heading if self.report is not None else str  # the read model is loaded once a report came
        charts.fill_bars(self.progress_chart, self.tr("各辖区进度（按企业计）"), [texts.text(r["area"]) for r in areas],
                         [(texts.text(heading(k)), [_n(r, k) for r in areas], c) for k, c in PROGRESS_SETS],
                         horizontal=True, empty_text=none)
        conclusions = [(texts.text(heading(k)), _n(total, k), CONCLUSION_COLOURS[k])
                       for k in CONCLUSION_KEYS if total.get(k) is not None]
        charts.fill_pie(self.conclusion_chart, self.tr("检查结论（已完成的检查）"), conclusions, empty_text=none)
        severities = [labels.value_label("一般"), labels.value_label("重大")]
        names = {"found": self.tr("发现"), "rectified": self.tr("已整改"), "overdue": self.tr("逾期未整改")}
        keys = {"found": ("hazards_general", "hazards_major"), "rectified": ("rectified_general", "rectified_major"),
                "overdue": ("overdue_general", "overdue_major")}
        charts.fill_bars(self.hazard_chart, self.tr("隐患（按严重程度）"), severities,
                         [(names[s], [_n(total, k) for k in keys[s]], c) for s, c in HAZARD_SETS], empty_text=none)
        self._fill_table(rows)

    def _fill_table(self, rows: list[dict[str, Any]]) -> None:
        columns = [k for k in (self.report_columns() or ()) if k not in TABLE_SKIP
                   and any(r.get(k) is not None for r in rows)]
        self.model.set_columns([Column(k, texts.text(_heading(k)), right=k != "area") for k in columns])
        self.model.set_rows([dict(r, area=texts.text(r["area"])) for r in rows])
        self.table.resizeColumnsToContents()

    def report_columns(self) -> tuple[str, ...]:
        return tuple(progress_queries.PROGRESS_COLUMNS) if self.report is not None else ()


def _heading(key: str) -> str:
    """The Chinese heading of a figure (``PROGRESS_HEADINGS``), shown translated by ``progress_heading``."""
    return str(progress_queries.PROGRESS_HEADINGS.get(key, key))

