"""One version: ``inspector_app.__version__`` is what pyproject.toml, ``--version``, the About box and the PDF
metadata use; the commit is baked into ``inspector_app/_build.py`` by the package build, else asked of git."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
import types
from pathlib import Path

import pytest

import inspector_app
from inspector_app import __version__, pdf_creator
from inspector_app.buildinfo import build_commit, version_text

ROOT = Path(__file__).resolve().parents[1]


def test_pyproject_takes_the_version_from_the_package() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "inspector_app.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)


def test_version_option_prints_the_version_and_the_commit() -> None:
    out = subprocess.run([sys.executable, "-m", "inspector_app", "--version"], capture_output=True, text=True,
                         check=True, timeout=60).stdout.strip()
    match = re.fullmatch(r"inspector-app (\S+) \(commit (\S+)\)", out)
    assert match is not None, out
    assert match.group(1) == __version__
    commit = match.group(2)
    if (ROOT / ".git").exists() and not (ROOT / "inspector_app" / "_build.py").exists():
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short=12", "HEAD"], capture_output=True,
                              text=True, check=False).stdout.strip()
        assert commit.removesuffix("-dirty") == (head or "unknown")


def test_a_baked_commit_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    baked = types.ModuleType("inspector_app._build")
    baked.COMMIT = "0123456789ab"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "inspector_app._build", baked)
    build_commit.cache_clear()
    try:
        assert build_commit() == "0123456789ab"
        assert version_text() == f"{__version__} (commit 0123456789ab)"
    finally:
        build_commit.cache_clear()


def test_without_git_the_commit_is_unknown(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "inspector_app._build", None)  # import fails: no baked commit
    monkeypatch.setattr(inspector_app, "__file__", str(tmp_path / "inspector_app" / "__init__.py"))
    build_commit.cache_clear()
    try:
        assert build_commit() == "unknown"
    finally:
        build_commit.cache_clear()


def test_pdf_creator_names_the_version() -> None:
    assert pdf_creator() == f"Inspector {__version__}"
