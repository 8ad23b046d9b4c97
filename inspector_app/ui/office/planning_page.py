"""分配计划: the enterprises of the campaign's scope in this office's area that have no inspection of the
chosen kind yet (``services.queries.planning``); several are chosen and assigned at once to two
enforcement officers (行政执法人员, with their 执法证号) and optionally a review expert (评审专家), with a
due date – one worker task with progress and cancel, each enterprise through ``services.ops.inspections
.assign``. Refusals (fewer than two officers, a template that does not fit) and warnings are shown;
afterwards the export dialog offers to send the assignments to the inspectors.

A review-quality check (评审质量自查) is of a review organisation: that kind lists the organisations
registered as 评审单位 instead, each assigned with ``review_org_id`` (the operation draws the sample). A
line above the table says which review applications are suspended in this area (暂停受理,
``services.queries.sanctions.suspended_applications``)."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain.template import REVIEW_ORG
from inspector_app.services.changes import ChangeKind
from inspector_app.ui import labels
from inspector_app.ui.lazy import LazyModule
from inspector_app.ui.office import texts
from inspector_app.ui.office.assign_work import AssignRun, Person, assign_work
from inspector_app.ui.office.page import OfficeHost, OfficePage, fit_columns, make_table
from inspector_app.ui.office.rows_model import ROW_ROLE, Column, RowsModel

if TYPE_CHECKING:
    from inspector_app.services.queries import planning as planning_queries
    from inspector_app.services.queries import sanctions as sanction_queries
    from inspector_app.services.queries import sheets as sheet_queries
    from inspector_app.services.queries.planning import Planning
    from inspector_app.storage.engine import Workspace
else:
    planning_queries = LazyModule("inspector_app.services.queries.planning")
    sanction_queries = LazyModule("inspector_app.services.queries.sanctions")
    sheet_queries = LazyModule("inspector_app.services.queries.sheets")

_RED = QColor("#c62828")
_AMBER = QColor("#8a5300")
GRADES = ("二级", "三级", "小微")
Suspended = tuple[str, str, str, str]  # grade, area, since, basis


def suspended_in(workspace: Workspace, area: str, day: date) -> list[Suspended]:
    """The suspensions of review applications in force on ``day`` for ``area``: recorded for it or an area
    above it (``suspended_applications``), or for an area below it."""
    if not area:
        return []
    found: dict[int, Suspended] = {}
    for grade in GRADES:
        for s in sanction_queries.suspended_applications(workspace, grade, area, day):
            found[s.id] = (s.grade, s.area, s.suspended_from.isoformat(), s.basis)
    for row in sanction_queries.suspension_rows(workspace, day):
        if row["in_force"] == "暂停中" and row["area"].startswith(area) and row["area"] != area:
            found[row["id"]] = (row["grade"], row["area"], row["suspended_from"], row["basis"])
    return sorted(found.values(), key=lambda s: (GRADES.index(s[0]) if s[0] in GRADES else 9, s[1], s[2]))


class PlanningPage(OfficePage):
    kinds = (ChangeKind.ASSIGNMENTS, ChangeKind.ENTERPRISES, ChangeKind.INSPECTORS, ChangeKind.TEMPLATES,
             ChangeKind.SETTINGS, ChangeKind.CAMPAIGNS, ChangeKind.SYNC, ChangeKind.SANCTIONS, ChangeKind.REGISTERS)

    def __init__(self, host: OfficeHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("planningPage")
        self.plan: Planning | None = None
        self.problem = ""
        self.last_run: AssignRun | None = None
        self.dialog: Any = None  # the last result box (tests answer it)
        self.send_button: QPushButton | None = None

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.kind_label = QLabel()
        self.kind = QComboBox()
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.kind.currentIndexChanged.connect(lambda _i: self.invalidate())
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.suspended = QLabel()
        self.suspended.setObjectName("suspendedApplications")
        self.suspended.setWordWrap(True)
        self.suspended.setStyleSheet("background: #fff4e0; color: #6d4100; border: 1px solid #f0b45a;"
                                     " border-radius: 3px; padding: 3px 6px;")
        self.suspended.hide()
        self.suspensions: list[Suspended] = []
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addSpacing(16)
        top.addWidget(self.kind_label)
        top.addWidget(self.kind)
        top.addStretch(1)

        self.model = RowsModel(parent=self)
        self.table = make_table(self.model, multi=True)
        self.table.setObjectName("planningTable")
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_selection())

        self.form_box = QGroupBox()
        self.template = QLabel()
        self.template.setWordWrap(True)
        self.officer1, self.officer2, self.expert = QComboBox(), QComboBox(), QComboBox()
        for combo in (self.officer1, self.officer2, self.expert):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # name and 执法证号 in full
        self.due = QDateEdit()
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        later = date.today() + timedelta(days=14)
        self.due.setDate(QDate(later.year, later.month, later.day))
        self.team_hint = QLabel()
        self.team_hint.setWordWrap(True)
        self.team_hint.setStyleSheet("color: #555;")
        self.chosen = QLabel()
        self.select_all = QPushButton()
        self.select_all.clicked.connect(self.table.selectAll)
        self.assign_button = QPushButton()
        self.assign_button.setDefault(True)
        self.assign_button.clicked.connect(self.do_assign)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for widget in (self.template, self.officer1, self.officer2, self.expert, self.due):
            self.form.addRow(QLabel(), widget)
        box_layout = QVBoxLayout(self.form_box)
        box_layout.addLayout(self.form)
        box_layout.addWidget(self.team_hint)
        box_layout.addStretch(1)
        box_layout.addWidget(self.chosen)
        choose = QHBoxLayout()
        choose.addWidget(self.select_all)
        choose.addWidget(self.assign_button, 1)
        box_layout.addLayout(choose)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(self.form_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        split.setSizes([780, 330])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.suspended)
        layout.addWidget(split, 1)
        self.retranslate()
        self._update_selection()

    def retranslate(self) -> None:
        self.title.setText(self.tr("分配计划"))
        self.kind_label.setText(self.tr("检查种类"))
        self.form_box.setTitle(self.tr("分配所选企业"))
        texts = (self.tr("检查表"), self.tr("行政执法人员 1"), self.tr("行政执法人员 2"), self.tr("评审专家（可选）"),
                 self.tr("完成期限"))
        for row, text in enumerate(texts):
            item = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if item is not None and isinstance(item.widget(), QLabel):
                item.widget().setText(text)  # type: ignore[union-attr]
        self.team_hint.setText(self.tr("每项检查须有至少两名持执法证的行政执法人员；评审专家只在评分表上签字，不计入。"))
        self.select_all.setText(self.tr("全选"))
        self._set_columns()
        self._fill_people_labels()
        self._fit_form()
        self._show_summary()
        self._update_selection()

    def of_orgs(self) -> bool:
        return self.plan is not None and self.plan.subject == REVIEW_ORG

    def _set_columns(self) -> None:
        note = Column("note", self.tr("提示"), colour=lambda r: _RED if r.get("problems") else _AMBER)
        if self.of_orgs():
            self.form_box.setTitle(self.tr("分配所选评审单位"))
            self.model.set_columns([
                Column("name", self.tr("评审单位")), Column("uscc", self.tr("统一社会信用代码")),
                Column("status", self.tr("状态"), texts.text), Column("certified", self.tr("评审企业"), right=True), note])
            fit_columns(self.table, {"name": "常州演示安全生产评审中心", "uscc": "91320400B9ERTTU639", "status": "暂停评审活动",
                                     "certified": "00000", "note": "没有登记的评审记录，无法抽取样本企业"}, "note")
            return
        self.form_box.setTitle(self.tr("分配所选企业"))
        self.model.set_columns([
            Column("name", self.tr("企业名称")), Column("district", self.tr("辖区")),
            Column("industry", self.tr("行业")), Column("cert_grade", self.tr("证书"), labels.value_label),
            Column("cert_expires", self.tr("证书有效期至")), note])
        fit_columns(self.table, {"name": "常州新世纪生物医药有限公司", "district": "常州经开区", "industry": "化工（含石化）",
                                 "cert_grade": "三级", "cert_expires": "2020-12-31", "note": "证书已过期"}, "note")

    # -- choices ---------------------------------------------------------------------------------
    def office_changed(self) -> None:
        info = self.host.info
        current = self.kind.currentData()
        self.kind.blockSignals(True)
        self.kind.clear()
        for kind in info.kinds if info is not None else ():
            self.kind.addItem(texts.text(kind.label), kind.kind)
        found = self.kind.findData(current)
        self.kind.setCurrentIndex(found if found >= 0 else 0)
        self.kind.blockSignals(False)

    def params(self) -> tuple[str, str]:
        info = self.host.info
        return str(self.kind.currentData() or ""), info.jurisdiction if info is not None else ""

    def read(self, workspace: Workspace, params: tuple[str, str]) -> tuple[Planning | None, str, list[Any], list[Any],
                                                                         list[Any]]:
        kind, area = params
        officers = sheet_queries.people(workspace, "officer")
        experts = sheet_queries.people(workspace, "expert")
        try:
            suspended = suspended_in(workspace, area, date.today())
        except Exception:  # no campaign: nothing to say about suspensions
            suspended = []
        if not kind:
            return None, "", officers, experts, suspended
        try:
            return planning_queries.planning(workspace, kind), "", officers, experts, suspended
        except Exception as error:  # no campaign, an unknown area: said on the page
            return None, str(error), officers, experts, suspended

    def show_data(self, data: tuple[Planning | None, str, list[Any], list[Any], list[Any]]) -> None:
        self.plan, self.problem, officers, experts, self.suspensions = data
        rows = [dict(r, note=r["problems"] or r["warnings"]) for r in (self.plan.rows if self.plan else ())]
        self._set_columns()
        self.model.set_rows(rows)
        header = self.table.horizontalHeader()
        if header.sortIndicatorSection() >= 0:
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        for combo, people in ((self.officer1, officers), (self.officer2, officers), (self.expert, experts)):
            current = combo.currentData()
            combo.clear()
            if combo is self.expert:
                combo.addItem(self.tr("（不选）"), None)
            for person in people:
                combo.addItem(f"{person.name}（{person.cert_number}）", (person.name, person.cert_number, person.role))
            found = combo.findData(current)
            combo.setCurrentIndex(found if found >= 0 else (1 if combo is self.officer2 and len(people) > 1 else 0))
            widest = max((combo.fontMetrics().horizontalAdvance(combo.itemText(i)) for i in range(combo.count())),
                         default=0)
            combo.setMinimumWidth(widest + 36)  # the name and the whole 执法证号, whatever the labels' language
        self.template.setText(self.plan.template_title if self.plan else "")
        self._fit_form()
        self._show_summary()
        self._show_suspended()
        self._update_selection()

    def _show_suspended(self) -> None:
        """暂停受理评审申请: which grades' applications are suspended in this area, since when, on what basis."""
        self.suspended.setVisible(bool(self.suspensions))
        if not self.suspensions:
            return
        parts = [self.tr("%1（%2，自 %3 起）").replace("%1", texts.text(grade)).replace("%2", escape(area))
                 .replace("%3", since) for grade, area, since, _basis in self.suspensions]
        self.suspended.setText("<b>" + escape(self.tr("暂停受理评审申请：")) + "</b>" + escape(self.tr("；")).join(parts))
        self.suspended.setToolTip("\n".join(f"{texts.text(grade)} {area}：{basis}"
                                            for grade, area, _since, basis in self.suspensions))

    def _fit_form(self) -> None:
        """The form never narrower than its widest label beside the people's names with their numbers."""
        labels_ = [self.form.itemAt(row, QFormLayout.ItemRole.LabelRole) for row in range(self.form.rowCount())]
        label = max((i.widget().sizeHint().width() for i in labels_ if i is not None and i.widget() is not None),
                    default=0)
        field = max(c.minimumWidth() for c in (self.officer1, self.officer2, self.expert))
        self.form_box.setMinimumWidth(label + field + 3 * max(self.form.horizontalSpacing(), 6) + 48)

    def _fill_people_labels(self) -> None:
        if self.expert.count():
            self.expert.setItemText(0, self.tr("（不选）"))

    def _show_summary(self) -> None:
        plan = self.plan
        if plan is None:
            self.summary.setText(self.problem or self.tr("暂无数据"))
            return
        area = plan.area or self.tr("全部辖区")
        if self.of_orgs():
            self.summary.setText(self.tr("%1：登记的评审单位 %2 家，已安排%3 %4 家，待分配 %5 家；每家抽取一家其评审的企业作为样本。")
                                 .replace("%1", area).replace("%2", str(plan.in_scope))
                                 .replace("%3", texts.text(plan.kind_label)).replace("%4", str(plan.planned))
                                 .replace("%5", str(len(plan.rows))))
            return
        text = (self.tr("%1：活动范围内的企业 %2 家，已安排%3 %4 家，待分配 %5 家。")
                .replace("%1", area).replace("%2", str(plan.in_scope)).replace("%3", texts.text(plan.kind_label))
                .replace("%4", str(plan.planned)).replace("%5", str(len(plan.rows))))
        if plan.unplaced:
            text += self.tr("其中 %1 家企业的所属辖区不在本机关的下级辖区中（计入“其他”）。").replace("%1", str(plan.unplaced))
        self.summary.setText(text)

    def selected_rows(self) -> list[dict[str, Any]]:
        rows = (self.model.index(i.row(), 0).data(ROW_ROLE) for i in self.table.selectionModel().selectedRows())
        return sorted((r for r in rows if r is not None), key=lambda r: (r.get("district", ""), r["name"]))

    def _update_selection(self) -> None:
        count = len(self.selected_rows())
        chosen = self.tr("已选 %1 家评审单位") if self.of_orgs() else self.tr("已选 %1 家企业")
        self.chosen.setText(chosen.replace("%1", str(count)))
        self.assign_button.setText(self.tr("分配检查（%1 家）").replace("%1", str(count)))
        self.assign_button.setEnabled(count > 0 and self.plan is not None)

    def people(self) -> list[Person]:
        chosen = [combo.currentData() for combo in (self.officer1, self.officer2, self.expert)]
        return [tuple(p) for p in chosen if p]  # type: ignore[misc]

    # -- assigning -------------------------------------------------------------------------------
    def do_assign(self) -> None:
        workspace, plan = self.host.workspace, self.plan
        rows = self.selected_rows()
        if workspace is None or plan is None or not rows:
            return
        enterprises = [(int(r["id"]), str(r["name"])) for r in rows]
        people, actor, template_id = self.people(), self.host.actor, plan.template_id
        due, of_orgs = self.due.date().toPython(), plan.subject == REVIEW_ORG
        self.host.runner.write(
            lambda progress, cancel: assign_work(workspace, enterprises, template_id, people, actor, due,
                                                 progress, cancel, review_orgs=of_orgs),
            self.show_run, lambda error: self.host.show_error(error, self.tr("未能分配检查")),
            title=self.tr("正在分配检查…"), parent=self, initiator=self)

    def show_run(self, run: AssignRun) -> QMessageBox | None:
        self.last_run = run
        if not run.assigned:
            if run.refused:  # nothing assigned: the reason as the error it is (e.g. fewer than two officers)
                self.host.show_error(run.refused[0][1], self.tr("未能分配检查"))
            return None
        text = self.tr("已分配 %1 项检查（共选 %2 家企业）。").replace("%1", str(len(run.assigned))).replace(
            "%2", str(run.total))
        if run.cancelled:
            text += self.tr("已取消，其余企业未分配。")
        details = [f"{name}：{warning}" for name, warning in run.warnings]
        for reason, names in run.refusals_by_reason():
            details.append(self.tr("未分配（%1 家）：%2 —— %3").replace("%1", str(len(names)))
                           .replace("%2", "、".join(names)).replace("%3", reason))
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("分配完成"), text, QMessageBox.StandardButton.Close, self)
        box.setInformativeText(self.tr("现在把分配的检查发送给检查人员吗？（导出数据包，用 U 盘或电子邮件传送）"))
        if details:
            box.setDetailedText("\n".join(details))
            if run.refused:
                box.setIcon(QMessageBox.Icon.Warning)
        self.send_button = box.addButton(self.tr("发送给检查人员…"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(self.send_button)
        send = self.send_button
        only = run.assigned[0][1] if len(run.assigned) == 1 else 0  # one new inspection: just it; else all pending
        box.finished.connect(lambda _r: box.clickedButton() is send and self.host.offer_export(only))
        self.dialog = box
        box.open()
        return box
