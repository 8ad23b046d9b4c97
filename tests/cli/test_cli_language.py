"""The command line speaks one language (issue 17 item 5): the workspace's ``language`` setting, overridden by
INSPECTOR_LANGUAGE; statuses by their labels, table headings and messages in that language; the core's
bundle refusals in English too (their codes unchanged)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from inspector_app import translation

CJK = re.compile(r"[\u4e00-\u9fff]")
# Latin words a Chinese screen may show: the program's name and what a user types or reads as a code –
# kebab-case ids (templates, campaigns, duties), snake_case setting keys, standards, formats, hex.
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z_.\-]*[A-Za-z]")
ALLOWED = {"inspector-app", "GB", "PDF", "GPS", "SHA-256", "SHA", "JPEG", "PNG", "HEIC", "xlsx", "csv", "json",
           "YYYY-MM-DD", "UTC", "MP", "KB", "MB"}


def run(*args: str, data_dir: Path, language: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != translation.ENV_VARIABLE}
    if language:
        env[translation.ENV_VARIABLE] = language
    return subprocess.run([sys.executable, "-m", "inspector_app", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=120, check=False)


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    result = run("demo", "--enterprises", "60", data_dir=folder)
    assert result.returncode == 0, result.stderr
    return folder


def _ids(demo_dir: Path) -> dict[str, int]:
    rows = json.loads(run("inspections", "list", "--format", "json", data_dir=demo_dir).stdout)
    return {row["status"]: row["id"] for row in rows}


def _outputs(demo_dir: Path, language: str | None = None) -> dict[str, str]:
    ids = _ids(demo_dir)
    shown = ids.get("accepted") or ids.get("received") or next(iter(ids.values()))
    commands = [("inspections", "list"), ("inspections", "show", str(shown)), ("enterprises", "list"),
                ("templates", "list"), ("campaigns", "list"), ("photos", "list", str(shown)),
                ("inspections", "list", "--status", "nope"), ("workspace", "show")]
    found = {}
    for command in commands:
        result = run(*command, data_dir=demo_dir, language=language)
        found[" ".join(command)] = result.stdout + result.stderr
    return found


def _latin(text: str) -> set[str]:
    words = set()
    for line in text.splitlines():
        if " = " in line:  # a setting: its key, value and the values it takes are what the user types
            continue
        for token in line.split():
            if "/" in token or "=" in token or "." in token or any(c.isdigit() for c in token):
                continue  # paths, files, codes and numbers, setting lines' keys (what the user types)
            for word in LATIN_WORD.findall(token):
                if word in ALLOWED or "-" in word or "_" in word or re.fullmatch(r"[0-9A-Fa-f]+", word):
                    continue
                words.add(word)
    return words


def test_a_chinese_workspace_prints_no_english_words(demo_dir: Path) -> None:
    outputs = _outputs(demo_dir)
    # Status codes are what --status takes: the refusal lists them.
    outputs.pop("inspections list --status nope")
    # The camera's make and model are the photo's own data (EXIF), not words of the program.
    for command in [k for k in outputs if k.startswith("photos list")]:
        photos = json.loads(run(*command.split(), "--format", "json", data_dir=demo_dir).stdout)
        for camera in {p["camera"][k] for p in photos for k in ("make", "model") if p["camera"][k]}:
            outputs[command] = outputs[command].replace(camera, "")
    leaks = {command: sorted(_latin(text)) for command, text in outputs.items() if _latin(text)}
    assert not leaks, leaks
    listing = outputs["inspections list"]
    assert listing.splitlines()[0].split()[:2] == ["编号", "企业"]
    assert "已验收" in listing and "accepted" not in listing


def test_an_english_workspace_prints_english_statuses_and_headings(demo_dir: Path) -> None:
    assert run("workspace", "set", "language", "en", data_dir=demo_dir).returncode == 0
    try:
        listing = run("inspections", "list", data_dir=demo_dir).stdout
        heading = listing.splitlines()[0]
        assert not CJK.search(heading) and "Enterprise" in heading and "Status" in heading
        assert "Accepted" in listing and "已验收" not in listing
        wrong = run("inspections", "list", "--status", "nope", data_dir=demo_dir)
        assert wrong.returncode == 2 and "No status" in wrong.stderr and not CJK.search(wrong.stderr)
        shown = run("workspace", "show", data_dir=demo_dir).stdout
        assert shown.startswith("workspace: ") and "language = en" in shown
        # The environment variable wins over the setting, both ways.
        chinese = run("inspections", "list", data_dir=demo_dir, language="zh_CN").stdout
        assert chinese.splitlines()[0].split()[:2] == ["编号", "企业"] and "已验收" in chinese
        # Scripts read the same CSV and JSON in either language.
        rows = json.loads(run("inspections", "list", "--format", "json", data_dir=demo_dir).stdout)
        assert {"accepted", "assigned"} <= {r["status"] for r in rows}
    finally:
        assert run("workspace", "set", "language", "", data_dir=demo_dir).returncode == 0


def test_an_unknown_language_setting_is_refused(demo_dir: Path) -> None:
    result = run("workspace", "set", "language", "fr", data_dir=demo_dir)
    assert result.returncode == 1 and "zh_CN" in result.stderr and "en" in result.stderr


@pytest.fixture
def english() -> Iterator[None]:
    translation.set_language("en")
    yield
    translation.set_language(translation.DEFAULT_LANGUAGE)


def test_bundle_refusals_in_english_keep_their_codes(tmp_path: Path, english: None) -> None:
    from inspector_app.bundle.bag_verify import verify_bundle
    from inspector_app.bundle.errors import BundleError

    empty = tmp_path / "empty.inspbundle"
    empty.write_bytes(b"")
    with pytest.raises(BundleError) as refused:
        verify_bundle(empty, None)
    assert refused.value.code == "corrupt_zip"
    assert str(refused.value) == "An empty file (0 bytes), not a bundle"
    notzip = tmp_path / "text.inspbundle"
    notzip.write_bytes(b"hello, this is not a zip file at all" * 4)
    with pytest.raises(BundleError) as refused:
        verify_bundle(notzip, None)
    assert refused.value.code == "corrupt_zip" and not CJK.search(str(refused.value))


def test_a_workbook_problem_names_sheet_row_and_column_in_english(english: None) -> None:
    from inspector_app.tabular.book_grid import CellProblem

    problem = CellProblem("检查项", 7, "否决", "Veto “C” is not valid")
    assert str(problem) == "Sheet “检查项”, row 7, column “否决”: Veto “C” is not valid"
