"""The forms of the 登记册 page: an organisation (its fields, its status as the sanctions set it, the links
it declared with other organisations and the relations found in the register) and a reviewer. A form
only shows a record read in a worker and collects what was typed; the page saves it through
``services.ops.registers`` with the ``version`` the form shows (optimistic locking)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inspector_app.ui.office import texts

LINK_ROLE = 0x0101
KINDS = ("review", "consulting")
RELATIONS = ("declared", "shareholder", "same_legal_rep")


def status_text(record: dict[str, Any], short: bool = False) -> str:
    """正常, or the status with its period: 暂停评审活动（2019-09-22 – 2020-03-22）; ``short``: 暂停评审活动（至
    2020-03-22）, 取消评审资格（自 2019-06-28）."""
    status = texts.text(record.get("status") or "正常")
    since, until = record.get("status_since"), record.get("status_until")
    if short and until:
        return status + QCoreApplication.translate("OfficeTexts", "（至 %1）").replace("%1", until)
    if short and since:
        return status + QCoreApplication.translate("OfficeTexts", "（自 %1）").replace("%1", since)
    if since and until:
        return f"{status}（{since} – {until}）"
    if since:
        return f"{status}（{since} –）"
    return status


class RecordForm(QGroupBox):
    """What the two forms share: the fields by key, dirty tracking, save and revert."""

    saveRequested = Signal()
    revertRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record: dict[str, Any] | None = None
        self.dirty = False
        self.fields: dict[str, QLineEdit | QComboBox] = {}
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.version = QLabel()
        self.version.setStyleSheet("color: #777;")
        self.save_button, self.revert_button = QPushButton(), QPushButton()
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.saveRequested)
        self.revert_button.clicked.connect(self.revertRequested)
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.version, 1)
        self.buttons.addWidget(self.revert_button)
        self.buttons.addWidget(self.save_button)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Every text (the subclasses)."""

    def add_line(self, key: str) -> QLineEdit:
        edit = QLineEdit()
        edit.textEdited.connect(lambda _t: self._touched())
        self.fields[key] = edit
        self.form.addRow(QLabel(), edit)
        return edit

    def add_combo(self, key: str) -> QComboBox:
        combo = QComboBox()
        combo.activated.connect(lambda _i: self._touched())
        self.fields[key] = combo
        self.form.addRow(QLabel(), combo)
        return combo

    def set_labels(self, words: list[str]) -> None:
        for row, word in enumerate(words):
            item = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if item is not None and isinstance(item.widget(), QLabel):
                item.widget().setText(word)  # type: ignore[union-attr]

    def _touched(self) -> None:
        self.dirty = self.record is not None
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.save_button.setEnabled(self.record is not None and self.dirty)
        self.revert_button.setEnabled(self.record is not None and self.dirty)
        for widget in self.fields.values():
            widget.setEnabled(self.record is not None)

    def retranslate_buttons(self) -> None:
        self.save_button.setText(self.tr("保存"))
        self.revert_button.setText(self.tr("还原"))
        self.save_button.setToolTip(self.tr("保存修改（如他人已修改此条记录，将不保存并重新读取）"))

    def show_record(self, record: dict[str, Any] | None) -> None:
        self.record, self.dirty = record, False
        for key, widget in self.fields.items():
            value = record.get(key) if record is not None else ""
            if isinstance(value, list):
                value = "、".join(value)
            if isinstance(widget, QComboBox):
                found = widget.findData(value)
                widget.setCurrentIndex(found if found >= 0 else 0)
            else:
                widget.setText("" if value is None else str(value))
                widget.setCursorPosition(0)
        self.status.setText(status_text(record) if record is not None else "")
        self.version.setText(self.tr("第 %1 版").replace("%1", str(record["version"])) if record is not None else "")
        self._update_buttons()

    def values(self) -> dict[str, Any]:
        """What the form holds, as the operation takes it (lists as text joined by “、”)."""
        return {key: (widget.currentData() if isinstance(widget, QComboBox) else widget.text().strip())
                for key, widget in self.fields.items()}


class OrgForm(RecordForm):
    linkAdded = Signal(int, str, str)  # other organisation's id, relation, note
    linkRemoved = Signal(int)  # link id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("orgForm")
        self.add_line("name")
        kind = self.add_combo("kind")
        for code in KINDS:
            kind.addItem("", code)
        for key in ("uscc", "legal_rep", "shareholders", "qualification", "qualification_scope", "note"):
            self.add_line(key)
        self.form.addRow(QLabel(), self.status)
        self.links = QListWidget()
        self.links.setObjectName("orgLinks")
        self.links.setWordWrap(True)
        self.links.setMaximumHeight(130)
        self.links.currentRowChanged.connect(lambda _r: self._update_link_buttons())
        self.other = QComboBox()
        self.other.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.other.setMinimumContentsLength(12)
        self.relation = QComboBox()
        for code in RELATIONS:
            self.relation.addItem("", code)
        self.link_note = QLineEdit()
        self.add_link_button, self.remove_link_button = QPushButton(), QPushButton()
        self.add_link_button.clicked.connect(self._add_link)
        self.remove_link_button.clicked.connect(self._remove_link)
        self.links_title = QLabel()
        self.links_title.setStyleSheet("font-weight: bold;")
        new_link = QHBoxLayout()
        new_link.addWidget(self.other, 2)
        new_link.addWidget(self.relation, 1)
        link_note = QHBoxLayout()
        link_note.addWidget(self.link_note, 1)
        link_note.addWidget(self.add_link_button)
        link_note.addWidget(self.remove_link_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addLayout(self.buttons)
        layout.addWidget(self.links_title)
        layout.addWidget(self.links)
        layout.addLayout(new_link)
        layout.addLayout(link_note)
        layout.addStretch(1)
        self.retranslate()
        self.show_record(None)

    def retranslate(self) -> None:
        self.setTitle(self.tr("单位信息"))
        self.set_labels([self.tr("名称"), self.tr("类别"), self.tr("统一社会信用代码"), self.tr("法定代表人"), self.tr("股东"),
                         self.tr("资质"), self.tr("资质范围（行业）"), self.tr("备注"), self.tr("状态")])
        kind = self.fields["kind"]
        assert isinstance(kind, QComboBox)
        kind.setItemText(0, self.tr("评审单位"))
        kind.setItemText(1, self.tr("咨询服务单位"))
        self.fields["shareholders"].setToolTip(self.tr("多个用“、”分隔"))
        self.fields["qualification_scope"].setToolTip(self.tr("多个行业用“、”分隔"))
        self.status.setToolTip(self.tr("状态由处理决定（通报批评、暂停评审活动、取消评审资格）确定，不能在此修改"))
        self.links_title.setText(self.tr("关联单位（声明的与登记册中发现的）"))
        for position, word in enumerate((self.tr("声明的关联关系"), self.tr("股东关系"), self.tr("同一法定代表人"))):
            self.relation.setItemText(position, word)
        self.link_note.setPlaceholderText(self.tr("说明，如 同属示范集团"))
        self.add_link_button.setText(self.tr("添加关联"))
        self.remove_link_button.setText(self.tr("删除关联"))
        self.retranslate_buttons()
        self.show_links(self.record)

    def set_others(self, orgs: list[tuple[int, str]]) -> None:
        current = self.other.currentData()
        self.other.clear()
        for org_id, name in orgs:
            self.other.addItem(name, org_id)
        found = self.other.findData(current)
        self.other.setCurrentIndex(max(found, 0))

    def show_record(self, record: dict[str, Any] | None) -> None:
        super().show_record(record)
        self.show_links(record)

    def show_links(self, record: dict[str, Any] | None) -> None:
        self.links.clear()
        for link in (record or {}).get("links", []):
            note = f"（{link['note']}）" if link["note"] else ""
            item = QListWidgetItem(f"{link['other']} – {texts.text(link['relation_label'])}{note}")
            item.setData(LINK_ROLE, link["id"])
            self.links.addItem(item)
        for found in (record or {}).get("relations", []):
            item = QListWidgetItem(self.tr("%1 – %2（登记册中发现：%3）").replace("%1", found["other"])
                                   .replace("%2", texts.text(found["relation_label"])).replace("%3", found["detail"]))
            item.setToolTip(item.text())
            self.links.addItem(item)
        if record is not None and not self.links.count():
            self.links.addItem(self.tr("（无）"))
        self._update_link_buttons()

    def _update_link_buttons(self) -> None:
        item = self.links.currentItem()
        self.remove_link_button.setEnabled(item is not None and item.data(LINK_ROLE) is not None)
        self.add_link_button.setEnabled(self.record is not None and self.other.count() > 0)

    def _add_link(self) -> None:
        if self.record is not None and self.other.currentData() is not None:
            self.linkAdded.emit(int(self.other.currentData()), self.relation.currentData(), self.link_note.text().strip())

    def _remove_link(self) -> None:
        item = self.links.currentItem()
        if item is not None and item.data(LINK_ROLE) is not None:
            self.linkRemoved.emit(int(item.data(LINK_ROLE)))


class ReviewerForm(RecordForm):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewerForm")
        self.add_line("name")
        self.add_line("cert_number")
        self.add_combo("org_id")
        self.add_line("specialities")
        self.form.addRow(QLabel(), self.status)
        self.reviews = QLabel()
        self.reviews.setWordWrap(True)
        self.reviews.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addLayout(self.buttons)
        layout.addWidget(self.reviews)
        layout.addStretch(1)
        self.retranslate()
        self.show_record(None)

    def retranslate(self) -> None:
        self.setTitle(self.tr("评审人员信息"))
        self.set_labels([self.tr("姓名"), self.tr("证书号"), self.tr("所属单位"), self.tr("专业（行业）"), self.tr("状态")])
        self.fields["specialities"].setToolTip(self.tr("多个行业用“、”分隔；与企业的行业比对"))
        self.status.setToolTip(self.tr("黑名单由处理决定确定，不能在此修改"))
        self.retranslate_buttons()
        org = self.fields["org_id"]
        assert isinstance(org, QComboBox)
        if org.count():
            org.setItemText(0, self.tr("（无，独立专家）"))

    def set_orgs(self, orgs: list[tuple[int, str]]) -> None:
        combo = self.fields["org_id"]
        assert isinstance(combo, QComboBox)
        current = combo.currentData()
        combo.clear()
        combo.addItem(self.tr("（无，独立专家）"), None)
        for org_id, name in orgs:
            combo.addItem(name, org_id)
        found = combo.findData(current)
        combo.setCurrentIndex(max(found, 0))

    def show_record(self, record: dict[str, Any] | None) -> None:
        super().show_record(record)
        reviews = (record or {}).get("reviews")
        if isinstance(reviews, list) and record is not None:
            names = "、".join(r["enterprise"] for r in reviews[:6]) + ("……" if len(reviews) > 6 else "")
            self.reviews.setText(self.tr("参与评审 %1 家企业：%2").replace("%1", str(len(reviews))).replace("%2", names))
        else:
            self.reviews.clear()
