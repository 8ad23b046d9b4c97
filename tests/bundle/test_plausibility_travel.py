"""The inspector's acceptance of a photo's plausibility warnings travels to the office in the bundle (with
its audit row); a photo record of an older bundle, without the field, is still valid and the receiver keeps
what it has."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sync_helpers import Side, assign_one, enrol, fill_and_complete, id_of, make_side

from inspector_app.bundle import evidence, validate
from inspector_app.bundle.records import fields_of
from inspector_app.domain.plausibility import OUTSIDE_AREA, TIME_BEFORE
from inspector_app.services import audit, inspections, photos
from inspector_app.services.ops.plausibility import accept_warnings
from inspector_app.services.ops.sync import export_bundle, import_bundle
from inspector_app.services.queries.plausibility import check_inspection
from inspector_app.services.sync.evidence_files import apply_evidence


@pytest.fixture
def sides(tmp_path: Path) -> tuple[Side, Side]:
    office = make_side(tmp_path / "office", "office", "常州市应急管理局")
    field = make_side(tmp_path / "field", "inspector", "陈示范")
    enrol(office, field)
    enrol(field, office)
    yield office, field
    office.ws.close()
    field.ws.close()


@pytest.mark.fixtures
def test_an_accepted_warning_reaches_the_office(sides: tuple[Side, Side], tmp_path: Path,
                                                photo_fixtures: Path) -> None:
    office, field = sides
    oid = assign_one(office)
    with office.ws.sessions() as s:
        uid = inspections.get(s, oid).uid
    import_bundle(field.ws, export_bundle(office.ws, office.identity, tmp_path / "a.inspbundle").path)
    fid = id_of(field, uid)
    milan = photo_fixtures / "gps-htc.jpg"
    with field.ws.sessions.begin() as s:
        inspections.get(s, fid).started_at = datetime.now().replace(microsecond=0)
        row, _ = photos.add_photo_bytes(s, photos.photo_store(field.ws.photo_dir), fid, milan.read_bytes(),
                                        milan.name, "陈示范")
        photo_uid, photo_id = row.uid, row.id
    accepted = accept_warnings(field.ws, photo_id, "陈示范")
    assert set(accepted.value.split(",")) == {TIME_BEFORE, OUTSIDE_AREA}  # 武进区; one photo: no distance
    fill_and_complete(field, fid)

    report = import_bundle(office.ws, export_bundle(field.ws, field.identity, tmp_path / "b.inspbundle").path)
    assert report.status == "imported", report.reason
    with office.ws.sessions() as s:
        (got,) = photos.list_photos(s, oid)
        assert got.uid == photo_uid and got.plausibility_ack == accepted.value
        trail = [e for e in audit.trail(s, oid) if e.field == "plausibility_ack"]
        assert [(e.actor, e.new_value) for e in trail] == [("陈示范", accepted.value)]
        assert "拍摄时间与检查时间不符" in trail[0].reason
    (verdict,) = check_inspection(office.ws, oid).photos
    assert verdict.check.all_accepted  # the office sees the warnings, and that the inspector accepted them


def _photo_record() -> dict[str, object]:
    return {"uid": "0f8fad5b-d9cb-469f-a165-70867728950e", "item_code": "", "sha256": "a" * 64,
            "original_name": "IMG_1.jpg", "original_ext": "jpg", "format": "JPEG", "size_bytes": 10,
            "captured_at": "2026-03-10T09:00:00", "captured_offset": "", "time_source": "exif", "gps_lat": 31.7,
            "gps_lon": 119.9, "gps_alt": None, "make": "", "model": "", "orientation": 1, "width": 4, "height": 3,
            "display_sha256": "", "thumb_sha256": "", "markup_json": "", "markup_sha256": "", "caption": "",
            "position": 0, "role": "", "added_by": "陈示范", "added_at": "2026-03-10T09:05:00",
            "finding_uid": None, "pair_uid": None}


def test_the_field_is_optional_and_checked() -> None:
    record = _photo_record()
    assert "plausibility_ack" in evidence.PHOTO_FIELDS
    validate._fields(record, validate.PHOTO, "photos[0]")  # an older bundle: no field
    for value in ("", None, "time_before", "far_from_site,outside_area,time_before"):
        validate._fields({**record, "plausibility_ack": value}, validate.PHOTO, "photos[0]")
    for value in ("DROP TABLE photos", 3, "a," * 40):
        with pytest.raises(validate.RecordError):
            validate._fields({**record, "plausibility_ack": value}, validate.PHOTO, "photos[0]")


@pytest.mark.fixtures
def test_an_older_bundle_leaves_the_receivers_acceptance(sides: tuple[Side, Side], tmp_path: Path,
                                                         photo_fixtures: Path) -> None:
    office, _field = sides
    oid = assign_one(office)
    milan = photo_fixtures / "gps-htc.jpg"
    with office.ws.sessions.begin() as s:
        row, _ = photos.add_photo_bytes(s, photos.photo_store(office.ws.photo_dir), oid, milan.read_bytes(),
                                        milan.name, "科长")
        row.plausibility_ack = OUTSIDE_AREA
        record = fields_of(row, tuple(n for n in evidence.PHOTO_FIELDS if n != "plausibility_ack"))
        record.update(caption="更正的说明", finding_uid=None, pair_uid=None)
    with office.ws.sessions.begin() as s:
        apply_evidence(s, inspections.get(s, oid), {"photos": [record]})
    with office.ws.sessions() as s:
        (got,) = photos.list_photos(s, oid)
        assert got.caption == "更正的说明" and got.plausibility_ack == OUTSIDE_AREA
