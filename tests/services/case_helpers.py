"""Set-up for the 摘牌 case, sanction and suspension tests: an office (level and area set), an inspection
concluding 建议摘牌 (伪造材料, a veto A, with a finding and a photo row on the item), registers inserted as
model rows."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from inspector_app.domain import uscc
from inspector_app.domain.scoring import Answer
from inspector_app.services import campaigns, findings, inspections, workspace_meta
from inspector_app.services.enterprises import EnterpriseData, upsert
from inspector_app.services.templates import latest_templates, sync_shipped_templates
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models_evidence import Photo
from inspector_app.storage.models_registers import Organisation, Reviewer

PAIR = [("陈示范", "苏应急执法32040001"), ("吴敏", "苏评审2019-0456")]
PHOTO_SHA = "ab" * 32
WUJIN, CITY, PROVINCE = "江苏省常州市武进区", "江苏省常州市", "江苏省"
LEVEL = {WUJIN: "district", CITY: "city", PROVINCE: "province"}


def make_office(ws: Workspace, path: str) -> None:
    with ws.sessions.begin() as s:
        sync_shipped_templates(s)
        campaigns.sync_shipped_campaigns(s)
        workspace_meta.set_value(s, "level", LEVEL[path])
        workspace_meta.set_value(s, "jurisdiction", path)


def delist_inspection(ws: Workspace, *, grade: str = "三级", serial: str = "MA1W2X3Y4",
                      name: str = "常州恒达机械制造有限公司", status: str = "accepted") -> int:
    """An inspection of a certified enterprise concluding 建议摘牌 (A.5-1 伪造材料), locked as ``status``."""
    with ws.sessions.begin() as s:
        sync_shipped_templates(s)
        template = next(t for t in latest_templates(s) if t.template_id == "lookback-2020")
        enterprise, _ = upsert(s, EnterpriseData(name=name, uscc=uscc.make_code("9", "1", "320412", serial),
                                                 cert_grade=grade, district="武进区", industry="机械",
                                                 cert_expires=date.today() + timedelta(days=400)))
        insp = inspections.assign(s, enterprise, template, PAIR, "科长", due_date=date(2026, 12, 31),
                                  override_reason="" if grade in ("二级", "三级") else "测试")
        for item in inspections.template_for(insp).items:
            if item.applies_to(insp.enterprise.industry) is not False:
                inspections.set_answer(s, insp, item.code, Answer("符合"), "陈示范")
        inspections.set_answer(s, insp, "A.5", Answer("部分符合", (("A.5-1", 1),), note="自评报告代签"), "陈示范")
        finding = findings.add(s, insp, "陈示范", description="自评报告由咨询机构代签", item_code="A.5",
                               requirement="如实编制自评报告", deadline=date.today() + timedelta(days=10))
        s.flush()
        s.add(Photo(inspection_id=insp.id, item_code="A.5", finding_id=finding.id, sha256=PHOTO_SHA,
                    caption="代签的自评报告"))
        insp.status = status
        return insp.id


def organisation(ws: Workspace, name: str = "江苏示范安全评审有限公司", kind: str = "review") -> int:
    with ws.sessions.begin() as s:
        org = Organisation(kind=kind, name=name, uscc="91320400MA1XXXXX1X")
        s.add(org)
        s.flush()
        return org.id


def reviewer(ws: Workspace, org_id: int | None = None, cert: str = "苏评审2019-0999") -> int:
    with ws.sessions.begin() as s:
        person = Reviewer(name="赵示例", cert_number=cert, org_id=org_id)
        s.add(person)
        s.flush()
        return person.id


def pdf(path: Path, text: str = "陈述申辩书") -> Path:
    path.write_bytes(b"%PDF-1.4\n% " + text.encode() + b"\n%%EOF\n")
    return path
