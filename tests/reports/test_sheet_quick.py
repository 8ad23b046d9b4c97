"""The command line's quick print (``services.ops.sheet_quick``): the rows read by plain SQL make the same
sheet as the rows the ORM reads, for every inspection of the demo (photos with plausibility warnings,
signatures, findings, a re-check, issued numbers); a repeat print records what the full way records and
imports no SQLAlchemy; a first print issues the document's number as the full way does; whatever the quick
way does not do (a device's range of serials, an unknown inspection, a shared photo folder) goes the full
way and ends as it did before."""

from __future__ import annotations

import io
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from fractions import Fraction
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from sheet_helpers import pdftotext
from sqlalchemy import select

from inspector_app.cli import main, sheet_print
from inspector_app.demo.workspace import build
from inspector_app.services import photos, sheet_build, sheet_rows, sheets
from inspector_app.services.ops import evidence as evidence_ops
from inspector_app.services.ops import sheet_quick
from inspector_app.services.ops import sheets as sheet_ops
from inspector_app.storage.engine import Workspace, open_workspace
from inspector_app.storage.models import AuditEvent, Inspection
from inspector_app.storage.models_sheets import PrintedSheet

pytestmark = pytest.mark.usefixtures("cjk_font")
OFFICERS = [("陈示范", "苏应急执法32040001"), ("吴示例", "苏应急执法32040002")]


def _dms(value: float) -> tuple[Fraction, Fraction, Fraction]:
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = Fraction((value - degrees - minutes / 60) * 3600).limit_denominator(1000)
    return Fraction(degrees), Fraction(minutes), seconds


def _photo(path: Path, when: datetime | None, gps: tuple[float, float] | None, shade: int) -> Path:
    image = Image.new("RGB", (480, 360), (40, 90, shade))
    ImageDraw.Draw(image).rectangle((10, 10, 160, 120), fill=(230, 30, 30))
    exif = Image.Exif()
    if when is not None:
        exif.get_ifd(0x8769)[0x9003] = when.strftime("%Y:%m:%d %H:%M:%S")
    if gps is not None:
        exif.get_ifd(0x8825).update({0: b"\x02\x02\x00\x00", 1: "N", 2: _dms(gps[0]), 3: "E", 4: _dms(gps[1])})
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, exif=exif.tobytes())
    path.write_bytes(buffer.getvalue())
    return path


def _ids(root: Path) -> tuple[int, int]:
    """(the inspection the fixture prepared, another started one without numbers)."""
    prepared = int((root / "prepared").read_text())
    with sqlite3.connect(root / "workspace.sqlite") as con:
        other = con.execute("SELECT id FROM inspections WHERE started_at IS NOT NULL AND id != ? AND uid NOT IN "
                            "(SELECT inspection_uid FROM document_numbers) ORDER BY id", (prepared,)).fetchone()[0]
    return prepared, other


@pytest.fixture(scope="module")
def demo_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo, with photos on an inspection in progress (on site, 1,000 km away, long before the visit,
    without EXIF), its record and order numbered, and its re-check entered."""
    root = tmp_path_factory.mktemp("quick") / "ws"
    ws = open_workspace(root)
    try:
        build(ws, enterprises=24)
        with ws.sessions() as s:
            inspection = next(i for i in s.scalars(select(Inspection).order_by(Inspection.id))
                              if i.status == "in_progress" and i.started_at is not None and i.findings)
            iid, started = inspection.id, inspection.started_at
        folder = root.parent / "in"
        folder.mkdir()
        shots = [_photo(folder / "site.jpg", started + timedelta(minutes=5), (31.7010, 119.9480), 200),
                 _photo(folder / "far.jpg", started + timedelta(minutes=9), (39.9042, 116.4074), 150),
                 _photo(folder / "old.jpg", started - timedelta(days=40), None, 100),
                 _photo(folder / "plain.jpg", None, None, 50)]
        report = evidence_ops.add_photos(ws, iid, shots, "陈示范", workers=1)
        assert len(report.added) == len(shots), report.rejected
        sheet_ops.issue_number(ws, iid, "record", "陈示范")
        sheet_ops.issue_number(ws, iid, "order", "陈示范")
        sheet_ops.set_recheck(ws, iid, started + timedelta(days=20), OFFICERS, "陈示范", "已按要求整改")
        (root / "prepared").write_text(str(iid))
    finally:
        ws.close()
    return root


@pytest.fixture
def ws_root(demo_root: Path, tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(demo_root, root)
    return root


@pytest.fixture
def ws(ws_root: Path) -> Iterator[Workspace]:
    workspace = open_workspace(ws_root)
    yield workspace
    workspace.close()


def test_the_rows_read_by_sql_make_the_sheet_the_orm_rows_make(ws: Workspace) -> None:
    store = photos.photo_store(ws.photo_dir)
    con = sqlite3.connect(ws.db_path)
    settings = sheet_rows.workspace_settings(con)
    compared = 0
    with ws.sessions() as session:
        ids = session.scalars(select(Inspection.id).order_by(Inspection.id)).all()
        for iid in ids:
            source = sheet_rows.read_source(con, iid, settings)
            assert source is not None
            for with_images in (False, True):
                orm = sheets.build_sheet_data(session, iid, store=store, with_images=with_images)
                assert sheet_build.build(source, store=store, with_images=with_images) == orm, (iid, with_images)
                compared += 1
    con.close()
    assert compared == 2 * len(ids) >= 20
    data = sheets.build_sheet_data(ws.sessions(), _ids(ws.root)[0], store=store)
    assert data.recheck is not None and len(data.recheck.inspectors) == 2 and set(data.numbers) == {"record", "order"}
    assert any(p.notes for p in data.photos) and all(p.jpeg for p in data.photos)


def _printed(ws_root: Path) -> list[tuple[str, str, str, int, str]]:
    ws = open_workspace(ws_root)
    try:
        with ws.sessions() as s:
            rows = s.scalars(select(PrintedSheet).order_by(PrintedSheet.id)).all()
            events = {e.entity_key: e for e in s.scalars(select(AuditEvent).where(AuditEvent.entity == "sheet",
                                                                                    AuditEvent.field == "printed"))}
            out = []
            for row in rows:
                event = events[row.uid]
                assert (event.inspection_id, event.new_value, event.actor) == (row.inspection_id,
                                                                              f"{row.kind} {row.code}", row.printed_by)
                assert (ws.sheet_dir / f"{row.pdf_sha256}.pdf").is_file()
                assert isinstance(row.printed_at, datetime) and event.at == row.printed_at
                out.append((row.kind, row.content_hash, row.code, row.pages, row.printed_by))
            return out
    finally:
        ws.close()


def test_a_repeat_print_goes_the_quick_way_and_records_what_the_full_way_records(
        ws_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    quick: list[object] = []

    def spy(*args: object, **kwargs: object) -> object:
        quick.append(result := sheet_quick.quick_print(*args, **kwargs))  # type: ignore[arg-type]
        return result

    def run(name: str) -> tuple[str, str]:
        out = tmp_path / "sheet.pdf"
        assert main(["--data-dir", str(ws_root), "sheet", str(_ids(ws_root)[0]), "-o", str(out), "--kind", "order",
                     "--by", "陈示范"]) == 0
        return capsys.readouterr().out, pdftotext(out)

    with monkeypatch.context() as patch:
        patch.setattr(sheet_print, "quick_print", lambda *args, **kwargs: None)  # the full way only
        full = run("full")
    monkeypatch.setattr(sheet_print, "quick_print", spy)
    assert run("quick") == full  # the same lines (code, pages) and the same text on paper
    assert len(quick) == 1 and quick[0] is not None
    first, second = _printed(ws_root)
    assert first == second and first[0] == "order" and first[4] == "陈示范"


def test_a_repeat_print_imports_no_sqlalchemy(ws_root: Path, tmp_path: Path) -> None:
    script = ("import sys\nfrom inspector_app.cli import main\n"
              f"code = main(['--data-dir', {str(ws_root)!r}, 'sheet', '{_ids(ws_root)[0]}', '-o', {str(tmp_path / 'a.pdf')!r}, '--by', '吴示例'])\n"
              "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy' or '.models' in m))\n"
              "sys.exit(code)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
    assert "核验码" in done.stdout and _printed(ws_root)[-1][4] == "吴示例"


def _issued(root: Path) -> tuple[list[tuple[object, ...]], ...]:
    with sqlite3.connect(root / "workspace.sqlite") as con:
        return (con.execute("SELECT authority, kind, year, serial, inspection_uid, issued_by FROM document_numbers "
                            "ORDER BY id").fetchall(),
                con.execute("SELECT inspection_id, entity_key, old_value, new_value, actor, reason FROM audit_events "
                            "WHERE entity = 'sheet' AND field = 'number' ORDER BY id").fetchall(),
                con.execute("SELECT id, revision, version FROM inspections ORDER BY id").fetchall())


def test_a_first_print_issues_the_number_as_the_full_way_does(demo_root: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    results, quick = {}, []

    def spy(*args: object, **kwargs: object) -> object:
        quick.append(result := sheet_quick.quick_print(*args, **kwargs))  # type: ignore[arg-type]
        return result

    for way in ("full", "quick"):
        root = tmp_path / way
        shutil.copytree(demo_root, root)
        _prepared, other = _ids(root)
        with monkeypatch.context() as patch:
            patch.setattr(sheet_print, "quick_print", spy if way == "quick" else lambda *args, **kwargs: None)
            for kind in ("order", "record"):
                out = tmp_path / f"{way}-{kind}.pdf"
                assert main(["--data-dir", str(root), "sheet", str(other), "-o", str(out), "--kind", kind,
                             "--by", "吴示例"]) == 0
        results[way] = (_issued(root), _printed(root), capsys.readouterr().out.replace(way, "WAY"),
                        pdftotext(tmp_path / f"{way}-record.pdf"))
    assert results["quick"] == results["full"]
    assert len(quick) == 2 and None not in quick  # both printed the quick way, the first issuing its number
    (numbers, events, _rows), printed, _out, text = results["quick"]
    assert [n[1] for n in numbers[-2:]] == ["order", "record"] and len(events) == len(numbers)
    assert "（常）应急检记〔" in text and [p[0] for p in printed] == ["order", "record"]


def test_what_the_quick_way_does_not_do_goes_the_full_way(ws_root: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    kwargs = {"login_name": lambda: "login"}
    _prepared, other = _ids(ws_root)
    before = _issued(ws_root)
    assert sheet_quick.quick_print(ws_root, 999, "record", tmp_path / "a.pdf", None, **kwargs) is None
    assert main(["--data-dir", str(ws_root), "sheet", "999", "-o", str(tmp_path / "b.pdf")]) == 1
    assert "999" in capsys.readouterr().err
    # A device given a range of serials issues its first number the full way (which checks the range).
    with sqlite3.connect(ws_root / "workspace.sqlite") as con:
        con.execute("INSERT INTO workspace_meta (key, value) VALUES ('number_serial_start', '100')")
    assert sheet_quick.quick_print(ws_root, other, "record", tmp_path / "a.pdf", None, **kwargs) is None
    assert not (tmp_path / "a.pdf").exists() and _printed(ws_root) == [] and _issued(ws_root) == before
    assert main(["--data-dir", str(ws_root), "sheet", str(other), "-o", str(tmp_path / "a.pdf"), "--by", "x"]) == 0
    assert "应急检记〔" in pdftotext(tmp_path / "a.pdf") and "〕100号" in pdftotext(tmp_path / "a.pdf")
    # The score sheet has no number: printed the quick way at once, by the login name (no key exported).
    rendered = sheet_quick.quick_print(ws_root, other, "scoresheet", tmp_path / "c.pdf", None, **kwargs)
    assert rendered is not None and rendered.path == tmp_path / "c.pdf" and rendered.pages >= 1
    assert [p[0] for p in _printed(ws_root)] == ["record", "scoresheet"] and _printed(ws_root)[-1][4] == "login"
    # A workspace whose photos live in a shared folder is printed the full way.
    (ws_root / "shared_store").write_text(str(tmp_path), "utf-8")
    assert sheet_quick.quick_print(ws_root, other, "scoresheet", tmp_path / "d.pdf", None, **kwargs) is None
