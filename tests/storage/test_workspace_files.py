"""Workspace files that are not a workspace: damaged bytes (in the header, in the middle of a page, in the
schema and version text), another program's SQLite file, a text file, an empty file beside old photos.
Every command that opens the workspace refuses with "… 不是有效的工作区数据库" and the path – never a
traceback – and the file is left byte for byte as it was."""

from __future__ import annotations

import sqlite3
import struct
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from inspector_app.cli import main
from inspector_app.cli.commands import HANDLERS
from inspector_app.demo.workspace import build_demo
from inspector_app.domain.errors import WorkspaceError
from inspector_app.storage.engine import DB_NAME, open_workspace
from inspector_app.storage.schema_version import (
    NOT_A_WORKSPACE,
    check_integrity,
    current_revision,
    known_revisions,
)

REPO = Path(__file__).resolve().parents[2]
Damage = Callable[[bytearray], None]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A small demo workspace's database (checkpointed: the whole of it in the one file)."""
    root = tmp_path_factory.mktemp("pristine")
    ws = open_workspace(root)
    with ws.sessions.begin() as session:
        build_demo(session, enterprises=6)
    ws.close()
    return (root / DB_NAME).read_bytes()


def _page_size(data: bytes | bytearray) -> int:
    size = int(struct.unpack(">H", bytes(data[16:18]))[0])
    return 65536 if size == 1 else size


def _in_memory(data: bytes | bytearray) -> sqlite3.Connection:
    """A copy of the database in memory (marked as a rollback-journal file: memory has no WAL)."""
    copy = bytearray(data)
    copy[18:20] = b"\x01\x01"
    con = sqlite3.connect(":memory:")
    con.deserialize(bytes(copy))
    return con


def _root_page(data: bytes | bytearray, table: str) -> int:
    """The root page of ``table``, read from a copy of the database (the damage goes into the bytes)."""
    con = _in_memory(data)
    page = int(con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0])
    con.close()
    return page


def flip_header(data: bytearray) -> None:
    """Bytes 16–23 of the 100-byte header: page size, format versions, reserved space."""
    for i in range(16, 24):
        data[i] ^= 0x5A


def flip_page_middle(data: bytearray) -> None:
    """The cell nearest the middle of the ``answers`` table's page: its length and rowid scrambled."""
    size = _page_size(data)
    base = (_root_page(data, "answers") - 1) * size
    cells = struct.unpack(">H", bytes(data[base + 3:base + 5]))[0]
    pointers = [struct.unpack(">H", bytes(data[base + 8 + 2 * i:base + 10 + 2 * i]))[0] for i in range(cells)]
    middle = min(pointers, key=lambda p: abs(p - size // 2))
    for i in range(base + middle, base + middle + 4):
        data[i] ^= 0xFF


def flip_schema_text(data: bytearray) -> None:
    """A table's name and the start of its CREATE statement in sqlite_master: SQLite's own error message
    then holds bytes that are not UTF-8 (Python's sqlite3 raised UnicodeDecodeError)."""
    at = data.find(b"tableanswersanswers")
    assert at > 0
    for i in range(at + 5, at + 40):
        data[i] ^= 0xA5


def flip_version_text(data: bytearray) -> None:
    """The revision in alembic_version: no longer text."""
    size = _page_size(data)
    base = (_root_page(data, "alembic_version") - 1) * size
    cell = struct.unpack(">H", bytes(data[base + 8:base + 10]))[0]
    end = base + cell + data[base + cell] + 2  # payload length, rowid, then the record: its last bytes
    for i in range(end - 4, end):
        data[i] ^= 0xC3


DAMAGE: dict[str, Damage] = {
    "header": flip_header,
    "page-middle": flip_page_middle,
    "schema-text": flip_schema_text,
    "version-text": flip_version_text,
}


def _damaged(tmp_path: Path, pristine: bytes, damage: Damage) -> Path:
    root = tmp_path / "ws"
    root.mkdir()
    data = bytearray(pristine)
    damage(data)
    assert data != pristine
    (root / DB_NAME).write_bytes(bytes(data))
    return root


def _commands(tmp_path: Path) -> dict[str, list[str]]:
    """Every command that opens the workspace (by its HANDLERS key), with arguments."""
    photo = tmp_path / "in" / "p.jpg"
    photo.parent.mkdir()
    photo.write_bytes(b"\xff\xd8\xff\xe0 not really a photo")
    register = tmp_path / "in" / "register.csv"
    register.write_text("企业名称,统一社会信用代码\n示范企业,91320402MA1XXXXX0X\n", "utf-8")
    key = tmp_path / "in" / "office.pub"
    key.write_text("not a key", "utf-8")
    out = tmp_path / "out"
    return {
        "demo": ["demo", "--enterprises", "2"],
        "enterprises import": ["enterprises", "import", str(register)],
        "enterprises list": ["enterprises", "list", "--format", "csv"],
        "inspections list": ["inspections", "list", "--format", "json"],
        "inspections show": ["inspections", "show", "1"],
        "inspections answer": ["inspections", "answer", "1", "A.1", "符合", "--by", "t"],
        "inspections finding": ["inspections", "finding", "add", "1", "--text", "隐患", "--by", "t"],
        "inspections complete": ["inspections", "complete", "1", "--by", "t"],
        "inspections accept": ["inspections", "accept", "1", "--by", "t"],
        "inspections return": ["inspections", "return", "1", "--comment", "x", "--by", "t"],
        "inspections assign": ["inspections", "assign", "--enterprise", "91320402MA1XXXXX0X", "--template",
                               "lookback-2020", "--inspector", "甲:A1", "--inspector", "乙:A2", "--by", "t"],
        "inspectors set-role": ["inspectors", "set-role", "A1", "expert", "--by", "t"],
        "inspections sign": ["inspections", "sign", "1", "--signer", "甲", "--refused", "不在场", "--role",
                             "enterprise_rep", "--by", "t"],
        "campaigns list": ["campaigns", "list"],
        "campaigns show": ["campaigns", "show", "jiangsu-changzhou-2020"],
        "campaigns import": ["campaigns", "import", str(register)],
        "campaigns export": ["campaigns", "export", "jiangsu-changzhou-2020", "-o", str(out / "c.xlsx")],
        "templates import": ["templates", "import", str(register), "--dry-run"],
        "templates export": ["templates", "export", "lookback-2020", "-o", str(out / "t.xlsx")],
        "templates print": ["templates", "print", "lookback-2020", "-o", str(out / "blank.pdf")],
        "report progress": ["report", "progress", "--format", "json"],
        "report duties": ["report", "duties"],
        "report file": ["report", "file", "district-progress-1", "--by", "t"],
        "report filed": ["report", "filed"],
        "report receive": ["report", "receive", "district-progress-1", "--from", "新北区", "--by", "t"],
        "report export": ["report", "export", "-o", str(out / "w.xlsx")],
        "hazards list": ["hazards", "list", "--overdue", "--format", "csv"],
        "workspace show": ["workspace", "show"],
        "workspace set": ["workspace", "set", "authority_name", "某局", "--by", "t"],
        "workspace gc": ["workspace", "gc", "--dry-run"],
        "photos add": ["photos", "add", "1", str(photo), "--workers", "1"],
        "photos list": ["photos", "list", "1"],
        "photos verify": ["photos", "verify", "1"],
        "photos check": ["photos", "check", "1"],
        "photos accept": ["photos", "accept", "1", "1", "--by", "t"],
        "sheet": ["sheet", "1", "-o", str(out / "s.pdf")],
        "sheet verify": ["sheet", "verify", "INSP-12345678-ABCDE-FGHIJ"],
        "bundle": ["bundle", "export", "-o", str(out / "b.inspbundle")],
        "bundle import": ["bundle", "import", str(photo)],
        "bundle conflicts": ["bundle", "conflicts"],
        "bundle resolve": ["bundle", "resolve", "1", "--keep", "local"],
        "keys": ["keys", "show"],
        "keys role": ["keys", "role"],
        "keys export-public": ["keys", "export-public", "-o", str(out / "k.pub")],
        "keys enrol": ["keys", "enrol", str(key), "--fingerprint", "00"],
        "keys revoke": ["keys", "revoke", "00"],
        "conflicts list": ["conflicts", "list", "--format", "json"],
        "orgs stats": ["orgs", "stats", "--reviewers", "--format", "csv"],
        "orgs import": ["orgs", "import", str(register), "--dry-run"],
        "orgs list": ["orgs", "list", "--format", "json"],
        "orgs show": ["orgs", "show", "江苏示范评审有限公司"],
        "reviewers import": ["reviewers", "import", str(register), "--by", "t"],
        "reviewers list": ["reviewers", "list", "--format", "csv"],
        "certifications import": ["certifications", "import", str(register), "--dry-run"],
        "cases list": ["cases", "list", "--format", "json"],
        "cases show": ["cases", "show", "1"],
        "cases open": ["cases", "open", "1", "--by", "t"],
        "cases advance": ["cases", "advance", "1", "notify", "--number", "告1", "--by", "t"],
        "sanctions list": ["sanctions", "list"],
        "sanctions add": ["sanctions", "add", "criticism", "--org", "某评审单位", "--grounds", "x", "--body", "某局",
                          "--by", "t"],
        "sanctions lift": ["sanctions", "lift", "1", "--by", "t"],
        "suspensions list": ["suspensions", "list", "--format", "csv"],
        "suspensions add": ["suspensions", "add", "二级", "--area", "江苏省", "--since", "2020-01-19", "--body", "省厅",
                            "--by", "t"],
    }


# Commands that never open a workspace: shipped template files, a bundle file alone.
NO_WORKSPACE = {"templates list", "templates validate", "templates example"}


def test_every_workspace_command_is_listed(tmp_path: Path) -> None:
    covered = {key.split()[0] if key.split()[0] in ("bundle", "keys", "sheet") else key
               for key in _commands(tmp_path)}
    assert set(HANDLERS) - NO_WORKSPACE <= covered


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_damaged_database_is_refused_by_every_command_and_left_untouched(
        kind: str, pristine: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _damaged(tmp_path, pristine, DAMAGE[kind])
    before = _files(root)
    for name, argv in _commands(tmp_path).items():
        code = main(["--data-dir", str(root), *argv])  # an exception escaping here is the bug
        err = capsys.readouterr().err
        assert code == 1, (name, err)
        assert NOT_A_WORKSPACE in err and str(root / DB_NAME) in err, (name, err)
        assert _files(root) == before, name


def test_damage_is_refused_in_a_fresh_process_without_a_traceback(pristine: bytes, tmp_path: Path) -> None:
    root = _damaged(tmp_path, pristine, flip_schema_text)
    for argv in (["enterprises", "list"], ["inspections", "list"]):
        run = subprocess.run([sys.executable, "-m", "inspector_app", "--data-dir", str(root), *argv],
                             capture_output=True, text=True, cwd=REPO, timeout=120, check=False)
        assert run.returncode == 1
        assert NOT_A_WORKSPACE in run.stderr and "Traceback" not in run.stderr
        assert run.stdout == ""


def flip_text_in_a_row(data: bytearray) -> None:
    """The name of the first inspection's enterprise, in the middle of its page, no longer UTF-8: the pages
    are sound (SQLite's check passes), the damage shows when the row is read."""
    con = _in_memory(data)
    name = con.execute("SELECT e.name FROM inspections i JOIN enterprises e ON e.id = i.enterprise_id "
                       "ORDER BY i.id LIMIT 1").fetchone()[0].encode()
    con.close()
    at = data.find(name)
    assert at > 0
    while at > 0:  # every copy (a page SQLite freed may hold an older one)
        data[at + 4] ^= 0x40  # a continuation byte 0x80–0xBF becomes 0xC0–0xFF
        at = data.find(name, at + 1)


def test_text_damage_is_reported_when_read(pristine: bytes, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    root = _damaged(tmp_path, pristine, flip_text_in_a_row)
    for argv in (["enterprises", "list"], ["inspections", "list"], ["inspections", "list", "--format", "json"],
                 ["inspections", "list", "--format", "csv"], ["inspections", "show", "1"]):
        code = main(["--data-dir", str(root), *argv])
        captured = capsys.readouterr()
        assert code == 1, (argv, captured.err)
        assert NOT_A_WORKSPACE in captured.err and str(root / DB_NAME) in captured.err


# -- not a workspace at all ------------------------------------------------------------------------

def _refused(root: Path, *fragments: str) -> None:
    before = _files(root)
    with pytest.raises(WorkspaceError) as caught:
        open_workspace(root)
    message = str(caught.value)
    assert NOT_A_WORKSPACE in message and str(root / DB_NAME) in message
    for fragment in fragments:
        assert fragment in message
    assert _files(root) == before


def test_another_programs_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    con = sqlite3.connect(root / DB_NAME)  # rollback journal: WAL would rewrite its header
    con.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    con.execute("INSERT INTO notes (body) VALUES ('mine')")
    con.commit()
    con.close()
    _refused(root, "别的程序")
    assert sorted(p.name for p in root.iterdir()) == [DB_NAME]


def test_another_programs_alembic_database_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    con = sqlite3.connect(root / DB_NAME)
    con.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    con.execute("INSERT INTO alembic_version VALUES ('ae1027a6acf')")
    con.execute("CREATE TABLE users (id INTEGER PRIMARY KEY)")
    con.commit()
    con.close()
    _refused(root, "enterprises")


@pytest.mark.parametrize("content", [b"", b"hello", "企业名称,统一社会信用代码\n".encode() * 50,
                                     b"SQLite format 3\x00" + b"\x00" * 30])
def test_a_text_or_short_file_is_refused(tmp_path: Path, content: bytes) -> None:
    root = tmp_path / "ws"
    (root / "photos" / "ab").mkdir(parents=True)
    (root / "photos" / "ab" / "ab12.jpg").write_bytes(b"a photo")
    (root / DB_NAME).write_bytes(content)
    _refused(root)


@pytest.mark.parametrize("folder", ["photos", "sheets", "backups"])
def test_empty_database_beside_workspace_data_is_refused(tmp_path: Path, folder: str) -> None:
    root = tmp_path / "ws"
    (root / folder).mkdir(parents=True)
    (root / folder / "something").write_bytes(b"x")
    (root / DB_NAME).write_bytes(b"")
    _refused(root, "0 字节", f"{folder}/")
    assert (root / DB_NAME).stat().st_size == 0


def test_empty_database_beside_a_wal_with_content_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    (root / DB_NAME).write_bytes(b"")
    (root / f"{DB_NAME}-wal").write_bytes(b"\x37\x7f\x06\x82" + b"\x00" * 28)
    _refused(root, f"{DB_NAME}-wal")


def test_a_database_with_no_table_beside_photos_is_refused(tmp_path: Path) -> None:
    """A valid SQLite file with nothing in it (a creation cut off before its first migration) is new
    only where there is no workspace data."""
    root = tmp_path / "ws"
    (root / "photos").mkdir(parents=True)
    (root / "photos" / "x.jpg").write_bytes(b"x")
    con = sqlite3.connect(root / DB_NAME)
    con.execute("PRAGMA user_version = 7")  # writes the header page, creates no table
    con.close()
    assert (root / DB_NAME).stat().st_size > 0
    _refused(root, "没有任何表")


def test_empty_database_in_an_empty_folder_becomes_a_new_workspace(tmp_path: Path) -> None:
    """0 bytes and nothing else there (or only folders without files): initialised, as a missing file
    would be."""
    root = tmp_path / "ws"
    (root / "photos" / "originals" / "ab").mkdir(parents=True)  # folders without a file hold no data
    (root / DB_NAME).write_bytes(b"")
    assert current_revision(root / DB_NAME) is None
    ws = open_workspace(root)
    ws.close()
    assert current_revision(root / DB_NAME) is not None
    assert not (root / "backups").exists()  # nothing to back up


def test_a_folder_named_like_the_database_is_a_clear_error(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    (root / DB_NAME).mkdir(parents=True)
    with pytest.raises(WorkspaceError, match=str(root / DB_NAME).replace("\\", "\\\\")):
        open_workspace(root)


def test_page_damage_is_what_the_page_check_finds(pristine: bytes, tmp_path: Path) -> None:
    """The schema and the revision of a database damaged inside a data page still read; SQLite's page
    check (run by every full opening) is what refuses it – and it passes a sound workspace."""
    sound = tmp_path / "sound.sqlite"
    sound.write_bytes(pristine)
    check_integrity(sound)
    root = _damaged(tmp_path, pristine, flip_page_middle)
    assert current_revision(root / DB_NAME) == known_revisions()[1]
    with pytest.raises(WorkspaceError, match=NOT_A_WORKSPACE):
        check_integrity(root / DB_NAME)
