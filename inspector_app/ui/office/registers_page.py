"""登记册: the review organisations and consultancies (``services.queries.registers.org_rows``) and the
reviewers (``reviewer_rows``), with how many certificates stand behind each and how many conflict flags
they carry (``services.queries.org_stats``); the selected record read in full in a worker and edited in
a form saved through ``services.ops.registers.update_org | update_reviewer`` with the version it
shows – when someone changed the record meanwhile the edit is refused, the message shown and the record
read again; links between organisations declared and removed; the three register files imported with a
preview (``register_import``)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain.errors import StaleEditError
from inspector_app.services.changes import ChangeKind
from inspector_app.ui.lazy import LazyModule
from inspector_app.ui.office import texts
from inspector_app.ui.office.page import OfficeHost, OfficePage, fit_columns, make_table
from inspector_app.ui.office.register_forms import OrgForm, ReviewerForm, status_text
from inspector_app.ui.office.register_import import (
    CERTIFICATIONS,
    ORGS,
    REVIEWERS,
    RegisterImporter,
    what_label,
)
from inspector_app.ui.office.rows_model import Column, RowsModel, select_position, selected_row

if TYPE_CHECKING:
    from inspector_app.services.ops import registers as register_ops
    from inspector_app.services.queries import org_stats as stats_queries
    from inspector_app.services.queries import registers as register_queries
    from inspector_app.storage.engine import Workspace
else:
    register_ops = LazyModule("inspector_app.services.ops.registers")
    stats_queries = LazyModule("inspector_app.services.queries.org_stats")
    register_queries = LazyModule("inspector_app.services.queries.registers")

_RED = QColor("#c62828")
_LIST_KEYS = ("shareholders", "qualification_scope", "specialities")
Params = tuple[str, int | None]  # which register, the record to read in full


def split_list(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[、，,；;/\n]", text) if part.strip()]


def _red_if(key: str) -> Any:
    return lambda row: _RED if row.get(key) else None


def _status_colour(row: dict[str, Any]) -> QColor | None:
    return _RED if row.get("status") not in (None, "", "正常") else None


class RegistersPage(OfficePage):
    kinds = (ChangeKind.REGISTERS, ChangeKind.SANCTIONS, ChangeKind.ENTERPRISES, ChangeKind.SYNC)

    def __init__(self, host: OfficeHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("registersPage")
        self.orgs: list[dict[str, Any]] = []
        self.reviewers: list[dict[str, Any]] = []
        self.wanted: int | None = None
        self._record_seq = 0
        self.importer = RegisterImporter(host, self)

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.register = QComboBox()
        self.register.addItem("", ORGS)
        self.register.addItem("", REVIEWERS)
        self.register.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.register.currentIndexChanged.connect(lambda _i: self._register_changed())
        self.kind = QComboBox()
        for code in ("", "review", "consulting"):
            self.kind.addItem("", code)
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.kind.currentIndexChanged.connect(lambda _i: self.show_rows())
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(240)
        self.search.textChanged.connect(lambda _t: self.show_rows())
        self.import_button = QPushButton()
        self.import_menu = QMenu(self)
        self.import_actions = {what: self.import_menu.addAction("") for what in (ORGS, REVIEWERS, CERTIFICATIONS)}
        for what, action in self.import_actions.items():
            action.triggered.connect(lambda _c=False, w=what: self.importer.choose(w))
        self.import_button.setMenu(self.import_menu)
        top = QHBoxLayout()
        for widget in (self.title, self.register, self.kind, self.search):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.import_button)

        self.model = RowsModel(parent=self)
        self.table = make_table(self.model)
        self.table.setObjectName("registerTable")
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.count = QLabel()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count)
        self.org_form, self.reviewer_form = OrgForm(), ReviewerForm()
        self.forms = QStackedWidget()
        self.forms.addWidget(self.org_form)
        self.forms.addWidget(self.reviewer_form)
        self.forms.setMinimumWidth(360)
        for form in (self.org_form, self.reviewer_form):
            form.saveRequested.connect(self.do_save)
            form.revertRequested.connect(self._revert)
        self.org_form.linkAdded.connect(self.do_add_link)
        self.org_form.linkRemoved.connect(self.do_remove_link)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.forms)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        split.setSizes([820, 360])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self.retranslate()

    def per_reviewer(self) -> bool:
        return self.register.currentData() == REVIEWERS

    def form(self) -> OrgForm | ReviewerForm:
        return self.reviewer_form if self.per_reviewer() else self.org_form

    def retranslate(self) -> None:
        self.title.setText(self.tr("登记册"))
        self.register.setItemText(0, self.tr("评审单位与咨询服务单位"))
        self.register.setItemText(1, self.tr("评审人员"))
        for position, word in enumerate((self.tr("全部类别"), self.tr("评审单位"), self.tr("咨询服务单位"))):
            self.kind.setItemText(position, word)
        self.search.setPlaceholderText(self.tr("按名称、证书号或信用代码查找"))
        self.import_button.setText(self.tr("导入…"))
        self.import_button.setToolTip(self.tr("从 Excel 或 CSV 导入登记册（先预览，全部无误才写入）"))
        for what, action in self.import_actions.items():
            action.setText(what_label(what) + "…")
        self.show_rows()

    def _columns(self) -> list[Column]:
        status = Column("status_text", self.tr("状态"), colour=_status_colour)
        conflicts = Column("conflicts", self.tr("冲突提示"), right=True, colour=_red_if("conflicts"))
        if self.per_reviewer():
            return [Column("name", self.tr("姓名")), Column("cert_number", self.tr("证书号")), Column("org", self.tr("所属单位")),
                    status, Column("reviews", self.tr("参与评审"), right=True), conflicts,
                    Column("specialities", self.tr("专业"), lambda v: "、".join(v or ()))]
        return [Column("name", self.tr("名称")), Column("kind_label", self.tr("类别"), texts.text), status,
                Column("certified", self.tr("证书数"), right=True), conflicts,
                Column("legal_rep", self.tr("法定代表人")), Column("uscc", self.tr("统一社会信用代码"))]

    # -- reading ---------------------------------------------------------------------------------
    def params(self) -> Params:
        row = self.current_row()
        wanted = self.wanted if self.wanted is not None else (int(row["id"]) if row is not None else None)
        return str(self.register.currentData()), wanted

    def read(self, workspace: Workspace, params: Params) -> dict[str, Any]:
        register, wanted = params
        org_flags = {r["org_id"]: r["conflict_flags"] for r in stats_queries.org_stats(workspace)}
        reviewer_flags = {r["reviewer_id"]: r["conflict_flags"] for r in stats_queries.reviewer_stats(workspace)}
        orgs = [dict(r, certified=r["reviewed"] if r["kind"] == "review" else r["consulted"],
                     conflicts=org_flags.get(r["id"], 0), status_text=status_text(r, short=True))
                for r in register_queries.org_rows(workspace)]
        reviewers = [dict(r, conflicts=reviewer_flags.get(r["id"], 0), status_text=status_text(r, short=True))
                     for r in register_queries.reviewer_rows(workspace)]
        return {"orgs": orgs, "reviewers": reviewers, "register": register,
                "detail": self._detail(workspace, register, wanted) if wanted is not None else None}

    @staticmethod
    def _detail(workspace: Workspace, register: str, record_id: int) -> dict[str, Any] | None:
        try:
            if register == REVIEWERS:
                return register_queries.reviewer_detail(workspace, record_id)
            return register_queries.org_detail(workspace, record_id)
        except Exception:  # removed meanwhile: nothing to show
            return None

    def show_data(self, data: dict[str, Any]) -> None:
        self.orgs, self.reviewers = data["orgs"], data["reviewers"]
        current = self.current_row()
        detail = data["detail"] if data["register"] == self.register.currentData() else None
        wanted = self.wanted if self.wanted is not None else (current["id"] if current is not None else None)
        self.wanted = None
        names = [(r["id"], r["name"]) for r in self.orgs]
        self.reviewer_form.set_orgs(names)
        self.table.selectionModel().blockSignals(True)
        self.show_rows()
        found = wanted is not None and self.select(wanted)
        self.table.selectionModel().blockSignals(False)
        if not found:
            self._show_detail(None)
        elif detail is not None and detail["id"] == wanted:
            self.org_form.set_others([n for n in names if n[0] != wanted])
            self._show_detail(detail, keep_edits=True)
        else:  # chosen while the list was read: read that one
            self.read_record(int(wanted))

    def _show_detail(self, detail: dict[str, Any] | None, keep_edits: bool = False) -> None:
        form = self.form()
        same = form.record is not None and detail is not None and form.record["id"] == detail["id"]
        if keep_edits and same and form.dirty:
            return  # what the user typed stays; saving it with the old version is refused and rereads
        form.show_record(detail)

    def _register_changed(self) -> None:
        self.forms.setCurrentWidget(self.form())
        self.kind.setVisible(not self.per_reviewer())
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.show_rows()
        self.form().show_record(None)
        self.invalidate()

    def filtered(self) -> list[dict[str, Any]]:
        rows = self.reviewers if self.per_reviewer() else self.orgs
        kind = "" if self.per_reviewer() else self.kind.currentData()
        needle = self.search.text().strip().lower()
        keys = ("name", "cert_number", "org") if self.per_reviewer() else ("name", "uscc", "legal_rep")
        return [r for r in rows if (not kind or r["kind"] == kind)
                and (not needle or any(needle in str(r.get(k) or "").lower() for k in keys))]

    def show_rows(self) -> None:
        selected = self.current_row()
        self.model.set_columns(self._columns())
        self.model.set_rows(self.filtered())
        header = self.table.horizontalHeader()
        if header.sortIndicatorSection() >= 0:
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        if selected is not None:
            self.select(selected["id"])
        kind = max((texts.text(k) for k in ("评审单位", "咨询服务单位")), key=len)
        status = max((status_text({"status": "暂停评审活动", "status_until": "2020-03-22"}, short=True),
                      status_text({"status": "取消评审资格", "status_since": "2019-06-28"}, short=True)), key=len)
        name = "欧阳示范" if self.per_reviewer() else "江苏演示安全技术服务有限公司"
        fit_columns(self.table, {"name": name, "kind_label": kind,
                                 "uscc": "91320400B9ERTTU639", "legal_rep": "欧阳示范", "qualification": "二级评审单位",
                                 "status_text": status, "certified": "0000", "conflicts": "000",
                                 "cert_number": "苏评审2016-0127", "org": "常州演示安全生产评审中心",
                                 "specialities": "机械、轻工、化工（含石化）", "reviews": "0000"},
                    "specialities" if self.per_reviewer() else "uscc")
        total = len(self.reviewers if self.per_reviewer() else self.orgs)
        self.count.setText(self.tr("共 %1 条，显示 %2 条").replace("%1", str(total))
                           .replace("%2", str(self.model.rowCount())))

    def current_row(self) -> dict[str, Any] | None:
        row: dict[str, Any] | None = selected_row(self.table)
        return row

    def select(self, record_id: int) -> bool:
        return select_position(self.table, self.model, self.model.find("id", record_id))

    def _selection_changed(self) -> None:
        if not self.isVisible():  # (a window closing) read when next shown
            self.stale = True
            return
        row = self.current_row()
        if row is None:
            self.form().show_record(None)
            return
        self.read_record(int(row["id"]))

    def read_record(self, record_id: int) -> None:
        """The record in full (with its version now) into the form, read in the pool."""
        workspace, register = self.host.workspace, str(self.register.currentData())
        if workspace is None:
            return
        self._record_seq += 1
        seq = self._record_seq

        def done(detail: dict[str, Any] | None) -> None:
            if seq == self._record_seq and register == self.register.currentData():
                if register == ORGS:
                    self.org_form.set_others([(r["id"], r["name"]) for r in self.orgs if r["id"] != record_id])
                self._show_detail(detail)
                self.loads += 1

        self.host.runner.run(lambda _p, _c: self._detail(workspace, register, record_id), done)

    # -- writing ---------------------------------------------------------------------------------
    def _revert(self) -> None:
        record = self.form().record
        if record is not None:
            self.read_record(int(record["id"]))

    def do_save(self) -> None:
        form, workspace, actor = self.form(), self.host.workspace, self.host.actor
        record = form.record
        if record is None or workspace is None:
            return
        values = {k: split_list(v) if k in _LIST_KEYS else v for k, v in form.values().items()}
        record_id, version = int(record["id"]), int(record["version"])
        update = register_ops.update_reviewer if self.per_reviewer() else register_ops.update_org

        def saved(_result: Any) -> None:
            form.dirty = False
            self.host.message(self.tr("已保存：%1").replace("%1", str(values.get("name") or record["name"])))
            self.read_record(record_id)

        def failed(error: BaseException) -> None:
            self.host.show_error(error, self.tr("未能保存") if not isinstance(error, StaleEditError)
                                 else self.tr("记录已被他人修改"))
            if isinstance(error, StaleEditError):
                form.dirty = False
                self.read_record(record_id)  # the record as it is now

        self.host.runner.write(lambda _p, _c: update(workspace, record_id, version, actor, **values), saved, failed,
                               initiator=self)

    def do_add_link(self, other_id: int, relation: str, note: str) -> None:
        workspace, actor, record = self.host.workspace, self.host.actor, self.org_form.record
        if workspace is None or record is None:
            return
        org_id = int(record["id"])
        self.host.runner.write(lambda _p, _c: register_ops.add_link(workspace, org_id, other_id, relation, actor, note),
                               lambda _r: self.read_record(org_id),
                               lambda error: self.host.show_error(error, self.tr("未能添加关联")), initiator=self)

    def do_remove_link(self, link_id: int) -> None:
        workspace, actor, record = self.host.workspace, self.host.actor, self.org_form.record
        if workspace is None or record is None:
            return
        org_id = int(record["id"])
        self.host.runner.write(lambda _p, _c: register_ops.remove_link(workspace, link_id, actor),
                               lambda _r: self.read_record(org_id),
                               lambda error: self.host.show_error(error, self.tr("未能删除关联")), initiator=self)
