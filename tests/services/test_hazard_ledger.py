"""The hazard ledger (隐患台账, issue 13 item 7) on a small built set: overdue by the as-of date (deadline
passed, status 待整改 or 复查不合格 – the rule of services.outcome_refresh and the bureau's workbook), the
closure rate (复查合格 ÷ found), the order (overdue 重大 first), the filters, a district office seeing only
its area (its own district and the roll-ups from under its path), and the workbook (golden: sheet names,
headings, frozen rows, a total, a formula kept as text)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from progress_helpers import DONE, enterprise, finding, inspection, office
from sqlalchemy.orm import Session

from inspector_app.domain.errors import ValidationError
from inspector_app.services.queries import workbook as bureau_workbook
from inspector_app.services.queries.hazards import (
    OVERDUE_STATES,
    ROW_COLUMNS,
    ROW_HEADINGS,
    SUMMARY_COLUMNS,
    SUMMARY_HEADINGS,
    HazardFilter,
    export_xlsx,
    ledger,
)
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models import AuditEvent, Finding

pytestmark = pytest.mark.both_engines

WUJIN = "江苏省常州市武进区"
FORMULA = "=HYPERLINK(\"http://example.invalid\",\"点此\")"


def build(s: Session) -> dict[str, int]:
    """武进区: A (own) with 重大 待整改, 一般 已整改待复查, 一般 复查合格; C (a roll-up from 武进区) with 一般
    待整改. 新北区: B with 重大 复查不合格 and 一般 待整改 without a deadline. Ids by name."""
    a = inspection(s, enterprise(s, "常州市甲机械有限公司"), DONE)
    b = inspection(s, enterprise(s, "常州市乙化工有限公司", district="新北区"), DONE)
    c = inspection(s, enterprise(s, "常州市丙五金有限公司", origin=WUJIN), DONE, origin=WUJIN)
    ids = {
        "a_major": finding(s, a, severity="重大", deadline=date(2020, 3, 10)).id,
        "a_waiting": finding(s, a, deadline=date(2020, 3, 10), status="已整改待复查").id,
        "a_passed": finding(s, a, deadline=date(2020, 3, 8), passed="2020-03-07").id,
        "c_open": finding(s, c, deadline=date(2020, 3, 1)).id,
        "b_failed": finding(s, b, severity="重大", deadline=date(2020, 3, 5), status="复查不合格").id,
        "b_undated": finding(s, b, deadline=None).id,
    }
    return ids


@pytest.fixture
def city(workspace: Workspace) -> tuple[Workspace, dict[str, int]]:
    office(workspace, "city", "常州市")
    with workspace.sessions.begin() as s:
        ids = build(s)
    return workspace, ids


def test_the_overdue_rule_follows_the_as_of_date(city: tuple[Workspace, dict[str, int]]) -> None:
    ws, ids = city
    found = ledger(ws, as_of=date(2020, 3, 11))
    late = {r.finding_id: r.days_overdue for r in found.rows}
    assert late == {ids["a_major"]: 1, ids["a_waiting"]: None, ids["a_passed"]: None, ids["c_open"]: 10,
                    ids["b_failed"]: 6, ids["b_undated"]: None}
    on_the_day = ledger(ws, as_of=date(2020, 3, 10))
    assert {r.finding_id: r.days_overdue for r in on_the_day.rows}[ids["a_major"]] is None, "the deadline itself"
    assert OVERDUE_STATES == bureau_workbook.OVERDUE_STATES


def test_a_past_day_reads_the_statuses_of_that_day(city: tuple[Workspace, dict[str, int]]) -> None:
    """As the progress report: a finding's status on a past day is its newest status row before the day
    ended (none yet: 待整改); one re-checked only later was still open; one found later is not listed."""
    ws, ids = city
    with ws.sessions.begin() as s:
        waiting = s.get(Finding, ids["a_waiting"])
        assert waiting is not None
        s.add(AuditEvent(inspection_id=waiting.inspection_id, entity="finding", entity_key=waiting.uid, field="status",
                         old_value="待整改", new_value="已整改待复查", actor="王明", at=datetime(2020, 3, 12, 9)))
    past = {r.finding_id: r for r in ledger(ws, as_of=date(2020, 3, 11), today=date(2020, 12, 1)).rows}
    assert (past[ids["a_waiting"]].status, past[ids["a_waiting"]].days_overdue) == ("待整改", 1)
    today = {r.finding_id: r for r in ledger(ws, as_of=date(2020, 3, 11), today=date(2020, 3, 11)).rows}
    assert (today[ids["a_waiting"]].status, today[ids["a_waiting"]].days_overdue) == ("已整改待复查", None)
    before_recheck = ledger(ws, as_of=date(2020, 3, 6), today=date(2020, 12, 1))
    row = next(r for r in before_recheck.rows if r.finding_id == ids["a_passed"])
    assert (row.status, row.rechecked_at) == ("待整改", None)
    assert before_recheck.total()["rectified"] == 0
    assert ledger(ws, as_of=date(2020, 2, 28)).rows == [], "found on 2020-03-01"


def test_summary_and_closure_rate(city: tuple[Workspace, dict[str, int]]) -> None:
    ws, _ids = city
    found = ledger(ws, as_of=date(2020, 3, 11))
    assert found.jurisdiction == "江苏省常州市"
    by_area = {r["area"]: r for r in found.summary}
    assert list(by_area)[:2] == ["武进区", "新北区"], "overdue 重大 first, then the campaign's order"
    assert list(by_area)[-1] == "合计" and "溧阳市" in by_area
    wujin, xinbei, total = by_area["武进区"], by_area["新北区"], by_area["合计"]
    assert {k: wujin[k] for k in ("found", "found_major", "rectified", "open", "overdue", "overdue_major",
                                  "overdue_general", "closure_pct")} == {
        "found": 4, "found_major": 1, "rectified": 1, "open": 3, "overdue": 2, "overdue_major": 1,
        "overdue_general": 1, "closure_pct": 25.0}
    assert (xinbei["found"], xinbei["rectified"], xinbei["overdue_major"], xinbei["closure_pct"]) == (2, 0, 1, 0.0)
    assert (total["found"], total["rectified"], total["overdue"], total["closure_pct"]) == (6, 1, 3, 16.7)
    assert by_area["溧阳市"]["found"] == 0 and by_area["溧阳市"]["closure_pct"] is None
    assert all(tuple(r) == SUMMARY_COLUMNS for r in found.summary)


def test_order_overdue_major_first(city: tuple[Workspace, dict[str, int]]) -> None:
    ws, ids = city
    found = ledger(ws, as_of=date(2020, 3, 11))
    assert [r.finding_id for r in found.rows] == [ids["b_failed"], ids["a_major"], ids["c_open"], ids["a_passed"],
                                                  ids["a_waiting"], ids["b_undated"]]
    first = found.rows[0]
    assert (first.enterprise, first.district, first.severity, first.status) == ("常州市乙化工有限公司", "新北区", "重大",
                                                                                "复查不合格")
    assert found.rows[3].rechecked_at is not None and found.rows[3].status == "复查合格"


def test_filters_leave_the_summary_whole(city: tuple[Workspace, dict[str, int]]) -> None:
    ws, ids = city
    on = date(2020, 3, 11)
    overdue_major = ledger(ws, HazardFilter(severity="重大", overdue=True), on)
    assert [r.finding_id for r in overdue_major.rows] == [ids["b_failed"], ids["a_major"]]
    assert overdue_major.total()["found"] == 6
    assert [r.finding_id for r in ledger(ws, HazardFilter(district="新北区"), on).rows] == [ids["b_failed"],
                                                                                          ids["b_undated"]]
    assert [r.finding_id for r in ledger(ws, HazardFilter(status="已整改待复查"), on).rows] == [ids["a_waiting"]]
    with pytest.raises(ValidationError, match="某某区"):
        ledger(ws, HazardFilter(district="某某区"), on)
    with pytest.raises(ValidationError, match="整改状态"):
        ledger(ws, HazardFilter(status="已关闭"), on)


def test_a_district_office_sees_only_its_area(workspace: Workspace) -> None:
    office(workspace, "district", "常州市武进区")
    with workspace.sessions.begin() as s:
        ids = build(s)
    found = ledger(workspace, as_of=date(2020, 3, 11))
    assert {r.finding_id for r in found.rows} == {ids["a_major"], ids["a_waiting"], ids["a_passed"], ids["c_open"]}
    assert [r["area"] for r in found.summary] == ["武进区", "合计"]
    assert found.total()["found"] == 4 and found.districts == ("武进区",)
    with pytest.raises(ValidationError):
        ledger(workspace, HazardFilter(district="新北区"))


def test_the_workbook(city: tuple[Workspace, dict[str, int]], tmp_path: Path) -> None:
    ws, ids = city
    with ws.sessions.begin() as s:
        row = s.get(Finding, ids["b_undated"])
        assert row is not None
        row.description = FORMULA
    target = tmp_path / "隐患台账.xlsx"
    result = export_xlsx(ws, target, as_of=date(2020, 3, 11))
    assert result.rows == 6 and result.path == target
    book = load_workbook(target)
    assert book.sheetnames == ["汇总", "隐患台账"]
    summary, rows = book["汇总"], book["隐患台账"]
    assert summary.freeze_panes == "A2" and rows.freeze_panes == "A2"
    assert [c.value for c in summary[1]] == [SUMMARY_HEADINGS[k] for k in SUMMARY_COLUMNS]
    assert [c.value for c in rows[1]] == [ROW_HEADINGS[k] for k in ROW_COLUMNS]
    assert summary[1][0].font.bold
    totals = next(r for r in summary.iter_rows(values_only=True) if r[0] == "合计")
    assert totals[:4] == ("合计", 1 + 1, 1, 6) and totals[-1] == 16.7
    notes = {r[0]: r[1] for r in summary.iter_rows(values_only=True) if r[0] in ("辖区", "筛选")}
    assert notes == {"辖区": "江苏省常州市", "筛选": "全部"}
    assert rows.max_row == 7 and rows["A2"].value == ids["b_failed"] and rows["P2"].value == 6
    cell = next(r[10] for r in rows.iter_rows(min_row=2) if r[0].value == ids["b_undated"])
    assert cell.value == FORMULA and cell.data_type == "s" and cell.quotePrefix
