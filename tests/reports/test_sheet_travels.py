"""A sheet printed on a field laptop verifies at the office that imported the same record, although the
inspection has another local number there (issue 12, "the false alarm first"); a real change at the
office still reads as changed since printing."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bundle"))
from sync_helpers import Side, assign_one, enrol, fill_and_complete, id_of, make_side

from inspector_app.reports import Verification, legacy_hashes, short_code
from inspector_app.services import inspections, sheets
from inspector_app.services.ops import inspections as inspection_ops
from inspector_app.services.ops import sheets as sheet_ops
from inspector_app.services.ops.sync import export_bundle, import_bundle
from inspector_app.services.queries import sheets as sheet_queries

pytestmark = pytest.mark.usefixtures("cjk_font")


@pytest.fixture
def sides(tmp_path: Path) -> Iterator[tuple[Side, Side]]:
    office = make_side(tmp_path / "office", "office", "常州市应急管理局")
    field = make_side(tmp_path / "field", "inspector", "陈示范")
    enrol(office, field)
    enrol(field, office)
    yield office, field
    office.ws.close()
    field.ws.close()


def test_a_sheet_printed_in_the_field_matches_at_the_office(sides: tuple[Side, Side], tmp_path: Path) -> None:
    office, field = sides
    assign_one(office, name="常州示范机械有限公司", serial="MA1W2X3Y5")  # office ids and field ids now differ
    oid = assign_one(office)
    with office.ws.sessions() as s:
        uid = inspections.get(s, oid).uid
    # only this inspection travels: the field numbers it 1, the office 2
    import_bundle(field.ws, export_bundle(office.ws, office.identity, tmp_path / "a.inspbundle",
                                          inspection_ids=[oid]).path)
    fid = id_of(field, uid)
    fill_and_complete(field, fid)
    printed = sheet_ops.print_sheet(field.ws, fid, "record", tmp_path / "record.pdf", "陈示范").value
    assert import_bundle(office.ws, export_bundle(field.ws, field.identity, tmp_path / "b.inspbundle").path
                         ).status == "imported"
    assert id_of(office, uid) != fid
    for code in (printed.code, printed.qr_payload):
        assert sheet_queries.verify(field.ws, code).result is Verification.MATCHES
        assert sheet_queries.verify(office.ws, code).result is Verification.MATCHES
    # a real change after printing, sent on to the office: the printed paper no longer matches there
    inspection_ops.reopen(field.ws, fid, "现场负责人职务写错", "陈示范")
    inspection_ops.update_header(field.ws, fid, "陈示范", rep_title="副总经理")
    inspection_ops.complete(field.ws, fid, "陈示范")
    assert import_bundle(office.ws, export_bundle(field.ws, field.identity, tmp_path / "c.inspbundle").path
                         ).status == "imported"
    assert sheet_queries.verify(office.ws, printed.code).result is Verification.CHANGED
    assert sheet_queries.verify(office.ws, printed.qr_payload).result is Verification.CHANGED


def test_a_version_1_code_still_verifies_where_it_was_printed(sides: tuple[Side, Side]) -> None:
    office, _field = sides
    oid = assign_one(office)
    with office.ws.sessions() as s:
        data = sheets.build_sheet_data(s, oid, with_images=False)
    old = short_code(oid, legacy_hashes(data, oid)[0])  # the record sheet as hash version 1 printed it
    assert sheet_queries.verify(office.ws, old).result is Verification.MATCHES
