"""The pane for the current checklist item: its text and evidence, four result buttons, the
template's deduction rules (checkable, with a times spinner), an extra deduction with its reason,
and a note. The pane never saves anything: it emits ``answerEdited`` with the new answer and the
editor turns that into an undoable command."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain.scoring import Answer, item_earned
from inspector_app.domain.template import CONFORM, NOT_APPLICABLE, PARTIAL, RESULTS, Item
from inspector_app.ui.editor import labels
from inspector_app.ui.editor.debounce import Debouncer


class NoteEdit(QPlainTextEdit):
    """The note: three lines preferred (a plain text edit asks for 192 pixels, which on a 700-pixel-high
    screen pushed the pane into scrolling); it grows with the pane."""

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), 3 * self.fontMetrics().lineSpacing() + 12)


class ItemPane(QWidget):
    answerEdited = Signal(str, object, str)  # item code, Answer | None, merge field ("" = no merging)
    addFindingRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._item: Item | None = None
        self._answer: Answer | None = None
        self._locked = False
        self._rule_rows: list[tuple[str, QCheckBox, QSpinBox]] = []
        self._text_debounce = Debouncer(self._commit_texts, self)

        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold;")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.evidence = QLabel()
        self.evidence.setWordWrap(True)
        self.evidence.setStyleSheet("color: #455a64;")
        self.requirements = QLabel()
        self.requirements.setWordWrap(True)
        self.requirements.setStyleSheet("color: #b71c1c;")

        self.result_group = QButtonGroup(self)
        self.result_group.setExclusive(False)  # an item may be unanswered; exclusivity is kept by hand
        result_row = QHBoxLayout()
        result_row.setSpacing(4)
        self.result_buttons: dict[str, QPushButton] = {}
        names = [self.tr("符合"), self.tr("部分符合"), self.tr("不符合"), self.tr("不涉及")]
        for n, (result, name) in enumerate(zip(RESULTS, names, strict=True), start=1):
            button = QPushButton(f"{n} {name}")
            button.setCheckable(True)
            button.setToolTip(self.tr("快捷键 {0} 或 Alt+{0}").format(n))
            colour = labels.RESULT_COLORS[result]
            button.setStyleSheet(f"QPushButton:checked {{ background: {colour}; color: white; "
                                 f"border: 1px solid {colour}; border-radius: 3px; padding: 4px; }}")
            self.result_group.addButton(button, n)
            self.result_buttons[result] = button
            result_row.addWidget(button)
        self.result_group.buttonClicked.connect(self._result_clicked)

        self.rules_box = QWidget()
        self.rules_layout = QGridLayout(self.rules_box)
        self.rules_layout.setContentsMargins(0, 0, 0, 0)
        self.rules_layout.setColumnStretch(1, 1)
        self.rules_layout.setHorizontalSpacing(6)

        self.extra = QDoubleSpinBox()
        self.extra.setDecimals(1)
        self.extra.setSingleStep(0.5)
        self.extra.setSuffix(self.tr(" 分"))
        self.extra.setToolTip(self.tr("模板规则以外的扣分"))
        self.extra.valueChanged.connect(self._text_debounce.poke)
        self.extra_reason = QLineEdit()
        self.extra_reason.setPlaceholderText(self.tr("另扣分的理由"))
        self.extra_reason.textEdited.connect(self._text_debounce.poke)
        extra_row = QHBoxLayout()
        extra_row.addWidget(QLabel(self.tr("另扣")))
        extra_row.addWidget(self.extra)
        extra_row.addWidget(self.extra_reason, 1)

        self.note = NoteEdit()
        self.note.setPlaceholderText(self.tr("检查情况说明（不符合或部分符合时必填，或登记隐患）"))
        self.note.setTabChangesFocus(True)
        self.note.setMinimumHeight(56)
        self.note.textChanged.connect(self._note_changed)
        self._text_debounce.watch(self.note, self.extra_reason, self.extra)

        self.earned = QLabel()
        self.add_finding = QPushButton(self.tr("从本项登记隐患…"))
        self.add_finding.setToolTip(self.tr("Ctrl+H"))
        self.add_finding.clicked.connect(self.addFindingRequested)
        bottom = QHBoxLayout()
        bottom.addWidget(self.earned, 1)
        bottom.addWidget(self.add_finding)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addWidget(self.evidence)
        layout.addWidget(self.requirements)
        layout.addLayout(result_row)
        self.rules_title = QLabel(self.tr("扣分规则"))
        self.rules_title.setStyleSheet("color: #455a64;")
        layout.addWidget(self.rules_title)
        layout.addWidget(self.rules_box)
        layout.addLayout(extra_row)
        layout.addWidget(QLabel(self.tr("备注")))
        layout.addWidget(self.note, 1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        outer.addWidget(scroll)
        bottom.setContentsMargins(6, 0, 6, 4)  # below the scrolled part: the item's score and 登记隐患 stay in view
        outer.addLayout(bottom)
        self.show_item(None, None, False)

    # ------------------------------------------------------------------ showing
    @property
    def item(self) -> Item | None:
        return self._item

    def show_item(self, item: Item | None, answer: Answer | None, locked: bool) -> None:
        """Show another item (pending typing for the previous one is saved first)."""
        if item is not self._item:
            self._text_debounce.flush()
        self._item, self._answer, self._locked = item, answer, locked
        self._build_rules()
        self.refresh(answer)

    def refresh(self, answer: Answer | None) -> None:
        """Show the answer as stored in memory (after an edit, undo or reload)."""
        self._answer = answer
        item = self._item
        has_item = item is not None
        editable = has_item and not self._locked
        if item is None:
            self.title.setText(self.tr("请在左侧选择检查项"))
            for widget in (self.text, self.evidence, self.requirements, self.earned):
                widget.clear()
        else:
            points = f"{item.points:g}"
            self.title.setText(self.tr("{0}　{1}（{2} 分）").format(item.code, item.sub_element, points)
                               if item.sub_element else self.tr("{0}（{1} 分）").format(item.code, points))
            self.text.setText(item.text)
            self.evidence.setText(self.tr("查证：{0}").format(item.evidence) if item.evidence else "")
            self.evidence.setVisible(bool(item.evidence))
            self.requirements.setText(self._requirement_text(item))
            self.requirements.setVisible(bool(self.requirements.text()))
            self.earned.setText(self._earned_text(item, answer))
        for result, button in self.result_buttons.items():
            button.setChecked(answer is not None and answer.result == result)
            button.setEnabled(editable and self._allowed(result))
        self.result_buttons[NOT_APPLICABLE].setToolTip(
            self.tr("快捷键 {0} 或 Alt+{0}").format(4) if item is None or item.na_allowed
            else self.tr("本项为必查项，不能判为不涉及"))
        chosen = dict(answer.deductions) if answer else {}
        for code, box, spin in self._rule_rows:
            box.blockSignals(True)
            spin.blockSignals(True)
            box.setChecked(code in chosen)
            spin.setValue(chosen.get(code, 1))
            box.setEnabled(editable)
            spin.setEnabled(editable and code in chosen)
            box.blockSignals(False)
            spin.blockSignals(False)
        if not self._text_debounce.pending:
            self._set_texts(answer)
        answered = editable and answer is not None
        for field in (self.extra, self.extra_reason, self.note):
            field.setEnabled(answered)
        if self._locked:
            self.note.setPlaceholderText(self.tr("已锁定"))
        else:
            self.note.setPlaceholderText(self.tr("检查情况说明（不符合或部分符合时必填，或登记隐患）") if answered
                                         else self.tr("先选择检查结果，再填写说明"))
        self.add_finding.setEnabled(editable)

    def _set_texts(self, answer: Answer | None) -> None:
        for widget in (self.extra, self.extra_reason, self.note):
            widget.blockSignals(True)
        self.extra.setMaximum(self._item.points if self._item else 0)
        self.extra.setValue(answer.extra_deduction if answer else 0)
        self.extra_reason.setText(answer.extra_reason if answer else "")
        if self.note.toPlainText() != (answer.note if answer else ""):
            self.note.setPlainText(answer.note if answer else "")
        for widget in (self.extra, self.extra_reason, self.note):
            widget.blockSignals(False)

    def _requirement_text(self, item: Item) -> str:
        parts = []
        if item.veto == "A" or any(r.veto == "A" for r in item.deductions):
            parts.append(self.tr("否决项（A）：不符合或选择否决扣分规则，则整体不通过"))
        elif item.veto == "B" or any(r.veto == "B" for r in item.deductions):
            parts.append(self.tr("否决项（B）：不符合或选择否决扣分规则，则本类目计 0 分"))
        if not item.na_allowed:
            parts.append(self.tr("必查项：不能判为不涉及"))
        if item.require_photo_on_fail:
            parts.append(self.tr("不符合时须拍照取证"))
        if item.require_note_on_fail:
            parts.append(self.tr("不符合时须填写说明"))
        return "；".join(parts)

    def _earned_text(self, item: Item, answer: Answer | None) -> str:
        if answer is None:
            return self.tr("本项未检查")
        if answer.result == NOT_APPLICABLE:
            return self.tr("不涉及：不计入总分")
        earned, _line = item_earned(item, answer)
        return self.tr("本项得分 {0} / {1}").format(f"{earned.normalize():f}", f"{item.points:g}")

    def _build_rules(self) -> None:
        while self.rules_layout.count():
            child = self.rules_layout.takeAt(0)
            widget = child.widget() if child is not None else None
            if widget is not None:
                widget.hide()  # gone from the screen now, not when the deferred delete runs
                widget.setParent(None)
                widget.deleteLater()
        self._rule_rows = []
        rules = self._item.deductions if self._item else ()
        self.rules_title.setVisible(bool(rules))
        for row, rule in enumerate(rules):
            box = QCheckBox()
            box.setAccessibleName(rule.text)
            text = QLabel(rule.text)
            text.setWordWrap(True)
            text.setBuddy(box)
            points = QLabel(self.tr("−{0} 分").format(f"{rule.points:g}"))
            spin = QSpinBox()
            spin.setRange(1, rule.max_times)
            spin.setPrefix("×")
            spin.setVisible(rule.max_times > 1)
            spin.setToolTip(self.tr("次数（最多 {0} 次）").format(rule.max_times))
            self.rules_layout.addWidget(box, row, 0, Qt.AlignmentFlag.AlignTop)
            self.rules_layout.addWidget(text, row, 1)
            self.rules_layout.addWidget(points, row, 2, Qt.AlignmentFlag.AlignTop)
            self.rules_layout.addWidget(spin, row, 3, Qt.AlignmentFlag.AlignTop)
            box.toggled.connect(self._rules_changed)
            spin.valueChanged.connect(self._rules_changed)
            self._rule_rows.append((rule.code, box, spin))

    # ------------------------------------------------------------------ editing
    def _allowed(self, result: str) -> bool:
        """不涉及 is not offered for an item the template says must be checked (``na_allowed``)."""
        return result != NOT_APPLICABLE or self._item is None or self._item.na_allowed

    def choose_result(self, result: str) -> None:
        """Set the result (buttons and keyboard shortcuts – 1–4 in the tree, Alt+1–4 – come here)."""
        if self._item is None or self._locked or not self._allowed(result):
            return
        self._text_debounce.flush()
        old = self._answer
        if old is not None and old.result == result:
            return
        if result in (CONFORM, NOT_APPLICABLE):
            new = Answer(result, note=old.note if old else "")
        else:
            new = replace(old, result=result) if old is not None else Answer(result)
        self.answerEdited.emit(self._item.code, new, "")

    def _result_clicked(self, button: QAbstractButton) -> None:
        result = RESULTS[self.result_group.id(button) - 1]
        if self._answer is not None and self._answer.result == result:
            button.setChecked(True)  # clicking the chosen result again keeps it
            return
        self.choose_result(result)

    def _rules_changed(self) -> None:
        if self._item is None or self._locked:
            return
        self._text_debounce.flush()
        chosen = tuple((code, spin.value()) for code, box, spin in self._rule_rows if box.isChecked())
        old = self._answer
        base = old if old is not None and old.result not in (CONFORM, NOT_APPLICABLE) \
            else Answer(PARTIAL, note=old.note if old else "")
        self.answerEdited.emit(self._item.code, replace(base, deductions=chosen), "")

    def _note_changed(self) -> None:
        if self.note.isEnabled() and not self.note.signalsBlocked():
            self._text_debounce.poke()

    def _commit_texts(self) -> None:
        old = self._answer
        if self._item is None or old is None or self._locked:
            return
        new = replace(old, note=self.note.toPlainText(), extra_deduction=float(self.extra.value()),
                      extra_reason=self.extra_reason.text())
        if new.extra_deduction > 0 and new.result == CONFORM:  # a deduction means it only partly conforms
            new = replace(new, result=PARTIAL)
        if new != old:
            field = "note" if new.note != old.note else "extra"
            self._answer = new
            self.answerEdited.emit(self._item.code, new, field)

    def flush(self) -> None:
        self._text_debounce.flush()
