"""The desk keeps itself current from the runner's ``changed`` broadcast: an operation run anywhere
(here straight through the runner, as a menu action, the CLI-shaped op or another screen would) updates
the list row and the detail pane without anybody calling ``reload()`` or ``refresh_inspection()``."""

from __future__ import annotations

from typing import Any

from desk_support import demo_template, settings, window, workspace

from inspector_app.domain.scoring import Answer
from inspector_app.services.changes import ChangeKind, Changes
from inspector_app.services.ops import inspections as inspection_ops
from inspector_app.services.ops import review
from inspector_app.storage.engine import Workspace
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.models.inspection_table import RowFilter

__all__ = ["demo_template", "settings", "window", "workspace"]


def _row(win: MainWindow, inspection_id: int) -> dict[str, Any]:
    return next(r for r in win.model.rows() if r["id"] == inspection_id)


def _received(win: MainWindow, workspace: Workspace, count: int = 1) -> list[dict[str, Any]]:
    """Some inspections as they arrive at the office (已接收), set up directly in the database."""
    targets = [r for r in win.model.rows() if r["id"] is not None][:count]
    with workspace.engine.begin() as con:
        for target in targets:
            con.exec_driver_sql("UPDATE inspections SET status = 'received' WHERE id = ?", (target["id"],))
    win.reload()
    return [_row(win, t["id"]) for t in targets]


def _reloads(win: MainWindow) -> list[int]:
    """Counts calls of the window's full reload (an operation on one row must not need one)."""
    calls: list[int] = []
    original = win.reload

    def counting(*args: Any, **kwargs: Any) -> None:
        calls.append(1)
        original(*args, **kwargs)

    win.reload = counting  # type: ignore[method-assign]
    return calls


def test_a_return_updates_the_row_and_the_detail_pane(window: MainWindow, workspace: Workspace) -> None:
    target, = _received(window, workspace)
    assert window.select_row(target["id"])
    reloads = _reloads(window)
    window.runner.write(lambda _p, _c: review.return_for_correction(workspace, target["id"], "审核员甲",
                                                                    "B2 证据不足，请补充现场照片"))
    assert _row(window, target["id"])["status"] == "returned"
    entry = next(h for h in window.detail.detail["history"] if h["id"] == target["id"])  # type: ignore[index]
    assert entry["status"] == "returned" and entry["reviewer_comment"] == "B2 证据不足，请补充现场照片"
    assert reloads == []  # one row reread, not the whole list


def test_a_row_that_leaves_the_status_filter_leaves_the_list(window: MainWindow, workspace: Workspace) -> None:
    _received(window, workspace, 3)
    window.apply_filter(RowFilter(status="received"))
    shown = window.model.rowCount()
    assert shown == 3
    target = window.model.rows()[0]
    window.runner.write(lambda _p, _c: review.return_for_correction(workspace, target["id"], "审核员甲", "请补充"))
    assert window.model.rowCount() == shown - 1
    assert target["id"] not in [r["id"] for r in window.model.rows()]
    window.apply_filter(RowFilter(status="returned"))
    assert target["id"] in [r["id"] for r in window.model.rows()]


def test_a_new_assignment_replaces_the_not_yet_scheduled_row(window: MainWindow, workspace: Workspace) -> None:
    # the look-back is for 二级/三级 enterprises: assignment refuses a 小微 one (domain.fit)
    free = next(r for r in window.model.rows() if r["id"] is None and r["cert_grade"] in ("二级", "三级"))
    total = window.model.total_count()
    result: list[Any] = []
    window.runner.write(lambda _p, _c: inspection_ops.assign(
        workspace, free["enterprise_id"], "lookback-2020", [("检查员甲", "JC-0001"), ("检查员乙", "JC-0002")],
        "科长丙"), result.append)
    new_id = result[0].value
    rows = [r for r in window.model.rows() if r["enterprise_id"] == free["enterprise_id"]]
    assert [r["id"] for r in rows] == [new_id] and rows[0]["status"] == "assigned"
    assert window.model.total_count() == total  # replaced, not added


def test_a_bulk_change_rereads_the_whole_list(window: MainWindow) -> None:
    reloads = _reloads(window)
    window.runner.announce(Changes.bulk(ChangeKind.ENTERPRISES))
    assert reloads == [1]


def test_changes_of_other_kinds_leave_the_list_alone(window: MainWindow) -> None:
    reloads = _reloads(window)
    window.runner.announce(Changes.of(ChangeKind.KEYS))
    assert reloads == []


def test_one_operation_refreshes_the_desk_row_and_an_open_editor(window: MainWindow, workspace: Workspace) -> None:
    """The issue's acceptance case: an operation that was not started by the editor (here straight
    through the runner, as a bundle import or the CLI-shaped op would be) reaches the list row and the
    open editor of that inspection, and nobody calls reload()."""
    target = next(r for r in window.model.rows() if r["status"] in ("assigned", "in_progress")
                  and (r["answered"] or 0) < (r["item_count"] or 0))
    window.open_inspection(target["id"], target["enterprise"])
    editor = window.tabs.currentWidget()
    controller = editor.controller  # type: ignore[attr-defined]
    code = next(item.code for item in controller.snapshot.template.items if controller.answer(item.code) is None)
    reloads = _reloads(window)
    answer = Answer("符合")
    window.runner.write(lambda _p, _c: inspection_ops.set_answer(workspace, target["id"], code, answer, "检查员乙"))
    assert _row(window, target["id"])["answered"] == (target["answered"] or 0) + 1
    assert controller.answer(code) == answer  # the editor reread its snapshot
    assert reloads == []
