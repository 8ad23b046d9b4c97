"""The bundle and keys commands, end to end in one process (keyring: in-memory)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail as fail_backend
from sync_helpers import PAIR

from inspector_app.cli import main
from inspector_app.secrets import InMemoryKeyring

pytestmark = pytest.mark.both_engines


@pytest.fixture
def memory_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(InMemoryKeyring())
    yield
    keyring.set_keyring(previous)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _fingerprint(text: str) -> str:
    match = re.search(r"(?:fingerprint: |指纹：)((?:[0-9A-F]{4} ){15}[0-9A-F]{4})", text)
    assert match, text
    return match.group(1)


def _assign(root: Path) -> None:
    from datetime import date

    from inspector_app.domain import uscc
    from inspector_app.services import inspections
    from inspector_app.services.enterprises import EnterpriseData, upsert
    from inspector_app.services.templates import latest_templates, sync_shipped_templates
    from inspector_app.storage.engine import open_workspace

    ws = open_workspace(root)
    with ws.sessions.begin() as s:
        sync_shipped_templates(s)
        template = latest_templates(s)[0]
        enterprise, _ = upsert(s, EnterpriseData(name="常州恒达机械制造有限公司",
                                                 uscc=uscc.make_code("9", "1", "320412", "MA1W2X3Y4")))
        inspections.assign(s, enterprise, template, PAIR, "科长", due_date=date(2026, 12, 31))
    ws.close()


def test_keys_and_bundle_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str], memory_keyring: None) -> None:
    office, field = str(tmp_path / "office"), str(tmp_path / "field")
    assert _run(capsys, "--data-dir", office, "keys", "role", "office")[0] == 0
    code, out, _ = _run(capsys, "--data-dir", office, "keys", "export-public", "-o", str(tmp_path / "office.pub"))
    assert code == 0
    office_fp = _fingerprint(out)
    code, out, _ = _run(capsys, "--data-dir", field, "keys", "export-public", "-o", str(tmp_path / "field.pub"))
    field_fp = _fingerprint(out)

    code, _, err = _run(capsys, "--data-dir", field, "keys", "enrol", str(tmp_path / "office.pub"),
                        "--fingerprint", field_fp)
    assert code == 1 and "不符" in err and "不要登记" in err
    code, out, _ = _run(capsys, "--data-dir", field, "keys", "enrol", str(tmp_path / "office.pub"),
                        "--fingerprint", office_fp.lower().replace(" ", ""))
    assert code == 0 and "已登记" in out and office_fp in out
    assert _run(capsys, "--data-dir", office, "keys", "enrol", str(tmp_path / "field.pub"),
                "--fingerprint", field_fp)[0] == 0
    code, out, _ = _run(capsys, "--data-dir", field, "keys", "show")
    assert "密钥环：可用" in out and office_fp in out and field_fp in out

    _assign(Path(office))
    bundle = str(tmp_path / "assign.inspbundle")
    code, out, err = _run(capsys, "--data-dir", office, "bundle", "export", "-o", bundle)
    assert code == 0, err
    code, out, _ = _run(capsys, "bundle", "show", bundle, "--format", "json")
    shown = json.loads(out)
    assert code == 0 and shown["kind"] == "office-to-inspector" and shown["signed_by"]["fingerprint"] == office_fp
    assert shown["records"]["inspections"] == 1 and shown["records"]["enterprises"] == 1
    [insp] = shown["inspections"]
    assert insp["enterprise"] == "常州恒达机械制造有限公司" and (insp["status"], insp["status_label"]) == ("assigned", "已分配")
    assert insp["template"].endswith("版）") and "@" not in insp["template"]
    assert [t["title"] for t in shown["templates"]] and all(t["title"] for t in shown["templates"])
    code, out, _ = _run(capsys, "bundle", "show", bundle)
    assert code == 0 and "机关下发给检查人员的数据包" in out and office_fp in out and "常州恒达机械制造有限公司" in out
    assert "已分配" in out and "{" not in out and "[" not in out and "assigned" not in out
    assert _run(capsys, "--data-dir", field, "bundle", "verify", bundle)[0] == 0
    code, out, _ = _run(capsys, "--data-dir", field, "bundle", "import", bundle)
    assert code == 0 and "已导入" in out and "新增 4" in out
    code, out, _ = _run(capsys, "--data-dir", field, "bundle", "import", bundle)
    assert code == 0 and "已导入过" in out

    encrypted = str(tmp_path / "assign.inspbundle.enc")
    code, out, err = _run(capsys, "--data-dir", office, "bundle", "export", "-o", encrypted,
                          "--encrypt-to", field_fp)
    assert code == 0 and "已加密" in out, err
    code, _, err = _run(capsys, "--data-dir", office, "bundle", "verify", encrypted)
    assert code == 1 and "加密给另一把市局密钥" in err
    code, out, _ = _run(capsys, "--data-dir", field, "bundle", "show", encrypted)
    assert code == 0 and "序号 2" in out and "{" not in out
    assert _run(capsys, "--data-dir", field, "bundle", "verify", encrypted)[0] == 0
    code, out, _ = _run(capsys, "--data-dir", field, "bundle", "import", encrypted)
    assert code == 0 and "已导入" in out and "不变" in out

    assert _run(capsys, "--data-dir", field, "keys", "revoke", office_fp)[0] == 0
    code, _, err = _run(capsys, "--data-dir", field, "bundle", "verify", bundle)
    assert code == 1 and "已被吊销" in err and office_fp in err
    code, out, _ = _run(capsys, "--data-dir", field, "bundle", "import", bundle)
    assert code == 1 and "已拒绝 [revoked_key]" in out and f"密钥指纹：{office_fp}" in out


def test_signing_is_refused_without_a_secure_keyring(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail_backend.Keyring())
    try:
        code, _, err = _run(capsys, "--data-dir", str(tmp_path / "ws"), "bundle", "export", "-o",
                            str(tmp_path / "x.inspbundle"))
    finally:
        keyring.set_keyring(previous)
    assert code == 1 and "GNOME Keyring" in err
    assert not (tmp_path / "x.inspbundle").exists()
