"""Statistics per review organisation and reviewer on a small register built in the test, and the
review-quality check attached to the organisation it is about (issue 13 items 2 and 3)."""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO

import pytest
from registers_helpers import certified, org, reviewer
from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.domain.errors import ValidationError
from inspector_app.services import audit
from inspector_app.services.ops import inspections as inspection_ops
from inspector_app.services.queries.conflicts import conflicts_for_inspection
from inspector_app.services.queries.org_stats import (
    ORG_STATS_KEYS,
    REVIEWER_STATS_KEYS,
    org_stats,
    review_quality_rows,
    reviewer_stats,
    write_stats_xlsx,
)
from inspector_app.services.templates import sync_shipped_templates
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models import Enterprise, Inspection, TemplateRecord

pytestmark = pytest.mark.both_engines

PAIR = [("陈示范", "苏应急执法32040001"), ("吴敏", "苏应急执法32040002")]


def _inspection(s: Session, enterprise: Enterprise, template_id: str, status: str, outcome: str = "",
                score: float | None = None, assigned: str = "2020-03-01", review_org_id: int | None = None) -> None:
    template = s.scalars(select(TemplateRecord).where(TemplateRecord.template_id == template_id)).one()
    s.add(Inspection(enterprise_id=enterprise.id, template_pk=template.pk, status=status, outcome=outcome,
                     score=score, assigned_at=datetime.fromisoformat(assigned + " 09:00"),
                     review_org_id=review_org_id))
    s.flush()


def _register(ws: Workspace) -> dict[str, int]:
    """R1 reviewed E1–E3, R2 reviewed E4, R3 nothing; A on E1, E2; B (no specialities) on E3, E4."""
    with ws.sessions.begin() as s:
        sync_shipped_templates(s)
        r1 = org(s, "常州示范安全评审中心", legal_rep="王明")
        r2 = org(s, "常州样例评审事务所", legal_rep="郑华")
        r3 = org(s, "常州空白评审中心")
        consultant = org(s, "常州示例安全咨询有限公司", "consulting", legal_rep="王明")  # related to R1
        clean = org(s, "常州样例管理咨询有限公司", "consulting", legal_rep="周平")
        a = reviewer(s, "陈一鸣", "PS-001", org_id=r1.id)
        b = reviewer(s, "林二", "PS-002", specialities="", org_id=r2.id)
        e1, _ = certified(s, "常州甲化工有限公司", r1, consultant, [a], score=90, on=date(2019, 5, 1))
        e2, _ = certified(s, "常州乙化工有限公司", r1, clean, [a], score=85, on=date(2019, 8, 1))
        e3, _ = certified(s, "常州丙化工有限公司", r1, clean, [b], score=None, on=date(2019, 6, 1))
        e4, _ = certified(s, "常州丁化工有限公司", r2, clean, [b], score=80, on=date(2019, 7, 1))
        _inspection(s, e1, "lookback-2020", "completed", "建议摘牌", 50, assigned="2020-02-01")  # older
        _inspection(s, e1, "lookback-2020", "accepted", "维持", 80, assigned="2020-03-01")
        _inspection(s, e2, "lookback-2020", "received", "建议摘牌", 55, assigned="2020-03-02")
        _inspection(s, e2, "lookback-2020", "assigned", assigned="2020-04-01")  # newer, not done: not counted
        _inspection(s, e3, "operation-audit-2020", "exported", "限期整改", 70)
        _inspection(s, e4, "lookback-2020", "in_progress", score=40)
        return {"r1": r1.id, "r2": r2.id, "r3": r3.id, "consultant": consultant.id, "a": a.id, "b": b.id,
                "e1": e1.id, "e2": e2.id, "e3": e3.id, "e4": e4.id}


def test_statistics_per_review_organisation(workspace: Workspace) -> None:
    ids = _register(workspace)
    with workspace.sessions.begin() as s:  # R1's latest completed review-quality check
        e1 = s.get(Enterprise, ids["e1"])
        assert e1 is not None
        _inspection(s, e1, "review-quality-2020", "completed", "合格", assigned="2020-02-10", review_org_id=ids["r1"])
        _inspection(s, e1, "review-quality-2020", "accepted", "建议通报批评", assigned="2020-03-10",
                    review_org_id=ids["r1"])
    rows = {r["org"]: r for r in org_stats(workspace)}
    assert sorted(rows) == sorted(["常州空白评审中心", "常州样例评审事务所", "常州示范安全评审中心"])  # no consultancy
    r1 = rows["常州示范安全评审中心"]
    assert set(r1) == set(ORG_STATS_KEYS)
    assert {k: r1[k] for k in ("certified", "looked_back", "maintain", "rectify", "delist")} == \
        {"certified": 3, "looked_back": 3, "maintain": 1, "rectify": 1, "delist": 1}
    assert r1["delist_share"] == pytest.approx(0.333)
    assert r1["avg_review_score"] == 87.5  # E3 has no review score
    assert r1["avg_lookback_score"] == pytest.approx(68.3)  # (80 + 55 + 70) / 3
    assert r1["score_gap"] == -20.0  # E1 80 − 90, E2 55 − 85
    assert r1["conflict_flags"] == 2  # E1: related parties; E3: B has no specialities
    assert r1["review_quality"] == "建议通报批评"
    r2 = rows["常州样例评审事务所"]
    assert (r2["certified"], r2["looked_back"], r2["delist_share"], r2["avg_lookback_score"]) == (1, 0, None, None)
    assert (r2["avg_review_score"], r2["conflict_flags"], r2["review_quality"]) == (80.0, 1, "")
    r3 = rows["常州空白评审中心"]
    assert (r3["certified"], r3["looked_back"], r3["conflict_flags"]) == (0, 0, 0)


def test_statistics_per_reviewer(workspace: Workspace) -> None:
    _register(workspace)
    rows = {r["reviewer"]: r for r in reviewer_stats(workspace)}
    assert set(rows["陈一鸣"]) == set(REVIEWER_STATS_KEYS)
    a, b = rows["陈一鸣"], rows["林二"]
    assert (a["org"], a["certified"], a["looked_back"], a["maintain"], a["delist"]) == ("常州示范安全评审中心", 2, 2, 1, 1)
    assert (a["delist_share"], a["avg_lookback_score"], a["score_gap"]) == (0.5, 67.5, -20.0)
    assert a["conflict_flags"] == 0  # the related-parties flag names no reviewer
    assert (b["certified"], b["looked_back"], b["rectify"], b["conflict_flags"]) == (2, 1, 1, 2)
    assert (b["avg_review_score"], b["score_gap"]) == (80.0, None)


def test_statistics_workbook(workspace: Workspace) -> None:
    from openpyxl import load_workbook

    _register(workspace)
    buffer = BytesIO()
    write_stats_xlsx(org_stats(workspace), False, buffer, as_of=date(2020, 6, 30))
    sheet = load_workbook(BytesIO(buffer.getvalue())).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] == "评审单位统计" and "2020-06-30" in values[1][0]
    assert values[2][:2] == ["编号", "评审单位"]
    r1 = next(row for row in values[3:] if row[1] == "常州示范安全评审中心")
    assert r1[4:9] == [3, 3, 1, 1, 1] and r1[-1] in ("", None)
    assert sheet.cell(row=r1_row(values), column=10).number_format == "0.0%"


def r1_row(values: list[list[object]]) -> int:
    return next(n for n, row in enumerate(values, 1) if row[1] == "常州示范安全评审中心")


def test_review_quality_check_is_of_the_organisation_with_a_sample(workspace: Workspace) -> None:
    ids = _register(workspace)
    first = inspection_ops.assign(workspace, None, "review-quality-2020", PAIR, "科长", review_org_id=ids["r1"])
    second = inspection_ops.assign(workspace, None, "review-quality-2020", PAIR, "科长", review_org_id=ids["r1"])
    assert first.warnings == () and second.warnings == ()
    with workspace.sessions() as s:
        one, two = s.get(Inspection, first.value), s.get(Inspection, second.value)
        assert one is not None and two is not None
        assert one.review_org_id == two.review_org_id == ids["r1"]
        # the most recently reviewed certificate first, then one not yet sampled
        assert (one.enterprise_id, two.enterprise_id) == (ids["e2"], ids["e3"])
        assert one.location == "常州示范安全评审中心" and one.rep_name == "王明"
        trail = [(e.field, e.new_value) for e in audit.trail(s, one.id)]
        assert ("review_org", "常州示范安全评审中心") in trail
    rows = review_quality_rows(workspace, ids["r1"])
    assert [r["inspection_id"] for r in rows] == [second.value, first.value]
    assert rows[0]["sample_enterprise"] == "常州丙化工有限公司" and rows[0]["conclusion"] == ""
    with workspace.sessions.begin() as s:
        done = s.get(Inspection, first.value)
        assert done is not None
        done.status, done.outcome = "completed", "建议暂停评审活动"
    assert review_quality_rows(workspace, ids["r1"])[1]["conclusion"] == "建议暂停评审活动"
    assert [r["conclusion"] for r in review_quality_rows(workspace, ids["r2"])] == []
    # the inspection shows the flags on every certificate R1 reviewed, its sample's first
    flags = conflicts_for_inspection(workspace, second.value)
    assert [f["enterprise"] for f in flags] == ["常州丙化工有限公司", "常州甲化工有限公司"]


def test_review_quality_check_refusals(workspace: Workspace) -> None:
    ids = _register(workspace)
    with pytest.raises(ValidationError, match="须指定评审单位"):
        inspection_ops.assign(workspace, ids["e1"], "review-quality-2020", PAIR, "科长")
    with pytest.raises(ValidationError, match="检查的是企业，不能指定评审单位"):
        inspection_ops.assign(workspace, ids["e1"], "lookback-2020", PAIR, "科长", review_org_id=ids["r1"])
    with pytest.raises(ValidationError, match="不是评审单位"):
        inspection_ops.assign(workspace, ids["e1"], "review-quality-2020", PAIR, "科长",
                              review_org_id=ids["consultant"])
    with pytest.raises(ValidationError, match="没有登记评审过的达标企业"):
        inspection_ops.assign(workspace, None, "review-quality-2020", PAIR, "科长", review_org_id=ids["r3"])
    with pytest.raises(ValidationError, match="不是该单位的抽查样本"):
        inspection_ops.assign(workspace, ids["e4"], "review-quality-2020", PAIR, "科长", review_org_id=ids["r1"])
    forced = inspection_ops.assign(workspace, ids["e4"], "review-quality-2020", PAIR, "科长",
                                   review_org_id=ids["r1"], override_reason="该企业由两家单位联合评审")
    assert any("不是该单位的抽查样本" in w for w in forced.warnings)
    explicit = inspection_ops.assign(workspace, ids["e1"], "review-quality-2020", PAIR, "科长",
                                     review_org_id=ids["r1"])
    assert explicit.warnings == ()
