"""The chain of offices end to end, only through the command line (issue 12): two district offices each
assign a look-back to an inspector's laptop; the inspectors answer, sign, print and send their bundles
back; the districts accept; one district files its report; both send roll-ups to the city. The city's
progress is the sum of its districts', its report names the district that did not file, a sheet printed
on a laptop verifies at the district and at the city, and sending every bundle twice changes nothing.

Keys live in an in-memory keyring (the command line asks the system's keyring; tests set it)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import keyring
import pytest
from pypdf import PdfReader

from inspector_app.cli import main
from inspector_app.domain.template import load_template, resource_path
from inspector_app.secrets import InMemoryKeyring

TODAY = date.today().isoformat()
STROKES = [[[0.1, 0.5], [0.3, 0.35], [0.5, 0.6], [0.8, 0.4]]]
# (district, area, officers on the laptop, enterprises: (name, USCC))
DISTRICTS = {
    "wujin": ("武进区", "常州市武进区", [("王示范", "苏执W-001"), ("赵示例", "苏执W-002")],
              [("常州示范机械有限公司", "91320412MA1W2X3Y40"), ("常州样例电子有限公司", "91320412MA1W2X3Y53")]),
    "xinbei": ("新北区", "常州市新北区", [("钱演示", "苏执X-001"), ("孙样本", "苏执X-002")],
               [("常州演示化纤有限公司", "91320411MA1N2P3Q4G")]),
}


@pytest.fixture
def memory_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(InMemoryKeyring())
    yield
    keyring.set_keyring(previous)


class Cli:
    def __init__(self, capsys: pytest.CaptureFixture[str], root: Path) -> None:
        self.capsys, self.root = capsys, root

    def __call__(self, where: str, *argv: str, expect: int = 0) -> str:
        code = main(["--data-dir", str(self.root / where), *argv])
        out, err = self.capsys.readouterr()
        assert code == expect, f"{where} {argv}: exit {code}\n{out}\n{err}"
        return out + err

    def json(self, where: str, *argv: str) -> Any:
        return json.loads(self(where, *argv))

    def key(self, where: str, name: str) -> tuple[Path, str]:
        path = self.root / f"{where}.pub"
        out = self(where, "keys", "export-public", "-o", str(path), "--name", name)
        match = re.search(r"(?:fingerprint: |指纹：)((?:[0-9A-F]{4} ){15}[0-9A-F]{4})", out)
        assert match, out
        return path, match.group(1)

    def enrol(self, where: str, key: tuple[Path, str]) -> None:
        self(where, "keys", "enrol", str(key[0]), "--fingerprint", key[1])


def _register(path: Path, district: str, rows: list[tuple[str, str]]) -> Path:
    lines = ["企业名称,统一社会信用代码,所属辖市区,行业,证书等级,证书有效期至"]
    lines += [f"{name},{code},{district},机械,三级,2022-12-31" for name, code in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _answer_everything(cli: Cli, laptop: str, inspection_id: int, tmp: Path) -> None:
    template = load_template(resource_path("templates") / "lookback-2020.json")
    done = {a["item_code"] for a in cli.json(laptop, "inspections", "show", str(inspection_id),
                                             "--format", "json")["answers"]}
    answers = [{"item": item.code, "result": "符合"} for item in template.items if item.code not in done]
    path = tmp / f"{laptop}-answers.json"
    path.write_text(json.dumps({"answers": answers}, ensure_ascii=False), encoding="utf-8")
    cli(laptop, "inspections", "answer", str(inspection_id), "--from", str(path))


def _dump(cli: Cli, where: str) -> Any:
    return (cli.json(where, "inspections", "list", "--format", "json") if "laptop" in where else
            [cli.json(where, "inspections", "list", "--format", "json"),
             cli.json(where, "report", "progress", "--as-of", TODAY, "--format", "json"),
             cli.json(where, "report", "filed", "--format", "json")])


def test_districts_to_city_through_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     memory_keyring: None) -> None:
    cli = Cli(capsys, tmp_path)
    strokes = tmp_path / "strokes.json"
    strokes.write_text(json.dumps(STROKES), encoding="utf-8")
    cli("city", "keys", "role", "office")
    cli("city", "workspace", "set", "level", "city")
    cli("city", "workspace", "set", "jurisdiction", "常州市")
    city_key = cli.key("city", "常州市应急管理局")
    bundles: list[tuple[str, Path]] = []  # (where it is imported, the bundle) – sent again at the end
    codes: dict[str, str] = {}
    for office, (district, area, people, enterprises) in DISTRICTS.items():
        laptop = f"{office}-laptop"
        cli(office, "keys", "role", "office")
        cli(office, "workspace", "set", "level", "district")
        cli(office, "workspace", "set", "jurisdiction", area)
        cli(office, "workspace", "set", "authority_short", f"常{district[0]}")
        office_key, laptop_key = cli.key(office, f"{district}应急管理局"), cli.key(laptop, people[0][0])
        cli.enrol(office, laptop_key)
        cli.enrol(laptop, office_key)
        cli.enrol("city", office_key)
        cli.enrol(office, city_key)
        cli(office, "enterprises", "import", str(_register(tmp_path / f"{office}.csv", district, enterprises)))
        officers = [arg for name, cert in people for arg in ("--inspector", f"{name}:{cert}")]
        cli(office, "inspections", "assign", "--enterprise", enterprises[0][1], "--template", "lookback-2020",
            *officers, "--due", TODAY, "--by", "科长")
        assignment = tmp_path / f"{office}-assign.inspbundle"
        cli(office, "bundle", "export", "--direction", "office-to-inspector", "-o", str(assignment))
        cli(laptop, "bundle", "import", str(assignment))
        bundles.append((laptop, assignment))

        (row,) = cli.json(laptop, "inspections", "list", "--format", "json")
        inspection_id = row["id"]
        _answer_everything(cli, laptop, inspection_id, tmp_path)
        for name, _cert in people:
            cli(laptop, "inspections", "sign", str(inspection_id), "--signer", name, "--strokes", str(strokes))
        cli(laptop, "inspections", "sign", str(inspection_id), "--signer", "企业负责人甲", "--role", "enterprise_rep",
            "--strokes", str(strokes))
        cli(laptop, "inspections", "complete", str(inspection_id))
        printed = cli(laptop, "sheet", str(inspection_id), "-o", str(tmp_path / f"{office}-record.pdf"))
        match = re.search(r"核验码：(INSP-\S+)", printed)
        assert match, printed
        codes[office] = match.group(1)
        result = tmp_path / f"{office}-result.inspbundle"
        cli(laptop, "bundle", "export", "-o", str(result))
        cli(office, "bundle", "import", str(result))
        bundles.append((office, result))
        (received,) = [r for r in cli.json(office, "inspections", "list", "--format", "json")
                       if r["status"] == "received"]
        assert cli(office, "sheet", "verify", codes[office]).startswith("matches")
        cli(office, "inspections", "accept", str(received["id"]), "--by", "科长")

    filed = cli("wujin", "report", "file", "district-progress-1", "--as-of", TODAY, "--text", "工作开展正常。",
                "--by", "科长")
    assert "武进区" in filed
    for office in DISTRICTS:
        rollup = tmp_path / f"{office}-rollup.inspbundle"
        cli(office, "bundle", "export", "--to-parent", "-o", str(rollup))
        cli("city", "bundle", "import", str(rollup))
        bundles.append(("city", rollup))

    # The city's figures are the sum of its districts' own.
    city = cli.json("city", "report", "progress", "--as-of", TODAY, "--format", "json")
    city_rows = {r["area"]: r for r in city["rows"] if r["kind"] == "lookback"}
    numeric = [k for k, v in city_rows["合计"].items() if isinstance(v, int)]
    district_totals = []
    for office, (district, *_rest) in DISTRICTS.items():
        own = cli.json(office, "report", "progress", "--as-of", TODAY, "--format", "json")
        total = next(r for r in own["rows"] if r["kind"] == "lookback" and r["area"] == "合计")
        assert {k: city_rows[district][k] for k in numeric} == {k: total[k] for k in numeric}
        district_totals.append(total)
    assert {k: city_rows["合计"][k] for k in numeric} == {k: sum(t[k] for t in district_totals) for k in numeric}
    assert city_rows["合计"]["in_scope"] == 3 and city_rows["合计"]["accepted"] == 2

    # A laptop's sheet still matches at the city; the city's report names the district that did not file.
    for office in DISTRICTS:
        assert cli("city", "sheet", "verify", codes[office]).startswith("matches")
    report = cli("city", "report", "file", "city-progress-1", "--as-of", TODAY, "--by", "处长")
    unfiled = re.search(r"未报送的下级单位：(\S+?)（", report)
    assert unfiled and "新北区" in unfiled.group(1).split("、") and "武进区" not in unfiled.group(1)
    pdf = re.search(r"PDF：(\S+\.pdf)", report)
    assert pdf
    text = "".join(page.extract_text() for page in PdfReader(pdf.group(1)).pages).replace("\n", "")
    assert "新北区" in text and "未报送" in text and "江苏省常州市" in text
    filed_rows = cli.json("city", "report", "filed", "--format", "json")
    assert {(r["number"], r["source"]) for r in filed_rows} == {
        ("常州市〔2020〕回头看报告第1号", "本机关"), ("武进区〔2020〕回头看报告第1号", "汇总自江苏省常州市武进区")}
    duties = cli.json("city", "report", "duties", "--as-of", TODAY, "--format", "json")
    received = {r["party"]: r["state"] for r in duties if r["duty"] == "district-progress-1"}
    assert received["武进区"] != "missing" and received["新北区"] == "missing"

    # Every bundle sent twice: nothing changes anywhere.
    before = {where: _dump(cli, where) for where in {w for w, _ in bundles}}
    for where, bundle in bundles:
        cli(where, "bundle", "import", str(bundle))
    assert {where: _dump(cli, where) for where in before} == before
