"""Roll-ups that must be refused whole (issue 12 item 3): from an office that is not directly below, with
a record outside the sending office's area – forged by hand and signed with the child's real key –, over
a record this office or another office holds, malformed, or offered where roll-ups do not go."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from rollup_helpers import CITY, LIYANG, PROVINCE, WUJIN, Office, link, make_laptop, make_office, roll_up
from sqlalchemy import select
from sync_helpers import assign_one, snapshot

from inspector_app.bundle.bag import BagWriter, write_bundle
from inspector_app.bundle.bag_verify import verify_bundle
from inspector_app.bundle.profile import BundleHeader, Direction
from inspector_app.bundle.signing import PublicKeyFile
from inspector_app.services.ops import sync as sync_ops
from inspector_app.services.sync.identity import Identity
from inspector_app.storage.models import Inspection

pytestmark = pytest.mark.both_engines

Records = dict[str, Any]


@dataclass
class Chain:
    district: Office
    city: Office
    province: Office
    rollup: Path  # a genuine roll-up of the district (not yet imported)


@pytest.fixture
def chain(tmp_path: Path) -> Iterator[Chain]:
    district = make_office(tmp_path / "wujin", WUJIN, "武进区管理员")
    city = make_office(tmp_path / "city", CITY, "市局管理员")
    province = make_office(tmp_path / "province", PROVINCE, "省厅管理员")
    link(district, city)
    link(city, province)
    assign_one(district)  # type: ignore[arg-type]
    rollup = sync_ops.export_rollup(district.ws, district.identity(), tmp_path / "genuine.inspbundle").path
    yield Chain(district, city, province, rollup)
    for office in (district, city, province):
        office.ws.close()


def forge(source: Path, target: Path, identity: Identity, edit: Callable[[Records], None], *,
          direction: Direction = Direction.OFFICE_TO_PARENT, extra: dict[str, bytes] | None = None) -> Path:
    """``source``'s records and files, edited, in a new bundle signed with ``identity``'s real key."""
    stage = target.with_suffix(".stage")
    with verify_bundle(source, None, stage_dir=stage) as bundle:
        records: Records = {path: json.loads(data) for path, data in bundle.records.items()}
        files = dict(bundle.staged)
        sequence = bundle.header.sequence
        edit(records)
        header = BundleHeader(direction=direction, device_id=identity.device_id,
                              key_fingerprint=identity.signer.fingerprint, producer_name=identity.name,
                              sequence=sequence + 100, created_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                              bundle_id=str(uuid.uuid4()))

        def fill(writer: BagWriter) -> None:
            for path, rec in sorted(records.items()):
                writer.add_json(path, rec)
            for path, file in sorted(files.items()):
                writer.add_file(path, file)
            for path, data in sorted((extra or {}).items()):
                writer.add_bytes(path, data)

        write_bundle(target, header, identity.signer, fill)
    return target


def _one(records: Records, kind: str) -> dict[str, Any]:
    return next(rec for path, rec in records.items() if path.startswith(f"data/records/{kind}/"))


def _refused(office: Office, path: Path, code: str) -> str:
    before = snapshot(office.ws)
    report = sync_ops.import_paths(office.ws, [path]).reports[0]
    assert (report.status, report.code) == ("rejected", code), report.reason
    assert snapshot(office.ws) == before
    return report.reason


def test_the_genuine_roll_up_is_accepted_after_the_refusals(chain: Chain, tmp_path: Path) -> None:
    district, city = chain.district, chain.city
    me = district.identity()

    def other_district(records: Records) -> None:
        _one(records, "inspections")["origin"] = LIYANG

    def the_city_itself(records: Records) -> None:
        _one(records, "enterprises")["origin"] = CITY

    def not_a_path(records: Records) -> None:
        _one(records, "inspections")["origin"] = "江苏省常州市武进区某某镇"

    def other_settings(records: Records) -> None:
        records[f"data/records/offices/x{'0' * 64}.json"] = {"jurisdiction": LIYANG, "settings": {}}

    for number, edit in enumerate((other_district, the_city_itself, not_a_path, other_settings)):
        forged = forge(chain.rollup, tmp_path / f"forged-{number}.inspbundle", me, edit)
        reason = _refused(city, forged, "not_in_jurisdiction")
        assert WUJIN in reason
    forged = forge(chain.rollup, tmp_path / "kind.inspbundle", me,
                   lambda records: records.update({"data/records/notes/a.json": {"text": "x"}}))
    _refused(city, forged, "not_permitted")
    forged = forge(chain.rollup, tmp_path / "bad.inspbundle", me,
                   lambda records: records.update({"data/records/offices/b.json": {"jurisdiction": WUJIN,
                                                                                   "settings": {"color": "red"}}}))
    _refused(city, forged, "bad_record")
    assert sync_ops.import_bundle(city.ws, chain.rollup).status == "imported"


def test_a_roll_up_may_not_replace_what_this_office_or_another_one_holds(chain: Chain, tmp_path: Path) -> None:
    district, city = chain.district, chain.city
    own = assign_one(city, name="常州市直属示范有限公司", serial="MA1W2X3Y6")  # type: ignore[arg-type]
    with city.ws.sessions() as s:
        own_uid = s.scalar(select(Inspection.uid).where(Inspection.id == own))

    def take_over(records: Records) -> None:
        rec = _one(records, "inspections")
        del records[f"data/records/inspections/{rec['uid']}.json"]
        rec["uid"] = own_uid
        records[f"data/records/inspections/{own_uid}.json"] = rec

    forged = forge(chain.rollup, tmp_path / "take-over.inspbundle", district.identity(), take_over)
    assert "本机关自己的记录" in _refused(city, forged, "not_in_jurisdiction")


def test_only_an_office_directly_below_may_send_one(chain: Chain, tmp_path: Path) -> None:
    district, city, province = chain.district, chain.city, chain.province
    # the city's roll-up at the district: its parent, not a child
    upward = sync_ops.export_rollup(city.ws, city.identity(), tmp_path / "city.inspbundle").path
    assert "直属下级" in _refused(district, upward, "not_in_jurisdiction")
    # signed by the province's key, which the city enrolled as its parent
    forged = forge(chain.rollup, tmp_path / "province.inspbundle", province.identity(), lambda records: None)
    _refused(city, forged, "not_in_jurisdiction")
    # an office key enrolled without an area (its key file's area lines taken away)
    liyang = make_office(tmp_path / "liyang", LIYANG, "溧阳市管理员")
    try:
        text = "".join(line for line in liyang.key.to_text().splitlines(keepends=True)
                       if not line.startswith(("Level:", "Jurisdiction:", "Area-Signature:")))
        sync_ops.enrol_key(city.ws, PublicKeyFile.parse(text), "科长")
        assign_one(liyang, name="溧阳示范机械有限公司", serial="MA1W2X3Y7")  # type: ignore[arg-type]
        bare = sync_ops.export_rollup(liyang.ws, liyang.identity(), tmp_path / "liyang.inspbundle").path
        assert "登记时没有写明辖区" in _refused(city, bare, "not_in_jurisdiction")
    finally:
        liyang.ws.close()
    # the district's roll-up at the province: a key it never enrolled
    _refused(province, chain.rollup, "unknown_key")


def test_roll_ups_go_between_offices_only(chain: Chain, tmp_path: Path) -> None:
    district, city = chain.district, chain.city
    laptop = make_laptop(tmp_path / "laptop", district)
    try:
        # signed by an inspector's key that the district enrolled
        forged = forge(chain.rollup, tmp_path / "laptop.inspbundle", laptop.identity(), lambda records: None)
        _refused(district, forged, "wrong_signer_role")
        # a roll-up offered to an inspector's laptop
        sync_ops.enrol_key(laptop.ws, PublicKeyFile.parse(city.key.to_text()), "陈示范")
        upward = sync_ops.export_rollup(city.ws, city.identity(), tmp_path / "city.inspbundle").path
        _refused(laptop, upward, "wrong_direction")
        # a filed report's file only travels in a roll-up, never to a laptop
        pdf = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
        sha = hashlib.sha256(pdf).hexdigest()

        def ordinary(records: Records) -> None:
            for path in [p for p in records if p.split("/")[2] not in ("enterprises", "templates", "inspections")]:
                del records[path]

        forged = forge(chain.rollup, tmp_path / "down.inspbundle", district.identity(), ordinary,
                       direction=Direction.OFFICE_TO_INSPECTOR, extra={f"data/reports/{sha}.pdf": pdf})
        assert "报告文件" in _refused(laptop, forged, "not_permitted")
    finally:
        laptop.ws.close()
    assert roll_up(district, city, tmp_path / "ok.inspbundle").status == "imported"
