"""Trust behind the signature (issue 10, item 1): bundles validly signed by enrolled keys, with the
project's own signing code, that carry what their signer may not send – another inspector's inspection,
a new inspection, a template, forged audit actors, a colleague's device, an office bundle from an
inspector's key. Each is refused with its stable code, the receiving workspace is unchanged (database,
files, list output, ``PRAGMA integrity_check``) and a good bundle after it in the same folder is
imported. Then the key rules: revoked, edited, own and doubly named keys are not enrolled; unrevoking
is explicit and audited (docs/bundle-format.md §5 "Enrolment" and §10)."""

from __future__ import annotations

import base64
import hashlib
import json
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from bundle_zipcraft import read_members, recompute, replace_line, top_of, write_members
from sqlalchemy import select
from sync_helpers import PAIR, Side, assign_one, enrol, fill_and_complete, id_of, make_side, snapshot

from inspector_app.bundle.crypto import x25519_public
from inspector_app.bundle.errors import KeyFileError
from inspector_app.bundle.profile import Direction
from inspector_app.bundle.signing import PublicKeyFile, Signer, format_fingerprint
from inspector_app.cli import main
from inspector_app.domain import uscc
from inspector_app.domain.scoring import Answer
from inspector_app.services import audit, inspections
from inspector_app.services.enterprises import EnterpriseData, upsert
from inspector_app.services.ops import inspections as inspection_ops
from inspector_app.services.ops import review
from inspector_app.services.ops.sync import (
    enrol_key,
    export_bundle,
    import_paths,
    revoke_key,
    unrevoke_key,
)
from inspector_app.services.queries.sync import check_bundle, pending_export, trusted_key
from inspector_app.services.sync.report import Rejected
from inspector_app.storage.models import AuditEvent, TemplateRecord
from inspector_app.storage.models_sync import PeerSequence

pytestmark = pytest.mark.both_engines

OTHERS = [("李四", "苏应急执法32040077"), ("王五", "苏评审2019-0999")]
Members = dict[str, bytes]


@dataclass
class World:
    office: Side
    chen: Side  # 陈示范: inspection X is assigned to him (and 吴敏)
    li: Side  # 李四: inspection Y is assigned to him (and 王五)
    x_uid: str
    y_uid: str
    root: Path


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    """One office, two enrolled inspectors; one office bundle with both assignments reached both laptops
    (office bundles are addressed to every inspector); each inspector completed their own inspection."""
    office = make_side(tmp_path / "office", "office", "常州市应急管理局")
    chen = make_side(tmp_path / "chen", "inspector", "陈示范")
    li = make_side(tmp_path / "li", "inspector", "李四")
    for inspector in (chen, li):
        enrol(office, inspector)
        enrol(inspector, office)
    x = assign_one(office)
    y = assign_one(office, "常州立信化工有限公司", "MA1W2X3Y5", OTHERS)
    with office.ws.sessions() as s:
        x_uid, y_uid = inspections.get(s, x).uid, inspections.get(s, y).uid
    sent = export_bundle(office.ws, office.identity, tmp_path / "assign.inspbundle").path
    for inspector in (chen, li):
        (report,) = import_paths(inspector.ws, [sent]).reports
        assert report.status == "imported", report.reason
    fill_and_complete(chen, id_of(chen, x_uid), actor="陈示范")
    fill_and_complete(li, id_of(li, y_uid), actor="李四（苏应急执法32040077）")  # as the GUI writes the actor
    yield World(office, chen, li, x_uid, y_uid, tmp_path)
    for side in (office, chen, li):
        side.ws.close()


def export_of(side: Side, path: Path, uid: str, direction: Direction | None = None) -> Path:
    return export_bundle(side.ws, side.identity, path, inspection_ids=[id_of(side, uid)], direction=direction).path


def forged(source: Path, out: Path, signer: Signer, edit: Callable[[Members, str], None]) -> Path:
    """``source`` changed by ``edit`` and signed again with ``signer`` – a valid bundle of that key."""
    members = read_members(source)
    top = top_of(members)
    edit(members, top)
    payload = [data for n, data in members.items() if n.startswith(f"{top}/data/")]
    replace_line(members, f"{top}/bag-info.txt", "Payload-Oxum", f"{sum(map(len, payload))}.{len(payload)}")
    recompute(members, resign=signer)
    write_members(out, members)
    return out


def edit_inspection(change: Callable[[dict[str, Any]], None]) -> Callable[[Members, str], None]:
    def edit(members: Members, top: str) -> None:
        name = next(n for n in members if n.startswith(f"{top}/data/records/inspections/"))
        rec = json.loads(members[name])
        change(rec)
        members[name] = json.dumps(rec, ensure_ascii=False).encode()
    return edit


def state(side: Side, capsys: pytest.CaptureFixture[str]) -> tuple[Any, ...]:
    """What an import could change: the database dump, the files, the list output; the database is sound."""
    con = sqlite3.connect(side.ws.db_path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        con.close()
    capsys.readouterr()
    assert main(["--data-dir", str(side.ws.root), "inspections", "list", "--format", "json"]) == 0
    return snapshot(side.ws), capsys.readouterr().out


def refused_then_good(side: Side, bad: Path, good: Path, code: str, fingerprint: str,
                      capsys: pytest.CaptureFixture[str], why: str = "") -> None:
    """``bad`` is refused with ``code`` and changes nothing; in a folder before ``good``, ``good`` imports."""
    before = state(side, capsys)
    (report,) = import_paths(side.ws, [bad]).reports
    assert (report.status, report.code) == ("rejected", code), report.reason
    assert report.fingerprint == fingerprint and why in report.reason
    assert state(side, capsys) == before
    folder = bad.parent / f"usb-{code}"
    folder.mkdir()
    bad.rename(folder / "1-bad.inspbundle")
    good.rename(folder / "2-good.inspbundle")
    first, second = import_paths(side.ws, [folder]).reports
    assert (first.status, first.code) == ("rejected", code)
    assert second.status == "imported", second.reason


# -- what an inspector may send -----------------------------------------------------------------------
def test_an_inspector_cannot_send_back_another_inspectors_inspection(world: World,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """李四's laptop holds X too (the office's bundle went to everyone); he fills it in and sends it."""
    fill_and_complete(world.li, id_of(world.li, world.x_uid), actor="李四")
    bad = export_of(world.li, world.root / "li-x.inspbundle", world.x_uid)
    good = export_of(world.chen, world.root / "chen-x.inspbundle", world.x_uid)
    refused_then_good(world.office, bad, good, "not_assigned", world.li.identity.signer.fingerprint, capsys,
                      why="分配给 陈示范、吴敏，而数据包由 李四 的密钥签名")
    with world.office.ws.sessions() as s:  # 陈示范's version, received
        insp = inspections.get(s, id_of(world.office, world.x_uid))
        assert insp.status == "received" and {a.actor for a in audit.trail(s, insp.id)} >= {"陈示范"}
        assert "李四" not in {a.actor for a in audit.trail(s, insp.id)}


def test_an_inspector_cannot_overwrite_a_received_inspection_of_another(world: World,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """The issue's report: after 陈示范's bundle was received, a second key's bundle said 更新 1."""
    (first,) = import_paths(world.office.ws, [export_of(world.chen, world.root / "c1.inspbundle", world.x_uid)]).reports
    assert first.status == "imported"
    fill_and_complete(world.li, id_of(world.li, world.x_uid), actor="李四")
    bad = export_of(world.li, world.root / "li-x.inspbundle", world.x_uid)
    good = export_of(world.li, world.root / "li-y.inspbundle", world.y_uid)  # his own: fine
    refused_then_good(world.office, bad, good, "not_assigned", world.li.identity.signer.fingerprint, capsys)


def test_an_inspector_cannot_create_inspections(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    """陈示范 starts an inspection of an enterprise the office knows but did not assign to him."""
    with world.chen.ws.sessions.begin() as s:
        assigned = inspections.get(s, id_of(world.chen, world.x_uid))
        own = inspections.assign(s, assigned.enterprise, assigned.template, PAIR, "陈示范")
        own_id = own.id
        own_uid = own.uid
    fill_and_complete(world.chen, own_id)
    bad = export_of(world.chen, world.root / "own.inspbundle", own_uid)
    good = export_of(world.chen, world.root / "x.inspbundle", world.x_uid)
    refused_then_good(world.office, bad, good, "not_assigned", world.chen.identity.signer.fingerprint, capsys,
                      why="不是本局分配的检查")


def test_an_inspector_cannot_bring_an_enterprise(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    """An inspection of an enterprise the office's register does not have: refused at the enterprise."""
    with world.chen.ws.sessions.begin() as s:
        template = inspections.get(s, id_of(world.chen, world.x_uid)).template
        enterprise, _ = upsert(s, EnterpriseData(name="常州无名小作坊", uscc=uscc.make_code("9", "1", "320412", "MA1W2X3Y9")))
        own = inspections.assign(s, enterprise, template, PAIR, "陈示范")
        own_id, own_uid = own.id, own.uid
    fill_and_complete(world.chen, own_id)
    bad = export_of(world.chen, world.root / "own.inspbundle", own_uid)
    good = export_of(world.chen, world.root / "x.inspbundle", world.x_uid)
    refused_then_good(world.office, bad, good, "not_permitted", world.chen.identity.signer.fingerprint, capsys,
                      why="[enterprises/")


def test_templates_travel_only_from_the_office(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    genuine = export_of(world.chen, world.root / "x.inspbundle", world.x_uid)

    def inject(members: Members, top: str) -> None:
        name = next(n for n in members if n.startswith(f"{top}/data/records/templates/"))
        rec = json.loads(members[name])
        content = json.loads(rec["content"])
        content["version"], content["title"] = "9.9.9", content["title"] + "（检查人员自拟）"
        text = json.dumps(content, ensure_ascii=False)
        sha = hashlib.sha256(text.encode()).hexdigest()
        rec.update(version="9.9.9", title=content["title"], content=text, sha256=sha)
        members[f"{top}/data/records/templates/{sha}.json"] = json.dumps(rec, ensure_ascii=False).encode()

    bad = forged(genuine, world.root / "tpl.inspbundle", world.chen.identity.signer, inject)
    good = export_of(world.chen, world.root / "x2.inspbundle", world.x_uid)
    refused_then_good(world.office, bad, good, "not_permitted", world.chen.identity.signer.fingerprint, capsys,
                      why="检查表只能由市局（办公室）下发")
    with world.office.ws.sessions() as s:
        assert s.scalar(select(TemplateRecord).where(TemplateRecord.version == "9.9.9")) is None


def _event(actor: str, field: str, old: str, new: str, entity: str = "inspection") -> dict[str, Any]:
    return {"entity": entity, "entity_key": "x", "field": field, "old_value": old, "new_value": new,
            "actor": actor, "at": "2026-11-30T10:00:00", "reason": ""}


FORGED = [
    ("the office's administrator accepted", _event("市局管理员", "status", "received", "accepted"), "不是签名密钥的主人"),
    ("the inspector himself accepted", _event("陈示范", "status", "received", "accepted"), "只有市局（办公室）才能作"),
    ("the inspector wrote a reviewer's comment", _event("陈示范", "reviewer_comment", "", "很好"), "只有市局"),
    ("a colleague answered", _event("吴敏", "answer", "", "符合", entity="answer"), "不是签名密钥的主人"),
    ("a key was trusted", _event("陈示范", "enrolled", "", "x", entity="trusted_key"), "不是关于检查的记录"),
    ("an import of a bundle that never existed",
     {**_event("常州市应急管理局", "status", "", "returned"), "reason": f"bundle {uuid.uuid4()} (sequence 9)"},
     "不是签名密钥的主人"),
]


@pytest.mark.parametrize(("label", "event", "why"), FORGED, ids=[c[0] for c in FORGED])
def test_forged_audit_events_are_refused(world: World, capsys: pytest.CaptureFixture[str], label: str,
                                         event: dict[str, Any], why: str) -> None:
    genuine = export_of(world.chen, world.root / "x.inspbundle", world.x_uid)

    def add(rec: dict[str, Any]) -> None:
        rec["audit"].append({**event, "entity_key": rec["uid"] if event["entity"] == "inspection" else "A.1"})

    bad = forged(genuine, world.root / "audit.inspbundle", world.chen.identity.signer, edit_inspection(add))
    good = export_of(world.chen, world.root / "x2.inspbundle", world.x_uid)
    refused_then_good(world.office, bad, good, "forged_audit", world.chen.identity.signer.fingerprint, capsys, why=why)
    with world.office.ws.sessions() as s:
        assert s.scalar(select(AuditEvent).where(AuditEvent.actor == "市局管理员")) is None


def test_the_audit_trail_names_the_enrolled_person_not_the_header(world: World) -> None:
    """The producer name in a bundle's header is the sender's claim; the import's rows name the key."""
    genuine = export_of(world.chen, world.root / "x.inspbundle", world.x_uid)

    def rename(members: Members, top: str) -> None:
        replace_line(members, f"{top}/bag-info.txt", "Inspector-Producer-Name", "市局管理员")
        doc = json.loads(members[f"{top}/inspector-bundle.json"])
        doc["producer"]["name"] = "市局管理员"
        members[f"{top}/inspector-bundle.json"] = json.dumps(doc, ensure_ascii=False).encode()

    (report,) = import_paths(world.office.ws, [forged(genuine, world.root / "n.inspbundle",
                                                      world.chen.identity.signer, rename)]).reports
    assert report.status == "imported" and report.producer == "陈示范"
    with world.office.ws.sessions() as s:
        actors = {e.actor for e in audit.trail(s, id_of(world.office, world.x_uid))}
        assert "市局管理员" not in actors and "陈示范" in actors


def test_an_accepted_inspection_is_not_changed_by_an_inspector(world: World,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """Even based on the office's current revision (which an inspector learns from the acceptance)."""
    (first,) = import_paths(world.office.ws, [export_of(world.chen, world.root / "1.inspbundle", world.x_uid)]).reports
    assert first.status == "imported"
    oid = id_of(world.office, world.x_uid)
    review.accept(world.office.ws, oid, "科长")
    with world.office.ws.sessions() as s:
        current = inspections.get(s, oid).revision
    genuine = export_of(world.chen, world.root / "2.inspbundle", world.x_uid)

    def rebase(rec: dict[str, Any]) -> None:
        rec["revision"], rec["base_revision"], rec["location"] = current + 5, current, "改过的地点"

    bad = forged(genuine, world.root / "3.inspbundle", world.chen.identity.signer, edit_inspection(rebase))
    good = export_of(world.li, world.root / "li-y.inspbundle", world.y_uid)
    refused_then_good(world.office, bad, good, "not_permitted", world.chen.identity.signer.fingerprint, capsys,
                      why="已由本局验收")


def test_a_colleagues_device_cannot_be_hijacked(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    """李四 signs a bundle claiming 陈示范's device with sequence 2^63−1: refused, and 陈示范's next genuine
    bundle still imports."""
    genuine = export_of(world.li, world.root / "li-y.inspbundle", world.y_uid)
    top_sequence = 2**63 - 1

    def hijack(members: Members, top: str) -> None:
        replace_line(members, f"{top}/bag-info.txt", "Inspector-Device-Id", world.chen.identity.device_id)
        replace_line(members, f"{top}/bag-info.txt", "Inspector-Sequence", str(top_sequence))
        doc = json.loads(members[f"{top}/inspector-bundle.json"])
        doc["producer"]["device_id"], doc["sequence"] = world.chen.identity.device_id, top_sequence
        members[f"{top}/inspector-bundle.json"] = json.dumps(doc, ensure_ascii=False).encode()

    bad = forged(genuine, world.root / "hijack.inspbundle", world.li.identity.signer, hijack)
    with pytest.raises(Rejected) as caught:  # bundle verify says so too
        check_bundle(world.office.ws, bad)
    assert caught.value.code == "device_mismatch"
    good = export_of(world.chen, world.root / "chen-x.inspbundle", world.x_uid)
    refused_then_good(world.office, bad, good, "device_mismatch", world.li.identity.signer.fingerprint, capsys,
                      why=world.chen.identity.device_id)
    with world.office.ws.sessions() as s:
        peer = s.get(PeerSequence, world.chen.identity.device_id)
        assert peer is not None and peer.last_sequence < 100
    # and the one who tried still imports his own genuine bundle
    (own,) = import_paths(world.office.ws, [export_of(world.li, world.root / "li-2.inspbundle", world.y_uid)]).reports
    assert own.status == "imported", own.reason


def test_acknowledgements_count_only_for_ones_own_inspections(world: World) -> None:
    """李四's laptop acknowledges every assignment it received; only his own leaves the office's list."""
    (report,) = import_paths(world.office.ws, [export_of(world.li, world.root / "y.inspbundle", world.y_uid)]).reports
    assert report.status == "imported"
    pending = {row.id for row in pending_export(world.office.ws).rows}
    assert id_of(world.office, world.x_uid) in pending  # still waiting for 陈示范's acknowledgement
    (report,) = import_paths(world.office.ws, [export_of(world.chen, world.root / "x.inspbundle", world.x_uid)]).reports
    assert report.status == "imported"


def test_an_office_bundle_from_an_inspectors_key_is_refused(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    """李四 writes an office-to-inspector bundle with his laptop's assignments; 陈示范 enrolled him as an
    inspector. The office's genuine next bundle in the same folder imports."""
    enrol(world.chen, world.li)
    bad = export_of(world.li, world.root / "li-as-office.inspbundle", world.x_uid, Direction.OFFICE_TO_INSPECTOR)
    assign_one(world.office, "常州新北精密铸造有限公司", "MA1W2X3Y6")
    good = export_bundle(world.office.ws, world.office.identity, world.root / "office-2.inspbundle").path
    refused_then_good(world.chen, bad, good, "wrong_signer_role", world.li.identity.signer.fingerprint, capsys,
                      why="由 office 的密钥签名")


def test_a_genuine_round_trip_with_a_return_still_works(world: World) -> None:
    """The office returns; 陈示范 corrects and sends again: his trail carries his laptop's record of
    importing the return (left out at the office) and his own work (merged)."""
    import_paths(world.office.ws, [export_of(world.chen, world.root / "1.inspbundle", world.x_uid)])
    oid, fid = id_of(world.office, world.x_uid), id_of(world.chen, world.x_uid)
    review.return_for_correction(world.office.ws, oid, "科长", "补充照片")
    back = export_bundle(world.office.ws, world.office.identity, world.root / "2.inspbundle").path
    assert import_paths(world.chen.ws, [back]).reports[0].status == "imported"
    actor = "陈示范（苏应急执法32040001）"  # as the GUI writes it
    with world.chen.ws.sessions() as s:
        item = inspections.template_for(inspections.get(s, fid)).items[0].code
    inspection_ops.set_answer(world.chen.ws, fid, item, Answer("符合", note="已补充照片"), actor)
    inspection_ops.update_header(world.chen.ws, fid, actor, location="三号车间")
    inspection_ops.complete(world.chen.ws, fid, actor)
    (report,) = import_paths(world.office.ws, [export_of(world.chen, world.root / "3.inspbundle", world.x_uid)]).reports
    assert report.status == "imported", report.reason
    assert [line.action for line in report.lines if line.kind == "inspection"] == ["updated"]
    with world.office.ws.sessions() as s:
        insp = inspections.get(s, oid)
        assert (insp.status, insp.location, insp.reviewer_comment) == ("received", "三号车间", "补充照片")
        assert "常州市应急管理局" not in {e.actor for e in audit.trail(s, oid)}  # the mirror was left out


# -- key rules ----------------------------------------------------------------------------------------
def key_file(side: Side, name: str | None = None, role: str = "inspector", device: str | None = None,
             signer: Signer | None = None) -> PublicKeyFile:
    assert side.identity.encryption_private is not None
    return PublicKeyFile.signed(signer or side.identity.signer, name or side.identity.name, role,
                                device or side.identity.device_id, x25519_public(side.identity.encryption_private))


def test_a_key_file_binds_name_role_and_device(world: World) -> None:
    text = key_file(world.li).to_text()
    assert PublicKeyFile.parse(text).name == "李四"
    for old, new in (("Role: inspector", "Role: office"), ("Name: 李四", "Name: 陈示范"),
                     (f"Device-Id: {world.li.identity.device_id}", f"Device-Id: {world.chen.identity.device_id}")):
        with pytest.raises(KeyFileError, match=r"自签名.*文件被改动过") as caught:
            PublicKeyFile.parse(text.replace(old, new))
        assert caught.value.code == "bad_key_file"
    x_line = next(line for line in text.splitlines() if line.startswith("X25519"))
    with pytest.raises(KeyFileError, match="文件被改动过"):
        PublicKeyFile.parse(text.replace(x_line, f"X25519-Public-Key: {base64.b64encode(bytes(32)).decode()}"))
    old_format = "\n".join(line for line in text.splitlines() if not line.startswith("Self-Signature")).replace(
        "Inspector-Public-Key-Version: 2", "Inspector-Public-Key-Version: 1")
    with pytest.raises(KeyFileError, match="旧版本（1）的公钥文件") as caught:
        PublicKeyFile.parse(old_format)
    assert caught.value.code == "old_key_file"


def _refused(side: Side, key: PublicKeyFile, code: str, **kw: str) -> str:
    before = snapshot(side.ws)
    with pytest.raises(KeyFileError) as caught:
        enrol_key(side.ws, key, "科长", **kw)
    assert caught.value.code == code, str(caught.value)
    assert snapshot(side.ws) == before
    return str(caught.value)


def test_key_rules(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    office, li = world.office, world.li
    fp = li.identity.signer.fingerprint
    assert "本机自己的密钥" in _refused(office, key_file(office, role="office"), "own_key")
    assert "已登记为 李四（inspector）" in _refused(office, key_file(li, name="陈示范"), "key_enrolled_otherwise")
    _refused(office, key_file(li, role="office"), "key_enrolled_otherwise")
    _refused(office, key_file(li), "key_binding", name="王五")  # the file says 李四
    _refused(office, key_file(li), "key_binding", role="office")
    newcomer = Signer.generate()
    _refused(office, key_file(li, name="王五", signer=newcomer), "device_taken")  # 李四's device
    _refused(office, key_file(li, role="office", device=str(uuid.uuid4()), signer=newcomer), "person_other_role")
    enrol_key(office.ws, key_file(li), "科长")  # the same binding again changes nothing
    # a new key of the same person on the same device (a lost keyring) is fine
    enrol_key(office.ws, key_file(li, signer=newcomer), "科长")

    revoke_key(office.ws, fp, "科长")
    assert "keys unrevoke" in _refused(office, key_file(li), "revoked_key")
    key = trusted_key(office.ws, fp)
    assert key is not None and key.revoked

    capsys.readouterr()
    assert main(["--data-dir", str(office.ws.root), "keys", "unrevoke", format_fingerprint(fp), "--by", "科长"]) == 0
    assert "已撤销吊销" in capsys.readouterr().out
    key = trusted_key(office.ws, fp)
    assert key is not None and not key.revoked
    with office.ws.sessions() as s:
        rows = [(e.field, e.actor) for e in s.scalars(select(AuditEvent).where(AuditEvent.entity == "trusted_key"))]
    assert ("revoked", "科长") in rows and ("unrevoked", "科长") in rows
    assert main(["--data-dir", str(office.ws.root), "keys", "unrevoke", fp]) == 1
    assert "[not_revoked]" in capsys.readouterr().err
    with pytest.raises(KeyFileError) as caught:
        unrevoke_key(office.ws, fp, "科长")
    assert caught.value.code == "not_revoked"


def test_enrolling_from_a_key_file_through_the_cli(world: World, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    office = world.office
    edited = tmp_path / "li.inspkey"
    edited.write_text(key_file(world.li).to_text().replace("Role: inspector", "Role: office"), "utf-8")
    fp = format_fingerprint(world.li.identity.signer.fingerprint)
    capsys.readouterr()
    assert main(["--data-dir", str(office.ws.root), "keys", "enrol", str(edited), "--fingerprint", fp]) == 1
    assert "文件被改动过" in capsys.readouterr().err
    own = tmp_path / "own.inspkey"
    own.write_text(key_file(office, role="office").to_text(), "utf-8")
    fp = format_fingerprint(office.identity.signer.fingerprint)
    assert main(["--data-dir", str(office.ws.root), "keys", "enrol", str(own), "--fingerprint", fp]) == 1
    assert "[own_key]" in capsys.readouterr().err
