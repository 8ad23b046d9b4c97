"""Shared test set-up: Qt offscreen, a fresh workspace per test, the shared fixtures folder, and the
two engines: modules marked ``both_engines`` run on SQLite and, when ``INSPECTOR_TEST_PG_URL`` names a
cluster (scripts/run-tests.sh starts one), again on PostgreSQL (tests/pg_support.py)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pg_support
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false;qt.multimedia.*=false")

REPO_ROOT = Path(__file__).resolve().parents[1]


def shared_root() -> Path:
    return Path(os.environ.get("INSPECTOR_SHARED", REPO_ROOT.parent / "shared"))


@pytest.fixture
def photo_fixtures() -> Path:
    """The real camera photos in ../shared/fixtures/photos; the test is skipped where they are absent."""
    folder = shared_root() / "fixtures" / "photos"
    if not folder.is_dir():
        pytest.skip("../shared/fixtures/photos is not present")
    return folder


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """``both_engines`` tests run on each engine (test ids ``[sqlite]`` and ``[pg]``)."""
    if ("engine" in metafunc.fixturenames and metafunc.definition.get_closest_marker("both_engines")
            and pg_support.base_url()):
        metafunc.parametrize("engine", ["sqlite", "pg"], indirect=True)


@pytest.fixture(autouse=True)
def engine(request: pytest.FixtureRequest) -> Iterator[str]:
    """The engine this test's workspaces use: ``pg`` gives each a fresh PostgreSQL database."""
    kind = str(getattr(request, "param", "sqlite"))
    pg_support.activate(kind == "pg")
    try:
        yield kind
    finally:
        pg_support.activate(False)
        if pg_support.base_url():
            pg_support.drop_created()  # also those a PostgreSQL-only test made


@pytest.fixture
def workspace(tmp_path: Path, engine: str) -> Iterator[object]:
    """A fresh, migrated, empty workspace in a temporary folder (on PostgreSQL in ``[pg]`` runs)."""
    from inspector_app.storage.engine import open_workspace

    ws = open_workspace(pg_support.prepare(tmp_path / "workspace"))
    yield ws
    ws.close()


_ran_on_pg: dict[str, int] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    on_pg = report.nodeid.endswith("[pg]") or "[pg-" in report.nodeid or "-pg]" in report.nodeid \
        or ("postgresql" in report.keywords and report.outcome != "skipped")
    if on_pg and (report.when == "call" or (report.when == "setup" and report.outcome != "passed")):
        _ran_on_pg[report.outcome] = _ran_on_pg.get(report.outcome, 0) + 1


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if pg_support.base_url() is None:
        terminalreporter.write_line("PostgreSQL: not tested (INSPECTOR_TEST_PG_URL is not set)")
        return
    counts = ", ".join(f"{n} {outcome}" for outcome, n in sorted(_ran_on_pg.items())) or "none"
    terminalreporter.write_line(f"PostgreSQL: {sum(_ran_on_pg.values())} tests ran on PostgreSQL ({counts})")


def pytest_sessionfinish(session: pytest.Session) -> None:
    if pg_support.base_url():
        pg_support.drop_template()


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test ever touches the real user data folder."""
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(tmp_path / "default-data-dir"))
