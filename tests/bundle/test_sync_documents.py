"""The fields that make the documents lawful travel in bundles (docs/bundle-format.md §6, §7 "Roles,
re-checks and document numbers"): people's roles (from the office), on-site measures, the re-check visit and
the document numbers issued on a laptop – which the office's register then never issues again; two laptops
that issued the same number offline give a warning, not a refusal; a device's serial range is honoured."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from bundle_zipcraft import read_members, recompute, replace_line, top_of, write_members
from documents_helpers import EXPERT, MEASURES, TEAM, field_day, send, uid_of
from sqlalchemy import select
from sync_helpers import Side, assign_one, enrol, fill_and_complete, id_of, make_side

from inspector_app.bundle import records, validate
from inspector_app.cli import main
from inspector_app.domain.errors import ValidationError
from inspector_app.reports import NUMBERED_KINDS
from inspector_app.services import audit, inspections
from inspector_app.services.ops import review as review_ops
from inspector_app.services.ops import sheets as sheet_ops
from inspector_app.services.ops.sync import export_bundle, import_paths
from inspector_app.services.ops.workspace import set_setting
from inspector_app.storage.models import ON_SITE_MEASURES, PERSON_ROLES, Inspector
from inspector_app.storage.models_sheets import IssuedNumber, Recheck

pytestmark = pytest.mark.both_engines

OTHERS = [("李四", "苏应急执法32040077"), ("王五", "苏应急执法32040078")]
OFFICE_NAME = "常州市应急管理局"


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Side, Side]]:
    office = make_side(tmp_path / "office", "office", OFFICE_NAME)
    field = make_side(tmp_path / "field", "inspector", "陈示范")
    enrol(office, field)
    enrol(field, office)
    yield office, field
    office.ws.close()
    field.ws.close()


def _record(path: Path) -> dict[str, Any]:
    members = read_members(path)
    return json.loads(next(data for name, data in members.items() if "/data/records/inspections/" in name))


def _role(side: Side, cert: str) -> str:
    with side.ws.sessions() as s:
        person = s.scalar(select(Inspector).where(Inspector.cert_number == cert))
        assert person is not None
        return person.role


def _register(side: Side, uid: str) -> dict[str, tuple[str, int, int]]:
    with side.ws.sessions() as s:
        rows = s.scalars(select(IssuedNumber).where(IssuedNumber.inspection_uid == uid))
        return {r.kind: (r.authority, r.year, r.serial) for r in rows}


def _start(side: Side, inspection_id: int) -> None:
    with side.ws.sessions.begin() as s:
        inspections.get(s, inspection_id).started_at = datetime.now().replace(microsecond=0)


def test_the_format_lists_are_the_workspace_lists() -> None:
    assert tuple(PERSON_ROLES) == records.PERSON_ROLES
    assert tuple(ON_SITE_MEASURES) == records.ON_SITE_MEASURES
    assert records.NUMBERED_KINDS == NUMBERED_KINDS
    assert set(validate.RECHECK) == set(records.RECHECK_FIELDS)
    assert set(validate.NUMBER) == set(records.NUMBER_FIELDS)
    assert "role" in validate.INSPECTOR and "measures" in validate.FINDING


def test_a_round_trip_carries_roles_measures_recheck_and_numbers(pair: tuple[Side, Side], tmp_path: Path) -> None:
    office, field = pair
    oid = assign_one(office, people=TEAM)
    uid = uid_of(office, oid)
    sheet_ops.set_role(office.ws, EXPERT, "expert", "科长")
    assert send(office, field, tmp_path / "assign.inspbundle").status == "imported"
    assert _role(field, EXPERT) == "expert"  # the office's role arrived with the person
    set_setting(field.ws, "number_serial_start", "501", "陈示范")  # this laptop's range from the office
    set_setting(field.ws, "number_serial_end", "599", "陈示范")
    fid = id_of(field, uid)
    field_day(field, fid)

    out = export_bundle(field.ws, field.identity, tmp_path / "result.inspbundle")
    rec = _record(out.path)
    assert [(p["cert_number"], p["role"]) for p in rec["inspectors"]] == [
        (TEAM[0][1], "officer"), (TEAM[1][1], "officer"), (EXPERT, "expert")]
    assert [f["measures"] for f in rec["findings"]] == [MEASURES]
    assert [o["cert_number"] for o in rec["recheck"]["officers"]] == [TEAM[0][1], TEAM[1][1]]
    assert sorted(n["kind"] for n in rec["numbers"]) == ["measures", "order", "record"]

    (report,) = import_paths(office.ws, [out.path]).reports
    assert report.status == "imported", report.reason
    assert [line.action for line in report.lines if line.kind == "inspection"] == ["updated"]  # no warning
    year = datetime.now().year
    assert _register(office, uid) == {kind: ("常", year, 501) for kind in ("record", "order", "measures")}
    with office.ws.sessions() as s, field.ws.sessions() as f:
        got, sent = inspections.get(s, oid), inspections.get(f, fid)
        assert {x.uid: x.measures for x in got.findings} == {x.uid: x.measures for x in sent.findings}
        assert MEASURES in {x.measures for x in got.findings}
        here = s.scalar(select(Recheck).where(Recheck.inspection_id == oid))
        there = f.scalar(select(Recheck).where(Recheck.inspection_id == fid))
        assert here is not None and there is not None
        assert (here.uid, here.rechecked_at, here.opinion) == (there.uid, there.rechecked_at, "已整改到位")
        officers = [s.get(Inspector, i) for i in (here.officer1_id, here.officer2_id)]
        assert [p.cert_number for p in officers if p is not None] == [TEAM[0][1], TEAM[1][1]]
        assert [(p.cert_number, p.role) for p in got.inspectors] == [
            (TEAM[0][1], "officer"), (TEAM[1][1], "officer"), (EXPERT, "expert")]
    # The office's register knows the laptop's numbers: its next record number is not 501 again.
    other = assign_one(office, "常州示范精密铸造有限公司", "MA1W2X3Y6", TEAM[:2])
    _start(office, other)
    assert sheet_ops.issue_number(office.ws, other, "record", "科长").value == f"（常）应急检记〔{year}〕502号"

    # The office enters the re-check again with an officer the laptop has never seen, accepts and sends it:
    # the laptop takes the visit and adds the officer.
    newcomer = ("钱示例", "苏应急执法32040099")
    sheet_ops.set_recheck(office.ws, oid, datetime.now() + timedelta(days=8), [TEAM[0], newcomer], "科长", "复查合格")
    review_ops.accept(office.ws, oid, "科长")
    assert send(office, field, tmp_path / "accepted.inspbundle").status == "imported"
    with field.ws.sessions() as f:
        there = f.scalar(select(Recheck).where(Recheck.inspection_id == fid))
        assert there is not None and there.opinion == "复查合格"
        officer = f.get(Inspector, there.officer2_id)
        assert officer is not None and (officer.name, officer.cert_number, officer.role) == (*newcomer, "officer")


def test_roles_come_from_the_office(pair: tuple[Side, Side], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    office, field = pair
    oid = assign_one(office, people=TEAM)
    uid = uid_of(office, oid)
    assert send(office, field, tmp_path / "a.inspbundle").status == "imported"
    assert _role(field, EXPERT) == "officer"
    # The office makes the person an expert: the laptop adopts it, audited under the office's name.
    sheet_ops.set_role(office.ws, EXPERT, "expert", "科长")
    assert send(office, field, tmp_path / "b.inspbundle").status == "imported"
    assert _role(field, EXPERT) == "expert"
    fid = id_of(field, uid)
    with field.ws.sessions() as s:
        adopted = [e for e in audit.trail(s, fid) if e.field == "role"]
        assert {(e.actor, e.new_value) for e in adopted} >= {(OFFICE_NAME, "评审专家")}
    # The laptop says otherwise: the office keeps its own role and says so (警告), the rest is imported.
    sheet_ops.set_role(field.ws, EXPERT, "officer", "陈示范")
    fill_and_complete(field, fid)
    back = export_bundle(field.ws, field.identity, tmp_path / "c.inspbundle").path
    capsys.readouterr()
    assert main(["--data-dir", str(office.ws.root), "bundle", "import", str(back)]) == 0
    printed = capsys.readouterr().out
    assert "已导入" in printed and "警告" in printed and "郑专家" in printed and "人员角色以本局为准" in printed
    assert _role(office, EXPERT) == "expert"
    with office.ws.sessions() as s:
        insp = inspections.get(s, oid)
        assert insp.status == "received" and len(insp.answers) > 0
        # neither the laptop's adoption of the office's role nor its own change is merged into the trail
        assert {e.actor for e in audit.trail(s, oid) if e.field == "role"} == {"科长"}


def test_a_number_issued_twice_offline_is_a_warning(tmp_path: Path) -> None:
    office = make_side(tmp_path / "office", "office", OFFICE_NAME)
    chen = make_side(tmp_path / "chen", "inspector", "陈示范")
    li = make_side(tmp_path / "li", "inspector", "李四")
    try:
        for laptop in (chen, li):
            enrol(office, laptop)
            enrol(laptop, office)
        x = assign_one(office, people=TEAM[:2])
        y = assign_one(office, "常州立信化工有限公司", "MA1W2X3Y5", OTHERS)
        x_uid, y_uid = uid_of(office, x), uid_of(office, y)
        sent = export_bundle(office.ws, office.identity, tmp_path / "assign.inspbundle").path
        for laptop in (chen, li):
            assert import_paths(laptop.ws, [sent]).reports[0].status == "imported"
        fill_and_complete(chen, id_of(chen, x_uid))
        fill_and_complete(li, id_of(li, y_uid), actor="李四")
        # Same prefix, no ranges, no network: both laptops issue serial 1.
        number = sheet_ops.issue_number(chen.ws, id_of(chen, x_uid), "record", "陈示范").value
        assert sheet_ops.issue_number(li.ws, id_of(li, y_uid), "record", "李四").value == number

        first = send(chen, office, tmp_path / "chen.inspbundle")
        assert first.status == "imported" and not [line for line in first.lines if line.action == "warning"]
        report = send(li, office, tmp_path / "li.inspbundle")
        assert report.status == "imported", report.reason
        warnings = [line for line in report.lines if line.action == "warning"]
        assert [(w.code, w.key, w.inspection_id) for w in warnings] == [("number_taken", y_uid, y)]
        assert number in warnings[0].reason and f"#{x}" in warnings[0].reason and f"#{y}" in warnings[0].reason
        year = datetime.now().year
        assert _register(office, x_uid) == {"record": ("常", year, 1)} and _register(office, y_uid) == {}
        with office.ws.sessions() as s:
            assert inspections.get(s, y).status == "received"  # the rest of the bundle was imported
            for iid in (x, y):
                noted = [e for e in audit.trail(s, iid) if e.field == "number_collision"]
                assert len(noted) == 1 and number in noted[0].new_value
            # the paper's number stays in Y's trail: its documents still show it
            assert any(e.field == "number" and e.new_value == number and e.actor == "李四" for e in audit.trail(s, y))
        # A later bundle with Y does not warn again; the office never issues the number itself.
        sheet_ops.set_recheck(li.ws, id_of(li, y_uid), datetime.now() + timedelta(days=30), OTHERS, "李四")
        again = send(li, office, tmp_path / "li-2.inspbundle")
        assert again.status == "imported" and not [line for line in again.lines if line.action == "warning"]
        third = assign_one(office, "常州示范精密铸造有限公司", "MA1W2X3Y6", TEAM[:2])
        _start(office, third)
        assert sheet_ops.issue_number(office.ws, third, "record", "科长").value == f"（常）应急检记〔{year}〕2号"
    finally:
        for side in (office, chen, li):
            side.ws.close()


def test_a_serial_range_is_honoured_and_refused_when_used_up(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    office = make_side(tmp_path / "office", "office", OFFICE_NAME)
    try:
        ids = [assign_one(office, f"常州示范{n}号机械有限公司", f"MA1W2X4Y{n}", TEAM[:2]) for n in range(5)]
        for iid in ids:
            _start(office, iid)
        root = str(office.ws.root)
        assert main(["--data-dir", root, "workspace", "set", "number_serial_start", "7"]) == 0
        assert main(["--data-dir", root, "workspace", "set", "number_serial_end", "8"]) == 0
        assert main(["--data-dir", root, "workspace", "set", "number_serial_end", "八"]) != 0
        assert "须为 1 至" in capsys.readouterr().err
        year = datetime.now().year
        assert sheet_ops.issue_number(office.ws, ids[0], "record", "科长").value == f"（常）应急检记〔{year}〕7号"
        assert sheet_ops.issue_number(office.ws, ids[1], "record", "科长").value == f"（常）应急检记〔{year}〕8号"
        with pytest.raises(ValidationError, match="编号段 7–8 已用完"):
            sheet_ops.issue_number(office.ws, ids[2], "record", "科长")
        assert _register(office, uid_of(office, ids[2])).get("record") is None  # nothing issued, nothing written
        # A wider range: the next serial follows the last one taken inside it, also one known only from a
        # trail (issued on another device).
        set_setting(office.ws, "number_serial_end", "20", "科长")
        with office.ws.sessions.begin() as s:
            audit.record(s, inspections.get(s, ids[3]), "sheet", "record", "number", "",
                         f"（常）应急检记〔{year}〕12号", "林示例")
        assert sheet_ops.issue_number(office.ws, ids[2], "record", "科长").value == f"（常）应急检记〔{year}〕13号"
        set_setting(office.ws, "number_serial_start", "30", "科长")  # after the end: refused when used
        with pytest.raises(ValidationError, match="起始序号 30 大于结束序号 20"):
            sheet_ops.issue_number(office.ws, ids[4], "record", "科长")
    finally:
        office.ws.close()


def test_an_older_bundle_without_these_fields_still_imports(pair: tuple[Side, Side], tmp_path: Path) -> None:
    office, field = pair
    oid = assign_one(office, people=TEAM)
    uid = uid_of(office, oid)
    assert send(office, field, tmp_path / "assign.inspbundle").status == "imported"
    field_day(field, id_of(field, uid))
    members = read_members(export_bundle(field.ws, field.identity, tmp_path / "new.inspbundle").path)
    top = top_of(members)
    name = next(n for n in members if "/data/records/inspections/" in n)
    rec = json.loads(members[name])
    for person in rec["inspectors"]:
        del person["role"]
    for finding in rec["findings"]:
        del finding["measures"]
    del rec["recheck"], rec["numbers"]
    members[name] = json.dumps(rec, ensure_ascii=False).encode()
    payload = [data for n, data in members.items() if n.startswith(f"{top}/data/")]
    replace_line(members, f"{top}/bag-info.txt", "Payload-Oxum", f"{sum(map(len, payload))}.{len(payload)}")
    recompute(members, resign=field.identity.signer)
    write_members(tmp_path / "old.inspbundle", members)
    (report,) = import_paths(office.ws, [tmp_path / "old.inspbundle"]).reports
    assert report.status == "imported", report.reason
    assert _register(office, uid) == {}
    with office.ws.sessions() as s:
        assert {f.measures for f in inspections.get(s, oid).findings} == {""}
        assert s.scalar(select(Recheck).where(Recheck.inspection_id == oid)) is None
