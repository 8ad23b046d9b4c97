"""Clear states (issue 17, item 4): nothing graded before the first answer, one score format, a
confirmation before locking and before accepting, hints that name only what can be done, list filters
that follow a row's change."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from desk_support import demo_template, settings, window, workspace
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_editor_support import ACTOR, make_workspace, sign_everything

from inspector_app.domain.lifecycle import ACCEPTABLE, RETURNABLE, InspectionStatus
from inspector_app.domain.scoring import Answer
from inspector_app.services import inspections
from inspector_app.services.changes import ChangeKind, Changes
from inspector_app.services.ops import inspections as inspection_ops
from inspector_app.services.ops import review
from inspector_app.services.sync import identity
from inspector_app.storage.engine import Workspace
from inspector_app.ui.confirm_dialog import ConfirmDialog
from inspector_app.ui.editor import InspectionEditor
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.models.inspection_table import COL_OUTCOME, COL_SCORE, InspectionTableModel, RowFilter
from inspector_app.ui.models.read_order import ReadOrder
from inspector_app.ui.tasks import InlineTaskRunner

__all__ = ["demo_template", "settings", "window", "workspace"]


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[tuple[Workspace, int]]:
    ws, inspection_id = make_workspace(tmp_path / "fresh")
    yield ws, inspection_id
    ws.close()


def _editor(qtbot: QtBot, ws: Workspace, inspection_id: int) -> InspectionEditor:
    editor = InspectionEditor(ws, inspection_id, InlineTaskRunner(), ACTOR)
    qtbot.addWidget(editor)
    editor.resize(1366, 768)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)  # the shortcuts (Ctrl+Enter) need the window active
    editor.tree.setFocus()
    return editor


def _answer_all(ws: Workspace, inspection_id: int, result: Callable[[str], Answer] = lambda _c: Answer("符合")) -> None:
    with ws.sessions() as session:
        insp = inspections.get(session, inspection_id)
        industry = insp.enterprise.industry or None
        codes = [i.code for i in inspections.template_for(insp).items if i.applies_to(industry) is not False]
    inspection_ops.set_answers(ws, inspection_id, [(code, result(code)) for code in codes], ACTOR)


# -- nothing graded before the first answer --------------------------------------------------------
def test_a_fresh_inspection_shows_no_score_and_no_conclusion(qtbot: QtBot, fresh: tuple[Workspace, int]) -> None:
    editor = _editor(qtbot, *fresh)
    panel = editor.score_panel
    assert panel.score.text() == "—" and panel.outcome.text() == "结论：尚未作答"
    shown = " ".join(w.text() for w in (panel.score, panel.grade, panel.outcome, panel.reasons))
    assert "不达标" not in shown and "维持" not in shown and "尚未作答" in panel.reasons.text()
    qtbot.keyClick(editor.tree, Qt.Key.Key_1)  # the first answer: 符合
    assert panel.score.text().startswith("100.0") and "维持" in panel.outcome.text()


def test_the_desk_list_shows_not_yet_and_one_decimal() -> None:
    model = InspectionTableModel()
    base = {"enterprise_id": 1, "enterprise": "甲", "uscc": "", "district": "", "cert_grade": "三级",
            "answered": 0, "item_count": 37, "grade": "", "due_date": "", "template": "回头看"}
    model.set_rows([base | {"id": 1, "status": "assigned", "score": None, "outcome": ""},
                    base | {"id": 2, "status": "completed", "score": 96.0, "outcome": "维持"},
                    base | {"id": None, "enterprise_id": 3, "status": "", "score": None, "outcome": ""}])
    texts = {model.index(r, 0).data(Qt.ItemDataRole.UserRole + 1): (model.index(r, COL_SCORE).data(),
                                                                    model.index(r, COL_OUTCOME).data())
             for r in range(model.rowCount())}
    assert texts == {1: ("", "尚未作答"), 2: ("96.0", "维持"), None: ("", "")}


# -- the confirmation before locking -------------------------------------------------------------
def test_locking_asks_with_score_conclusion_open_points_and_signers(qtbot: QtBot, fresh: tuple[Workspace, int]) -> None:
    ws, inspection_id = fresh
    with ws.sessions() as session:  # an open hazard: it goes into the order, it does not block locking
        insp = inspections.get(session, inspection_id)
        item = next(i for i in inspections.template_for(insp).items if i.applies_to("机械") is not False)
    _answer_all(ws, inspection_id, lambda c: Answer("不符合", note="未分解到班组") if c == item.code else Answer("符合"))
    inspection_ops.add_finding(ws, inspection_id, ACTOR, item_code=item.code, severity="一般",
                               description="安全目标未分解到班组", requirement="分解到班组")
    sign_everything(ws, inspection_id)
    editor = _editor(qtbot, ws, inspection_id)
    qtbot.keyClick(editor.tree, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    dialog = editor.confirm_dialog
    assert isinstance(dialog, ConfirmDialog) and dialog.isVisible() and dialog.confirm_button.isEnabled()
    score = editor.controller.score
    assert dialog.score.text().startswith(f"{score.score:.1f}（")  # one decimal, as everywhere
    texts = dialog.texts()
    assert score.conclusion_label in texts and "限期整改" in texts  # the failed item is to be rectified
    assert "待整改隐患 1 项" in texts and "安全目标未分解到班组" in texts and "检查项均已作答" in texts
    assert "陈示范：" in texts and "已签名" in texts and "拒绝签名（已记录）" in texts
    assert "“重新打开…”" in dialog.note.text()  # the way back is open after locking
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc: nothing happens
    assert not dialog.isVisible() and not editor.controller.locked
    assert inspections_status(ws, inspection_id) == "in_progress"
    editor.complete_and_lock()  # the button's way
    dialog = editor.confirm_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter confirms
    assert editor.controller.locked and inspections_status(ws, inspection_id) == "completed"


def test_locking_a_fresh_inspection_lists_what_blocks_it(qtbot: QtBot, fresh: tuple[Workspace, int]) -> None:
    editor = _editor(qtbot, *fresh)
    editor.complete_and_lock()
    dialog = editor.confirm_dialog
    assert dialog is not None and not dialog.confirm_button.isEnabled()
    texts = dialog.texts()
    assert "尚未作答" in texts and "尚未检查 35 项：A.1、A.2" in texts and "未签名" in texts and "还有" in texts
    assert "维持" not in texts and "不达标" not in texts
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter: 逐项处理…
    assert editor.missing_dialog is not None and editor.missing_dialog.isVisible()
    assert not editor.controller.locked


def inspections_status(ws: Workspace, inspection_id: int) -> str:
    with ws.sessions() as session:
        return str(inspections.get(session, inspection_id).status)


# -- the confirmation before accepting -------------------------------------------------------------
def _received(win: MainWindow, ws: Workspace) -> dict[str, Any]:
    target = next(r for r in win.model.rows() if r["id"] is not None and r["score"] is not None)
    with ws.engine.begin() as con:
        con.exec_driver_sql("UPDATE inspections SET status = 'received' WHERE id = ?", (target["id"],))
    win.reload()
    return next(r for r in win.model.rows() if r["id"] == target["id"])


def test_accept_on_the_desk_asks_first(window: MainWindow, workspace: Workspace, qtbot: QtBot) -> None:
    row = _received(window, workspace)
    assert window.select_row(row["id"]) and window.sync is not None
    window.sync.accept.trigger()
    dialog = window.sync.dialog
    assert isinstance(dialog, ConfirmDialog) and dialog.isVisible() and dialog.confirm_button.isEnabled()
    texts = dialog.texts()
    assert f"{row['score']:.1f}" in dialog.score.text() and row["outcome"] in texts
    assert f"验收人 {window.settings.actor}" in texts and "行政执法人员" in texts
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert inspections_status(workspace, row["id"]) == "received"
    window.sync.accept.trigger()
    qtbot.keyClick(window.sync.dialog, Qt.Key.Key_Return)
    assert inspections_status(workspace, row["id"]) == "accepted"


# -- hints never point to a disabled action -------------------------------------------------------
ACTIONS = {"重新打开": "reopen", "验收": "accept", "退回修改": "return"}  # as a hint names them: “验收…”


def _named(hint: str) -> set[str]:
    """The actions a hint tells the person to use (named in quotes, as buttons and menus are)."""
    quoted = re.findall("“([^”]*)”", hint)
    return {action for word, action in ACTIONS.items() if any(word in q for q in quoted)}


@pytest.mark.parametrize("role", ["inspector", "office"])
def test_no_hint_names_an_action_that_is_disabled(qtbot: QtBot, fresh: tuple[Workspace, int], role: str) -> None:
    """Walk every status of the lifecycle as the inspector's laptop and as an office would hold it."""
    ws, inspection_id = fresh
    with ws.sessions.begin() as session:
        identity.set_role(session, role, ACTOR)
    for status in InspectionStatus:
        with ws.engine.begin() as con:
            con.exec_driver_sql("UPDATE inspections SET status = ? WHERE id = ?", (status.value, inspection_id))
        editor = _editor(qtbot, ws, inspection_id)
        hint = editor.keys_hint.text()
        enabled = {"reopen": editor.reopen_button.isVisible() and editor.reopen_button.isEnabled(),
                   # the desk's 检查 menu and the review queue (an office's) offer these for the status
                   "accept": role == "office" and status in ACCEPTABLE,
                   "return": role == "office" and status in RETURNABLE}
        named = _named(hint)
        assert all(enabled[a] for a in named), (role, status, hint)
        if status.locked:
            assert "只读" in hint and (named or role == "inspector"), (role, status, hint)
            if not editor.reopen_button.isEnabled():
                assert editor.reopen_button.toolTip() == hint
        editor.close()


def test_an_accepted_inspection_at_the_office_can_be_returned_from_the_desk(window: MainWindow,
                                                                           workspace: Workspace) -> None:
    row = _received(window, workspace)
    review.accept(workspace, row["id"], "科长")
    window.reload()
    assert window.select_row(row["id"]) and window.sync is not None
    assert window.sync.return_.isEnabled() and not window.sync.accept.isEnabled()  # what the hint names


# -- list filters follow a row's change -----------------------------------------------------------
def test_read_order_keeps_the_newest_read_of_a_row() -> None:
    order = ReadOrder()
    first, second = order.start(), order.start()
    assert order.fresh(second, [{"id": 7, "status": "completed"}]) == [{"id": 7, "status": "completed"}]
    assert order.fresh(first, [{"id": 7, "status": "in_progress"}]) == []  # older, finished later
    whole = order.start()
    later = order.start()
    assert order.fresh(later, [{"id": 8}]) == [{"id": 8}]
    assert order.list_read(whole) == (True, frozenset({8}))  # shown, then row 8 is read again
    assert order.list_read(first) == (False, frozenset())


class DeferredRunner(InlineTaskRunner):
    """Writes run at once; reads (once ``deferring``) read at once but are delivered when the test says,
    in the order it chooses – as a pool of workers may finish them."""

    def __init__(self) -> None:
        super().__init__()
        self.waiting: list[tuple[str, Callable[[], None]]] = []
        self.deferring = False

    def run(self, work: Any, on_done: Any = None, on_error: Any = None, *args: Any, **kwargs: Any) -> Any:
        if not self.deferring:
            return super().run(work, on_done, on_error, *args, **kwargs)
        value = work(lambda *_: None, None)
        self.waiting.append((work.__qualname__, lambda: on_done(value) if on_done is not None else None))
        return None


def test_a_status_filter_drops_a_row_even_when_reads_finish_out_of_order(qtbot: QtBot, workspace: Workspace,
                                                                        settings: Any) -> None:
    runner = DeferredRunner()
    win = MainWindow(runner, settings)
    qtbot.addWidget(win)
    win.set_workspace(workspace)
    win.show()
    win.reload()
    win.apply_filter(RowFilter(status="in_progress"))
    target = win.model.rows()[0]
    assert win.select_row(target["id"]) and win.model.rowCount() >= 2
    shown = win.model.rowCount()
    runner.deferring = True
    touched = Changes.of(ChangeKind.STATUS, inspections=[target["id"]], enterprises=[target["enterprise_id"]])
    runner.announce(touched)  # an edit: the row is read while it is still 检查中 …
    with workspace.engine.begin() as con:
        con.exec_driver_sql("UPDATE inspections SET status = 'completed' WHERE id = ?", (target["id"],))
    runner.announce(touched)  # … then locked, and read again
    older, newer = (deliver for name, deliver in runner.waiting if "_refresh_rows" in name)
    newer()  # the read after the lock finishes first …
    older()  # … the read from before it last: it must not bring 检查中 back into the filtered list
    assert target["id"] not in [r["id"] for r in win.model.rows()] and win.model.rowCount() == shown - 1
    current = win.current_row()
    assert current is not None and current["status"] == "in_progress"  # the neighbour, not nothing
    runner.deferring = False


def test_the_review_queue_moves_the_selection_to_the_next_row(window: MainWindow, workspace: Workspace) -> None:
    rows = [r for r in window.model.rows() if r["id"] is not None and r["score"] is not None][:3]
    with workspace.engine.begin() as con:
        for row in rows:
            con.exec_driver_sql("UPDATE inspections SET status = 'received' WHERE id = ?", (row["id"],))
    window.apply_filter(RowFilter(status="received"))
    window.reload()
    assert window.model.rowCount() == len(rows) >= 2
    first = window.model.rows()[0]
    assert window.select_row(first["id"])
    window.runner.write(lambda _p, _c: review.accept(workspace, first["id"], "科长"))
    assert [r["status"] for r in window.model.rows()] == ["received"] * (len(rows) - 1)
    current = window.current_row()
    assert current is not None and current["id"] == window.model.rows()[0]["id"]
