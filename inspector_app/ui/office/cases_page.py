"""摘牌案件: the 摘牌 case files here (``services.queries.cases.case_rows``) – this office's and those that
came up from the offices below – with their stage, and the selected one's file (``case_view``): its
grounds, its steps and the next step, recorded through ``services.ops.cases.advance`` with the version
read (a case changed meanwhile is refused and reread). Cases are opened from an inspection concluding
建议摘牌 (审核队列, the desk's context menu: ``case_open``)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from inspector_app.domain.delisting import STEPS
from inspector_app.services.changes import ChangeKind
from inspector_app.ui import labels
from inspector_app.ui.lazy import LazyModule
from inspector_app.ui.office import texts
from inspector_app.ui.office.case_dialogs import StepDialog
from inspector_app.ui.office.case_view import STAGE_COLOURS, CaseView
from inspector_app.ui.office.page import OfficeHost, OfficePage, fit_columns, make_table
from inspector_app.ui.office.rows_model import Column, RowsModel, select_position, selected_row

if TYPE_CHECKING:
    from inspector_app.services.ops import cases as case_ops
    from inspector_app.services.queries import cases as case_queries
    from inspector_app.storage.engine import Workspace
else:
    case_ops = LazyModule("inspector_app.services.ops.cases")
    case_queries = LazyModule("inspector_app.services.queries.cases")

Params = int | None  # the case to read in full


class CasesPage(OfficePage):
    kinds = (ChangeKind.CASES, ChangeKind.ENTERPRISES, ChangeKind.SETTINGS, ChangeKind.SYNC)

    def __init__(self, host: OfficeHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("casesPage")
        self.wanted: int | None = None  # the case to select once the list is read
        self._case_seq = 0
        self.dialog: Any = None  # the last step dialog (tests fill it in)

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #555;")
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addSpacing(12)
        top.addWidget(self.hint, 1)
        self.model = RowsModel(parent=self)
        self.table = make_table(self.model)
        self.table.setObjectName("caseTable")
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.count = QLabel()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count)
        self.view = CaseView()
        self.view.stepRequested.connect(self.do_step)
        self.view.inspectionRequested.connect(self.host.open_inspection)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.view)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        split.setSizes([370, 760])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("摘牌案件"))
        self.hint.setText(self.tr("在审核队列或检查员桌面选中结论为建议摘牌的检查，用“立摘牌案卷…”立案。"))
        self.model.set_columns([
            Column("enterprise", self.tr("企业")), Column("cert_grade", self.tr("等级"), labels.value_label),
            Column("stage", self.tr("阶段"), texts.text,
                   colour=lambda r: QColor(STAGE_COLOURS.get(r.get("stage_code", ""), "#333"))),
            Column("defence_until", self.tr("申辩期限")), Column("decision_number", self.tr("决定文号")),
            Column("deciding", self.tr("决定机关"), texts.text), Column("held_by", self.tr("办理机关"), texts.text)])
        stage = texts.longest("立案", "已告知", "已陈述申辩", "已决定", "已公告", "已撤销证书", "不予摘牌")
        fit_columns(self.table, {"enterprise": "常州新世纪生物医药有限公司", "cert_grade": labels.value_label("三级"),
                                 "stage": stage, "defence_until": "2020-12-31", "decision_number": "常应急〔2020〕12号",
                                 "deciding": texts.longest("设区市", "省"), "held_by": "江苏省常州市武进区"})
        self._update_count()

    # -- reading ---------------------------------------------------------------------------------
    def params(self) -> Params:
        row = self.current_row()
        return self.wanted if self.wanted is not None else (int(row["id"]) if row else None)

    def read(self, workspace: Workspace, case_id: Params) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
        rows = case_queries.case_rows(workspace)
        if case_id is None or not any(r["id"] == case_id for r in rows):
            case_id = rows[0]["id"] if rows else None
        return rows, case_queries.case_detail(workspace, case_id) if case_id is not None else None

    def show_data(self, data: tuple[list[dict[str, Any]], dict[str, Any] | None]) -> None:
        rows, detail = data
        current = self.current_row()
        wanted = self.wanted if self.wanted is not None else (current["id"] if current is not None else None)
        if wanted is None and detail is not None:
            wanted = detail["id"]  # nothing chosen yet: the newest case
        self.wanted = None
        self.table.selectionModel().blockSignals(True)
        self.model.set_rows(rows)
        header = self.table.horizontalHeader()
        if header.sortIndicatorSection() >= 0:
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        found = wanted is not None and self.select(wanted)
        self.table.selectionModel().blockSignals(False)
        if not found:
            self._show_detail(None)
        elif detail is not None and detail["id"] == wanted:
            self._show_detail(detail)
        else:  # chosen while the list was read: read that one
            self._selection_changed()
        self._update_count()

    def _show_detail(self, detail: dict[str, Any] | None) -> None:
        info = self.host.info
        self.view.show_case(detail, info.level if info is not None else "")

    def _update_count(self) -> None:
        rows = self.model.rows()
        running = sum(1 for r in rows if r["stage_code"] not in ("closed", "dropped"))
        self.count.setText(self.tr("共 %1 件，办理中 %2 件").replace("%1", str(len(rows))).replace("%2", str(running)))

    def _selection_changed(self) -> None:
        """Another case chosen: read it in full in the pool."""
        if not self.isVisible():  # (a window closing) read when next shown
            self.stale = True
            return
        row = self.current_row()
        workspace = self.host.workspace
        if row is None or workspace is None:
            return
        case_id = int(row["id"])
        self._case_seq += 1
        seq = self._case_seq

        def done(detail: dict[str, Any]) -> None:
            if seq == self._case_seq:
                self._show_detail(detail)
                self.loads += 1

        self.host.runner.run(lambda _p, _c: case_queries.case_detail(workspace, case_id), done,
                             lambda error: self.host.show_error(error, self.tr("无法读取案卷")))

    # -- selection -------------------------------------------------------------------------------
    def current_row(self) -> dict[str, Any] | None:
        row: dict[str, Any] | None = selected_row(self.table)
        return row

    def select(self, case_id: int) -> bool:
        return select_position(self.table, self.model, self.model.find("id", case_id))

    def show_case(self, case_id: int) -> None:
        """Select a case (just opened elsewhere): now if listed, else once the list is read again."""
        self.wanted = case_id
        if not self.select(case_id) or self.stale:
            self.invalidate()
        else:
            self.wanted = None

    # -- the next step ---------------------------------------------------------------------------
    def do_step(self, step: str) -> StepDialog | None:
        case = self.view.case
        if case is None or self.host.workspace is None:
            return None
        steps = case["steps"]
        earliest = date.fromisoformat(steps[-1]["on"]) if steps else None
        dialog = StepDialog(step, texts.text(STEPS[step].label), case["enterprise"], earliest, self)
        case_id, version = int(case["id"]), int(case["version"])
        dialog.accepted.connect(lambda: self.advance(case_id, version, step, dialog.values()))
        self.dialog = dialog
        dialog.open()
        return dialog

    def advance(self, case_id: int, version: int, step: str, values: dict[str, Any]) -> None:
        workspace, actor = self.host.workspace, self.host.actor
        if workspace is None:
            return
        label = texts.text(STEPS[step].label)

        def failed(error: BaseException) -> None:
            self.host.show_error(error, self.tr("未能记录“%1”").replace("%1", label))
            self.wanted = case_id
            self.invalidate()  # the case as it is now (another window may have moved it on)

        self.host.runner.write(
            lambda _p, _c: case_ops.advance(workspace, case_id, step, actor, expected_version=version, **values),
            lambda _r: self.host.message(self.tr("已记录：%1").replace("%1", label)), failed, initiator=self)
