"""Templates and campaigns travel in the office's bundles (issue 14 item 4, docs/bundle-format.md §6, §10):
a template version the office stored (used by no inspection yet) and a campaign it imported reach the
laptop with an assignment made with them; the laptop answers it and sends it back. A campaign travels
only from an office key and only as a valid record; an inspector's bundle carrying one is refused."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from bundle_zipcraft import read_members, recompute, replace_line, top_of, write_members
from sqlalchemy import select
from sync_helpers import PAIR, Side, enrol, fill_and_complete, id_of, make_side, snapshot

from inspector_app.bundle.signing import Signer
from inspector_app.domain import uscc
from inspector_app.domain.campaign import shipped_campaign_paths
from inspector_app.services import inspections, workspace_meta
from inspector_app.services.enterprises import EnterpriseData, upsert
from inspector_app.services.ops import campaigns as campaign_ops
from inspector_app.services.ops import inspections as inspection_ops
from inspector_app.services.ops.sync import export_bundle, import_paths
from inspector_app.services.queries.campaigns import campaign_rows
from inspector_app.services.queries.templates import template_preview
from inspector_app.services.templates import sync_shipped_templates, template_record
from inspector_app.storage.models import Inspection, TemplateRecord
from inspector_app.storage.models_campaigns import CampaignRecord

pytestmark = pytest.mark.both_engines

NEW_TEXT = "标准化工作机构已按2021年修订的要求调整并实际运行"
CAMPAIGN_ID = "jiangsu-changzhou-2021"
Members = dict[str, bytes]


@dataclass
class World:
    office: Side
    chen: Side
    root: Path
    assignment: Path  # the office's bundle with the assignment
    uid: str


def _store_new_version(office: Side) -> None:
    """lookback-2020 2.1.0 stored at the office (what a template import does), used by no inspection."""
    with office.ws.sessions.begin() as s:
        sync_shipped_templates(s)
        data = json.loads(template_record(s, "lookback-2020").content)
        data["version"], data["title"] = "2.1.0", data["title"] + "（2021年修订）"
        data["elements"][0]["items"][0]["text"] = NEW_TEXT
        content = json.dumps(data, ensure_ascii=False)
        s.add(TemplateRecord(template_id="lookback-2020", version="2.1.0", kind=data["kind"], title=data["title"],
                             content=content, sha256=hashlib.sha256(content.encode()).hexdigest(),
                             item_count=sum(len(e["items"]) for e in data["elements"])))


def _import_campaign(office: Side, root: Path) -> None:
    data = json.loads(shipped_campaign_paths()[0].read_text(encoding="utf-8"))
    data.update(id=CAMPAIGN_ID, version="1.0.0", title="2021年“回头看”")
    path = root / "campaign-2021.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    campaign_ops.import_campaign(office.ws, path, "科长")
    with office.ws.sessions.begin() as s:
        workspace_meta.set_value(s, "campaign", CAMPAIGN_ID)  # the office works in the new campaign


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    office = make_side(tmp_path / "office", "office", "常州市应急管理局")
    chen = make_side(tmp_path / "chen", "inspector", "陈示范")
    enrol(office, chen)
    enrol(chen, office)
    _store_new_version(office)
    _import_campaign(office, tmp_path)
    with office.ws.sessions.begin() as s:
        enterprise, _ = upsert(s, EnterpriseData(name="常州恒达机械制造有限公司", cert_grade="三级", district="武进区",
                                                 uscc=uscc.make_code("9", "1", "320412", "MA1W2X3Y4")))
        s.flush()
        enterprise_id = enterprise.id
    assigned = inspection_ops.assign(office.ws, enterprise_id, "lookback-2020", PAIR, "科长")
    with office.ws.sessions() as s:
        insp = inspections.get(s, assigned.value)
        assert (insp.template.version, insp.campaign_id) == ("2.1.0", CAMPAIGN_ID)
        uid = insp.uid
    sent = export_bundle(office.ws, office.identity, tmp_path / "assign.inspbundle").path
    yield World(office, chen, tmp_path, sent, uid)
    office.ws.close()
    chen.ws.close()


def test_a_new_template_version_and_its_campaign_reach_the_laptop_and_are_answered(world: World) -> None:
    names = read_members(world.assignment)
    top = top_of(names)
    assert [n for n in names if n.startswith(f"{top}/data/records/campaigns/")]
    (report,) = import_paths(world.chen.ws, [world.assignment]).reports
    assert report.status == "imported", report.reason
    lines = {(line.kind, line.action) for line in report.lines}
    assert {("template", "added"), ("campaign", "added"), ("inspection", "added")} <= lines
    assert any(line.key == f"{CAMPAIGN_ID}@1.0.0" for line in report.lines)
    assert "campaigns" in {kind.value for kind in report.changes.kinds}
    laptop = id_of(world.chen, world.uid)
    with world.chen.ws.sessions() as s:
        insp = s.get(Inspection, laptop)
        assert insp is not None and (insp.template.version, insp.campaign_id) == ("2.1.0", CAMPAIGN_ID)
        assert inspections.template_for(insp).items[0].text == NEW_TEXT
    assert CAMPAIGN_ID in {r["id"] for r in campaign_rows(world.chen.ws)}
    view = template_preview(world.chen.ws, "lookback-2020")
    assert (view.version, view.stored, view.in_use) == ("2.1.0", True, 1)
    assert view.elements[0].items[0].text == NEW_TEXT
    fill_and_complete(world.chen, laptop)
    back = export_bundle(world.chen.ws, world.chen.identity, world.root / "back.inspbundle").path
    assert not [n for n in read_members(back) if "/data/records/campaigns/" in n]  # only offices send them
    (received,) = import_paths(world.office.ws, [back]).reports
    assert received.status == "imported", received.reason
    with world.office.ws.sessions() as s:
        insp = inspections.get(s, id_of(world.office, world.uid))
        assert (insp.status, insp.template.version, insp.campaign_id) == ("received", "2.1.0", CAMPAIGN_ID)
        assert insp.answered == len(inspections.template_for(insp).items)
    # the same bundle again, or the campaign in a second bundle: nothing new
    (again,) = import_paths(world.chen.ws, [world.assignment]).reports
    assert again.status == "already imported"


def _forged(source: Path, out: Path, signer: Signer, edit: Callable[[Members, str], None]) -> Path:
    members = read_members(source)
    top = top_of(members)
    edit(members, top)
    payload = [data for n, data in members.items() if n.startswith(f"{top}/data/")]
    replace_line(members, f"{top}/bag-info.txt", "Payload-Oxum", f"{sum(map(len, payload))}.{len(payload)}")
    recompute(members, resign=signer)
    write_members(out, members)
    return out


def _campaign_member(members: Members, top: str) -> tuple[str, dict[str, object]]:
    name = next(n for n in members if n.startswith(f"{top}/data/records/campaigns/"))
    return name, json.loads(members[name])


def test_an_inspectors_bundle_carrying_a_campaign_is_refused(world: World) -> None:
    (report,) = import_paths(world.chen.ws, [world.assignment]).reports
    assert report.status == "imported"
    fill_and_complete(world.chen, id_of(world.chen, world.uid))
    genuine = export_bundle(world.chen.ws, world.chen.identity, world.root / "back.inspbundle").path
    campaign = _campaign_member(read_members(world.assignment), top_of(read_members(world.assignment)))[1]

    def inject(members: Members, top: str) -> None:
        members[f"{top}/data/records/campaigns/{campaign['sha256']}.json"] = json.dumps(
            campaign, ensure_ascii=False).encode()

    bad = _forged(genuine, world.root / "bad.inspbundle", world.chen.identity.signer, inject)
    before = snapshot(world.office.ws)
    (refused,) = import_paths(world.office.ws, [bad]).reports
    assert (refused.status, refused.code) == ("rejected", "not_permitted"), refused.reason
    assert "活动只能由市局" in refused.reason and "[campaigns/" in refused.reason
    assert snapshot(world.office.ws) == before
    (good,) = import_paths(world.office.ws, [genuine]).reports
    assert good.status == "imported", good.reason


@pytest.mark.parametrize(("label", "change", "why"), [
    ("content not its hash", lambda rec: rec.update(content=str(rec["content"]).replace("2021年", "2022年")),
     "SHA-256"),
    ("not a campaign", lambda rec: rec.update(content='{"format_version": 1, "id": "x"}',
                                              sha256=hashlib.sha256(b'{"format_version": 1, "id": "x"}').hexdigest()),
     "不是有效的活动"),
    ("too big", lambda rec: rec.update(content="x" * 1_000_001), "文本过长"),
    ("another id", lambda rec: rec.update(campaign_id="jiangsu-changzhou-2099"), "记录却写作"),
])
def test_a_bad_campaign_from_the_office_is_refused(world: World, label: str, change: Callable[[dict[str, object]], None],
                                                   why: str) -> None:
    def edit(members: Members, top: str) -> None:
        name, rec = _campaign_member(members, top)
        change(rec)
        members[name] = json.dumps(rec, ensure_ascii=False).encode()

    bad = _forged(world.assignment, world.root / f"{label}.inspbundle", world.office.identity.signer, edit)
    before = snapshot(world.chen.ws)
    (refused,) = import_paths(world.chen.ws, [bad]).reports
    assert (refused.status, refused.code) == ("rejected", "bad_record"), refused.reason
    assert why in refused.reason
    assert snapshot(world.chen.ws) == before
    with world.chen.ws.sessions() as s:
        assert s.scalar(select(CampaignRecord).where(CampaignRecord.campaign_id == CAMPAIGN_ID)) is None
