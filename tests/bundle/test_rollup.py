"""Roll-ups between offices (issue 12 item 3): a district's records go to its city and on to the
province, signed with real keys; re-sending is idempotent, a newer roll-up replaces an older one, a
sheet printed on a laptop verifies at the district, the city and the province, and the offices above
never edit what the office below holds."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from rollup_helpers import (
    CITY,
    PROVINCE,
    WUJIN,
    Office,
    jpeg,
    link,
    make_laptop,
    make_office,
    roll_up,
    send,
)
from sqlalchemy import delete, func, select
from sync_helpers import assign_one, fill_and_complete, id_of, snapshot

from inspector_app.bundle.bag_verify import verify_bundle
from inspector_app.cli import main
from inspector_app.domain.errors import LifecycleError
from inspector_app.domain.scoring import Answer
from inspector_app.reports import FontNotFoundError, Verification
from inspector_app.reports.fonts import find_font
from inspector_app.services.ops import inspections as inspection_ops
from inspector_app.services.ops import reports as report_ops
from inspector_app.services.ops import review
from inspector_app.services.ops import sheets as sheet_ops
from inspector_app.services.ops import sync as sync_ops
from inspector_app.services.queries import sheets as sheet_queries
from inspector_app.storage.models import Enterprise, Inspection
from inspector_app.storage.models_campaigns import FiledReport, Rollup
from inspector_app.storage.models_evidence import Photo

pytestmark = pytest.mark.both_engines


@pytest.fixture(scope="module", autouse=True)
def cjk_font() -> None:
    try:
        find_font()
    except FontNotFoundError as exc:
        pytest.skip(str(exc).splitlines()[0])


@dataclass
class World:
    district: Office
    city: Office
    province: Office
    laptop: Office
    done: str  # the uid of the inspection done on the laptop (received at the district)
    planned: str  # the uid of an inspection still assigned
    code: str  # the short code printed on the laptop's 现场检查记录
    qr: str
    photo_sha: str


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    district = make_office(tmp_path / "wujin", WUJIN, "武进区管理员")
    city = make_office(tmp_path / "city", CITY, "市局管理员")
    province = make_office(tmp_path / "province", PROVINCE, "省厅管理员")
    link(district, city)
    link(city, province)
    laptop = make_laptop(tmp_path / "laptop", district)
    done = assign_one(district)  # type: ignore[arg-type]
    planned = assign_one(district, name="常州示范化工有限公司", serial="MA1W2X3Y5")  # type: ignore[arg-type]
    with district.ws.sessions() as s:
        uids = {i.id: i.uid for i in s.scalars(select(Inspection))}
    assert send(district, laptop, tmp_path / "assign.inspbundle", inspection_ids=[done]).status == "imported"
    fid = id_of(laptop, uids[done])  # type: ignore[arg-type]
    fill_and_complete(laptop, fid, [jpeg(tmp_path / "scene.jpg")])  # type: ignore[arg-type]
    printed = sheet_ops.print_sheet(laptop.ws, fid, "record", tmp_path / "record.pdf", "陈示范").value
    assert send(laptop, district, tmp_path / "done.inspbundle").status == "imported"
    with laptop.ws.sessions() as s:
        photo_sha = s.scalars(select(Photo.sha256)).one()
    yield World(district, city, province, laptop, uids[done], uids[planned], printed.code, printed.qr_payload,
                photo_sha)
    for office in (district, city, province, laptop):
        office.ws.close()


def _id(office: Office, uid: str) -> int:
    return id_of(office, uid)  # type: ignore[arg-type]


def _verify(office: Office, code: str) -> Verification:
    return sheet_queries.verify(office.ws, code).result


def test_district_to_city_to_province(world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    district, city, province = world.district, world.city, world.province
    assert _verify(district, world.code) is Verification.MATCHES
    filed = report_ops.file_report(district.ws, "district-progress-1", "武进区管理员").value
    report = roll_up(district, city, tmp_path / "wujin-1.inspbundle")
    assert report.status == "imported" and report.code == "" and report.rollup == WUJIN
    kinds = report.counts_by_kind()
    assert kinds["inspection"] == {"added": 2} and kinds["enterprise"] == {"added": 2}
    assert kinds["filed_report"] == {"added": 1} and kinds["office"] == {"added": 1}
    with city.ws.sessions() as s:
        assert set(s.scalars(select(Inspection.origin))) == {WUJIN}
        assert set(s.scalars(select(Enterprise.origin))) == {WUJIN}
        row = s.scalars(select(FiledReport)).one()
        assert (row.number, row.origin, row.jurisdiction) == (filed.number, WUJIN, WUJIN)
        assert (city.ws.sheet_dir / f"{row.pdf_sha256}.pdf").is_file()
        assert (city.ws.sheet_dir / f"{row.xlsx_sha256}.xlsx").is_file()
        applied = s.get(Rollup, WUJIN)
        assert applied is not None and applied.bundle_id == report.bundle_id and applied.sender == "武进区管理员"
        # photos were not asked for: the rows came, the files did not
        assert s.scalars(select(Photo.sha256)).one() == world.photo_sha
    assert not any(city.ws.photo_dir.rglob(f"{world.photo_sha}.*"))
    # the laptop's sheet verifies at the city as it does at the district (the district's settings)
    for code in (world.code, world.qr):
        assert _verify(city, code) is Verification.MATCHES
    assert main(["--data-dir", str(city.ws.root), "sheet", "verify", world.code]) == 0
    capsys.readouterr()

    city_filed = report_ops.file_report(city.ws, "city-progress-1", "市局管理员").value
    report = roll_up(city, province, tmp_path / "city-1.inspbundle")
    assert report.status == "imported" and report.rollup == CITY
    assert report.counts_by_kind()["filed_report"] == {"added": 2}
    assert report.counts_by_kind()["office"] == {"added": 2}
    with province.ws.sessions() as s:
        assert set(s.scalars(select(Inspection.origin))) == {WUJIN}  # the district's, unchanged
        assert set(s.scalars(select(Enterprise.origin))) == {WUJIN}
        origins = {n: o for n, o in s.execute(select(FiledReport.number, FiledReport.origin))}
        assert origins == {filed.number: WUJIN, city_filed.number: CITY}
    assert _verify(province, world.code) is Verification.MATCHES


def test_resending_is_idempotent_and_a_newer_roll_up_replaces_an_older_one(world: World, tmp_path: Path) -> None:
    district, city = world.district, world.city
    first = sync_ops.export_rollup(district.ws, district.identity(), tmp_path / "1.inspbundle")
    assert sync_ops.import_bundle(city.ws, first.path).status == "imported"
    before = snapshot(city.ws)
    again = sync_ops.import_bundle(city.ws, first.path)
    assert again.status == "already imported" and again.lines == [] and snapshot(city.ws) == before
    # at the district: the planned inspection is withdrawn, the done one accepted
    with district.ws.sessions.begin() as s:
        s.execute(delete(Inspection).where(Inspection.uid == world.planned))
    review.accept(district.ws, _id(district, world.done), "科长")
    second = sync_ops.export_rollup(district.ws, district.identity(), tmp_path / "2.inspbundle")
    report = sync_ops.import_bundle(city.ws, second.path)
    assert report.status == "imported"
    assert report.counts_by_kind()["inspection"] == {"updated": 1, "removed": 1}
    assert report.changes.everything  # a removal: every screen rereads
    with city.ws.sessions() as s:
        assert s.scalar(select(Inspection.uid)) == world.done and s.scalar(select(func.count(Inspection.id))) == 1
        assert s.scalar(select(Inspection.status)) == "accepted"
        # the enterprise stays: the district's register still has it
        assert s.scalar(select(func.count(Enterprise.id))) == 2
    # the older roll-up now comes late: refused as stale, nothing changes
    before = snapshot(city.ws)
    stale = sync_ops.import_bundle(city.ws, first.path)
    assert stale.status == "already imported"  # this one was applied before
    third = sync_ops.export_rollup(district.ws, district.identity(), tmp_path / "3.inspbundle")
    fourth = sync_ops.export_rollup(district.ws, district.identity(), tmp_path / "4.inspbundle")
    assert sync_ops.import_bundle(city.ws, fourth.path).status == "imported"
    before = snapshot(city.ws)
    late = sync_ops.import_paths(city.ws, [third.path]).reports[0]
    assert late.status == "rejected" and late.code == "stale_rollup" and "较旧" in late.reason
    assert snapshot(city.ws) == before


def test_photos_travel_only_when_asked(world: World, tmp_path: Path) -> None:
    district, city = world.district, world.city
    plain = sync_ops.export_rollup(district.ws, district.identity(), tmp_path / "plain.inspbundle")
    full = sync_ops.export_rollup(district.ws, district.identity(), tmp_path / "full.inspbundle", with_photos=True)
    with verify_bundle(plain.path, None) as bundle:
        assert not [p for p in bundle.payload if p.startswith("data/photos/")]
        assert [p for p in bundle.payload if p.startswith("data/signatures/")]  # signatures always
    with verify_bundle(full.path, None) as bundle:
        assert f"data/photos/originals/{world.photo_sha}.jpg" in bundle.payload
    assert sync_ops.import_bundle(city.ws, plain.path).status == "imported"
    assert not any(city.ws.photo_dir.rglob(f"{world.photo_sha}.*"))
    report = sync_ops.import_bundle(city.ws, full.path)
    assert report.status == "imported" and report.counts_by_kind()["inspection"] == {"unchanged": 2}
    assert any(city.ws.photo_dir.rglob(f"{world.photo_sha}.jpg"))


def test_the_city_cannot_change_what_the_district_holds(world: World, tmp_path: Path) -> None:
    district, city = world.district, world.city
    assert roll_up(district, city, tmp_path / "1.inspbundle").status == "imported"
    cid, planned = _id(city, world.done), _id(city, world.planned)
    attempts = [
        lambda: review.accept(city.ws, cid, "市局管理员"),
        lambda: review.return_for_correction(city.ws, cid, "市局管理员", "补充照片"),
        lambda: inspection_ops.reopen(city.ws, cid, "核对", "市局管理员"),
        lambda: inspection_ops.update_header(city.ws, planned, "市局管理员", location="二号车间"),
        lambda: inspection_ops.set_answer(city.ws, planned, "1.1", Answer("符合"), "市局管理员"),
        lambda: inspection_ops.add_finding(city.ws, planned, "市局管理员", description="通道堵塞"),
        lambda: sheet_ops.print_sheet(city.ws, cid, "record", tmp_path / "copy.pdf", "市局管理员"),
    ]
    before = snapshot(city.ws)
    for attempt in attempts:
        with pytest.raises(LifecycleError, match="由下级机关（江苏省常州市武进区）持有"):
            attempt()
    assert snapshot(city.ws)[0] == before[0]
    # the city's own bundles to its inspectors never carry the district's records
    with pytest.raises(Exception, match="没有需要导出的检查"):
        sync_ops.export_bundle(city.ws, city.identity(), tmp_path / "to-field.inspbundle")


def test_a_sheet_that_really_changed_reads_as_changed_above(world: World, tmp_path: Path) -> None:
    district, city, laptop = world.district, world.city, world.laptop
    assert roll_up(district, city, tmp_path / "1.inspbundle").status == "imported"
    assert _verify(city, world.code) is Verification.MATCHES
    fid = _id(laptop, world.done)
    inspection_ops.reopen(laptop.ws, fid, "现场负责人职务写错", "陈示范")
    inspection_ops.update_header(laptop.ws, fid, "陈示范", rep_title="副总经理")
    inspection_ops.complete(laptop.ws, fid, "陈示范")
    assert send(laptop, district, tmp_path / "again.inspbundle").status == "imported"
    assert _verify(district, world.code) is Verification.CHANGED
    report = roll_up(district, city, tmp_path / "2.inspbundle")
    assert report.counts_by_kind()["inspection"] == {"updated": 1, "unchanged": 1}
    assert _verify(city, world.code) is Verification.CHANGED
    assert main(["--data-dir", str(city.ws.root), "sheet", "verify", world.code]) == 1
