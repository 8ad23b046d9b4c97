"""The documents from the database: the number register (consecutive per authority, kind and year,
issued once), who signs (two 行政执法人员; experts sign the score sheet only), the plausibility rules
(deadlines after the inspection, signatures not before it, a re-check after it by two officers), the
printed reason (the clause or the note, never the result repeated), and the legal basis by the date of
the inspection in the database."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sheet_helpers import pdftotext
from sqlalchemy import select

from inspector_app.demo.workspace import build_demo
from inspector_app.domain.errors import ValidationError
from inspector_app.domain.lifecycle import FindingStatus
from inspector_app.domain.scoring import Answer
from inspector_app.reports import ReportError
from inspector_app.services import completion, findings, inspections, signatures, workspace_meta
from inspector_app.services.ops import sheets as sheet_ops
from inspector_app.services.queries import sheets as sheet_queries
from inspector_app.services.sheets import build_sheet_data, issue_number
from inspector_app.storage.engine import Workspace, open_workspace
from inspector_app.storage.models import EXPERT, AuditEvent, Inspection
from inspector_app.storage.models_sheets import IssuedNumber, PrintedSheet

pytestmark = pytest.mark.usefixtures("cjk_font")


@pytest.fixture(scope="module")
def demo_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ws") / "demo"
    ws = open_workspace(root)
    with ws.sessions.begin() as session:
        build_demo(session, enterprises=40)
    ws.close()
    return root


@pytest.fixture
def ws(demo_root: Path, tmp_path: Path) -> Iterator[Workspace]:
    root = tmp_path / "ws"
    shutil.copytree(demo_root, root)
    workspace = open_workspace(root)
    yield workspace
    workspace.close()


def _started(ws: Workspace, count: int) -> list[int]:
    with ws.sessions() as s:
        rows = s.scalars(select(Inspection).where(Inspection.started_at.is_not(None)).order_by(Inspection.id)).all()
        assert len(rows) >= count
        return [r.id for r in rows[:count]]


def test_numbers_are_issued_once_and_in_sequence_per_authority_kind_and_year(ws: Workspace) -> None:
    a, b, c, d = _started(ws, 4)
    with ws.sessions.begin() as s:
        for iid, year in ((a, 2020), (b, 2020), (c, 2020), (d, 2021)):
            inspection = inspections.get(s, iid)
            assert inspection.started_at is not None
            inspection.started_at = inspection.started_at.replace(year=year)
    first = sheet_ops.issue_number(ws, a, "record", "陈示范").value
    second = sheet_ops.issue_number(ws, b, "record", "陈示范").value
    assert (first, second) == ("（常）应急检记〔2020〕1号", "（常）应急检记〔2020〕2号")
    assert sheet_ops.issue_number(ws, a, "record", "林演示").value == first  # once: the same number again
    assert sheet_ops.issue_number(ws, d, "record", "陈示范").value == "（常）应急检记〔2021〕1号"  # a new year
    assert sheet_ops.issue_number(ws, a, "scoresheet", "陈示范").value == ""  # an internal sheet has none
    with ws.sessions.begin() as s:  # another authority (the district's prefix): its own sequence
        workspace_meta.set_value(s, "authority_short", "常武")
    assert sheet_ops.issue_number(ws, c, "record", "陈示范").value == "（常武）应急检记〔2020〕1号"
    with ws.sessions() as s:
        rows = s.scalars(select(IssuedNumber).order_by(IssuedNumber.id)).all()
        assert [(r.authority, r.kind, r.year, r.serial) for r in rows] == [
            ("常", "record", 2020, 1), ("常", "record", 2020, 2), ("常", "record", 2021, 1), ("常武", "record", 2020, 1)]
        events = s.scalars(select(AuditEvent).where(AuditEvent.entity == "sheet", AuditEvent.field == "number")).all()
        assert len(events) == 4 and {e.actor for e in events} == {"陈示范"}
        data = build_sheet_data(s, a, with_images=False)
        assert data.doc_number("record").format("record") == first and not data.doc_number("order").serial


def test_a_number_issued_on_another_device_is_read_from_the_audit_trail(ws: Workspace) -> None:
    a, b = _started(ws, 2)
    with ws.sessions.begin() as s:  # as an imported trail brings it: no row in this workspace's register
        inspection = inspections.get(s, a)
        assert inspection.started_at is not None
        year = inspection.started_at.year
        s.add(AuditEvent(inspection_id=a, entity="sheet", entity_key="record", field="number",
                         new_value=f"（常）应急检记〔{year}〕7号", actor="陈示范"))
        inspections.get(s, b).started_at = inspection.started_at
    with ws.sessions() as s:
        assert build_sheet_data(s, a, with_images=False).doc_number("record").serial == "7"
    assert sheet_ops.issue_number(ws, a, "record", "陈示范").value == f"（常）应急检记〔{year}〕7号"
    assert sheet_ops.issue_number(ws, b, "record", "陈示范").value == f"（常）应急检记〔{year}〕8号"  # not 7 again


def test_printing_issues_the_number_and_a_refused_document_issues_none(ws: Workspace, tmp_path: Path) -> None:
    with ws.sessions.begin() as s:
        rows = s.scalars(select(Inspection).where(Inspection.status == "in_progress")).all()
        inspection = next(r for r in rows if not any(f.deadline for f in r.findings))
        iid = inspection.id
    with pytest.raises(ReportError, match="责令限期整改指令书须列明限期整改的问题"):
        sheet_ops.print_sheet(ws, iid, "order", tmp_path / "order.pdf", "陈示范")
    with pytest.raises(ReportError, match="现场处理措施决定书"):
        sheet_ops.print_sheet(ws, iid, "measures", tmp_path / "measures.pdf", "陈示范")
    assert not (tmp_path / "order.pdf").exists()
    with ws.sessions() as s:
        assert not s.scalars(select(IssuedNumber)).all() and not s.scalars(select(PrintedSheet)).all()
    printed = sheet_ops.print_sheet(ws, iid, "record", tmp_path / "record.pdf", "陈示范").value
    assert printed.number.startswith("（常）应急检记〔") and printed.number in "".join(pdftotext(printed.path).split())
    again = sheet_ops.print_sheet(ws, iid, "record", tmp_path / "again.pdf", "陈示范").value
    assert again.number == printed.number and again.code == printed.code


def test_two_enforcement_officers_sign_and_experts_sign_the_score_sheet(ws: Workspace) -> None:
    iid = _started(ws, 1)[0]
    with ws.sessions.begin() as s:
        inspection = inspections.get(s, iid)
        inspection.status = "in_progress"
        officer = next(p for p in inspection.inspectors if p.role == "officer")
        inspections.set_inspectors(s, inspection, [(officer.name, officer.cert_number), ("郑专家", "苏评审2019-0918")],
                                   "科长")
        problems = [m.message for m in completion.missing_for_completion(s, inspection)]
        assert any("至少两名行政执法人员" in m and "郑专家 是评审专家" in m for m in problems)
        assert any("评审专家 郑专家 尚未在评分表上签名" in m for m in problems)
    changes = sheet_ops.set_role(ws, "苏评审2019-0918", "officer", "科长")  # e.g. the expert also holds a 执法证
    assert changes.touches_inspection(iid)
    with ws.sessions.begin() as s:
        inspection = inspections.get(s, iid)
        assert not any("至少两名行政执法人员" in m.message for m in completion.missing_for_completion(s, inspection))
        trail = s.scalars(select(AuditEvent).where(AuditEvent.inspection_id == iid, AuditEvent.field == "role")).all()
        assert [(e.old_value, e.new_value) for e in trail] == [("评审专家", "行政执法人员")]
        signatures.set_role(s, "苏评审2019-0918", EXPERT, "科长")
    with pytest.raises(ValidationError):
        sheet_ops.set_role(ws, "苏评审2019-0918", "chief", "科长")
    assert {p.role for p in sheet_queries.people(ws)} == {"officer", "expert"}
    assert all(p.role == "officer" for p in sheet_queries.people(ws, "officer"))


def test_deadlines_signatures_and_rechecks_must_be_plausible(ws: Workspace) -> None:
    iid = _started(ws, 1)[0]
    with ws.sessions.begin() as s:
        inspection = inspections.get(s, iid)
        if inspection.status != "in_progress":
            inspection.status = "in_progress"
        start = inspection.started_at
        assert start is not None
        for bad in (start.date(), start.date() - timedelta(days=3)):
            with pytest.raises(ValidationError, match="须晚于检查日期"):
                findings.add(s, inspection, "陈示范", description="配电箱未上锁", deadline=bad)
        with pytest.raises(ValidationError, match="只用于重大事故隐患"):
            findings.add(s, inspection, "陈示范", description="配电箱未上锁", measures="suspend")
        with pytest.raises(ValidationError, match="现场处理措施"):
            findings.add(s, inspection, "陈示范", description="有限空间", severity="重大", measures="shout")
        finding = findings.add(s, inspection, "陈示范", description="配电箱未上锁", deadline=start.date() + timedelta(1))
        with pytest.raises(ValidationError, match="须晚于检查日期"):
            findings.update(s, finding, "陈示范", deadline=start.date())
        findings.update(s, finding, "陈示范", requirement="立即加锁")  # the text alone: not refused
        with pytest.raises(ValidationError, match="早于检查开始时间"):
            signatures.save_signature(s, None, iid, "enterprise_rep", "孙虚构", [[[0, 0], [20, 10]]], "陈示范",
                                      signed_at=start - timedelta(hours=1))
        findings.set_status(s, finding, FindingStatus.RECTIFIED, "陈示范")
        with pytest.raises(ValidationError, match="早于检查开始时间"):
            findings.set_status(s, finding, FindingStatus.PASSED, "陈示范", at=start - timedelta(days=1))
        officers = [("陈示范", "苏应急执法32040001"), ("林演示", "苏应急执法32040017")]
        with pytest.raises(ValidationError, match="早于检查"):
            findings.set_recheck(s, inspection, start - timedelta(days=1), officers, "陈示范")
        with pytest.raises(ValidationError, match="复查须由行政执法人员进行"):
            findings.set_recheck(s, inspection, start + timedelta(days=9),
                                 [officers[0], ("郑专家", "苏评审2019-0918")], "陈示范")
        with pytest.raises(ValidationError, match="两名不同的行政执法人员"):
            findings.set_recheck(s, inspection, start + timedelta(days=9), [officers[0], officers[0]], "陈示范")
        findings.set_recheck(s, inspection, start + timedelta(days=9), officers, "陈示范")
    state = sheet_queries.recheck(ws, iid)
    assert [p.name for p in state.officers] == ["陈示范", "林演示"] and state.rechecked_at is not None


def test_the_printed_reason_is_the_clause_or_the_note_never_the_result(ws: Workspace) -> None:
    iid = _started(ws, 1)[0]
    with ws.sessions.begin() as s:
        inspection = inspections.get(s, iid)
        inspection.status = "in_progress"
        template = inspections.template_for(inspection)
        industry = inspection.enterprise.industry
        items = [i for i in template.items if getattr(i, "applies_to", lambda _x: True)(industry) is not False
                 and not getattr(i, "major_hazard", False)]
        plain, clause = items[0], next(i for i in items[1:] if any(not getattr(r, "veto", None) for r in i.deductions))
        rule = next(r for r in clause.deductions if not getattr(r, "veto", None))
        inspections.set_answer(s, inspection, plain.code, Answer("不符合", note="现场未能提供台账"), "陈示范")
        inspections.set_answer(s, inspection, clause.code, Answer("部分符合", ((rule.code, 1),)), "陈示范")
        data = build_sheet_data(s, iid, with_images=False)
    reasons = {i.code: i.reasons for e in data.elements for i in e.items}
    assert reasons[plain.code] == ("说明：现场未能提供台账",)
    assert reasons[clause.code] == (rule.text,)
    assert not any(r.startswith(("不符合", "部分符合")) for rs in reasons.values() for r in rs)


def test_the_legal_basis_follows_the_inspection_date_in_the_database(ws: Workspace, tmp_path: Path) -> None:
    iid = _started(ws, 1)[0]
    with ws.sessions.begin() as s:
        workspace_meta.set_value(s, "authority_name", "常州市武进区应急管理局")
        inspection = inspections.get(s, iid)
        inspection.status = "in_progress"
        inspection.started_at = datetime(2022, 5, 10, 9, 0)
        inspection.ended_at = datetime(2022, 5, 10, 11, 0)
        for finding in list(inspection.findings):
            inspection.findings.remove(finding)
        findings.add(s, inspection, "陈示范", description="消防通道堆放杂物", deadline=date(2022, 5, 20))
    printed = sheet_ops.print_sheet(ws, iid, "order", tmp_path / "order.pdf", "陈示范").value
    text = "".join(pdftotext(printed.path).split())
    assert "（常）应急责改〔2022〕1号" in text
    assert "依据《中华人民共和国安全生产法》（2021年修正）第六十五条第一款第（二）项、第（三）项的规定" in text
    assert "向常州市武进区人民政府或者" in text  # the 本级人民政府 of the authority, before 2024
    with ws.sessions() as s:
        assert issue_number(s, iid, "order") is not None
