from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from inspector_app.services.queries.inspections import INSPECTION_COLUMNS


def run(*args: str, data_dir: Path | None = None, env: dict[str, str] | None = None
        ) -> subprocess.CompletedProcess[str]:
    full_env = os.environ | (env or {})
    prefix = ["--data-dir", str(data_dir)] if data_dir else []
    return subprocess.run([sys.executable, "-m", "inspector_app", *prefix, *args], capture_output=True,
                          text=True, env=full_env, stdin=subprocess.DEVNULL, timeout=120, check=False)


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    result = run("demo", "--enterprises", "210", data_dir=folder)
    assert result.returncode == 0, result.stderr
    assert "企业 210 家" in result.stdout
    return folder


def test_demo_enterprises_are_changzhou_with_valid_codes(demo_dir: Path) -> None:
    from inspector_app.domain.uscc import is_valid
    from inspector_app.services.enterprises import CHANGZHOU_DISTRICTS

    rows = json.loads(run("enterprises", "list", "--format", "json", data_dir=demo_dir).stdout)
    assert len(rows) >= 200
    assert all(is_valid(r["uscc"]) and r["uscc"][2:6] == "3204" for r in rows)
    assert {r["district"] for r in rows} == set(CHANGZHOU_DISTRICTS)


def test_inspections_list_json_is_stable_and_covers_states(demo_dir: Path) -> None:
    result = run("inspections", "list", "--format", "json", data_dir=demo_dir)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows and all(tuple(r) == INSPECTION_COLUMNS for r in rows)
    statuses = {r["status"] for r in rows}
    assert {"assigned", "in_progress"} <= statuses
    assert statuses & {"completed", "exported", "received", "accepted", "returned"}
    assert any(r["score"] is not None and r["outcome"] for r in rows)
    csv_out = run("inspections", "list", "--format", "csv", data_dir=demo_dir).stdout
    assert csv_out.splitlines()[0] == ",".join(INSPECTION_COLUMNS)
    table = run("inspections", "list", data_dir=demo_dir).stdout
    assert "企业" in table.splitlines()[0] and "enterprise" not in table.splitlines()[0]


def test_inspections_show_json(demo_dir: Path) -> None:
    rows = json.loads(run("inspections", "list", "--format", "json", "--status", "in_progress",
                          data_dir=demo_dir).stdout)
    doc = json.loads(run("inspections", "show", str(rows[0]["id"]), "--format", "json", data_dir=demo_dir).stdout)
    assert doc["id"] == rows[0]["id"] and doc["answers"] and doc["audit"]
    text = run("inspections", "show", str(rows[0]["id"]), data_dir=demo_dir).stdout
    assert "得分" in text


def test_errors_go_to_stderr_with_nonzero_status(tmp_path: Path) -> None:
    result = run("inspections", "show", "999", data_dir=tmp_path / "ws")
    assert result.returncode == 1 and "999" in result.stderr and result.stdout == ""
    result = run("templates", "validate", str(tmp_path / "missing.json"))
    assert result.returncode == 1 and "missing.json" in result.stderr
    assert run("no-such-command").returncode == 2


def test_templates_list_and_validate(tmp_path: Path) -> None:
    listed = run("templates", "list")
    assert listed.returncode == 0 and "lookback-2020" in listed.stdout and "operation-audit-2020" in listed.stdout
    bad = tmp_path / "bad.json"
    data = json.loads((Path(__file__).resolve().parents[2] / "resources/templates/lookback-2020.json")
                      .read_text(encoding="utf-8"))
    data["elements"][1]["items"][2]["points"] = -3
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run("templates", "validate", str(bad))
    code = data["elements"][1]["items"][2]["code"]
    assert result.returncode == 1 and "bad.json" in result.stderr and code in result.stderr
    assert "points" in result.stderr


def test_data_dir_from_environment(tmp_path: Path) -> None:
    result = run("enterprises", "list", "--format", "json", env={"INSPECTOR_DATA_DIR": str(tmp_path / "env")})
    assert result.returncode == 0 and json.loads(result.stdout) == []
    assert (tmp_path / "env" / "workspace.sqlite").exists()


def test_non_gui_commands_import_no_qt(tmp_path: Path) -> None:
    code = ("import sys; from inspector_app.cli import main; "
            f"rc = main(['--data-dir', {str(tmp_path / 'w')!r}, 'inspections', 'list', '--format', 'json']); "
            "assert rc == 0; bad = [m for m in sys.modules if m.startswith('PySide6')]; assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, timeout=60)


def test_inspections_list_unknown_status_is_an_error_not_an_empty_list(demo_dir: Path) -> None:
    result = run("inspections", "list", "--status", "complete", data_dir=demo_dir)
    assert result.returncode == 2 and result.stdout == ""
    assert "complete" in result.stderr and "completed" in result.stderr and "in_progress" in result.stderr


def test_output_with_a_file_name_that_is_not_utf8(monkeypatch: pytest.MonkeyPatch) -> None:
    """A non-UTF-8 file name (kept by Python as surrogate escapes) in a listing or report must not
    crash the output on a terminal whose encoding is strict UTF-8 (any zh_CN.UTF-8 desktop)."""
    import io

    from inspector_app.cli.output import write_out

    raw = io.BytesIO()
    stdout = io.TextIOWrapper(raw, encoding="utf-8", errors="strict")
    monkeypatch.setattr(sys, "stdout", stdout)
    write_out("照片 q\udcfd.jpg\n")
    assert raw.getvalue().decode("utf-8") == "照片 q\\udcfd.jpg\n"


def test_json_list_is_the_same_on_the_fast_and_the_full_path(demo_dir: Path) -> None:
    """The first list of a day refreshes outcomes through the ORM; later ones read with plain sqlite3
    and let SQLite build the JSON. A script must not see the difference."""
    import sqlite3

    con = sqlite3.connect(demo_dir / "workspace.sqlite")
    con.execute("DELETE FROM workspace_meta WHERE key = 'outcomes_refreshed_on'")
    con.commit()
    con.close()
    full = run("inspections", "list", "--format", "json", data_dir=demo_dir)
    fast = run("inspections", "list", "--format", "json", data_dir=demo_dir)
    assert full.returncode == fast.returncode == 0
    assert full.stdout == fast.stdout and json.loads(fast.stdout)


def test_workspace_settings_and_reports(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    result = run("workspace", "set", "authority_name", "常州市应急管理局", "--by", "科长", data_dir=folder)
    assert result.returncode == 0 and result.stdout == "authority_name = 常州市应急管理局\n"
    shown = run("workspace", "show", data_dir=folder).stdout
    assert "authority_name = 常州市应急管理局" in shown and str(folder) in shown
    bad = run("workspace", "set", "no_such_key", "x", data_dir=folder)
    assert bad.returncode == 1 and "no_such_key" in bad.stderr and "Traceback" not in bad.stderr
    duties = json.loads(run("report", "duties", "--as-of", "2020-03-28", "--format", "json", data_dir=folder).stdout)
    due = {d["duty"]: (d["due"], d["days_left"]) for d in duties}
    assert due["district-progress-1"] == ("2020-03-27", -1) and due["city-progress-2"] == ("2020-06-30", 94)


def test_report_progress(demo_dir: Path) -> None:
    doc = json.loads(run("report", "progress", "--format", "json", data_dir=demo_dir).stdout)
    total = next(r for r in doc["rows"] if r["kind"] == "lookback" and r["area"] == "合计")
    assert doc["campaign_id"] == "jiangsu-changzhou-2020" and total["assigned"] > 0


def test_enterprises_import_dry_run_then_for_real(tmp_path: Path) -> None:
    from inspector_app.domain import uscc

    codes = [uscc.make_code("9", "1", "320412", f"MA{n:07d}") for n in range(1, 4)]
    sheet = tmp_path / "名单.csv"
    sheet.write_text("企业名称,统一社会信用代码,辖市区\n" + "".join(
        f"常州测试机械有限公司{n},{code},武进区\n" for n, code in enumerate(codes, 1)), encoding="utf-8")
    folder = tmp_path / "ws"
    dry = run("enterprises", "import", str(sheet), "--dry-run", data_dir=folder)
    assert dry.returncode == 0 and "未写入" in dry.stdout and "3" in dry.stdout
    assert json.loads(run("enterprises", "list", "--format", "json", data_dir=folder).stdout) == []
    real = run("enterprises", "import", str(sheet), data_dir=folder)
    assert real.returncode == 0 and "新增 3 家" in real.stdout
    listed = json.loads(run("enterprises", "list", "--format", "json", data_dir=folder).stdout)
    assert sorted(r["uscc"] for r in listed) == sorted(codes)
    sheet.write_text("企业名称,统一社会信用代码\n坏公司,123\n", encoding="utf-8")
    bad = run("enterprises", "import", str(sheet), data_dir=folder)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr and bad.stderr.count("\n") >= 2


def test_inspections_list_fast_path_imports_no_sqlalchemy(demo_dir: Path) -> None:
    """Once today's refresh has run, ``inspections list`` reads with plain sqlite3 (the benchmark's
    path): SQLAlchemy's import alone would cost more than the query."""
    assert run("inspections", "list", "--format", "json", data_dir=demo_dir).returncode == 0  # refreshed
    code = ("import sys, io; from inspector_app.cli import main; sys.stdout = io.StringIO(); "
            f"rc = main(['--data-dir', {str(demo_dir)!r}, 'inspections', 'list', '--format', 'json']); "
            "sys.stdout = sys.__stdout__; assert rc == 0; "
            "bad = [m for m in sys.modules if m.startswith('sqlalchemy')]; assert not bad, bad[:5]")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, timeout=60)


def test_every_command_has_a_handler_that_exists() -> None:
    """The table names handlers by module path (nothing imports them until they run): each name must
    resolve, and every command and action of the parser must find one."""
    import argparse

    from inspector_app.cli.commands import HANDLERS, PREPARE, build_parser, load

    for target in [*HANDLERS.values(), PREPARE]:
        assert callable(load(target)), target
    commands = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    for name, sub in commands.choices.items():
        if name == "gui":
            continue
        actions = [a for a in sub._actions if isinstance(a, argparse._SubParsersAction)]
        keys = [f"{name} {action}" for action in actions[0].choices] if actions else [name]
        assert all(key in HANDLERS or name in HANDLERS for key in keys), (name, keys)
