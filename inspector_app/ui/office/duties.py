"""The reporting duties as a table (``services.queries.progress.duty_rows``): what, by when, the days
left, this office's part (报送 / 接收 from whom) and where it stands. The dashboard shows the compact list
of what is still ahead, the reports page the whole list to choose a duty from."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QHeaderView, QTableView

from inspector_app.ui.office import texts
from inspector_app.ui.office.page import setup_table
from inspector_app.ui.office.rows_model import Column, RowsModel, selected_row

OPEN_STATES = frozenset({"missing"})


def ahead(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """This office's duties not yet done or still to come, soonest first (no date last); a duty it
    receives from several offices is one row saying how many have come in (已收到 2/7)."""
    listed: list[dict[str, Any]] = []
    received: dict[str, dict[str, Any]] = {}
    for row in rows:
        if row.get("role") == "接收":
            group = received.get(row["duty"])
            if group is None:
                group = received[row["duty"]] = dict(row, came=0, expected=0)
                listed.append(group)
            group["expected"] += 1
            group["came"] += row.get("state") in ("received", "late")
        elif row.get("role"):
            listed.append(row)
    for group in received.values():
        group["state"] = "missing" if group["came"] < group["expected"] else "received"
        group["status"] = QCoreApplication.translate("DutiesTable", "已收到 %1/%2").replace(
            "%1", str(group["came"])).replace("%2", str(group["expected"]))
    mine = [r for r in listed if r.get("state") in OPEN_STATES or (r.get("days_left") is not None and r["days_left"] >= 0)]
    return sorted(mine, key=lambda r: (r.get("due") or "9999", r.get("title", "")))


class DutiesTable(QTableView):
    """``compact``: title, due, days left, status (the dashboard); else also this office's part (报送 / 接收)
    and who files or is expected to."""

    def __init__(self, compact: bool = False) -> None:
        super().__init__()
        self.compact = compact
        self.model_ = RowsModel(parent=self)
        setup_table(self, self.model_)
        self.setSortingEnabled(False)  # by due date
        self.setWordWrap(True)  # the duties' titles are long sentences of the notices
        self.rows: list[dict[str, Any]] = []
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        columns = [Column("title", self.tr("报送事项")), Column("due", self.tr("截止日期")),
                   Column("days_left", self.tr("剩余"), texts.days_left, right=True)]
        if not self.compact:
            columns += [Column("role", self.tr("本机关"), texts.text), Column("party", self.tr("报送/接收单位"))]
        columns += [Column("status", self.tr("状态"), texts.text, colour=texts.state_colour)]
        self.model_.set_columns(columns)
        self._widths()

    def _widths(self) -> None:
        header = self.horizontalHeader()
        metrics = self.fontMetrics()
        samples = {"due": "2020-06-26", "days_left": self.tr("已过 100 天"), "role": "报送", "party": "常州经开区",
                   "status": "逾期报送"}
        for column in range(self.model_.columnCount()):
            key = self.model_.key_of(column)
            if key == "title":
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
                continue
            heading = str(self.model_.headerData(column, header.orientation()))
            width = max(metrics.horizontalAdvance(texts.text(samples.get(key, ""))), metrics.horizontalAdvance(heading))
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.setColumnWidth(column, width + 20)

    def set_duties(self, rows: list[dict[str, Any]]) -> None:
        self.rows = ahead(rows) if self.compact else list(rows)
        self.model_.set_rows(self.rows)
        self._widths()
        self.resizeRowsToContents()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self.resizeRowsToContents()  # the title column's width changed: its lines too

    def current_row(self) -> dict[str, Any] | None:
        row: dict[str, Any] | None = selected_row(self)
        return row
