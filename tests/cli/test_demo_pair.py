"""``inspector-app demo --pair OFFICE_DIR INSPECTOR_DIR`` (issue 17): an office and an inspector's laptop for
training that share enterprises, assignments and keys – made through the assignment, bundle export and
import operations – and whose bundles go both ways.

Keys live in an in-memory keyring (the command line asks the system's keyring; tests set it), or in the
workspaces' passphrase-protected key files where no keyring runs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import fail as failing

from inspector_app.bundle.signing import PublicKeyFile, format_fingerprint
from inspector_app.cli import main
from inspector_app.demo.pair import TRAINEES
from inspector_app.domain.template import load_template, resource_path
from inspector_app.secrets import PASSPHRASE_ENV, InMemoryKeyring

STROKES = [[[0.1, 0.5], [0.3, 0.35], [0.5, 0.6], [0.8, 0.4]]]


@pytest.fixture
def memory_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(InMemoryKeyring())
    yield
    keyring.set_keyring(previous)


def _run(capsys: pytest.CaptureFixture[str], *argv: str, expect: int = 0) -> str:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == expect, f"{argv}: exit {code}\n{out}\n{err}"
    return out + err


def _json(capsys: pytest.CaptureFixture[str], where: Path, *argv: str) -> Any:
    return json.loads(_run(capsys, "--data-dir", str(where), *argv, "--format", "json"))


def test_the_pair_shares_enterprises_assignments_and_keys(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                          memory_keyring: None) -> None:
    office, laptop = tmp_path / "区局", tmp_path / "笔记本"
    out = _run(capsys, "demo", "--pair", str(office), str(laptop))
    assert "培训的下一步" in out and f'--data-dir "{laptop}" gui' in out

    at_office = _json(capsys, office, "inspections", "list")
    on_laptop = _json(capsys, laptop, "inspections", "list")
    team = [name for name, _cert in TRAINEES]
    mine = [r for r in at_office
            if [p["name"] for p in _json(capsys, office, "inspections", "show", str(r["id"]))["inspectors"]] == team]
    assert len(at_office) == 7 and len(mine) == 5 and len(on_laptop) == 5
    # The laptop's list is exactly the trainee's assignments: the same inspections of the same enterprises.
    key = ("uid", "uscc", "enterprise")
    shared = [k for k in key if k in on_laptop[0]]
    assert shared, on_laptop[0]
    assert sorted(tuple(r[k] for k in shared) for r in on_laptop) == sorted(tuple(r[k] for k in shared) for r in mine)
    # The trainer's table pairs each office number with the laptop's for the same inspection.
    by_uid = {r["uid"]: r["id"] for r in on_laptop}
    for row in mine:
        assert f"办公室 #{row['id']} = 笔记本 #{by_uid[row['uid']]}" in out
    office_names = {e["uscc"]: e["name"] for e in _json(capsys, office, "enterprises", "list")}
    laptop_enterprises = _json(capsys, laptop, "enterprises", "list")
    assert laptop_enterprises and all(office_names[e["uscc"]] == e["name"] for e in laptop_enterprises)

    # Keys enrolled both ways: each side trusts the other's fingerprint.
    shows = {where: _run(capsys, "--data-dir", str(where), "keys", "show") for where in (office, laptop)}
    own = {where: _own_fingerprint(where) for where in (office, laptop)}
    assert own[laptop][:9] in shows[office] and own[office][:9] in shows[laptop]

    # A bundle from the inspector imports at the office: one inspection answered, signed and completed.
    inspection = on_laptop[0]["id"]
    template = load_template(resource_path("templates") / "lookback-2020.json")
    answers, strokes = tmp_path / "answers.json", tmp_path / "strokes.json"
    done = {a["item_code"] for a in _json(capsys, laptop, "inspections", "show", str(inspection))["answers"]}
    answers.write_text(json.dumps({"answers": [{"item": i.code, "result": "符合"} for i in template.items
                                               if i.code not in done]}, ensure_ascii=False), encoding="utf-8")
    strokes.write_text(json.dumps(STROKES), encoding="utf-8")
    _run(capsys, "--data-dir", str(laptop), "inspections", "answer", str(inspection), "--from", str(answers))
    for name in [*team, "企业负责人甲"]:
        role = ["--role", "enterprise_rep"] if name not in team else []
        _run(capsys, "--data-dir", str(laptop), "inspections", "sign", str(inspection), "--signer", name,
             "--strokes", str(strokes), *role)
    _run(capsys, "--data-dir", str(laptop), "inspections", "complete", str(inspection))
    result = tmp_path / "结果.inspbundle"
    _run(capsys, "--data-dir", str(laptop), "bundle", "export", "-o", str(result))
    imported = _run(capsys, "--data-dir", str(office), "bundle", "import", str(result))
    assert "已导入" in imported and "已拒绝" not in imported
    received = [r for r in _json(capsys, office, "inspections", "list") if r["status"] == "received"]
    assert [r["uid"] for r in received] == [on_laptop[0]["uid"]]

    # Training folders are new ones: a second run into the same folders is refused, nothing changed.
    again = _run(capsys, "demo", "--pair", str(office), str(laptop), expect=1)
    assert "已有数据" in again
    assert len(_json(capsys, laptop, "inspections", "list")) == 5


def _own_fingerprint(where: Path) -> str:
    files = list((where / "demo-files").glob("*.inspkey"))
    assert len(files) == 1
    return format_fingerprint(PublicKeyFile.parse(files[0].read_text("utf-8")).fingerprint)


def test_without_a_keyring_the_keys_go_to_passphrase_files(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(failing.Keyring())
    try:
        monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
        refused = _run(capsys, "demo", "--pair", str(tmp_path / "o"), str(tmp_path / "i"), expect=1)
        assert PASSPHRASE_ENV in refused
        monkeypatch.setenv(PASSPHRASE_ENV, "培训口令-2020-示范")
        _run(capsys, "demo", "--pair", str(tmp_path / "o2"), str(tmp_path / "i2"))
        for where in ("o2", "i2"):
            assert "passphrase-file" in _run(capsys, "--data-dir", str(tmp_path / where), "keys", "store")
        assert len(_json(capsys, tmp_path / "i2", "inspections", "list")) == 5
    finally:
        keyring.set_keyring(previous)
