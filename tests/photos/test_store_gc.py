"""The collector of unused derived images (``services.ops.store_gc``, ``inspector-app workspace gc``): it
removes an orphaned display copy, a deleted photo's copies and a stale print copy, and never an original
(even one no photo refers to), a referenced file, a young file, a signature image, nor anything on the
office's shared store; a dry run removes nothing."""

from __future__ import annotations

import io
import os
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from photo_helpers import asymmetric_image, gps_ifd, jpeg_with_exif
from PIL import Image
from sqlalchemy import select

from inspector_app.cli import main
from inspector_app.domain import uscc
from inspector_app.photos.fonts import find_cjk_font
from inspector_app.photos.store import PhotoStore
from inspector_app.photos.watermark import SHEET_LONG_EDGE, StampInfo, print_key
from inspector_app.services import inspections, sheets
from inspector_app.services import photos as photo_service
from inspector_app.services.enterprises import EnterpriseData, upsert
from inspector_app.services.ops import evidence as ops
from inspector_app.services.ops import sheets as sheet_ops
from inspector_app.services.ops import store_gc
from inspector_app.services.templates import latest_templates, sync_shipped_templates
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models_evidence import Photo

TEAM = [("陈示范", "苏应急执法32040001"), ("林演示", "苏应急执法32040017")]
STROKES = [[(0.0, 0.0, 0.0, 0.5), (30.0, 20.0, 10.0, 0.8), (60.0, 5.0, 20.0, 0.6)]]
DAY = 86400.0


def _jpeg(seed: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (seed * 40 % 256, 80, 160)).save(out, "JPEG")
    return out.getvalue()


def _png(seed: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (40, 20), (0, 0, seed * 40 % 256, 255)).save(out, "PNG")
    return out.getvalue()


def _age(root: Path, days: float = 2) -> None:
    """Every file under ``root`` last changed ``days`` ago."""
    then = time.time() - days * DAY
    for path in root.rglob("*"):
        if path.is_file():
            os.utime(path, (then, then))


@pytest.fixture
def scene(workspace: Workspace, tmp_path: Path) -> dict[str, object]:
    """An inspection with three photos (one marked up, one then removed), a signature, an orphaned display
    copy, an old signature image nobody names, a live and a stale print-copy key – all two days old."""
    with workspace.sessions.begin() as s:
        sync_shipped_templates(s)
        template = next(t for t in latest_templates(s) if t.template_id == "lookback-2020")
        enterprise, _ = upsert(s, EnterpriseData(name="常州示范机械有限公司", uscc=uscc.make_code("9", "1", "320412", "MA1W2X3Y4"),
                                                 cert_grade="三级", district="武进区", address="常州市武进区湖塘镇1号"))
        iid = inspections.assign(s, enterprise, template, TEAM, "科长", due_date=date(2026, 12, 31)).id
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"IMG_{i}.jpg").write_bytes(jpeg_with_exif(asymmetric_image((320 + i, 240)), datetime_original=f"2026:11:2{i} 10:00:00",
                                                             gps=gps_ifd(31.78, 119.95)))
    report = ops.add_photos(workspace, iid, [folder], "陈示范", workers=1)
    ids = [a.photo_id for a in report.added]
    ops.save_markup(workspace, ids[0], [{"kind": "rect", "x1": 0.1, "y1": 0.1, "x2": 0.5, "y2": 0.5}], "陈示范")
    ops.save_signature(workspace, iid, "inspector", "陈示范", STROKES, "陈示范")
    store = PhotoStore(workspace.photo_dir)
    with workspace.sessions() as s:
        removed = s.get(Photo, ids[2])
        assert removed is not None
        gone = {"original": removed.sha256, "display": removed.display_sha256, "thumb": removed.thumb_sha256}
    ops.remove_photos(workspace, [ids[2]], "陈示范")
    with workspace.sessions() as s:  # the key the print uses now for the photo that is neither marked up nor removed
        jobs = sheets.print_jobs(s, store, photo_service.list_photos(s, iid))
        live_key, source, area, _stamp = jobs[1]
    # Print copies made while adding: the removed photo's and the marked-up photo's (its print is made from
    # the marked-up copy now) are no longer used.
    unused_copies = {sha for key, sha in store.remembered().items() if key != live_key}
    orphan = store.put_derived(_jpeg(1), "jpg").sha256
    old_signature = store.put_derived(_png(2), "png").sha256
    live_copy = store.recall(live_key)
    if live_copy is None:  # no print copy made while adding: as a print would keep it
        live_copy = store.put_derived(_jpeg(3), "jpg").sha256
        store.remember(live_key, live_copy)
    stale_key = print_key(source, area, StampInfo("更名前的企业", "", "未知", "陈示范"), SHEET_LONG_EDGE)
    stale_copy = store.put_derived(_jpeg(4), "jpg").sha256
    store.remember(stale_key, stale_copy)
    _age(workspace.photo_dir)
    expected = {orphan, gone["display"], gone["thumb"], stale_copy} | unused_copies
    return {"ids": ids, "gone": gone, "expected": expected, "orphan": orphan, "old_signature": old_signature, "live_copy": live_copy,
            "live_key": live_key, "stale_copy": stale_copy, "stale_key": stale_key, "store": store}


def _count(scene: dict[str, object]) -> int:
    expected = scene["expected"]
    assert isinstance(expected, set)
    return len(expected)


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_removes_only_unused_images_that_can_be_made_again(workspace: Workspace, scene: dict[str, object]) -> None:
    store = scene["store"]
    assert isinstance(store, PhotoStore)
    gone = scene["gone"]
    assert isinstance(gone, dict)
    originals_before = _snapshot(workspace.photo_dir / "originals")
    referenced = store_gc.referenced_hashes(workspace, store)
    used = [h for h in store.iter_hashes("derived") if h in referenced]

    expected = scene["expected"]
    assert isinstance(expected, set)
    entries = sum(1 for sha in store.remembered().values() if sha in expected)
    dry = store_gc.collect_derived(workspace, dry_run=True)
    assert {n.split(".")[0] for n in dry.removed_names} == expected
    assert all(store.exists(str(h), "derived") for h in expected)  # a dry run removes nothing
    assert not (workspace.root / store_gc.STAMP_FILE).exists()

    report = store_gc.collect_derived(workspace)
    assert report.removed == len(expected) and report.removed_bytes > 0
    assert report.stale_keys == entries
    assert report.kept == 1  # the signature image no row names: kept
    for sha in expected:
        assert not store.exists(str(sha), "derived")
    for sha in used:  # every referenced file stays: display copies, thumbnails, markup, signature, live print copy
        assert store.exists(sha, "derived")
    assert scene["live_copy"] in used and store.recall(str(scene["live_key"])) == scene["live_copy"]
    assert store.exists(str(scene["old_signature"]), "derived")
    assert str(scene["stale_key"]) not in store.remembered()
    # Originals are never touched – the removed photo's original too (custody).
    assert _snapshot(workspace.photo_dir / "originals") == originals_before
    assert store.exists(gone["original"], "originals")
    with workspace.sessions() as s:
        assert photo_service.unreferenced_originals(s, store) == [gone["original"]]
    assert store_gc.collect_derived(workspace).removed == 0  # nothing left to collect
    assert store_gc.last_run(workspace) is not None


def test_young_files_and_files_reused_meanwhile_are_spared(workspace: Workspace, scene: dict[str, object]) -> None:
    store = scene["store"]
    assert isinstance(store, PhotoStore)
    young = store.put_derived(_jpeg(9), "jpg").sha256  # an add or an import may be about to refer to it
    assert store.put_derived(_jpeg(1), "jpg").created is False  # the orphan reused: young again
    report = store_gc.collect_derived(workspace)
    assert store.exists(young, "derived") and store.exists(str(scene["orphan"]), "derived")
    assert report.young == 2 and report.removed == _count(scene) - 1
    later = store_gc.collect_derived(workspace, now=time.time() + 2 * DAY)
    assert later.removed == 2 and not store.exists(young, "derived")


def test_a_shared_office_store_is_refused_unless_asked(workspace: Workspace, scene: dict[str, object],
                                                       tmp_path: Path) -> None:
    workspace.shared = workspace.root  # the office's shared folder (storage.shared_store): photos/ under it
    before = _snapshot(workspace.photo_dir)
    with pytest.raises(store_gc.SharedStoreRefused, match="--shared-ok"):
        store_gc.collect_derived(workspace)
    assert store_gc.collect_if_due(workspace) is None  # the weekly run never collects a shared store
    assert _snapshot(workspace.photo_dir) == before
    assert store_gc.collect_derived(workspace, shared_ok=True).removed == _count(scene)


def test_the_automatic_run_is_at_most_weekly(workspace: Workspace, scene: dict[str, object]) -> None:
    now = datetime.now()
    first = store_gc.collect_if_due(workspace, now=now)
    assert first is not None and first.removed == _count(scene)
    assert store_gc.collect_if_due(workspace, now=now + timedelta(days=6)) is None
    again = store_gc.collect_if_due(workspace, now=now + timedelta(days=8))
    assert again is not None and again.removed == 0


def test_the_command_line(workspace: Workspace, scene: dict[str, object], capsys: pytest.CaptureFixture[str]) -> None:
    root = str(workspace.root)
    workspace.close()
    assert main(["--data-dir", root, "workspace", "gc", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert f"试运行：将删除 {_count(scene)} 个" in out and "未删除任何文件" in out and "originals/" in out
    assert main(["--data-dir", root, "workspace", "gc"]) == 0
    assert f"已删除 {_count(scene)} 个不再使用的派生图像" in capsys.readouterr().out
    (Path(root) / "shared").mkdir()
    (Path(root) / "shared_store").write_text(str(Path(root) / "shared") + "\n", encoding="utf-8")
    assert main(["--data-dir", root, "workspace", "gc"]) != 0
    assert "--shared-ok" in capsys.readouterr().err


def test_the_print_copies_a_print_uses_are_kept(workspace: Workspace, scene: dict[str, object], tmp_path: Path) -> None:
    """After a print, every print copy it used is still in the store after collecting: the next print
    finds them all by their keys (the key index and ``services.sheets.print_jobs``)."""
    if find_cjk_font() is None:
        pytest.skip("no CJK font to print with")
    store = scene["store"]
    assert isinstance(store, PhotoStore)
    iid = _inspection(workspace)
    sheet_ops.print_sheet(workspace, iid, "scoresheet", tmp_path / "s.pdf", "陈示范")
    with workspace.sessions() as s:
        keys = [key for key, *_rest in sheets.print_jobs(s, store, photo_service.list_photos(s, iid))]
    _age(workspace.photo_dir)
    assert all(store.recall(key) for key in keys) and len(keys) == 2
    store_gc.collect_derived(workspace)
    assert all(store.recall(key) for key in keys)  # each still names a file in the store
    sheets_before = _snapshot(workspace.sheet_dir)
    assert sheets_before and store_gc.collect_derived(workspace).removed == 0
    assert _snapshot(workspace.sheet_dir) == sheets_before  # printed documents are never touched


def _inspection(workspace: Workspace) -> int:
    with workspace.sessions() as s:
        photo = s.scalars(select(Photo)).first()
        assert photo is not None
        return photo.inspection_id
