"""The people on an inspection (检查人员): each with a name, a role – 行政执法人员 (holds a 执法证) or 评审专家
(holds a 评审员证) – and the number of that certificate. The dialog warns, without refusing, while fewer
than two officers are listed: the enforcement documents are signed by two of them (DOMAIN.md §2, §6);
completion checks it. A role belongs to the certificate, so it applies to every inspection listing it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from inspector_app.services.queries.editor import OFFICER, ROLES
from inspector_app.ui import glyphs
from inspector_app.ui.editor import labels

NAME_WIDTH = 110
WARNING_STYLE = ("color: #8a4b00; background: #fff4e0; border: 1px solid #f0b45a; border-radius: 3px;"
                 " padding: 4px 8px;")


class PersonRow(QWidget):
    """One person: name, role, the certificate's label (it follows the role) and its number."""

    edited = Signal()
    removeRequested = Signal(object)  # this row

    def __init__(self, name: str = "", cert: str = "", role: str = OFFICER, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit(name)
        self.name.setFixedWidth(NAME_WIDTH)
        self.name.setPlaceholderText(self.tr("姓名"))
        self.role = QComboBox()
        self.role.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for code in ROLES:
            self.role.addItem(labels.role_label(code), code)
        self.role.setFixedWidth(self.role.sizeHint().width())  # the widest role, in the UI's language
        self.role.setCurrentIndex(max(0, self.role.findData(role)))
        self.role.setToolTip(self.tr("行政执法人员持执法证，在执法文书上签名；评审专家持评审员证，只在评分表上签名"))
        self.cert_label = QLabel()
        metrics = self.cert_label.fontMetrics()  # as wide as the longer label: the number does not jump
        self.cert_label.setFixedWidth(max(metrics.horizontalAdvance(labels.cert_label(r)) for r in ROLES) + 8)
        self.cert_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.cert = QLineEdit(cert)
        self.cert_label.setBuddy(self.cert)
        self.remove = QToolButton()
        self.remove.setText("✕")
        self.remove.setToolTip(self.tr("删除此人"))
        self.remove.clicked.connect(lambda: self.removeRequested.emit(self))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.name, self.role, self.cert_label):
            layout.addWidget(widget)
        layout.addWidget(self.cert, 1)
        layout.addWidget(self.remove)
        self.role.currentIndexChanged.connect(self._role_changed)
        self.name.textChanged.connect(self.edited)
        self.cert.textChanged.connect(self.edited)
        self._role_changed()

    def _role_changed(self) -> None:
        label = labels.cert_label(self.current_role())
        self.cert_label.setText(label)
        self.cert.setPlaceholderText(label)
        self.edited.emit()

    def current_role(self) -> str:
        return str(self.role.currentData())

    def entry(self) -> tuple[str, str, str]:
        return self.name.text().strip(), self.cert.text().strip(), self.current_role()


class InspectorsDialog(QDialog):
    """The people of this inspection. ``people()`` gives (name, certificate number) in order and
    ``roles()`` the role of each certificate number."""

    def __init__(self, people: Sequence[tuple[str, str]], roles: Mapping[str, str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("检查人员"))
        roles = roles or {}
        self.rows: list[PersonRow] = []
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARNING_STYLE)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b71c1c;")
        self._list = QVBoxLayout()
        self._list.setSpacing(4)
        holder = QWidget()
        outer = QVBoxLayout(holder)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self._list)
        outer.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(holder)
        for name, cert in people:
            self.add_row(name, cert, roles.get(cert, OFFICER))
        for _extra in range(max(0, 2 - len(people))):
            self.add_row()
        add = QPushButton(self.tr("添加一人"))
        add.clicked.connect(lambda: self.add_row().name.setFocus())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        intro = QLabel(self.tr("每人填写姓名、身份和证件号。身份随证件记录：修改后，列有此人的其他检查也随之改变。"))
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self._column_titles())
        layout.addWidget(scroll, 1)
        layout.addWidget(add, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.warning)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(620, 340)
        self._update_warning()

    def _column_titles(self) -> QWidget:
        titles = QWidget()
        row = QHBoxLayout(titles)
        row.setContentsMargins(0, 0, 0, 0)
        role_width = self.rows[0].role.minimumWidth()  # there are always rows: at least two, blank or not
        for text, width in ((self.tr("姓名"), NAME_WIDTH), (self.tr("身份"), role_width)):
            label = QLabel(text)
            label.setFixedWidth(width)
            row.addWidget(label)
        row.addWidget(QLabel(self.tr("证件")), 1)
        for label in titles.findChildren(QLabel):
            label.setStyleSheet("color: #546e7a;")
        return titles

    def add_row(self, name: str = "", cert: str = "", role: str = OFFICER) -> PersonRow:
        row = PersonRow(name, cert, role)
        row.edited.connect(self._update_warning)
        row.removeRequested.connect(self._remove_row)
        self.rows.append(row)
        self._list.addWidget(row)
        self._update_warning()
        return row

    def _remove_row(self, row: PersonRow) -> None:
        self.rows.remove(row)
        self._list.removeWidget(row)
        row.deleteLater()
        self._update_warning()

    def entries(self) -> list[tuple[str, str, str]]:
        """(name, certificate number, role) of every row filled in, in order."""
        return [entry for entry in (row.entry() for row in self.rows) if entry[0] or entry[1]]

    def people(self) -> list[tuple[str, str]]:
        return [(name, cert) for name, cert, _role in self.entries()]

    def roles(self) -> dict[str, str]:
        return {cert: role for _name, cert, role in self.entries() if cert}

    def officers(self) -> int:
        return sum(role == OFFICER for _n, _c, role in self.entries())

    def _update_warning(self) -> None:
        count = self.officers()
        glyphs.set_label(self.warning, self.tr("⚠ 执法文书须由至少两名行政执法人员签名（现有 {0} 名）。评审专家只在评分表上签名。")
                         .format(count))
        self.warning.setVisible(count < 2)

    def accept(self) -> None:
        entries = self.entries()
        if any(not name or not cert for name, cert, _role in entries):
            self.error.setText(self.tr("每位检查人员都须有姓名和证件号"))
            return
        if len({cert for _n, cert, _r in entries}) != len(entries):
            self.error.setText(self.tr("同一证件号不能重复"))
            return
        super().accept()
