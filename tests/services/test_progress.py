"""The progress figures (issue 12 item 4), table-driven: each case sets up records with a controlled
history, then checks figures of the 合计 row of a kind as of a date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pg_support
import pytest
from progress_helpers import DONE, WUJIN, at, enterprise, finding, inspection, office
from sqlalchemy.orm import Session

from inspector_app.services.queries.progress import FIGURES, PROGRESS_COLUMNS, TOTAL, progress_report
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models import AuditEvent

pytestmark = pytest.mark.both_engines

Setup = Callable[[Session], None]


def two_inspections(s: Session) -> None:
    ent = enterprise(s, "常州市甲机械有限公司")
    inspection(s, ent, [*DONE, ("2020-02-25", "accepted")], outcome="维持")
    inspection(s, ent, [("2020-03-10", "assigned")])


def returned(s: Session) -> None:
    ent = enterprise(s, "常州市乙机械有限公司")
    inspection(s, ent, [*DONE, ("2020-03-01", "returned")], outcome="限期整改")


def accepted_late(s: Session) -> None:
    ent = enterprise(s, "常州市丙机械有限公司")
    inspection(s, ent, [*DONE, ("2020-03-20", "accepted")], outcome="限期整改")


def hazards(s: Session) -> None:
    ent = enterprise(s, "常州市丁机械有限公司")
    insp = inspection(s, ent, DONE, outcome="限期整改")
    finding(s, insp, severity="一般", created="2020-02-10", deadline=date(2020, 3, 10), passed="2020-03-20")
    finding(s, insp, severity="重大", created="2020-02-10", deadline=date(2020, 3, 10))
    finding(s, insp, severity="一般", created="2020-03-22", deadline=date(2020, 4, 30))


def hazards_reported_rectified(s: Session) -> None:
    """services.outcome_refresh's rule: 已整改待复查 is not overdue, 复查不合格 is (status rows dated)."""
    ent = enterprise(s, "常州市庚机械有限公司")
    insp = inspection(s, ent, DONE, outcome="限期整改")
    for severity, rows in (("一般", [("2020-03-05", "待整改", "已整改待复查")]),
                           ("重大", [("2020-03-05", "待整改", "已整改待复查"), ("2020-03-12", "已整改待复查", "复查不合格")])):
        row = finding(s, insp, severity=severity, created="2020-02-10", deadline=date(2020, 3, 10),
                      status=rows[-1][2])
        for when, old, new in rows:
            s.add(AuditEvent(inspection_id=insp.id, entity="finding", entity_key=row.uid, field="status",
                             old_value=old, new_value=new, actor="t", at=at(when)))


def scope(s: Session) -> None:
    enterprise(s, "三级有效", expires=date(2022, 1, 1))
    enterprise(s, "三级无期限", expires=None)
    enterprise(s, "三级活动后到期", expires=date(2020, 2, 1))
    enterprise(s, "三级活动前到期", expires=date(2019, 12, 31))
    enterprise(s, "二级企业", grade="二级")
    enterprise(s, "别的辖区", district="新北区")


def no_trail(s: Session) -> None:
    """An inspection without status rows (an older roll-up): its current status counts from assignment."""
    ent = enterprise(s, "常州市戊机械有限公司")
    inspection(s, ent, [("2020-02-01", "assigned"), ("2020-02-20", "accepted")], outcome="建议摘牌",
               audit_rows=False)


def review_quality(s: Session) -> None:
    org = enterprise(s, "江苏某安全评审中心", grade="", industry="")
    inspection(s, org, DONE, kind="review_quality", outcome="建议通报批评")
    ent = enterprise(s, "常州市己机械有限公司")
    inspection(s, ent, [("2020-02-01", "assigned")], kind="audit", started="2020-02-03 10:00")


CASES: list[tuple[str, Setup, str, date, dict[str, Any]]] = [
    ("an enterprise with two inspections counts once, by its latest", two_inspections, "lookback",
     date(2020, 3, 15), {"assigned": 1, "visited": 0, "completed": 0, "accepted": 0, "maintain": 0}),
    ("before the second inspection the first one counts", two_inspections, "lookback",
     date(2020, 3, 1), {"assigned": 1, "visited": 1, "completed": 1, "accepted": 1, "maintain": 1}),
    ("returned is not completed", returned, "lookback", date(2020, 3, 5),
     {"assigned": 1, "visited": 1, "completed": 0, "returned": 1, "rectify": 0}),
    ("returned: completed before it was returned", returned, "lookback", date(2020, 2, 25),
     {"completed": 1, "returned": 0, "rectify": 1}),
    ("as of before the acceptance: not accepted", accepted_late, "lookback", date(2020, 3, 15),
     {"completed": 1, "accepted": 0, "rectify": 1}),
    ("as of after the acceptance: accepted", accepted_late, "lookback", date(2020, 3, 25),
     {"completed": 1, "accepted": 1}),
    ("as of before the assignment: nothing", accepted_late, "lookback", date(2020, 1, 31),
     {"assigned": 0, "completed": 0, "in_scope": 1}),
    ("hazards before the deadline: none overdue", hazards, "lookback", date(2020, 3, 5),
     {"hazards_general": 1, "hazards_major": 1, "overdue_general": 0, "overdue_major": 0}),
    ("hazards past the deadline, not yet re-checked: overdue", hazards, "lookback", date(2020, 3, 15),
     {"hazards_general": 1, "hazards_major": 1, "rectified_general": 0, "overdue_general": 1, "overdue_major": 1}),
    ("a hazard re-checked 合格 is rectified and no longer overdue; a later one is counted", hazards, "lookback",
     date(2020, 3, 25), {"hazards_general": 2, "rectified_general": 1, "overdue_general": 0, "overdue_major": 1,
                         "rectified_major": 0}),
    ("reported rectified is not overdue, failed re-check is", hazards_reported_rectified, "lookback",
     date(2020, 3, 15), {"hazards_general": 1, "hazards_major": 1, "overdue_general": 0, "overdue_major": 1,
                         "rectified_major": 0}),
    ("before the failed re-check the major one was reported rectified", hazards_reported_rectified, "lookback",
     date(2020, 3, 11), {"overdue_general": 0, "overdue_major": 0}),
    ("scope: grade, certificate valid on the campaign's date, own district", scope, "lookback", date(2020, 3, 1),
     {"in_scope": 3, "certs_expired": 1}),
    ("scope: expiry counts only once the day has passed", scope, "lookback", date(2020, 1, 31),
     {"in_scope": 3, "certs_expired": 0}),
    ("an inspection without status rows counts with its current status", no_trail, "lookback", date(2020, 3, 1),
     {"assigned": 1, "completed": 1, "accepted": 1, "delist": 1}),
    ("review quality has its own conclusions", review_quality, "review_quality", date(2020, 3, 1),
     {"completed": 1, "criticised": 1, "qualified": 0, "maintain": None, "rectify": None}),
    ("an audit started on site counts as visited", review_quality, "audit", date(2020, 3, 1),
     {"assigned": 1, "visited": 1, "completed": 0, "qualified": None}),
]


@pytest.mark.parametrize(("setup", "kind", "as_of", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_figures(workspace: Workspace, setup: Setup, kind: str, as_of: date, expected: dict[str, Any]) -> None:
    office(workspace, "district", "常州市武进区")
    with workspace.sessions.begin() as s:
        setup(s)
    report = progress_report(workspace, as_of=as_of)
    assert report.jurisdiction == WUJIN and report.as_of == as_of
    rows = report.rows_of(kind)
    assert [r["area"] for r in rows] == ["武进区", TOTAL]
    assert rows[0] == {**rows[1], "area": "武进区", "area_path": WUJIN}
    total = report.total(kind)
    assert {k: total[k] for k in expected} == expected
    assert all(tuple(r) == PROGRESS_COLUMNS for r in report.rows)


def test_today_reads_current_statuses_and_matches_the_trail(workspace: Workspace) -> None:
    office(workspace, "district", "常州市武进区")
    with workspace.sessions.begin() as s:
        accepted_late(s)
        returned(s)
    today = progress_report(workspace).total("lookback")
    from_trail = progress_report(workspace, as_of=date(2025, 1, 1)).total("lookback")
    assert today == from_trail
    assert (today["completed"], today["accepted"], today["returned"]) == (1, 1, 1)


def _records(s: Session, origin: str = "") -> None:
    """The same district's records, own (origin "") or as a roll-up at the city (origin = its path)."""
    for n, history in enumerate([DONE, [*DONE, ("2020-02-25", "accepted")], [("2020-02-01", "assigned")]]):
        ent = enterprise(s, f"常州市武进{n}号企业", origin=origin)
        insp = inspection(s, ent, history, outcome="维持", origin=origin)
        finding(s, insp, severity="重大" if n else "一般", deadline=date(2020, 2, 28))
    enterprise(s, "另一家企业", origin=origin)


def test_a_city_adds_up_its_districts_from_the_same_records(tmp_path: Any) -> None:
    from inspector_app.storage.engine import open_workspace

    district, city = open_workspace(pg_support.prepare(tmp_path / "district")), open_workspace(pg_support.prepare(tmp_path / "city"))
    try:
        office(district, "district", "常州市武进区")
        office(city, "city", "常州市")
        with district.sessions.begin() as s:
            _records(s)
            enterprise(s, "填错辖区的企业", district="天宁区")  # not the district office's
        with city.sessions.begin() as s:
            _records(s, origin=WUJIN)
            ent = enterprise(s, "天宁区本级记录", district="天宁区")
            inspection(s, ent, DONE, outcome="建议摘牌")
            enterprise(s, "未填辖区", district="")
        as_of = date(2020, 3, 1)
        mine = progress_report(district, as_of=as_of)
        theirs = progress_report(city, as_of=as_of)
        for kind in mine.kinds:
            rows = {r["area"]: r for r in theirs.rows_of(kind)}
            assert list(rows)[:7] == ["溧阳市", "金坛区", "武进区", "新北区", "天宁区", "钟楼区", "常州经开区"]
            assert {c: rows["武进区"][c] for c in FIGURES} == {c: mine.total(kind)[c] for c in FIGURES}
            assert rows["其他（未归属辖区）"]["in_scope"] == 1
            for column in FIGURES:
                if rows[TOTAL][column] is not None:
                    assert rows[TOTAL][column] == sum(r[column] for a, r in rows.items() if a != TOTAL)
        assert theirs.total("lookback")["delist"] == 1 and mine.total("lookback")["completed"] == 2
        assert theirs.jurisdiction == "江苏省常州市"
    finally:
        district.close()
        city.close()
