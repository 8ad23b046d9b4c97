"""The header strip: enterprise, template and status, the inspectors with their certificates (and a
warning while fewer than two 行政执法人员 are listed), the enterprise's representative, the place and the
start and end time. Text fields save after a pause and on focus-out, through ``headerEdited``; the editor
turns that into undoable commands."""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import Any

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from inspector_app.services.queries.editor import HEADER_TEXT_FIELDS, HEADER_TIME_FIELDS, Snapshot
from inspector_app.ui import glyphs
from inspector_app.ui.editor import labels
from inspector_app.ui.editor.debounce import Debouncer

_NO_TIME = QDateTime.fromString("2000-01-01 00:00", "yyyy-MM-dd HH:mm")


def to_qdatetime(value: datetime | None) -> QDateTime:
    if value is None:
        return _NO_TIME
    return QDateTime.fromString(value.strftime("%Y-%m-%d %H:%M"), "yyyy-MM-dd HH:mm")


def from_qdatetime(value: QDateTime) -> datetime | None:
    if value <= _NO_TIME:
        return None
    return datetime.strptime(value.toString("yyyy-MM-dd HH:mm"), "%Y-%m-%d %H:%M")


class ElidedLabel(QLabel):
    """A one-line label that ends in "…" when it does not fit (the full text is in the tooltip)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(rect, int(self.alignment() | Qt.AlignmentFlag.AlignVCenter), text)
        painter.end()


class HeaderStrip(QWidget):
    headerEdited = Signal(str, object)  # field name, new value
    inspectorsRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._snapshot: Snapshot | None = None
        self.enterprise = QLabel()
        self.enterprise.setStyleSheet("font-weight: bold; font-size: 11pt;")
        self.enterprise.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.template = ElidedLabel()
        self.template.setStyleSheet("color: #455a64;")
        self.status = QLabel()
        self.inspectors = ElidedLabel()
        self.edit_inspectors = QPushButton(self.tr("检查人员…"))
        self.edit_inspectors.setToolTip(self.tr("修改检查人员及证件号"))
        self.edit_inspectors.clicked.connect(self.inspectorsRequested)
        self.team_warning = QLabel()
        glyphs.set_label(self.team_warning, self.tr("⚠ 行政执法人员不足两名"))  # ⚠ is drawn (not in the font)
        self.team_warning.setStyleSheet("color: #8a4b00; background: #fff4e0; border: 1px solid #f0b45a;"
                                        " border-radius: 3px; padding: 1px 6px;")
        self.team_warning.setToolTip(self.tr("执法文书须由至少两名行政执法人员签名；评审专家只在评分表上签名"))
        self.team_warning.hide()

        self.texts: dict[str, QLineEdit] = {}
        placeholders = {"location": self.tr("检查场所"), "rep_name": self.tr("姓名"),
                        "rep_title": self.tr("职务"), "rep_phone": self.tr("联系电话")}
        self._debouncers: dict[str, Debouncer] = {}
        for name in HEADER_TEXT_FIELDS:
            edit = QLineEdit()
            edit.setPlaceholderText(placeholders[name])
            debouncer = Debouncer(partial(self._commit_text, name), self)
            debouncer.watch(edit)
            edit.textEdited.connect(debouncer.poke)
            self.texts[name] = edit
            self._debouncers[name] = debouncer
        self.texts["rep_title"].setMaximumWidth(110)
        self.texts["rep_phone"].setMaximumWidth(130)
        self.texts["rep_name"].setMaximumWidth(100)

        self.times: dict[str, QDateTimeEdit] = {}
        self.now_buttons: dict[str, QToolButton] = {}
        for name in HEADER_TIME_FIELDS:
            time_edit = QDateTimeEdit()
            time_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
            time_edit.setMinimumDateTime(_NO_TIME)
            time_edit.setSpecialValueText(self.tr("未填写"))
            time_edit.setCalendarPopup(True)
            debouncer = Debouncer(partial(self._commit_time, name), self)
            debouncer.watch(time_edit)
            time_edit.dateTimeChanged.connect(lambda _v, d=debouncer: d.poke())
            self.times[name] = time_edit
            self._debouncers[name] = debouncer
            now_button = QToolButton()
            now_button.setText(self.tr("现在"))
            now_button.setToolTip(self.tr("填入当前时间"))
            now_button.clicked.connect(partial(self._set_now, name))
            self.now_buttons[name] = now_button

        grid = QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(3)
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(self.enterprise)
        top.addWidget(self.template, 1)
        top.addWidget(self.status)
        grid.addLayout(top, 0, 0, 1, 4)
        self._top = top

        people = QHBoxLayout()
        people.addWidget(self.edit_inspectors)
        people.addWidget(self.inspectors, 1)
        people.addWidget(self.team_warning)
        grid.addLayout(people, 1, 0, 1, 2)
        grid.addWidget(self._label(self.tr("检查场所"), self.texts["location"]), 1, 2)
        grid.addWidget(self.texts["location"], 1, 3)

        rep = QHBoxLayout()
        rep.addWidget(self._label(self.tr("现场负责人"), self.texts["rep_name"]))
        rep.addWidget(self.texts["rep_name"])
        rep.addWidget(self.texts["rep_title"])
        rep.addWidget(self.texts["rep_phone"])
        rep.addStretch(1)
        grid.addLayout(rep, 2, 0, 1, 2)
        grid.addWidget(QLabel(self.tr("检查时间")), 2, 2)
        when = QHBoxLayout()
        when.setSpacing(2)
        when.addWidget(self.times["started_at"])
        when.addWidget(self.now_buttons["started_at"])
        when.addSpacing(6)
        when.addWidget(QLabel(self.tr("至")))
        when.addSpacing(6)
        when.addWidget(self.times["ended_at"])
        when.addWidget(self.now_buttons["ended_at"])
        when.addStretch(1)
        grid.addLayout(when, 2, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

    def add_badge(self, badge: QWidget) -> None:
        """A badge on the first line, before the status (利益冲突提示)."""
        self._top.insertWidget(self._top.indexOf(self.status), badge)

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    # ------------------------------------------------------------------ showing
    def set_snapshot(self, snapshot: Snapshot) -> None:
        self._snapshot = snapshot
        self.enterprise.setText(f"{snapshot.enterprise_name}　{snapshot.uscc}")
        self.enterprise.setToolTip(self.tr("{0}，证书等级 {1}").format(snapshot.district, snapshot.cert_grade))
        template = snapshot.template
        self.template.setText(f"{template.title}（{template.version}）")
        self.template.setToolTip(f"{template.title}\n{template.standard}\n{template.basis}")
        for name in (*HEADER_TEXT_FIELDS, *HEADER_TIME_FIELDS, "inspectors"):
            self.refresh(name)
        self.refresh_status()

    def refresh_status(self) -> None:
        snapshot = self._snapshot
        if snapshot is None:
            return
        colour = "#b71c1c" if snapshot.locked else "#1565c0"
        self.status.setText(labels.status_label(snapshot.status))
        self.status.setStyleSheet(f"color: white; background: {colour}; border-radius: 3px; padding: 2px 8px;")
        for widget in (*self.texts.values(), *self.times.values(), *self.now_buttons.values(),
                       self.edit_inspectors):
            widget.setEnabled(not snapshot.locked)

    def refresh(self, name: str) -> None:
        snapshot = self._snapshot
        if snapshot is None:
            return
        if name == "inspectors":
            text = "、".join(f"{n}（{labels.cert_kind(snapshot.role(c))} {c}）" for n, c in snapshot.inspectors)
            self.inspectors.setText(text or self.tr("（未指定）"))
            self.inspectors.setToolTip("\n".join(f"{n}　{labels.role_label(snapshot.role(c))}　{c}"
                                                  for n, c in snapshot.inspectors))
            self.team_warning.setVisible(snapshot.officers() < 2)
            return
        debouncer = self._debouncers.get(name)
        if debouncer is None or debouncer.pending:
            return
        value = snapshot.header.get(name)
        if name in self.texts:
            edit = self.texts[name]
            if edit.text() != (value or ""):
                edit.setText(value or "")
        elif name in self.times:
            self.times[name].blockSignals(True)
            self.times[name].setDateTime(to_qdatetime(value))
            self.times[name].blockSignals(False)

    # ------------------------------------------------------------------ editing
    def flush(self) -> None:
        for debouncer in self._debouncers.values():
            if debouncer.pending:
                debouncer.flush()

    def _set_now(self, name: str) -> None:
        self.times[name].setDateTime(QDateTime.currentDateTime())
        self._debouncers[name].flush()

    def _commit_text(self, name: str) -> None:
        self._emit_if_changed(name, self.texts[name].text().strip())

    def _commit_time(self, name: str) -> None:
        self._emit_if_changed(name, from_qdatetime(self.times[name].dateTime()))

    def _emit_if_changed(self, name: str, value: Any) -> None:
        if self._snapshot is None or self._snapshot.locked:
            return
        if (self._snapshot.header.get(name) or None) != (value or None):
            self.headerEdited.emit(name, value)
