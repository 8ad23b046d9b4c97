"""The read model behind the confirmations (``services.queries.confirm``): what completion checks blocks
locking, open hazards do not, and who signs."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from inspector_app.domain import uscc
from inspector_app.domain.scoring import Answer
from inspector_app.services import findings, inspections, signatures
from inspector_app.services.enterprises import EnterpriseData, upsert
from inspector_app.services.queries.confirm import before_accepting, before_locking
from inspector_app.services.templates import latest_templates, sync_shipped_templates
from inspector_app.storage.engine import Workspace

pytestmark = pytest.mark.both_engines
STROKE = [[[0.0, 0.0], [10.0, 12.0], [20.0, 4.0]]]


def _inspection(workspace: Workspace, answered: bool) -> int:
    with workspace.sessions.begin() as s:
        sync_shipped_templates(s)
        template = next(t for t in latest_templates(s) if t.template_id == "lookback-2020")
        enterprise, _ = upsert(s, EnterpriseData(name="常州测试机械有限公司", cert_grade="三级", industry="机械",
                                                 legal_rep="王建华", uscc=uscc.make_code("9", "1", "320412", "MA1W2X3Y8")))
        insp = inspections.assign(s, enterprise, template, [("甲", "证1"), ("乙", "证2")], "科长")
        if answered:
            for item in inspections.template_for(insp).items:
                if item.applies_to("机械") is not False:
                    inspections.set_answer(s, insp, item.code, Answer("符合"), "甲")
            findings.add(s, insp, "甲", description="配电箱门未关闭", severity="一般",
                         deadline=date.today() + timedelta(days=10))
        s.flush()
        return insp.id


def test_a_fresh_inspection_has_blocking_points_and_no_conclusion(workspace: Workspace) -> None:
    c = before_locking(workspace, _inspection(workspace, answered=False))
    assert c.action == "lock" and c.score is None and c.score_text == "—" and c.conclusion == ""
    kinds = {p.kind for p in c.blocking}
    assert {"unanswered", "signature"} <= kinds and not c.hazards
    assert [(s.role, s.name, s.signed) for s in c.signers] == [
        ("officer", "甲", False), ("officer", "乙", False), ("enterprise_rep", "王建华", False)]


def test_open_hazards_do_not_block_and_signatures_count(workspace: Workspace) -> None:
    iid = _inspection(workspace, answered=True)
    with workspace.sessions.begin() as s:
        for person in inspections.get(s, iid).inspectors:
            signatures.save_signature(s, None, iid, "inspector", person.name, STROKE, "甲")
        signatures.record_refusal(s, None, iid, "王建华", "拒绝签名", "甲")
    c = before_locking(workspace, iid)
    assert c.blocking == () and c.score_text == "100.0" and c.counts_as == "限期整改"  # a general hazard is open
    assert [(h.severity, h.text, h.blocking) for h in c.hazards] == [("一般", "配电箱门未关闭", False)]
    assert [(s.signed, s.refused) for s in c.signers] == [(True, False), (True, False), (False, True)]
    accepting = before_accepting(workspace, iid, "科长")
    assert accepting.signers[-1].role == "reviewer" and accepting.signers[-1].name == "科长"
    assert accepting.version is not None
