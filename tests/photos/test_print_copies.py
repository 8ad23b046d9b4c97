"""The photos' print copies (issue 17): made while the photos are added, so that printing only embeds
bytes; the same bytes a print would make; made again when what the stamp says changes; a print asked for
while photos are being added waits for them (``photos.processing``)."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from photo_helpers import asymmetric_image, jpeg_with_exif
from test_evidence_ops import PAIR, _setup

from inspector_app.cli import main
from inspector_app.photos import processing
from inspector_app.photos.decode import IngestOptions
from inspector_app.photos.ingest import ingest_file
from inspector_app.photos.store import PhotoStore
from inspector_app.photos.watermark import (
    SHEET_LONG_EDGE,
    StampContext,
    metadata_stamp,
    print_key,
    watermark_bytes,
)
from inspector_app.services import sheet_build
from inspector_app.services import sheets as sheet_service
from inspector_app.services.ops import evidence as ops
from inspector_app.services.ops import inspections as inspection_ops
from inspector_app.services.ops import sheets as sheet_ops
from inspector_app.services.queries import evidence as queries
from inspector_app.services.queries import sheets as sheet_queries
from inspector_app.storage.engine import Workspace, open_workspace

CONTEXT = StampContext("常州恒达机械制造有限公司", "常州市武进区湖塘镇", "陈示范、吴敏")


def _files(folder: Path, count: int, size: tuple[int, int] = (2000, 1500)) -> list[Path]:
    """Photos taken just now (half of them with a GPS fix in 武进区): nothing about them is implausible, so
    their stamps say what the copies made while adding say."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    taken = datetime.now() - timedelta(minutes=30)
    for n in range(count):
        path = folder / f"IMG_{n}.jpg"
        gps = {1: "N", 2: (31.0, 46.0, 12.5), 3: "E", 4: (119.0, 57.0, 1.0)} if n % 2 else None
        when = (taken + timedelta(seconds=n)).strftime("%Y:%m:%d %H:%M:%S")
        path.write_bytes(jpeg_with_exif(asymmetric_image((size[0] + n, size[1])), orientation=6 if n % 3 else 1,
                                        datetime_original=when, gps=gps))
        paths.append(path)
    return paths


@pytest.fixture
def makes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The source hashes of every print copy the sheets make at print time."""
    made: list[str] = []
    real = sheet_build.watermark_photo

    def counting(store: PhotoStore, source: str, *args: Any, **kwargs: Any) -> Any:
        made.append(source)
        return real(store, source, *args, **kwargs)

    monkeypatch.setattr(sheet_build, "watermark_photo", counting)
    return made


def _print_jpegs(ws: Workspace, inspection_id: int) -> list[bytes]:
    with ws.sessions() as session:
        data = sheet_service.build_sheet_data(session, inspection_id, store=PhotoStore(ws.photo_dir))
    return [p.jpeg for p in data.photos]


def test_the_copy_made_while_adding_is_the_copy_a_print_makes(tmp_path: Path, store: PhotoStore) -> None:
    names = []
    for n, path in enumerate(_files(tmp_path / "in", 3)):
        photo = ingest_file(path, store, IngestOptions(print_stamp=CONTEXT))
        assert photo.print_copy is not None and max(photo.print_copy.width, photo.print_copy.height) == 1600
        stamp = metadata_stamp(CONTEXT, photo.metadata)
        assert ("°N" in stamp.location_text) == bool(n % 2)
        key = print_key(photo.sha256, "originals", stamp, SHEET_LONG_EDGE)
        assert store.recall(key) == photo.print_copy.sha256
        made, _size = watermark_bytes(store.read(photo.sha256), stamp, long_edge=SHEET_LONG_EDGE)
        assert store.read(photo.print_copy.sha256, "derived") == made  # byte for byte
        names.append(photo.print_copy.sha256)
    assert len(set(names)) == 3
    plain = ingest_file(tmp_path / "in" / "IMG_0.jpg", PhotoStore(tmp_path / "other"))
    assert plain.print_copy is None  # no stamp given: no copy (and no key)
    assert PhotoStore(tmp_path / "other").remembered() == {}


def test_real_photos_same_bytes(photo_fixtures: Path, store: PhotoStore) -> None:
    for name in ("orient-6.jpg", "gps-iphone5-orient3.jpg", "heic-phone.heic", "large-phone.jpg"):
        photo = ingest_file(photo_fixtures / name, store, IngestOptions(print_stamp=CONTEXT))
        assert photo.print_copy is not None, name
        made, _ = watermark_bytes(store.read(photo.sha256), metadata_stamp(CONTEXT, photo.metadata))
        made_1600, _ = watermark_bytes(store.read(photo.sha256), metadata_stamp(CONTEXT, photo.metadata),
                                       long_edge=SHEET_LONG_EDGE)
        assert store.read(photo.print_copy.sha256, "derived") == made_1600, name
        assert made != made_1600 or max(photo.metadata.width, photo.metadata.height) <= 1600


def test_service_add_then_print_embeds_the_copies_without_making_any(workspace: Workspace, tmp_path: Path,
                                                                     makes: list[str]) -> None:
    iid, _ = _setup(workspace)
    report = ops.add_photos(workspace, iid, _files(tmp_path / "in", 4), "陈示范", workers=2)
    assert len(report.added) == 4
    store = PhotoStore(workspace.photo_dir)
    assert len(store.remembered()) == 4
    jpegs = _print_jpegs(workspace, iid)
    assert makes == []  # the print only read them
    assert sorted(jpegs) == sorted(store.read(sha, "derived") for sha in store.remembered().values())
    assert not list((workspace.root / processing.FOLDER).glob("*.json"))  # the batch mark is gone


def test_cli_add_then_print_makes_nothing(workspace: Workspace, tmp_path: Path, makes: list[str],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    iid, _ = _setup(workspace)
    root = str(workspace.root)
    workspace.close()
    files = [str(p) for p in _files(tmp_path / "in", 3)]
    assert main(["--data-dir", root, "photos", "add", str(iid), *files, "--by", "陈示范"]) == 0
    store = PhotoStore(Path(root) / "photos")
    again = open_workspace(Path(root))
    try:
        store = PhotoStore(again.photo_dir)
        assert len(store.remembered()) == 3
        capsys.readouterr()
        assert main(["--data-dir", root, "sheet", str(iid), "-o", str(tmp_path / "r.pdf"), "--kind", "scoresheet"]) == 0
        assert makes == []
        assert "等待照片处理" not in capsys.readouterr().err  # nothing was being added
        assert len(_print_jpegs(again, iid)) == 3 and makes == []
    finally:
        again.close()


def test_a_changed_stamp_or_markup_makes_the_copy_again(workspace: Workspace, tmp_path: Path,
                                                        makes: list[str]) -> None:
    iid, _ = _setup(workspace)
    ops.add_photos(workspace, iid, _files(tmp_path / "in", 3), "陈示范", workers=1)
    first = _print_jpegs(workspace, iid)
    assert makes == []
    # another inspector joins after the photos were taken: every stamp names them, every copy is made again
    inspection_ops.set_inspectors(workspace, iid, [*PAIR, ("周新", "苏应急执法32040077")], "陈示范")
    second = _print_jpegs(workspace, iid)
    assert len(makes) == 3 and not set(first) & set(second)
    assert _print_jpegs(workspace, iid) == second and len(makes) == 3  # and kept for the next print
    # a marked-up photo is printed from its markup: that one copy is made again
    photo = queries.photo_rows(workspace, iid)[0]
    shapes = {"version": 1, "shapes": [{"kind": "arrow", "x1": 0.1, "y1": 0.1, "x2": 0.5, "y2": 0.5}]}
    ops.save_markup(workspace, photo.id, shapes, "陈示范")
    third = _print_jpegs(workspace, iid)
    assert len(makes) == 4 and third[1:] == second[1:] and third[0] != second[0]


def test_a_print_while_photos_are_added_waits_for_them(workspace: Workspace, tmp_path: Path, makes: list[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    iid, _ = _setup(workspace)
    files = _files(tmp_path / "in", 5, size=(1800, 1200))
    real = ops.iter_ingest

    def slow(*args: Any, **kwargs: Any) -> Iterator[Any]:
        for item in real(*args, **kwargs):
            time.sleep(0.3)  # each photo takes a while
            yield item

    monkeypatch.setattr(ops, "iter_ingest", slow)
    adding = threading.Thread(target=ops.add_photos, args=(workspace, iid, files, "陈示范"), kwargs={"workers": 1})
    adding.start()
    folder = workspace.root / processing.FOLDER
    deadline = time.monotonic() + 10
    while not list(folder.glob(f"{iid}.*.json")) and time.monotonic() < deadline:
        time.sleep(0.01)
    seen: list[tuple[int, int, str]] = []
    lines: list[str] = []
    try:
        done, total = processing.outstanding(folder, iid)
        assert total == 5 and done < 5
        result = sheet_ops.print_sheet(workspace, iid, "scoresheet", tmp_path / "s.pdf", "陈示范",
                                       progress=lambda d, t, m: seen.append((d, t, m)), notice=lines.append)
    finally:
        adding.join()
    waiting = [s for s in seen if s[2].startswith("等待照片处理…")]
    assert waiting and waiting[0][1] == 5 and "还有" in waiting[0][2]
    assert len(lines) == 1 and "张照片正在添加" in lines[0]
    assert result.value.path == tmp_path / "s.pdf"
    assert len(_print_jpegs(workspace, iid)) == 5 and makes == []  # every photo, none made at print time
    assert processing.outstanding(folder, iid) == (0, 0)
    # the preview (the GUI's path) no longer waits
    seen.clear()
    sheet_queries.preview(workspace, iid, "scoresheet", progress=lambda d, t, m: seen.append((d, t, m)))
    assert not [s for s in seen if s[2].startswith("等待照片处理")]


def test_a_batch_left_by_a_dead_process_is_not_waited_for(tmp_path: Path) -> None:
    folder = tmp_path / "processing"
    batch = processing.begin(folder, 7, 3)
    assert processing.outstanding(folder, 7) == (0, 3) and processing.outstanding(folder, 8) == (0, 0)
    batch.advance(2)
    assert processing.outstanding(folder, 7) == (2, 3)
    left = folder / "7.999999.dead.json"
    left.write_text('{"pid": 999999999, "started": null, "total": 9, "done": 1}', "utf-8")
    assert processing.outstanding(folder, 7) == (2, 3) and not left.exists()
    stale = folder / f"7.{os.getppid()}.stale.json"  # the process lives, but nothing moved for longer than STALL
    stale.write_text(f'{{"pid": {os.getppid()}, "started": null, "total": 4, "done": 0}}', "utf-8")
    assert processing.outstanding(folder, 7) == (2, 7)
    os.utime(stale, (time.time() - processing.STALL - 5,) * 2)
    assert processing.outstanding(folder, 7) == (2, 3)
    batch.close()
    assert processing.wait(folder, 7) == 0
