"""处理决定: the sanctions on review organisations and reviewers (通报批评, 暂停评审活动, 取消评审资格, the
黑名单; ``services.queries.sanctions.sanction_rows``) with whether each is in force today, a new one
recorded and one lifted; below, the register of suspended review applications (暂停受理) with a
suspension recorded, its resumption, and the suspensions the 2020 notices state. Every change through
``services.ops.sanctions``; the statuses the sanctions set are recomputed for today when the page is
first read (a suspension's period ends without anyone acting)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from inspector_app.services.changes import ChangeKind
from inspector_app.ui.lazy import LazyModule
from inspector_app.ui.office import texts
from inspector_app.ui.office.page import OfficeHost, OfficePage, fit_columns, make_table
from inspector_app.ui.office.rows_model import ROW_ROLE, Column, RowsModel
from inspector_app.ui.office.sanction_dialogs import (
    LiftDialog,
    ResumeDialog,
    SanctionDialog,
    SuspensionDialog,
)

if TYPE_CHECKING:
    from inspector_app.services.ops import sanctions as sanction_ops
    from inspector_app.services.queries import cases as case_queries
    from inspector_app.services.queries import registers as register_queries
    from inspector_app.services.queries import sanctions as sanction_queries
    from inspector_app.storage.engine import Workspace
else:
    sanction_ops = LazyModule("inspector_app.services.ops.sanctions")
    case_queries = LazyModule("inspector_app.services.queries.cases")
    register_queries = LazyModule("inspector_app.services.queries.registers")
    sanction_queries = LazyModule("inspector_app.services.queries.sanctions")

_STATE_COLOURS = {"执行中": QColor("#c62828"), "暂停中": QColor("#c62828"), "未开始": QColor("#8a5300"),
                  "已解除": QColor("#2e7d32"), "已恢复": QColor("#2e7d32"), "已到期": QColor("#666666")}


def _state_colour(key: str) -> Any:
    return lambda row: _STATE_COLOURS.get(str(row.get(key) or ""))


def _group(title_holder: list[QGroupBox], table: QWidget, buttons: list[QPushButton], hint: QLabel) -> QGroupBox:
    box = QGroupBox()
    title_holder.append(box)
    layout = QVBoxLayout(box)
    layout.addWidget(table, 1)
    row = QHBoxLayout()
    row.addWidget(hint, 1)
    for button in buttons:
        row.addWidget(button)
    layout.addLayout(row)
    return box


class SanctionsPage(OfficePage):
    kinds = (ChangeKind.SANCTIONS, ChangeKind.REGISTERS, ChangeKind.CASES, ChangeKind.SETTINGS, ChangeKind.CAMPAIGNS,
             ChangeKind.SYNC)

    def __init__(self, host: OfficeHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("sanctionsPage")
        self.choices: dict[str, Any] = {"orgs": [], "reviewers": [], "cases": []}
        self.refreshed_for: object = None  # the workspace whose statuses were recomputed for today
        self.dialog: Any = None  # the last dialog opened (tests fill it in)

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.basis = QLabel()
        self.basis.setStyleSheet("color: #555;")
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addSpacing(12)
        top.addWidget(self.basis, 1)

        self.model = RowsModel(parent=self)
        self.table = make_table(self.model)
        self.table.setObjectName("sanctionTable")
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.add_button, self.lift_button = QPushButton(), QPushButton()
        self.add_button.clicked.connect(self.do_add)
        self.lift_button.clicked.connect(self.do_lift)
        self.count = QLabel()
        self.suspension_model = RowsModel(parent=self)
        self.suspensions = make_table(self.suspension_model)
        self.suspensions.setObjectName("suspensionTable")
        self.suspensions.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.suspend_button, self.resume_button, self.notice_button = QPushButton(), QPushButton(), QPushButton()
        self.suspend_button.clicked.connect(self.do_suspend)
        self.resume_button.clicked.connect(self.do_resume)
        self.notice_button.clicked.connect(self.do_notice_facts)
        self.suspension_count = QLabel()
        self.boxes: list[QGroupBox] = []
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(_group(self.boxes, self.table, [self.add_button, self.lift_button], self.count))
        split.addWidget(_group(self.boxes, self.suspensions, [self.suspend_button, self.resume_button,
                                                              self.notice_button], self.suspension_count))
        split.setChildrenCollapsible(False)
        split.setSizes([330, 290])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self.retranslate()
        self._update_buttons()

    def retranslate(self) -> None:
        self.title.setText(self.tr("处理决定与暂停受理"))
        self.basis.setText(self.tr("苏应急电〔2020〕3号 第一条、第四条；常应急函〔2020〕8号 第四条"))
        self.boxes[0].setTitle(self.tr("处理决定：通报批评、暂停评审活动、取消评审资格（评审单位），黑名单（评审人员）"))
        self.boxes[1].setTitle(self.tr("暂停受理评审申请"))
        self.add_button.setText(self.tr("新增处理决定…"))
        self.lift_button.setText(self.tr("解除…"))
        self.suspend_button.setText(self.tr("登记暂停…"))
        self.resume_button.setText(self.tr("登记恢复受理…"))
        self.notice_button.setText(self.tr("登记通知中的暂停"))
        self.notice_button.setToolTip(self.tr("登记苏应急电〔2020〕3号和常应急函〔2020〕8号中的暂停受理（已登记的不重复）"))
        self.model.set_columns([
            Column("kind", self.tr("处理"), texts.text), Column("target", self.tr("对象")),
            Column("status_now", self.tr("现状"), texts.text, colour=_state_colour("status_now")),
            Column("decided_on", self.tr("决定日期")), Column("number", self.tr("文号")),
            Column("period_from", self.tr("期限自")), Column("period_until", self.tr("期限至")),
            Column("lifted_on", self.tr("解除日期")), Column("deciding_body", self.tr("决定机关")),
            Column("linked", self.tr("关联")), Column("grounds", self.tr("理由"))])
        kind = texts.longest("通报批评", "暂停评审活动", "取消评审资格", "黑名单")
        fit_columns(self.table, {"kind": kind, "target": "常州演示安全生产评审中心",
                                 "status_now": texts.longest("执行中", "未开始", "已到期", "已解除"),
                                 "decided_on": "2020-12-31", "number": "（示例）苏应急评〔2019〕12号", "period_from": "2020-12-31",
                                 "period_until": "2020-12-31", "lifted_on": "2020-12-31",
                                 "deciding_body": "江苏省应急管理厅", "grounds": "评审质量自查发现评审组成员参加",
                                 "linked": "案卷 1234abcd"},
                    "grounds")
        self.suspension_model.set_columns([
            Column("grade", self.tr("等级"), texts.text), Column("area", self.tr("辖区")),
            Column("suspended_from", self.tr("暂停自")), Column("resumed_on", self.tr("恢复日期")),
            Column("in_force", self.tr("现状"), texts.text, colour=_state_colour("in_force")),
            Column("decided_by", self.tr("决定机关")), Column("basis", self.tr("依据"))])
        fit_columns(self.suspensions, {"grade": texts.longest("二级", "三级", "小微"), "area": "江苏省常州市武进区", "suspended_from": "2020-12-31",
                                       "resumed_on": "2020-12-31", "in_force": texts.longest("暂停中", "已恢复", "未开始"), "decided_by": "常州市应急管理局",
                                       "basis": "常应急函〔2020〕8号"}, "basis")
        self._update_counts()

    # -- reading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        workspace = self.host.workspace
        if workspace is not None and self.refreshed_for is not workspace:
            self.refreshed_for = workspace  # once per workspace: the statuses as of today, then the read
            self.host.runner.write(lambda _p, _c: sanction_ops.refresh_statuses(workspace, self.host.actor),
                                   None, lambda error: self.host.show_error(error, self.tr("未能更新状态")),
                                   initiator=self)
        super().reload()

    def read(self, workspace: Workspace, params: Any) -> dict[str, Any]:
        orgs = [(r["name"], r["status"]) for r in register_queries.org_rows(workspace, kind="review")]
        reviewers = [(r["name"], r["cert_number"], r["status"]) for r in register_queries.reviewer_rows(workspace)]
        cases = [(r["id"], f"{r['enterprise']} – {r['stage']}") for r in case_queries.case_rows(workspace)]
        return {"sanctions": sanction_queries.sanction_rows(workspace),
                "suspensions": sanction_queries.suspension_rows(workspace),
                "orgs": orgs, "reviewers": reviewers, "cases": cases}

    def show_data(self, data: dict[str, Any]) -> None:
        self.choices = data
        for table, model, key in ((self.table, self.model, "sanctions"),
                                  (self.suspensions, self.suspension_model, "suspensions")):
            selected = self._current(table)
            model.set_rows(data[key])
            header = table.horizontalHeader()
            if header.sortIndicatorSection() >= 0:
                model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
            if selected is not None:
                self._select(table, model, selected["id"])
        self._update_counts()
        self._update_buttons()

    def _update_counts(self) -> None:
        rows = self.model.rows()
        in_force = sum(1 for r in rows if r["status_now"] == "执行中")
        self.count.setText(self.tr("共 %1 项，执行中 %2 项").replace("%1", str(len(rows))).replace("%2", str(in_force)))
        rows = self.suspension_model.rows()
        now = sum(1 for r in rows if r["in_force"] == "暂停中")
        self.suspension_count.setText(self.tr("共 %1 项，暂停中 %2 项").replace("%1", str(len(rows)))
                                      .replace("%2", str(now)))

    # -- selection -------------------------------------------------------------------------------
    @staticmethod
    def _current(table: Any) -> dict[str, Any] | None:
        index = table.currentIndex()
        if not index.isValid() or not table.selectionModel().isSelected(index):
            return None
        row: dict[str, Any] = index.data(ROW_ROLE)
        return row

    @staticmethod
    def _select(table: Any, model: RowsModel, row_id: int) -> bool:
        position = model.find("id", row_id)
        if position >= 0:
            table.selectRow(position)
            table.setCurrentIndex(model.index(position, 0))
        return position >= 0

    def select_sanction(self, sanction_id: int) -> bool:
        return self._select(self.table, self.model, sanction_id)

    def select_suspension(self, suspension_id: int) -> bool:
        return self._select(self.suspensions, self.suspension_model, suspension_id)

    def _update_buttons(self) -> None:
        ready = self.host.workspace is not None
        sanction = self._current(self.table)
        self.add_button.setEnabled(ready)
        self.lift_button.setEnabled(ready and sanction is not None and not sanction["lifted_on"])
        suspension = self._current(self.suspensions)
        self.suspend_button.setEnabled(ready)
        self.notice_button.setEnabled(ready)
        self.resume_button.setEnabled(ready and suspension is not None and not suspension["resumed_on"])

    # -- actions ---------------------------------------------------------------------------------
    def _body(self) -> str:
        info = self.host.info
        return info.office_name if info is not None else ""

    def _write(self, work: Any, done_text: str, failed_text: str) -> None:
        workspace, actor = self.host.workspace, self.host.actor
        if workspace is None:
            return
        self.host.runner.write(lambda _p, _c: work(workspace, actor), lambda _r: self.host.message(done_text),
                               lambda error: self.host.show_error(error, failed_text), initiator=self)

    def do_add(self) -> SanctionDialog:
        dialog = SanctionDialog(self.choices["orgs"], self.choices["reviewers"], self.choices["cases"], self._body(), self)
        dialog.accepted.connect(lambda: self._add(dialog.kind.currentData(), dialog.values()))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _add(self, kind: str, values: dict[str, Any]) -> None:
        self._write(lambda ws, actor: sanction_ops.add_sanction(ws, kind, actor, **values),
                    self.tr("已登记处理决定"), self.tr("未能登记处理决定"))

    def do_lift(self) -> LiftDialog | None:
        row = self._current(self.table)
        if row is None:
            return None
        dialog = LiftDialog(f"{texts.text(row['kind'])}：{row['target']}", self)
        sanction_id = int(row["id"])
        dialog.accepted.connect(lambda: self._lift(sanction_id, dialog.on.date().toPython(), dialog.note.text().strip()))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _lift(self, sanction_id: int, on: date, note: str) -> None:
        self._write(lambda ws, actor: sanction_ops.lift_sanction(ws, sanction_id, actor, on=on, note=note),
                    self.tr("已解除处理决定"), self.tr("未能解除处理决定"))

    def _areas(self) -> list[str]:
        info = self.host.info
        if info is None or not info.jurisdiction:
            return []
        return [info.jurisdiction, *(d for d in info.districts if d != info.area_name)]

    def do_suspend(self) -> SuspensionDialog:
        dialog = SuspensionDialog(self._areas(), self._body(), self)
        dialog.accepted.connect(lambda: self._suspend(*dialog.values()))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _suspend(self, grade: str, area: str, since: date, body: str, basis: str) -> None:
        self._write(lambda ws, actor: sanction_ops.add_suspension(ws, grade, area, since, actor, decided_by=body,
                                                                  basis=basis),
                    self.tr("已登记暂停受理"), self.tr("未能登记暂停受理"))

    def do_resume(self) -> ResumeDialog | None:
        row = self._current(self.suspensions)
        if row is None:
            return None
        what = self.tr("%1 %2 自 %3 起暂停受理").replace("%1", row["area"]).replace("%2", texts.text(row["grade"])) \
            .replace("%3", row["suspended_from"])
        dialog = ResumeDialog(what, row["decided_by"] or self._body(), self)
        grade, area, since = row["grade"], row["area"], date.fromisoformat(row["suspended_from"])
        dialog.accepted.connect(lambda: self._write(
            lambda ws, actor: sanction_ops.add_suspension(ws, grade, area, since, actor, decided_by=dialog.body.text(),
                                                          resumed=dialog.on.date().toPython()),
            self.tr("已登记恢复受理"), self.tr("未能登记恢复受理")))
        self.dialog = dialog
        dialog.open()
        return dialog

    def do_notice_facts(self) -> None:
        workspace, actor = self.host.workspace, self.host.actor
        if workspace is None:
            return
        self.host.runner.write(
            lambda _p, _c: sanction_ops.record_notice_suspensions(workspace, actor),
            lambda result: self.host.message(self.tr("已登记通知中的暂停 %1 项").replace("%1", str(result.value))),
            lambda error: self.host.show_error(error, self.tr("未能登记通知中的暂停")), initiator=self)
