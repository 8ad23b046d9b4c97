"""Roll-ups from the command line (keyring: in-memory): offices set their area, exchange key files that
name it, the district exports ``bundle export --to-parent`` and the city imports it."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import keyring
import pytest
from sync_helpers import assign_one

from inspector_app.cli import main
from inspector_app.secrets import InMemoryKeyring
from inspector_app.storage.engine import open_workspace

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


def _office(capsys: pytest.CaptureFixture[str], root: Path, level: str, area: str) -> str:
    data = str(root)
    assert _run(capsys, "--data-dir", data, "keys", "role", "office")[0] == 0
    for key, value in (("level", level), ("jurisdiction", area)):
        assert _run(capsys, "--data-dir", data, "workspace", "set", key, value, "--by", "科长")[0] == 0
    code, out, err = _run(capsys, "--data-dir", data, "keys", "export-public", "-o", f"{data}.pub",
                          "--name", f"{area}管理员")
    assert code == 0, err
    match = re.search(r"(?:fingerprint: |指纹：)((?:[0-9A-F]{4} ){15}[0-9A-F]{4})", out)
    assert match
    return match.group(1)


def test_district_sends_its_roll_up_to_the_city(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                memory_keyring: None) -> None:
    district, city, province = tmp_path / "wujin", tmp_path / "city", tmp_path / "province"
    district_fp = _office(capsys, district, "district", "常州市武进区")
    city_fp = _office(capsys, city, "city", "常州市")
    _office(capsys, province, "province", "江苏省")
    assert "Jurisdiction: 江苏省常州市武进区" in Path(f"{district}.pub").read_text("utf-8")
    code, out, _ = _run(capsys, "--data-dir", str(city), "keys", "enrol", f"{district}.pub", "--fingerprint", district_fp)
    assert code == 0 and "辖区 江苏省常州市武进区" in out
    assert _run(capsys, "--data-dir", str(district), "keys", "enrol", f"{city}.pub", "--fingerprint", city_fp)[0] == 0
    code, _, err = _run(capsys, "--data-dir", str(province), "keys", "enrol", f"{district}.pub",
                        "--fingerprint", district_fp)
    assert code == 1 and "[not_in_jurisdiction]" in err
    code, out, _ = _run(capsys, "--data-dir", str(city), "keys", "show")
    assert district_fp in out and "江苏省常州市武进区" in out

    ws = open_workspace(district)
    try:
        assign_one(SimpleNamespace(ws=ws))  # type: ignore[arg-type]
    finally:
        ws.close()
    rollup = str(tmp_path / "wujin.inspbundle")
    code, _, err = _run(capsys, "--data-dir", str(district), "bundle", "export", "--with-photos", "-o", rollup)
    assert code == 1 and "--to-parent" in err
    code, out, err = _run(capsys, "--data-dir", str(district), "bundle", "export", "--to-parent", "-o", rollup)
    assert code == 0 and "已汇总 1 项检查" in out and "不含照片" in out, err
    code, out, _ = _run(capsys, "bundle", "show", rollup, "--format", "json")
    assert code == 0 and json.loads(out)["kind"] == "office-to-parent"
    code, out, _ = _run(capsys, "--data-dir", str(city), "bundle", "import", rollup)
    assert code == 0 and "已导入" in out and "汇总自 江苏省常州市武进区" in out
    assert "检查：新增 1" in out and "企业：新增 1" in out and "下级机关的文书设置：新增 1" in out
    code, out, _ = _run(capsys, "--data-dir", str(city), "bundle", "import", rollup)
    assert code == 0 and "已导入过" in out
    # the city's roll-up goes up, never down to its district; the province has no office above it
    code, out, _ = _run(capsys, "--data-dir", str(city), "bundle", "export", "--to-parent", "-o",
                        str(tmp_path / "city.inspbundle"))
    assert code == 0
    code, out, _ = _run(capsys, "--data-dir", str(district), "bundle", "import", str(tmp_path / "city.inspbundle"))
    assert code == 1 and "[not_in_jurisdiction]" in out
    code, _, err = _run(capsys, "--data-dir", str(province), "bundle", "export", "--to-parent", "-o",
                        str(tmp_path / "province.inspbundle"))
    assert code == 1 and "没有上级机关" in err
