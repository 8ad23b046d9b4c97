"""Evidence plausibility in a workspace: the warnings on an inspection's photos (the real photo from Milan
among photos taken on site), the audited, idempotent acceptance, the thresholds as workspace settings, the
printed caption and stamp, and ``photos check | accept``."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from photo_helpers import asymmetric_image, gps_ifd, jpeg_with_exif

from inspector_app.cli import main
from inspector_app.domain import uscc
from inspector_app.domain.errors import LifecycleError, NotFoundError, ValidationError
from inspector_app.domain.plausibility import FAR_FROM_SITE, OUTSIDE_AREA, TIME_BEFORE
from inspector_app.services import audit, inspections, photos, plausibility, sheets
from inspector_app.services.changes import ChangeKind
from inspector_app.services.enterprises import EnterpriseData, upsert
from inspector_app.services.ops import evidence as evidence_ops
from inspector_app.services.ops import workspace as workspace_ops
from inspector_app.services.ops.plausibility import accept_warnings
from inspector_app.services.queries import evidence as evidence_queries
from inspector_app.services.queries.plausibility import check_inspection, document
from inspector_app.services.templates import latest_templates, sync_shipped_templates
from inspector_app.storage.engine import Workspace, open_workspace

PAIR = [("陈示范", "苏应急执法32040001"), ("吴示例", "苏应急执法32040002")]
SITE = (31.7010, 119.9480)  # 湖塘镇, 武进区


def _inspection(ws: Workspace, started: datetime | None = None) -> int:
    with ws.sessions.begin() as s:
        sync_shipped_templates(s)
        template = next(t for t in latest_templates(s) if t.template_id == "lookback-2020")
        enterprise, _ = upsert(s, EnterpriseData(name="常州示例精密机械有限公司",
                                                 uscc=uscc.make_code("9", "1", "320412", "MA1W2X3Y4"),
                                                 cert_grade="三级", district="武进区",
                                                 address="常州市武进区湖塘镇示例路1号"))
        inspection = inspections.assign(s, enterprise, template, PAIR, "科长", due_date=date(2026, 12, 31))
        inspection.started_at = started
        return inspection.id


def _site_photos(folder: Path, when: datetime, count: int = 3) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"site-{n}.jpg"
        path.write_bytes(jpeg_with_exif(asymmetric_image((320 + n, 240)),
                                        datetime_original=(when + timedelta(minutes=n)).strftime("%Y:%m:%d %H:%M:%S"),
                                        gps=gps_ifd(SITE[0] + n * 0.0002, SITE[1] + n * 0.0001)))
        paths.append(path)
    return paths


@pytest.fixture
def milan(photo_fixtures: Path) -> Path:
    path = photo_fixtures / "gps-htc.jpg"  # HTC Desire, 2011-05-06, 45.50067 N 9.11033 E (Milan)
    if not path.is_file():
        pytest.skip("gps-htc.jpg is not among the shared fixtures")
    return path


def _added(ws: Workspace, iid: int, paths: list[Path]) -> dict[str, int]:
    report = evidence_ops.add_photos(ws, iid, paths, "陈示范", workers=1)
    assert not report.rejected
    return {a.file_name: a.photo_id for a in report.added}


@pytest.mark.fixtures
def test_the_photo_from_milan_is_flagged_and_the_site_photos_are_not(workspace: Workspace, tmp_path: Path,
                                                                     milan: Path) -> None:
    started = datetime.now().replace(microsecond=0) - timedelta(hours=1)
    iid = _inspection(workspace, started)
    ids = _added(workspace, iid, [*_site_photos(tmp_path / "in", started), milan])
    report = check_inspection(workspace, iid)
    assert report.area == "武进区" and "估计" in report.area_source
    codes = {v.file_name: {f.code for f in v.check.findings} for v in report.photos}
    assert codes == {"site-0.jpg": set(), "site-1.jpg": set(), "site-2.jpg": set(),
                     "gps-htc.jpg": {TIME_BEFORE, OUTSIDE_AREA, FAR_FROM_SITE}}
    assert report.open_warnings == 3
    # the gallery's rows carry the same verdicts
    rows = {r.file_name: r for r in evidence_queries.photo_rows(workspace, iid)}
    assert {w.code for w in rows["gps-htc.jpg"].check.open_warnings} == codes["gps-htc.jpg"]
    assert not rows["site-0.jpg"].check.findings
    doc = document(report)
    milan_doc = next(p for p in doc["photos"] if p["photo_id"] == ids["gps-htc.jpg"])
    assert {f["code"] for f in milan_doc["findings"]} == codes["gps-htc.jpg"]
    assert all(f["source"] and not f["accepted"] for f in milan_doc["findings"])


@pytest.mark.fixtures
def test_acceptance_is_audited_idempotent_and_refused_when_locked(workspace: Workspace, tmp_path: Path,
                                                                   milan: Path) -> None:
    started = datetime.now().replace(microsecond=0) - timedelta(hours=1)
    iid = _inspection(workspace, started)
    ids = _added(workspace, iid, [*_site_photos(tmp_path / "in", started), milan])
    photo_id = ids["gps-htc.jpg"]

    only = accept_warnings(workspace, photo_id, "陈示范", [OUTSIDE_AREA])
    assert only.value == OUTSIDE_AREA and only.changes.has(ChangeKind.PHOTOS)
    assert only.changes.touches_inspection(iid)
    result = accept_warnings(workspace, photo_id, "陈示范", inspection_id=iid)
    assert result.value == "far_from_site,outside_area,time_before"
    again = accept_warnings(workspace, photo_id, "陈示范")
    assert again.value == result.value and not again.changes.kinds  # nothing changed, nothing announced
    with workspace.sessions() as s:
        rows = [e for e in audit.trail(s, iid) if e.field == "plausibility_ack"]
        assert [(e.old_value, e.new_value, e.actor) for e in rows] == [
            ("", OUTSIDE_AREA, "陈示范"), (OUTSIDE_AREA, "far_from_site,outside_area,time_before", "陈示范")]
        assert "位置不在本辖区内（武进区" in rows[0].reason and "拍摄时间与检查时间不符" in rows[1].reason
        assert photos.get_photo(s, photo_id).plausibility_ack == result.value
    check = next(v.check for v in check_inspection(workspace, iid).photos if v.photo_id == photo_id)
    assert check.all_accepted and len(check.warnings) == 3

    with pytest.raises(NotFoundError):
        accept_warnings(workspace, photo_id, "陈示范", inspection_id=iid + 1)
    with pytest.raises(ValidationError):
        accept_warnings(workspace, photo_id, "陈示范", ["no_such_rule"])
    with workspace.sessions.begin() as s:
        inspection = inspections.get(s, iid)
        inspection.status, inspection.completed_at = "completed", datetime.now()
    with pytest.raises(LifecycleError):
        accept_warnings(workspace, ids["site-0.jpg"], "陈示范")


def test_a_photo_without_gps_or_time_and_an_inspection_with_one_photo(workspace: Workspace, tmp_path: Path) -> None:
    started = datetime.now().replace(microsecond=0) - timedelta(hours=1)
    iid = _inspection(workspace, started)
    bare = tmp_path / "bare.jpg"
    bare.write_bytes(jpeg_with_exif(asymmetric_image()))  # no EXIF time, no GPS: the file's clock
    (single,) = _site_photos(tmp_path / "one", started, 1)
    ids = _added(workspace, iid, [bare, single])
    checks = {v.photo_id: v.check for v in check_inspection(workspace, iid).photos}
    assert not checks[ids["site-0.jpg"]].findings  # no other photo to compare with, inside 武进区
    assert [f.code for f in checks[ids["bare.jpg"]].findings] == ["device_clock"]
    assert not checks[ids["bare.jpg"]].warnings
    with pytest.raises(ValidationError):  # nothing to accept is not an error, but a wrong code is
        accept_warnings(workspace, ids["bare.jpg"], "陈示范", ["device_clock"])
    assert not accept_warnings(workspace, ids["bare.jpg"], "陈示范").changes.kinds


def test_thresholds_are_workspace_settings(workspace: Workspace, tmp_path: Path) -> None:
    started = datetime(2026, 3, 10, 9, 0)
    iid = _inspection(workspace, started)
    (early,) = _site_photos(tmp_path / "early", started - timedelta(days=3), 1)
    _added(workspace, iid, [early])
    assert [f.code for v in check_inspection(workspace, iid).photos for f in v.check.findings] == [TIME_BEFORE]
    workspace_ops.set_setting(workspace, "photo_days_before", "3.5", "科长")
    report = check_inspection(workspace, iid)
    assert report.thresholds.days_before == 3.5 and not report.open_warnings
    for bad in ("-1", "两天", "1e9"):
        with pytest.raises(ValidationError):
            workspace_ops.set_setting(workspace, "photo_distance_km", bad, "科长")
    workspace_ops.set_setting(workspace, "photo_region_margin_km", "", "科长")  # empty: the default
    with workspace.sessions() as s:
        assert plausibility.thresholds(s).margin_km == 1.0


@pytest.mark.fixtures
def test_the_printed_caption_and_stamp_state_the_mismatch(workspace: Workspace, tmp_path: Path, milan: Path) -> None:
    started = datetime.now().replace(microsecond=0) - timedelta(hours=1)
    iid = _inspection(workspace, started)
    ids = _added(workspace, iid, [*_site_photos(tmp_path / "in", started), milan])
    store = photos.photo_store(workspace.photo_dir)
    with workspace.sessions() as s:
        data = sheets.build_sheet_data(s, iid, store=store, with_images=False)
        rows = photos.list_photos(s, iid)
        checks = plausibility.check_photos(s, inspections.get(s, iid), rows)
        stamps = {p.original_name: plausibility.stamp(photos.stamp_for_photo(s, p), p, checks[p.id]) for p in rows}
    notes = {p.caption: p.notes for p in data.photos}
    (line,) = notes[next(c for c in notes if "gps-htc" in c)]
    assert line.startswith("核验提示（未经检查人员确认）：拍摄时间与检查时间不符（早于检查开始约 ")
    assert "位置不在本辖区内（武进区，相距约 " in line and "位置距检查场所约 " in line
    assert all(not n for c, n in notes.items() if "site" in c)
    # the stamp: the mismatch instead of the site's address beside coordinates that disagree
    assert stamps["gps-htc.jpg"].location_text.startswith("45.50067°N 9.11033°E（不在本辖区内，距检查场所约 ")
    assert "常州市武进区" not in stamps["gps-htc.jpg"].location_text
    assert stamps["gps-htc.jpg"].time_text.endswith("（与检查时间不符）")
    assert stamps["site-0.jpg"].location_text.endswith("常州市武进区湖塘镇示例路1号")  # agreeing: as before

    accept_warnings(workspace, ids["gps-htc.jpg"], "陈示范", [OUTSIDE_AREA])
    with workspace.sessions() as s:
        data = sheets.build_sheet_data(s, iid, store=store, with_images=False)
    lines = next(p.notes for p in data.photos if "gps-htc" in p.caption)
    assert lines[0].startswith("核验提示（检查人员已确认）：位置不在本辖区内（武进区，相距约 ")  # still printed
    assert lines[1].startswith("核验提示（未经检查人员确认）：拍摄时间与检查时间不符")


@pytest.mark.fixtures
def test_photos_check_and_accept_commands(tmp_path: Path, milan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "ws"
    ws = open_workspace(root)
    started = datetime.now().replace(microsecond=0) - timedelta(hours=1)
    iid = _inspection(ws, started)
    ids = _added(ws, iid, [*_site_photos(tmp_path / "in", started), milan])
    ws.close()
    base = ["--data-dir", str(root), "photos"]
    assert main([*base, "check", str(iid)]) == 1  # open warnings
    out, _ = capsys.readouterr()
    assert "gps-htc.jpg" in out and "GPS 位置不在企业所在辖区（武进区）范围内" in out and "3 条提示尚未确认" in out
    assert main([*base, "check", str(iid), "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr()[0])
    assert doc["area"] == "武进区" and doc["thresholds"] == {"days_before": 2.0, "distance_km": 2.0, "margin_km": 1.0}
    assert main([*base, "accept", str(iid), str(ids["gps-htc.jpg"]), "--by", "陈示范"]) == 0
    said = capsys.readouterr()[0]
    assert "已确认照片" in said and "位置不在本辖区内" in said and "outside_area" not in said
    assert main([*base, "accept", str(iid), str(ids["gps-htc.jpg"]), "--by", "陈示范"]) == 0
    assert "没有新的提示需要确认" in capsys.readouterr()[0]
    assert main([*base, "check", str(iid)]) == 0
    assert "0 条提示尚未确认" in capsys.readouterr()[0]
    assert main([*base, "accept", str(iid + 5), str(ids["gps-htc.jpg"])]) != 0
    assert "没有编号为" in capsys.readouterr()[1]
