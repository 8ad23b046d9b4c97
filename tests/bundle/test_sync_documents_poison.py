"""Validly signed poison in the new fields (docs/bundle-format.md §10–11): a bad on-site measures code, a
bad role, a re-check by an officer the office does not know, malformed re-checks and document numbers.
Each bundle is signed by the enrolled inspector's own key, refused with its specific code, and leaves the
office unchanged (database, files, ``PRAGMA integrity_check``); a good bundle after it is imported."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from bundle_zipcraft import read_members, recompute, replace_line, top_of, write_members
from documents_helpers import TEAM, field_day, send, uid_of
from sync_helpers import Side, assign_one, enrol, id_of, make_side, snapshot

from inspector_app.services import findings, inspections
from inspector_app.services.ops import sheets as sheet_ops
from inspector_app.services.ops.sync import export_bundle, import_paths

pytestmark = pytest.mark.both_engines

Change = Callable[[dict[str, Any], str], None]  # (inspection record, a re-check uid of another inspection)


@dataclass
class Setup:
    office: Side
    field: Side
    fid: int
    foreign_recheck: str
    root: Path


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setup]:
    root = tmp_path_factory.mktemp("documents-poison")
    office = make_side(root / "office", "office", "常州市应急管理局")
    field = make_side(root / "field", "inspector", "陈示范")
    enrol(field, office)
    enrol(office, field)
    oid = assign_one(office, people=TEAM)
    sheet_ops.set_role(office.ws, TEAM[2][1], "expert", "科长")
    assert send(office, field, root / "assign.inspbundle").status == "imported"
    fid = id_of(field, uid_of(office, oid))
    field_day(field, fid)
    # Another inspection at the office with a re-check visit of its own: its uid is "foreign".
    other = assign_one(office, "常州立信化工有限公司", "MA1W2X3Y5", TEAM[:2])
    with office.ws.sessions.begin() as s:
        insp = inspections.get(s, other)
        insp.started_at = insp.ended_at = datetime.now().replace(microsecond=0) - timedelta(days=3)
        foreign = findings.set_recheck(s, insp, datetime.now().replace(microsecond=0), TEAM[:2], "科长").uid
    yield Setup(office, field, fid, foreign, root)
    office.ws.close()
    field.ws.close()


def _set(path: str, value: Any) -> Change:
    """Set ``a.0.b`` in the inspection record."""
    def change(rec: dict[str, Any], _foreign: str) -> None:
        *parts, last = path.split(".")
        target: Any = rec
        for part in parts:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value
    return change


def _foreign_recheck(rec: dict[str, Any], foreign: str) -> None:
    rec["recheck"]["uid"] = foreign


def _recheck_uid_twice(rec: dict[str, Any], _foreign: str) -> None:
    rec["recheck"]["uid"] = rec["findings"][0]["uid"]


def _kind_twice(rec: dict[str, Any], _foreign: str) -> None:
    rec["numbers"][1]["kind"] = rec["numbers"][0]["kind"]


UNKNOWN = {"name": "赵无名", "cert_number": "苏应急执法39999999"}
# (label, change, expected code)
CASES: list[tuple[str, Change, str]] = [
    ("unknown measures code", _set("findings.0.measures", "suspend,burn_down"), "bad_record"),
    ("measures code twice", _set("findings.0.measures", "suspend,suspend"), "bad_record"),
    ("measures as a list", _set("findings.0.measures", ["suspend"]), "bad_record"),
    ("measures on a general hazard", _set("findings.0.severity", "一般"), "bad_record"),
    ("unknown role", _set("inspectors.0.role", "admin"), "bad_record"),
    ("role as a number", _set("inspectors.2.role", 1), "bad_record"),
    ("re-check by an unknown officer", _set("recheck.officers.1", UNKNOWN), "unknown_officer"),
    ("re-check by one officer", _set("recheck.officers", [{"name": TEAM[0][0], "cert_number": TEAM[0][1]}]),
     "bad_record"),
    ("re-check by the same officer twice", _set("recheck.officers.1", {"name": TEAM[0][0], "cert_number": TEAM[0][1]}),
     "bad_record"),
    ("re-check officer renamed", _set("recheck.officers.1.name", "周改名"), "not_permitted"),
    ("re-check uid of another inspection", _foreign_recheck, "foreign_uid"),
    ("re-check uid twice in the bundle", _recheck_uid_twice, "duplicate_uid"),
    ("re-check time invalid", _set("recheck.rechecked_at", "2026-13-01T08:00:00"), "bad_record"),
    ("re-check as a list", _set("recheck", []), "bad_record"),
    ("number of an unnumbered kind", _set("numbers.0.kind", "scoresheet"), "bad_record"),
    ("number serial 0", _set("numbers.0.serial", 0), "number_out_of_range"),
    ("number year 1e400", _set("numbers.0.year", "@Y@"), "json_not_finite"),
    ("number kind twice", _kind_twice, "bad_record"),
    ("number without authority", _set("numbers.0.authority", ""), "bad_record"),
]


def _fresh(setup: Setup, name: str) -> Path:
    """A new, good bundle from the inspector (the next sequence number)."""
    return export_bundle(setup.field.ws, setup.field.identity, setup.root / name, inspection_ids=[setup.fid]).path


def _poisoned(setup: Setup, change: Change, out: Path) -> Path:
    members = read_members(_fresh(setup, f"{out.stem}-source.inspbundle"))
    top = top_of(members)
    name = next(n for n in members if n.startswith(f"{top}/data/records/inspections/"))
    rec = json.loads(members[name])
    change(rec, setup.foreign_recheck)
    members[name] = json.dumps(rec, ensure_ascii=False).replace('"@Y@"', "1e400").encode()
    payload = [data for n, data in members.items() if n.startswith(f"{top}/data/")]
    replace_line(members, f"{top}/bag-info.txt", "Payload-Oxum", f"{sum(map(len, payload))}.{len(payload)}")
    recompute(members, resign=setup.field.identity.signer)
    write_members(out, members)
    return out


def _state(side: Side) -> tuple[str, list[str]]:
    con = sqlite3.connect(side.ws.db_path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        con.close()
    return snapshot(side.ws)


@pytest.mark.parametrize(("label", "change", "code"), CASES, ids=[c[0] for c in CASES])
def test_poison_in_the_new_fields_is_refused(setup: Setup, tmp_path: Path, label: str, change: Change,
                                            code: str) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    _poisoned(setup, change, folder / "a-poison.inspbundle")
    _fresh(setup, str(folder / "b-good.inspbundle"))
    before = _state(setup.office)
    (alone,) = import_paths(setup.office.ws, [folder / "a-poison.inspbundle"]).reports
    assert (alone.status, alone.code) == ("rejected", code), f"{label}: {alone.code} {alone.reason}"
    if code in ("unknown_officer", "not_permitted"):
        assert alone.fingerprint == setup.field.identity.signer.fingerprint
        assert ("复查人员 赵无名" if code == "unknown_officer" else "周改名") in alone.reason
    assert _state(setup.office) == before
    first, second = import_paths(setup.office.ws, [folder]).reports
    assert (first.status, first.code) == ("rejected", code)
    assert second.status == "imported", second.reason
