"""The inspection editor: header strip, checklist tree, item pane, live score and findings.

Work is never lost: every edit is applied to the in-memory copy at once (so the score is live), pushed
as an undoable command, and saved on the runner's writer thread; text saves after a short pause and on
focus-out. There is no Save button. A locked inspection is read-only until reopened with a reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDateTime, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain.lifecycle import FindingStatus, Severity
from inspector_app.domain.scoring import Answer
from inspector_app.domain.template import RESULTS
from inspector_app.services.ops.inspections import Missing
from inspector_app.services.queries.editor import FindingRow, new_finding_key
from inspector_app.storage.engine import Workspace
from inspector_app.ui.editor import labels, locking
from inspector_app.ui.editor.checklist_model import ChecklistModel
from inspector_app.ui.editor.checklist_view import ChecklistView
from inspector_app.ui.editor.commands import (
    AddFindingCommand,
    EditFindingCommand,
    RemoveFindingCommand,
    SetAnswerCommand,
    SetHeaderCommand,
    SetInspectorsCommand,
)
from inspector_app.ui.editor.conflicts_badge import ConflictBadge
from inspector_app.ui.editor.controller import EditorController
from inspector_app.ui.editor.dialogs import DEFAULT_DEADLINE_DAYS, FindingDialog, MissingDialog, ReopenDialog
from inspector_app.ui.editor.findings_panel import FindingsPanel
from inspector_app.ui.editor.header import HeaderStrip
from inspector_app.ui.editor.item_pane import ItemPane
from inspector_app.ui.editor.people_dialog import InspectorsDialog
from inspector_app.ui.editor.score_panel import ScorePanel
from inspector_app.ui.evidence import editor_hook as evidence_hook
from inspector_app.ui.tasks import TaskRunner

SHORTCUT = Qt.ShortcutContext.WidgetWithChildrenShortcut


class InspectionEditor(QWidget):
    changed = Signal(int)  # inspection id, after each change has been saved
    titleChanged = Signal(str)

    def __init__(self, workspace: Workspace, inspection_id: int, runner: TaskRunner, actor: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = EditorController(workspace, inspection_id, runner, actor, self)
        self._source = (workspace, inspection_id, runner)  # for the conflict flags, read in a worker
        self.undo_stack = QUndoStack(self)
        self.missing_dialog: MissingDialog | None = None
        self.finding_dialog: FindingDialog | None = None
        self.inspectors_dialog: InspectorsDialog | None = None
        self.confirm_dialog: QDialog | None = None  # the last confirmation before locking
        self._retranslating = False
        self._make_actions()
        self._connect_controller()
        self._outer = QVBoxLayout(self)
        self._outer.setContentsMargins(4, 4, 4, 4)
        self._body = self._build_body()
        self._outer.addWidget(self._body)
        self._shortcuts()
        snapshot = self.controller.snapshot
        first = next((i.code for i in snapshot.template.items if i.code not in snapshot.answers), "")
        self.tree.select_code(first or (snapshot.template.items[0].code if snapshot.template.items else ""))
        self.tree.setFocus()

    # ------------------------------------------------------------------ construction
    def _build_body(self) -> QWidget:
        """Every translated widget lives in the body, which is rebuilt when the language changes."""
        snapshot = self.controller.snapshot
        body = QWidget(self)
        self.header = HeaderStrip()
        self.conflicts = ConflictBadge(*self._source)
        self.header.add_badge(self.conflicts)
        self.model = ChecklistModel(snapshot.template, snapshot.answers, body)
        self.tree = ChecklistView(self.model)
        self.item_pane = ItemPane()
        self.score_panel = ScorePanel()
        self.findings = FindingsPanel()
        toolbar = self._build_toolbar()
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #ffebee; color: #b71c1c; padding: 4px;")
        self.banner.hide()

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.score_panel)
        right.addWidget(evidence_hook.findings_and_photos(self, self.findings))  # findings | photos (issue 4)
        right.setStretchFactor(0, 0)  # a taller or shorter window changes the findings' and photos' height
        right.setStretchFactor(1, 1)
        right.setSizes([self.score_panel.sizeHint().height(), 230])
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.item_pane)
        self.splitter.addWidget(right)
        self.splitter.setSizes([560, 430, 370])
        for index, stretch in enumerate((5, 3, 3)):  # on a narrower window the tree's text column gives first
            self.splitter.setStretchFactor(index, stretch)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(toolbar)
        layout.addWidget(self.banner)
        layout.addWidget(self.header)
        layout.addWidget(self.splitter, 1)
        self._wire()
        self._show_all()
        return body

    def _make_actions(self) -> None:
        self.undo_action = QAction(self)
        self.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.undo_action.triggered.connect(self.undo)
        self.redo_action = QAction(self)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.redo_action.triggered.connect(self.redo)
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(SHORTCUT)
            self.addAction(action)
        self.undo_stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.undo_stack.undoTextChanged.connect(self._retranslate_actions)
        self.undo_stack.redoTextChanged.connect(self._retranslate_actions)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self._retranslate_actions()

    def _retranslate_actions(self) -> None:
        self.undo_action.setText(self.tr("撤销"))
        self.redo_action.setText(self.tr("重做"))
        undo, redo = self.undo_stack.undoText(), self.undo_stack.redoText()
        self.undo_action.setToolTip(self.tr("撤销：{0}（Ctrl+Z）").format(undo) if undo else self.tr("撤销"))
        self.redo_action.setToolTip(self.tr("重做：{0}（Ctrl+Y）").format(redo) if redo else self.tr("重做"))

    def _build_toolbar(self) -> QHBoxLayout:
        undo, redo = QToolButton(), QToolButton()
        undo.setDefaultAction(self.undo_action)
        redo.setDefaultAction(self.redo_action)
        self.next_button = QPushButton(self.tr("下一未查项 (N)"))
        self.next_button.clicked.connect(self.next_unanswered)
        self.keys_hint = QLabel(self.tr("1–4 结果　J/K 上下　N 下一未查　Enter 备注　Esc 返回列表"))
        self.keys_hint.setStyleSheet("color: #78909c;")
        self.save_state = QLabel()
        self.complete_button = QPushButton(self.tr("完成并锁定 (Ctrl+Enter)"))
        self.complete_button.clicked.connect(self.complete_and_lock)
        self.reopen_button = QPushButton(self.tr("重新打开…"))
        self.reopen_button.clicked.connect(lambda: self.reopen())
        self.sign_button = evidence_hook.signature_button(self)
        toolbar = QHBoxLayout()
        for widget in (undo, redo, self.next_button, self.keys_hint):
            toolbar.addWidget(widget)
        toolbar.addStretch(1)
        for widget in (self.save_state, self.sign_button, self.complete_button, self.reopen_button):
            toolbar.addWidget(widget)
        return toolbar

    def _connect_controller(self) -> None:
        c = self.controller
        c.answerChanged.connect(self._answer_changed)
        c.scoreChanged.connect(self._score_changed)
        c.headerChanged.connect(lambda name: self.header.refresh(name))
        c.findingsChanged.connect(self._findings_changed)
        c.statusChanged.connect(self._status_changed)
        c.loaded.connect(self._reloaded)
        c.saved.connect(self._saved)
        c.pendingChanged.connect(self._pending_changed)
        c.failed.connect(self._failed)
        c.incomplete.connect(self.show_missing)

    def _wire(self) -> None:
        self.tree.currentItemChanged.connect(self._current_item_changed)
        self.tree.resultKeyPressed.connect(lambda n: self.set_result(RESULTS[n - 1]))
        self.tree.editNoteRequested.connect(self.item_pane.note.setFocus)
        self.tree.doubleClicked.connect(lambda _i: self.item_pane.note.setFocus())
        self.item_pane.answerEdited.connect(self._answer_edited)
        self.item_pane.addFindingRequested.connect(self.add_finding_from_item)
        self.header.headerEdited.connect(self._header_edited)
        self.header.inspectorsRequested.connect(self.edit_inspectors)
        self.findings.addRequested.connect(self.add_finding_from_item)
        self.findings.editRequested.connect(self.edit_finding)
        self.findings.removeRequested.connect(self.remove_finding)
        self.findings.statusRequested.connect(self.set_finding_status)

    def _shortcuts(self) -> None:
        def bind(keys: Sequence[str], slot: Any) -> None:
            for key in keys:
                QShortcut(QKeySequence(key), self, slot, context=SHORTCUT)

        for n, result in enumerate(RESULTS, start=1):
            bind([f"Alt+{n}"], lambda r=result: self.set_result(r))
        bind(["Ctrl+Return", "Ctrl+Enter"], self.complete_and_lock)
        bind(["Ctrl+H"], self.add_finding_from_item)
        bind(["Escape"], self._back_to_tree)

    # ------------------------------------------------------------------ public API
    def title(self) -> str:
        snapshot = self.controller.snapshot
        name = snapshot.enterprise_name
        short = name if len(name) <= 12 else name[:11] + "…"
        return short + (self.tr("（已锁定）") if snapshot.locked else "")

    @property
    def inspection_id(self) -> int:
        return self.controller.inspection_id

    def flush(self) -> None:
        """Save typing that is still waiting for its pause (call before closing the editor)."""
        self.item_pane.flush()
        self.header.flush()

    def set_result(self, result: str) -> None:
        if not self.tree.current_code():
            return
        self.item_pane.choose_result(result)

    def next_unanswered(self) -> None:
        self.tree.next_unanswered()
        self.tree.setFocus()

    def jump_to(self, code: str) -> None:
        self.activateWindow()
        if code and self.tree.select_code(code):
            self.tree.setFocus()
        elif not code:
            self.header.edit_inspectors.setFocus()

    def undo(self) -> None:
        self.flush()
        self.undo_stack.undo()

    def redo(self) -> None:
        self.flush()
        self.undo_stack.redo()

    def complete_and_lock(self) -> None:
        """Ask first, showing the score, the conclusion, the open points and who signs (``locking``)."""
        if self.controller.locked:
            return
        self.flush()
        locking.ask_to_lock(self)

    def show_missing(self, missing: list[Missing]) -> None:
        if self.missing_dialog is not None:
            self.missing_dialog.close()
        texts = {item.code: item.text for item in self.controller.snapshot.template.items}
        dialog = MissingDialog(missing, self, texts)
        dialog.jumpRequested.connect(self.jump_to)
        dialog.entryActivated.connect(lambda kind, code: evidence_hook.missing_entry(self, kind, code))
        self.missing_dialog = dialog
        dialog.show()

    def reopen(self, reason: str | None = None) -> None:
        """Reopen a locked inspection; without ``reason`` a dialog asks for one (it is required)."""
        if not self.controller.locked:
            return
        if reason is None:
            dialog = ReopenDialog(self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            reason = dialog.text()
        if reason.strip():
            self.controller.reopen(reason.strip())

    def add_finding_from_item(self) -> None:
        """Open the hazard dialog, filled from the current item (its note becomes the description)."""
        if self.controller.locked:
            return
        self.flush()
        snapshot = self.controller.snapshot
        code = self.tree.current_code()
        answer = self.controller.answer(code) if code else None
        row = FindingRow(new_finding_key(), Severity.GENERAL.value, answer.note if answer else "", code,
                         deadline=date.today() + timedelta(days=DEFAULT_DEADLINE_DAYS[Severity.GENERAL]),
                         responsible_person=snapshot.header.get("rep_name") or "")
        self._open_finding_dialog(row, None, self.tr("登记隐患"))

    def edit_finding(self, key: str) -> None:
        row = self.controller.snapshot.finding(key)
        if row is not None and not self.controller.locked:
            self._open_finding_dialog(row, row, self.tr("编辑隐患"))

    def add_finding(self, row: FindingRow) -> None:
        self.undo_stack.push(AddFindingCommand(self.controller, row, self.tr("登记隐患")))

    def remove_finding(self, key: str) -> None:
        rows = self.controller.snapshot.findings
        row = self.controller.snapshot.finding(key)
        if row is None or row.status != FindingStatus.OPEN:
            return
        self.undo_stack.push(RemoveFindingCommand(self.controller, row, rows.index(row), self.tr("删除隐患")))

    def set_finding_status(self, key: str, status: FindingStatus) -> None:
        self.controller.set_finding_status(key, status)

    def edit_inspectors(self) -> None:
        snapshot = self.controller.snapshot
        dialog = InspectorsDialog(snapshot.inspectors, snapshot.roles, self)
        dialog.accepted.connect(lambda: self.set_inspectors(dialog.people(), dialog.roles()))
        self.inspectors_dialog = dialog
        dialog.open()

    def set_inspectors(self, people: Sequence[tuple[str, str]], roles: dict[str, str] | None = None) -> None:
        """The people on the inspection and (optionally) their roles, as one undoable step."""
        snapshot = self.controller.snapshot
        old = list(snapshot.inspectors)
        if list(people) != old or any(snapshot.role(cert) != role for cert, role in (roles or {}).items()):
            self.undo_stack.push(SetInspectorsCommand(self.controller, old, people, self.tr("修改检查人员"),
                                                      snapshot.roles, roles))

    # ------------------------------------------------------------------ edits → commands
    def _answer_edited(self, code: str, new: Answer | None, merge_field: str) -> None:
        old = self.controller.answer(code)
        if old == new or self.controller.locked:
            return
        if merge_field == "note":
            text = self.tr("{0} 备注").format(code)
        elif merge_field:
            text = self.tr("{0} 另扣分").format(code)
        elif new is not None and (old is None or old.result != new.result):
            text = self.tr("{0} 结果：{1}").format(code, labels.result_label(new.result))
        else:
            text = self.tr("{0} 扣分").format(code)
        self.undo_stack.push(SetAnswerCommand(self.controller, code, old, new, text, merge_field))

    def _header_edited(self, name: str, value: Any) -> None:
        old = self.controller.snapshot.header.get(name)
        self.undo_stack.push(SetHeaderCommand(self.controller, name, old, value,
                                              self.tr("修改检查信息"), mergeable=True))

    def _open_finding_dialog(self, row: FindingRow, old: FindingRow | None, title: str) -> None:
        dialog = FindingDialog(row, self.model.item_codes(), self, title)

        def accepted() -> None:
            new = dialog.row()
            if old is None:
                self.add_finding(new)
            elif new != old:
                self.undo_stack.push(EditFindingCommand(self.controller, old, new, self.tr("编辑隐患")))

        dialog.accepted.connect(accepted)
        dialog.severity.currentIndexChanged.connect(lambda _i: self._default_deadline(dialog, old is None))
        dialog.finished.connect(lambda _r: self.tree.setFocus())
        self.finding_dialog = dialog
        dialog.open()

    @staticmethod
    def _default_deadline(dialog: FindingDialog, new: bool) -> None:
        if new:
            days = DEFAULT_DEADLINE_DAYS[Severity(dialog.severity.currentData())]
            dialog.deadline.setDate(QDateTime.currentDateTime().date().addDays(days))

    # ------------------------------------------------------------------ controller → views
    def _show_all(self) -> None:
        snapshot = self.controller.snapshot
        self.header.set_snapshot(snapshot)
        self.model.set_rows(snapshot.template, snapshot.answers, snapshot.items_with_findings(),
                            self.controller.score)
        self.score_panel.set_score(self.controller.score)
        self._status_changed()  # also fills the findings panel

    def _current_item_changed(self, code: str) -> None:
        snapshot = self.controller.snapshot
        item = snapshot.template.item(code) if code else None
        self.item_pane.show_item(item, snapshot.answers.get(code) if code else None, snapshot.locked)

    def _answer_changed(self, code: str) -> None:
        self.model.item_changed(code)
        if self.item_pane.item is not None and self.item_pane.item.code == code:
            self.item_pane.refresh(self.controller.answer(code))

    def _score_changed(self, score: Any) -> None:
        self.score_panel.set_score(score)
        self.model.set_score(score)

    def _findings_changed(self) -> None:
        snapshot = self.controller.snapshot
        self.findings.set_rows(snapshot.findings, snapshot.locked)
        self.model.set_findings(snapshot.items_with_findings())

    def _status_changed(self) -> None:
        locked = self.controller.locked
        self.header.refresh_status()
        self.complete_button.setVisible(not locked)
        snapshot = self.controller.snapshot
        hint = locking.locked_hint(snapshot.status, snapshot.workspace_role)  # never a disabled action
        can_reopen = locking.can_reopen(snapshot.status)
        self.reopen_button.setVisible(can_reopen)  # shown only where it can be used; the hint says what can
        self.reopen_button.setEnabled(can_reopen)
        self.reopen_button.setToolTip("" if can_reopen else hint)
        self.next_button.setEnabled(not locked)
        self.keys_hint.setText(hint if locked else self.tr("1–4 结果　J/K 上下　N 下一未查　Enter 备注　Esc 返回列表"))
        self.keys_hint.setStyleSheet(f"color: {'#b71c1c' if locked else '#78909c'};")
        self.findings.set_rows(self.controller.snapshot.findings, locked)
        code = self.tree.current_code()
        self._current_item_changed(code)
        self.titleChanged.emit(self.title())

    def _reloaded(self) -> None:
        self.undo_stack.clear()
        code = self.tree.current_code()
        self._show_all()
        if code:
            self.tree.select_code(code)

    def _saved(self, inspection_id: int) -> None:
        if not self.controller.pending:
            self.save_state.setText(self.tr("已保存 {0}").format(QDateTime.currentDateTime().toString("HH:mm:ss")))
        self.changed.emit(inspection_id)

    def _pending_changed(self, pending: int) -> None:
        if pending:
            self.save_state.setText(self.tr("正在保存…"))

    def _failed(self, message: str) -> None:
        text = self.tr("保存失败：{0}\n已重新载入数据库中的内容，请检查最近的修改。").format(message)
        self.banner.setText(text)
        self.banner.show()
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("保存失败"), text, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _back_to_tree(self) -> None:
        self.flush()
        self.tree.setFocus()

    def hideEvent(self, event: Any) -> None:
        self.flush()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the tab saves pending typing; the writes already queued finish on their own."""
        self.flush()
        event.accept()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and not self._retranslating and hasattr(self, "_body"):
            self._retranslating = True  # several translators may change at once: rebuild once
            QTimer.singleShot(0, self, self._retranslate)
        super().changeEvent(event)

    def _retranslate(self) -> None:
        """Rebuild the widgets in the new language; the controller, undo history and data stay."""
        self._retranslating = False
        if self._source[2].stopped:  # its window closed and its workers are gone: nothing to show again
            return
        self.flush()
        focused = QApplication.focusWidget()
        code, state = self.tree.current_code(), self.splitter.saveState()
        had_focus = focused is not None and self.isAncestorOf(focused)
        old = self._body
        self._body = self._build_body()
        self._outer.replaceWidget(old, self._body)
        old.hide()
        old.deleteLater()
        self.splitter.restoreState(state)
        self._retranslate_actions()
        if code:
            self.tree.select_code(code)
        if had_focus:
            self.tree.setFocus()
