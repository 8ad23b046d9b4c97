"""统计: the figures per review organisation and per reviewer (``services.queries.org_stats``) – how many
enterprises each reviewed, how many were looked back at and with what conclusion, the share recommended
for 摘牌, the mean look-back score beside the mean review score, the conflict flags – as a table, with two
bar charts per organisation (the share recommended for 摘牌; the look-back score against the review
score); 导出 Excel… writes the table's workbook in a worker, from the documents folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from inspector_app.services.changes import ChangeKind
from inspector_app.ui import file_dialogs
from inspector_app.ui.lazy import LazyModule
from inspector_app.ui.office import texts
from inspector_app.ui.office.charts import chart_view, fill_bars
from inspector_app.ui.office.page import OfficeHost, OfficePage, fit_columns, make_table
from inspector_app.ui.office.report_work import suggested_name
from inspector_app.ui.office.rows_model import Column, RowsModel

if TYPE_CHECKING:
    from inspector_app.services.queries import org_stats as stats_queries
    from inspector_app.storage.engine import Workspace
else:
    stats_queries = LazyModule("inspector_app.services.queries.org_stats")

ORGS, REVIEWERS = "orgs", "reviewers"
_RED = QColor("#c62828")
_SHARE, _REVIEW, _LOOKBACK = "#c62828", "#607d8b", "#ef8f00"
Stats = tuple[list[dict[str, Any]], list[dict[str, Any]]]


def pct(value: Any) -> str:
    return "" if value is None else f"{float(value) * 100:.1f}%"


def one_place(value: Any) -> str:
    return "" if value is None else f"{float(value):.1f}"


def _status_colour(row: dict[str, Any]) -> QColor | None:
    return _RED if row.get("status") not in ("", None, "正常") else None


def _flags_colour(row: dict[str, Any]) -> QColor | None:
    return _RED if row.get("conflict_flags") else None


class StatsPage(OfficePage):
    kinds = (ChangeKind.STATUS, ChangeKind.REGISTERS, ChangeKind.SANCTIONS, ChangeKind.ENTERPRISES,
             ChangeKind.ASSIGNMENTS, ChangeKind.SYNC)

    def __init__(self, host: OfficeHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("statsPage")
        self.org_rows: list[dict[str, Any]] = []
        self.reviewer_rows: list[dict[str, Any]] = []
        self.read_on: date | None = None

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.mode = QComboBox()
        self.mode.addItem("", ORGS)
        self.mode.addItem("", REVIEWERS)
        self.mode.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.mode.currentIndexChanged.connect(lambda _i: self.show_rows())
        self.note = QLabel()
        self.note.setStyleSheet("color: #555;")
        self.note.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addSpacing(12)
        top.addWidget(self.mode)
        top.addSpacing(12)
        top.addWidget(self.note, 1)

        self.share_chart, self.score_chart = chart_view(), chart_view()
        self.share_chart.setObjectName("delistShareChart")
        self.score_chart.setObjectName("scoreChart")
        self.charts = QWidget()
        charts_row = QHBoxLayout(self.charts)
        charts_row.setContentsMargins(0, 0, 0, 0)
        charts_row.addWidget(self.share_chart, 1)
        charts_row.addWidget(self.score_chart, 1)
        self.model = RowsModel(parent=self)
        self.table = make_table(self.model)
        self.table.setObjectName("statsTable")
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(self.charts)
        self.split.addWidget(self.table)
        self.split.setChildrenCollapsible(False)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        self.split.setSizes([330, 260])

        self.count = QLabel()
        self.export_button = QPushButton()
        self.export_button.clicked.connect(lambda: self.do_export())
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.split, 1)
        layout.addLayout(buttons)
        self.retranslate()

    def per_reviewer(self) -> bool:
        return self.mode.currentData() == REVIEWERS

    def retranslate(self) -> None:
        self.title.setText(self.tr("评审单位与评审人员统计"))
        self.mode.setItemText(0, self.tr("按评审单位"))
        self.mode.setItemText(1, self.tr("按评审人员"))
        self.note.setText(self.tr("回头看按每家企业最近一次已完成的回头看或运行质量审计计；得分差 = 回头看得分 − 评审得分。"))
        self.export_button.setText(self.tr("导出 Excel…"))
        self.export_button.setToolTip(self.tr("把当前的统计表导出为 Excel 工作簿"))
        self.show_rows()

    def _columns(self) -> list[Column]:
        figures = [
            Column("certified", self.tr("评审达标企业"), right=True), Column("looked_back", self.tr("已回头看"), right=True),
            Column("maintain", texts.text("维持"), right=True), Column("rectify", texts.text("限期整改"), right=True),
            Column("delist", texts.text("建议摘牌"), right=True),
            Column("delist_share", self.tr("建议摘牌占比"), pct, right=True),
            Column("avg_review_score", self.tr("评审得分均值"), one_place, right=True),
            Column("avg_lookback_score", self.tr("回头看得分均值"), one_place, right=True),
            Column("score_gap", self.tr("得分差"), one_place, right=True),
            Column("conflict_flags", self.tr("利益冲突提示"), right=True, colour=_flags_colour)]
        if self.per_reviewer():
            return [Column("reviewer", self.tr("评审人员")), Column("cert_number", self.tr("证书编号")),
                    Column("org", self.tr("所属单位")), Column("status", self.tr("状态"), texts.text, colour=_status_colour),
                    *figures]
        return [Column("org", self.tr("评审单位")), Column("status", self.tr("状态"), texts.text, colour=_status_colour),
                *figures, Column("review_quality", self.tr("最近评审质量检查结论"), texts.text)]

    # -- reading ---------------------------------------------------------------------------------
    def read(self, workspace: Workspace, params: Any) -> tuple[Stats, date]:
        return (stats_queries.org_stats(workspace), stats_queries.reviewer_stats(workspace)), date.today()

    def show_data(self, data: tuple[Stats, date]) -> None:
        (self.org_rows, self.reviewer_rows), self.read_on = data
        self.show_rows()

    def rows(self) -> list[dict[str, Any]]:
        return self.reviewer_rows if self.per_reviewer() else self.org_rows

    def show_rows(self) -> None:
        self.model.set_columns(self._columns())
        self.model.set_rows(self.rows())
        header = self.table.horizontalHeader()
        if header.sortIndicatorSection() >= 0:
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        fit_columns(self.table, {"org": "常州演示安全生产评审中心", "reviewer": "欧阳示范", "cert_number": "苏评审2016-0127",
                                 "status": texts.longest("正常", "通报批评", "暂停评审活动", "取消评审资格", "黑名单"), "certified": "0000", "looked_back": "0000", "maintain": "000",
                                 "rectify": "000", "delist": "000", "delist_share": "100.0%",
                                 "avg_review_score": "100.0", "avg_lookback_score": "100.0", "score_gap": "-00.0",
                                 "conflict_flags": "000",
                                 "review_quality": texts.longest("合格", "建议通报批评", "建议暂停评审活动", "建议取消评审资格")})
        self.charts.setVisible(not self.per_reviewer())
        self.fill_charts()
        what = self.tr("评审人员 %1 名，其中 %2 名有利益冲突提示") if self.per_reviewer() \
            else self.tr("评审单位 %1 家，其中 %2 家有利益冲突提示")
        flagged = sum(1 for r in self.rows() if r.get("conflict_flags"))
        self.count.setText(what.replace("%1", str(len(self.rows()))).replace("%2", str(flagged)))
        self.export_button.setEnabled(self.host.workspace is not None and bool(self.rows()))

    def fill_charts(self) -> None:
        rows = [r for r in self.org_rows if r.get("certified")]
        names = [r["org"] for r in rows]
        share = [round((r["delist_share"] or 0) * 100, 1) for r in rows]
        empty = self.tr("暂无已完成的回头看")
        fill_bars(self.share_chart, self.tr("建议摘牌占比（%）"), names, [(self.tr("建议摘牌占比"), share, _SHARE)],
                  horizontal=True, empty_text=empty, label_format="@value%", maximum=100)
        self.share_chart.chart().legend().hide()
        scores = [(self.tr("评审得分均值"), [r["avg_review_score"] or 0 for r in rows], _REVIEW),
                  (self.tr("回头看得分均值"), [r["avg_lookback_score"] or 0 for r in rows], _LOOKBACK)]
        fill_bars(self.score_chart, self.tr("回头看得分均值与评审得分均值"), names, scores, horizontal=True,
                  empty_text=empty, maximum=100)

    # -- export ----------------------------------------------------------------------------------
    def do_export(self, target: Path | None = None) -> None:
        """导出 Excel…: the statistics as shown (organisations or reviewers), read again and written in a worker."""
        workspace = self.host.workspace
        if workspace is None:
            return
        per_reviewer = self.per_reviewer()
        if target is None:
            info = self.host.info
            title = self.tr("评审人员统计") if per_reviewer else self.tr("评审单位统计")
            name = suggested_name(info.area_name if info else "", title, date.today(), ".xlsx")
            chosen, _ = file_dialogs.save_file(self, "documents", self.tr("导出统计"), name, "Excel (*.xlsx)")
            if not chosen:
                return
            target = Path(chosen)
        where = target

        def work(_progress: Any, _cancel: Any) -> Path:
            rows = stats_queries.reviewer_stats(workspace) if per_reviewer else stats_queries.org_stats(workspace)
            stats_queries.write_stats_xlsx(rows, per_reviewer, where)
            return where

        self.host.runner.run(work, lambda path: self.host.message(self.tr("已导出统计：%1").replace("%1", str(path)), 8000),
                             lambda error: self.host.show_error(error, self.tr("未能导出统计")),
                             title=self.tr("正在导出统计…"), parent=self)
