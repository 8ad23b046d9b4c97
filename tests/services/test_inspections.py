from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from inspector_app.demo.workspace import demo_signature
from inspector_app.domain import uscc
from inspector_app.domain.errors import LifecycleError, ValidationError
from inspector_app.domain.lifecycle import FindingStatus, InspectionStatus
from inspector_app.domain.scoring import Answer
from inspector_app.services import audit, completion, findings, inspections, signatures
from inspector_app.services.enterprises import EnterpriseData, upsert
from inspector_app.services.inspection_export import inspection_document
from inspector_app.services.ops import inspections as inspection_ops
from inspector_app.services.queries.desk import desk_rows
from inspector_app.services.templates import latest_templates, sync_shipped_templates
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models import AuditEvent, Inspection

pytestmark = pytest.mark.both_engines

PAIR = [("陈示范", "苏应急执法32040001"), ("吴敏", "苏评审2019-0456")]


def _setup(ws: Workspace) -> int:
    with ws.sessions.begin() as s:
        sync_shipped_templates(s)
        template = next(t for t in latest_templates(s) if t.template_id == "lookback-2020")
        enterprise, _ = upsert(s, EnterpriseData(name="常州恒达机械制造有限公司",
                                                 uscc=uscc.make_code("9", "1", "320412", "MA1W2X3Y4"),
                                                 cert_grade="三级", district="武进区", industry="机械",
                                                 cert_expires=date.today() + timedelta(days=400)))
        inspection = inspections.assign(s, enterprise, template, PAIR, "科长", due_date=date(2026, 12, 31))
        return inspection.id


def test_answer_rescores_audits_and_starts(workspace: Workspace) -> None:
    iid = _setup(workspace)
    with workspace.sessions.begin() as s:
        insp = inspections.get(s, iid)
        assert insp.status == InspectionStatus.ASSIGNED
        template = inspections.template_for(insp)
        first = template.items[0]
        result = inspections.set_answer(s, insp, first.code, Answer("符合"), "陈示范")
        assert result.answered == 3 and insp.score == 100.0  # C.9 and C.10 are 不涉及 for 机械
        assert insp.status == InspectionStatus.IN_PROGRESS and insp.started_at is not None
        rule = first.deductions[0]
        inspections.set_answer(s, insp, first.code, Answer("部分符合", ((rule.code, 1),), note="缺记录"), "陈示范")
        assert insp.score is not None and insp.score < 100
        revision = insp.revision
    with workspace.sessions() as s:
        events = audit.trail(s, iid)
        answer_events = [e for e in events if e.entity == "answer" and e.entity_key == first.code]
        assert [e.new_value.split()[0] for e in answer_events] == ["符合", "部分符合"]
        assert answer_events[1].old_value == "符合" and answer_events[1].actor == "陈示范"
        assert s.get(Inspection, iid).revision == revision


def test_bad_answers_are_refused(workspace: Workspace) -> None:
    iid = _setup(workspace)
    with workspace.sessions.begin() as s:
        insp = inspections.get(s, iid)
        code = inspections.template_for(insp).items[0].code
        with pytest.raises(ValidationError, match="没有检查项"):
            inspections.set_answer(s, insp, "Z.99", Answer("符合"), "x")
        with pytest.raises(ValidationError, match="无效"):
            inspections.set_answer(s, insp, code, Answer("好"), "x")
        with pytest.raises(ValidationError, match="扣分规则"):
            inspections.set_answer(s, insp, code, Answer("部分符合", (("nope", 1),)), "x")
        for bad in (-1.0, float("nan"), float("inf")):  # NaN would fail the NOT NULL column, not say why
            with pytest.raises(ValidationError, match="扣分"):
                inspections.set_answer(s, insp, code, Answer("部分符合", extra_deduction=bad, extra_reason="x"), "x")
        assert sorted(a.item_code for a in insp.answers) == ["C.10", "C.9"]  # only the automatic 不涉及


def test_complete_lists_what_is_missing_then_locks_and_reopens_with_reason(workspace: Workspace) -> None:
    iid = _setup(workspace)
    with workspace.sessions.begin() as s:
        insp = inspections.get(s, iid)
        items = inspections.template_for(insp).items
        with pytest.raises(inspections.IncompleteError) as info:
            completion.complete(s, insp, "陈示范")
        assert {m.kind for m in info.value.missing} == {"unanswered", "signature"}
        assert sorted(a.item_code for a in insp.answers) == ["C.10", "C.9"]  # 危化, 烟花爆竹 only
        applicable = [i for i in items if i.code not in ("C.9", "C.10")]
        assert len([m for m in info.value.missing if m.kind == "unanswered"]) == len(applicable)
        for item in applicable:
            inspections.set_answer(s, insp, item.code, Answer("符合"), "陈示范")
        inspections.set_answer(s, insp, items[3].code, Answer("不符合"), "陈示范")
        for name, _ in PAIR:
            signatures.save_signature(s, None, insp.id, "inspector", name, demo_signature(random.Random(1)), name)
        signatures.record_refusal(s, None, insp.id, "王厂长", "对检查结论有异议", "陈示范")
        missing = completion.missing_for_completion(s, insp)
        assert [(m.kind, m.item_code) for m in missing] == [("note", items[3].code)]
        findings.add(s, insp, "陈示范", description="消防通道堆放杂物", item_code=items[3].code,
                     requirement="立即清理", deadline=date.today() + timedelta(days=7), responsible_person="张三")
        with pytest.raises(inspections.IncompleteError):  # the building block refuses what it is told
            inspections.complete(s, insp, "陈示范", [completion.Missing("header", "x")])
        completion.complete(s, insp, "陈示范")
        assert insp.status == InspectionStatus.COMPLETED and insp.completed_at is not None
        with pytest.raises(LifecycleError, match="锁定"):
            inspections.set_answer(s, insp, items[0].code, Answer("不涉及"), "陈示范")
        with pytest.raises(LifecycleError, match="理由"):
            inspections.reopen(s, insp, "  ", "陈示范")
        inspections.reopen(s, insp, "企业补充了培训记录", "陈示范")
        assert insp.status == InspectionStatus.IN_PROGRESS
    with workspace.sessions() as s:
        reasons = [e.reason for e in audit.trail(s, iid) if e.field == "status"]
        assert "企业补充了培训记录" in reasons


def _answer_all(s: object, insp: Inspection) -> None:
    for item in inspections.template_for(insp).items:
        if item.applies_to(insp.enterprise.industry) is not False:
            inspections.set_answer(s, insp, item.code, Answer("符合"), "陈示范")  # type: ignore[arg-type]


def test_finding_lifecycle_and_outcome(workspace: Workspace) -> None:
    iid = _setup(workspace)
    with workspace.sessions.begin() as s:
        insp = inspections.get(s, iid)
        _answer_all(s, insp)
        assert (insp.outcome, insp.grade) == ("维持", "")  # a look-back awards no grade (DOMAIN.md §4)
        f = findings.add(s, insp, "陈示范", description="有限空间作业无监护人", severity="重大",
                         deadline=date.today() + timedelta(days=1))
        assert insp.outcome == "限期整改"  # an open 重大隐患 blocks 维持
        inspections.rescore(s, insp, date.today() + timedelta(days=2))
        assert insp.outcome == "建议摘牌"  # a major hazard past its deadline
        with pytest.raises(LifecycleError):
            findings.set_status(s, f, FindingStatus.PASSED, "陈示范")
        findings.set_status(s, f, FindingStatus.RECTIFIED, "陈示范")
        findings.set_status(s, f, FindingStatus.PASSED, "陈示范", "复查合格")
        assert insp.outcome == "维持" and f.rechecked_at is not None
        with pytest.raises(ValidationError):
            findings.add(s, insp, "陈示范", description=" ")
        with pytest.raises(ValidationError):
            findings.add(s, insp, "陈示范", description="x", severity="严重")


def test_status_transitions_follow_lifecycle(workspace: Workspace) -> None:
    iid = _setup(workspace)
    with workspace.sessions.begin() as s:
        insp = inspections.get(s, iid)
        with pytest.raises(LifecycleError):
            inspections.set_status(s, insp, InspectionStatus.ACCEPTED, "x")
        with pytest.raises(ValidationError):
            inspections.set_inspectors(s, insp, [PAIR[0], PAIR[0]], "x")


def test_inspection_document_is_json_ready(workspace: Workspace) -> None:
    import json

    iid = _setup(workspace)
    with workspace.sessions.begin() as s:
        insp = inspections.get(s, iid)
        inspections.set_answer(s, insp, inspections.template_for(insp).items[0].code, Answer("符合"), "陈示范")
    with workspace.sessions() as s:
        doc = inspection_document(s, iid)
        assert s.scalar(select(Inspection.uid).where(Inspection.id == iid)) == doc["uid"]
    text = json.dumps(doc, ensure_ascii=False)
    assert "常州恒达机械制造有限公司" in text and doc["score"]["answered"] == 3  # with C.9, C.10 不涉及
    assert (doc["conclusion"], doc["grade_held"], doc["grade_awarded"], doc["vetoes"]) == ("维持", "三级", None, [])
    assert doc["conclusion_reasons"] and all(r["source"] for r in doc["conclusion_reasons"])
    assert [p["cert_number"] for p in doc["inspectors"]] == [c for _, c in PAIR]


def test_an_end_before_the_start_stops_completion(workspace: Workspace) -> None:
    """检查时间 “X 至 Y” must not run backwards on a locked, signed record: an end time before the start
    (typed, or the automatic end “now” before a start typed in the future) is listed as missing."""
    iid = _setup(workspace)
    with workspace.sessions.begin() as s:
        insp = inspections.get(s, iid)
        start = datetime.now().replace(microsecond=0) + timedelta(hours=2)
        inspections.update_header(s, insp, "陈示范", started_at=start, ended_at=start - timedelta(hours=1))
        kinds = [(m.kind, m.message) for m in completion.missing_for_completion(s, insp)]
        assert any(kind == "header" and "结束时间" in message for kind, message in kinds), kinds
        inspections.update_header(s, insp, "陈示范", ended_at=None)  # complete() would end it "now"
        kinds = [(m.kind, m.message) for m in completion.missing_for_completion(s, insp)]
        assert any(kind == "header" and "结束时间" in message for kind, message in kinds), kinds
        inspections.update_header(s, insp, "陈示范", started_at=start - timedelta(hours=3))
        assert not [m for m in completion.missing_for_completion(s, insp) if "结束时间" in m.message]


def test_renaming_an_inspector_by_certificate_is_audited_on_their_inspections(workspace: Workspace) -> None:
    """The same certificate number under another name renames the person on every inspection that lists
    them – locked ones included – so each of those inspections records the change."""
    iid = _setup(workspace)
    with workspace.sessions.begin() as s:
        first = inspections.get(s, iid)
        other = inspections.assign(s, first.enterprise, first.template, [("韩示例", PAIR[0][1]), PAIR[1]], "科长")
        assert first.inspectors[0].name == "韩示例"
        events = [(e.field, e.old_value, e.new_value, e.actor) for e in audit.trail(s, iid)
                  if e.entity == "inspector"]
        assert events == [("name", "陈示范", "韩示例", "科长")]
        assert not [e for e in audit.trail(s, other.id) if e.entity == "inspector"]  # named so from the start


def test_never_not_applicable_items_are_refused(workspace: Workspace) -> None:
    """DOMAIN.md §4: the self-assessment (E.1), truthfulness (A.5) and hazard investigation (C.5) are
    never 不涉及; an item of another industry is never anything else; 符合 takes no deduction."""
    iid = _setup(workspace)
    with workspace.sessions.begin() as s:
        insp = inspections.get(s, iid)
        for code in ("E.1", "A.5", "C.5", "C.8"):
            with pytest.raises(ValidationError, match="不能判为不涉及"):
                inspections.set_answer(s, insp, code, Answer("不涉及"), "陈示范")
        with pytest.raises(ValidationError, match="只适用于危险化学品"):
            inspections.set_answer(s, insp, "C.9", Answer("符合"), "陈示范")
        with pytest.raises(ValidationError, match="不能扣分"):
            inspections.set_answer(s, insp, "A.5", Answer("符合", (("A.5-1", 1),)), "陈示范")
        inspections.set_answer(s, insp, "B.7", Answer("不涉及"), "陈示范")  # no dangerous work: allowed


def test_a_veto_clause_under_partial_and_the_cached_columns(workspace: Workspace) -> None:
    """Issue 11: 伪造材料 (A.5-1) under 部分符合 is a veto → 建议摘牌; no grade is cached."""
    iid = _setup(workspace)
    with workspace.sessions.begin() as s:
        insp = inspections.get(s, iid)
        _answer_all(s, insp)
        result = inspections.set_answer(s, insp, "A.5", Answer("部分符合", (("A.5-1", 1),), note="自评报告代签"),
                                        "陈示范")
        assert [v.code for v in result.vetoes] == ["A.5-1"]
        assert (insp.outcome, insp.grade) == ("建议摘牌", "")


def test_completion_refuses_a_major_hazard_item_out_of_step_with_the_findings(workspace: Workspace) -> None:
    """C.8 cannot fail without a 重大 finding, nor pass with one open (issue 11, item 2)."""
    iid = _setup(workspace)
    with workspace.sessions.begin() as s:
        insp = inspections.get(s, iid)
        _answer_all(s, insp)
        inspections.set_answer(s, insp, "C.8", Answer("不符合", (("C.8-1", 1),), note="粉尘涉爆未设泄爆"), "陈示范")
        major = [m for m in completion.missing_for_completion(s, insp) if m.kind == "major"]
        assert [m.item_code for m in major] == ["C.8"] and "登记隐患" in major[0].message
        findings.add(s, insp, "陈示范", description="粉尘涉爆区域除尘系统未设置泄爆装置", severity="重大",
                     item_code="C.8", deadline=date.today() + timedelta(days=30))
        assert not [m for m in completion.missing_for_completion(s, insp) if m.kind == "major"]
        assert insp.outcome == "限期整改"
        inspections.set_answer(s, insp, "C.8", Answer("符合"), "陈示范")
        major = [m for m in completion.missing_for_completion(s, insp) if m.kind == "major"]
        assert [m.item_code for m in major] == ["C.8"] and "C.8-1" in major[0].message


def test_assigning_a_template_that_does_not_fit_is_refused_or_overridden(workspace: Workspace) -> None:
    """DOMAIN.md §10: the 工贸 audit checklist does not fit a 医药 enterprise; the look-back is for
    二级/三级 (苏应急电〔2020〕3号 第二条); an override is audited; an expired certificate is a warning."""
    with workspace.sessions.begin() as s:
        sync_shipped_templates(s)
        chem, _ = upsert(s, EnterpriseData(name="常州示范药业有限公司", uscc=uscc.make_code("9", "1", "320412", "MA1W2X3Y6"),
                                           cert_grade="三级", industry="医药",
                                           cert_expires=date.today() - timedelta(days=3)))
        small, _ = upsert(s, EnterpriseData(name="常州示范小微有限公司", uscc=uscc.make_code("9", "1", "320412", "MA1W2X3Y7"),
                                            cert_grade="小微", industry="机械"))
        s.flush()
        chem_id, small_id = chem.id, small.id
    with pytest.raises(ValidationError, match="不适用于医药行业"):
        inspection_ops.assign(workspace, chem_id, "operation-audit-2020", PAIR, "科长")
    with pytest.raises(ValidationError, match="适用于二级、三级企业"):
        inspection_ops.assign(workspace, small_id, "lookback-2020", PAIR, "科长")
    done = inspection_ops.assign(workspace, chem_id, "lookback-2020", PAIR, "科长")
    assert any("已过期" in w for w in done.warnings)
    with workspace.sessions() as s:
        codes = sorted(a.item_code for a in inspections.get(s, done.value).answers)
        assert codes == ["A.6", "C.10", "C.8"]  # 财企〔2012〕16号 does not list 医药; the 工贸, 烟花爆竹 standards
    forced = inspection_ops.assign(workspace, small_id, "lookback-2020", PAIR, "科长",
                                   override_reason="市局要求对该小微企业一并回头看")
    assert any("已说明理由" in w for w in forced.warnings)
    with workspace.sessions() as s:
        override = [e for e in audit.trail(s, forced.value) if e.field == "template_fit"]
        assert override and override[0].reason == "市局要求对该小微企业一并回头看" and override[0].actor == "科长"


def test_the_desk_flags_a_certificate_expired_on_the_inspection_date(workspace: Workspace) -> None:
    iid = _setup(workspace)
    with workspace.sessions.begin() as s:
        insp = inspections.get(s, iid)
        insp.enterprise.cert_expires = date.today() - timedelta(days=10)
        inspections.update_header(s, insp, "陈示范", started_at=datetime.now() - timedelta(days=20))
    rows = {r["id"]: r for r in desk_rows(workspace)}
    assert rows[iid]["cert_expired"] is False  # valid on the day it was inspected
    with workspace.sessions.begin() as s:
        inspections.update_header(s, inspections.get(s, iid), "陈示范", started_at=datetime.now())
    assert {r["id"]: r for r in desk_rows(workspace)}[iid]["cert_expired"] is True
    # Not started yet: the day it is planned for (its due date) decides, not today.
    with workspace.sessions.begin() as s:
        insp = inspections.get(s, iid)
        insp.started_at = None
        insp.due_date = date.today() - timedelta(days=30)
    assert {r["id"]: r for r in desk_rows(workspace)}[iid]["cert_expired"] is False
    with workspace.sessions.begin() as s:
        inspections.get(s, iid).due_date = None
    assert {r["id"]: r for r in desk_rows(workspace)}[iid]["cert_expired"] is True


def test_assignment_needs_two_enforcement_officers_and_experts_do_not_count(workspace: Workspace) -> None:
    """DOMAIN.md §2/§6: enforcement documents are signed by at least two 执法证 holders; a 评审专家 may
    assess and sign the score sheet but is not one of them – so assignment refuses a team without two."""
    iid = _setup(workspace)
    with workspace.sessions.begin() as s:
        first = inspections.get(s, iid)
        enterprise, template = first.enterprise, first.template
        with pytest.raises(ValidationError, match=r"至少两名行政执法人员.*现有 1 名.*专家甲 是评审专家"), \
                s.begin_nested():
            inspections.assign(s, enterprise, template, [PAIR[0], ("专家甲", "苏评审2019-0999", "expert")], "科长")
        with pytest.raises(ValidationError, match="角色"), s.begin_nested():
            inspections.assign(s, enterprise, template, [*PAIR, ("某人", "X-1", "boss")], "科长")
        team = inspections.assign(s, enterprise, template,
                                  [*PAIR, ("专家甲", "苏评审2019-0999", "expert")], "科长")
        assert [p.role for p in team.inspectors] == ["officer", "officer", "expert"]
    with workspace.sessions.begin() as s:
        # An explicit role given later changes the person, audited on each inspection that lists them.
        inspections.assign(s, enterprise, template, [PAIR[0], ("专家甲", "苏评审2019-0999", "officer"),
                                                     PAIR[1]], "科长")
        events = list(s.scalars(select(AuditEvent).where(AuditEvent.inspection_id == team.id,
                                                         AuditEvent.field == "role")))
        assert [(e.old_value, e.new_value) for e in events] == [("评审专家", "行政执法人员")]
