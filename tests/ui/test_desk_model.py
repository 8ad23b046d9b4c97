"""The desk's table model without a window: filtering on precomputed keys, combos, due dates, sorting."""

from __future__ import annotations

from datetime import date

from desk_support import demo_template, row, workspace
from PySide6.QtCore import Qt

from inspector_app.services.queries.desk import desk_row, desk_rows, enterprise_detail
from inspector_app.storage.engine import Workspace
from inspector_app.ui.models.inspection_table import (
    COL_ENTERPRISE,
    COL_SCORE,
    COL_STATUS,
    DUE_OVERDUE,
    DUE_WEEK,
    ENTERPRISE_ID_ROLE,
    ROW_ID_ROLE,
    InspectionTableModel,
    RowFilter,
)

TODAY = date(2026, 11, 20)

__all__ = ["demo_template", "workspace"]  # the shared fixtures, imported for pytest


def sample_model() -> InspectionTableModel:
    model = InspectionTableModel(today=TODAY)
    model.set_rows([
        row(1, enterprise="常州恒达机械有限公司", district="武进区", status="assigned", score=None, grade="",
            outcome="", due_date="2026-11-10"),
        row(2, enterprise="溧阳华盛纺织有限公司", uscc="91320481XYZ0000002", district="溧阳市", cert_grade="二级",
            score=91.5, due_date="2026-11-25"),
        row(3, enterprise="新北金诚化工有限公司", district="新北区", status="accepted", score=62.0,
            due_date="2026-11-01"),
        row(None, enterprise_id=4, enterprise="天宁东方药业有限公司", district="天宁区", status="", score=None,
            grade="", outcome="", due_date=None, template="", answered=None, item_count=None),
    ])
    return model


def names(model: InspectionTableModel) -> list[str]:
    return [model.data(model.index(r, COL_ENTERPRISE)) for r in range(model.rowCount())]


def test_text_filter_matches_name_uscc_and_district_case_insensitively() -> None:
    model = sample_model()
    model.set_text_filter("华盛")
    assert names(model) == ["溧阳华盛纺织有限公司"]
    model.set_text_filter("xyz")  # USCC, typed in lower case
    assert names(model) == ["溧阳华盛纺织有限公司"]
    model.set_text_filter("新北区")
    assert names(model) == ["新北金诚化工有限公司"]
    model.set_text_filter("有限")
    assert model.rowCount() == 4
    model.set_text_filter("有限公司x")  # narrowing reuses the visible rows
    assert model.rowCount() == 0
    model.set_text_filter("")
    assert model.rowCount() == 4 and model.total_count() == 4


def test_combo_filters_district_grade_status_and_unscheduled() -> None:
    model = sample_model()
    model.set_filter(RowFilter(district="溧阳市"))
    assert names(model) == ["溧阳华盛纺织有限公司"]
    model.set_filter(RowFilter(cert_grade="三级"))
    assert model.rowCount() == 3
    model.set_filter(RowFilter(status="accepted"))
    assert names(model) == ["新北金诚化工有限公司"]
    model.set_filter(RowFilter(status=""))  # enterprises without an inspection
    assert names(model) == ["天宁东方药业有限公司"]
    model.set_filter(RowFilter(text="恒达", status="accepted"))
    assert model.rowCount() == 0


def test_due_filters_ignore_finished_inspections() -> None:
    model = sample_model()
    model.set_filter(RowFilter(due=DUE_OVERDUE))
    assert names(model) == ["常州恒达机械有限公司"]  # no. 3 is overdue by date but accepted
    model.set_filter(RowFilter(due=DUE_WEEK))
    assert names(model) == ["溧阳华盛纺织有限公司"]


def test_sort_by_column_keeps_blanks_last_and_filter_applies() -> None:
    model = sample_model()
    model.sort(COL_SCORE, Qt.SortOrder.AscendingOrder)
    assert [model.data(model.index(r, COL_SCORE)) for r in range(4)] == ["62.0", "91.5", "", ""]
    model.sort(COL_SCORE, Qt.SortOrder.DescendingOrder)
    assert [model.data(model.index(r, COL_SCORE)) for r in range(4)][:2] == ["91.5", "62.0"]
    model.set_text_filter("有限")
    model.sort(COL_ENTERPRISE, Qt.SortOrder.AscendingOrder)
    assert names(model) == sorted(names(model))


def test_display_roles_labels_and_colours() -> None:
    model = sample_model()
    index = model.index(0, COL_STATUS)
    assert model.data(index) == "已分配"
    assert model.data(index, ROW_ID_ROLE) == 1 and model.data(index, ENTERPRISE_ID_ROLE) == 1
    assert model.data(index, Qt.ItemDataRole.ForegroundRole) is not None
    unscheduled = model.index(3, COL_STATUS)
    assert model.data(unscheduled) == "未安排检查" and model.data(unscheduled, ROW_ID_ROLE) is None
    assert model.headerData(COL_ENTERPRISE, Qt.Orientation.Horizontal) == "企业名称"


def test_update_row_replaces_in_place() -> None:
    model = sample_model()
    model.update_row(row(2, enterprise="溧阳华盛纺织有限公司", score=55.0, status="completed"))
    model.set_text_filter("华盛")
    assert model.data(model.index(0, COL_SCORE)) == "55.0"
    assert model.data(model.index(0, COL_STATUS)) == "已完成锁定"
    assert model.total_count() == 4


def test_rows_and_detail_from_a_demo_workspace(workspace: Workspace) -> None:
    rows = desk_rows(workspace)
    with workspace.sessions() as session:
        inspections = session.connection().exec_driver_sql("SELECT COUNT(*) FROM inspections").scalar()
        enterprises = session.connection().exec_driver_sql("SELECT COUNT(*) FROM enterprises").scalar()
        unscheduled = enterprises - session.connection().exec_driver_sql(
            "SELECT COUNT(DISTINCT enterprise_id) FROM inspections").scalar()
        assert len(rows) == inspections + unscheduled
        first = next(r for r in rows if r["id"] is not None)
    assert desk_row(workspace, first["id"]) == first
    detail = enterprise_detail(workspace, first["enterprise_id"])
    assert detail is not None and detail["uscc"] == first["uscc"]
    assert first["id"] in [h["id"] for h in detail["history"]]
    model = InspectionTableModel()
    model.set_rows(rows)
    model.set_text_filter(first["uscc"].lower())
    assert model.rowCount() >= 1
