"""The office database on PostgreSQL (storage.office_db): how it is named, upgraded with a backup
first, and refused. The tests that need a server run when INSPECTOR_TEST_PG_URL names one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pg_support
import pytest
from sqlalchemy import create_engine

from inspector_app.domain.errors import WorkspaceError
from inspector_app.storage import office_db
from inspector_app.storage.engine import known_revisions, open_workspace


def needs_pg(test: Any) -> Any:
    marked = pytest.mark.postgresql(test)
    return pytest.mark.skipif(pg_support.base_url() is None, reason="INSPECTOR_TEST_PG_URL is not set")(marked)


def test_the_url_comes_from_the_option_or_the_setting_file(tmp_path: Path) -> None:
    assert office_db.database_url(tmp_path, None) is None
    (tmp_path / "database.url").write_text("# the office database\n\npostgresql://zhang@db.example/office\n")
    url = office_db.database_url(tmp_path, None)
    assert url is not None and url.drivername == "postgresql+psycopg" and url.database == "office"
    given = office_db.database_url(tmp_path, "postgresql+psycopg://li@other:5433/x")
    assert given is not None and (given.host, given.port) == ("other", 5433)
    assert office_db.password_key(given) == "li@other:5433/x"


@pytest.mark.parametrize("text", ["postgresql://zhang:secret@db.example/office", "mysql://a@b/c", "not a url"])
def test_a_password_or_another_database_is_refused(tmp_path: Path, text: str) -> None:
    (tmp_path / "database.url").write_text(text)
    with pytest.raises(WorkspaceError) as refused:
        open_workspace(tmp_path)
    assert "secret" not in str(refused.value)


def _at_revision(revision: str) -> str:
    """A new database migrated only up to ``revision``."""
    from alembic import command
    from alembic.config import Config

    url = pg_support.create_database(empty=True)
    engine = create_engine(url)
    config = Config()
    config.set_main_option("script_location", str(office_db.MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    command.upgrade(config, revision)
    engine.dispose()
    return url


def _revision(url: str) -> str:
    engine = create_engine(url)
    with engine.connect() as con:
        found = str(con.exec_driver_sql("SELECT version_num FROM alembic_version").scalar())
    engine.dispose()
    return found


@needs_pg
def test_an_old_database_is_dumped_then_upgraded(tmp_path: Path) -> None:
    url = _at_revision("0009")
    ws = open_workspace(tmp_path / "ws", database=url)
    ws.close()
    assert _revision(url) == known_revisions()[1]
    dumps = list((tmp_path / "ws" / "backups").glob("workspace-rev0009-*.dump"))
    assert len(dumps) == 1 and dumps[0].read_bytes()[:5] == b"PGDMP"


@needs_pg
def test_without_pg_dump_the_upgrade_needs_a_recent_backup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = _at_revision("0009")
    monkeypatch.setattr(office_db.shutil, "which", lambda _name: None)
    with pytest.raises(WorkspaceError, match="升级前必须先备份") as refused:
        open_workspace(tmp_path / "ws", database=url)
    assert "pg_dump --format=custom" in str(refused.value)
    assert _revision(url) == "0009"  # untouched
    backups = tmp_path / "ws" / "backups"
    backups.mkdir(parents=True, exist_ok=True)
    old = backups / "workspace-rev0009-manual.dump"
    old.write_bytes(b"PGDMP...")
    os.utime(old, (0, 0))  # made long ago: not recent enough
    with pytest.raises(WorkspaceError, match="升级前必须先备份"):
        open_workspace(tmp_path / "ws", database=url)
    old.touch()  # made just now by the bureau's IT
    open_workspace(tmp_path / "ws", database=url).close()
    assert _revision(url) == known_revisions()[1]


@needs_pg
def test_a_newer_or_foreign_database_is_refused(tmp_path: Path) -> None:
    url = pg_support.create_database()
    engine = create_engine(url)
    with engine.begin() as con:
        con.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(WorkspaceError, match="更新版本"):
        open_workspace(tmp_path / "a", database=url)
    foreign = pg_support.create_database(empty=True)
    other = create_engine(foreign)
    with other.begin() as con:
        con.exec_driver_sql("CREATE TABLE customers (id integer)")
    with pytest.raises(WorkspaceError, match="别的程序"):
        open_workspace(tmp_path / "b", database=foreign)
    engine.dispose()
    other.dispose()


@needs_pg
def test_two_supervisors_opening_a_new_database_at_once(tmp_path: Path) -> None:
    """The migration's advisory lock: one creates the schema, the other finds it made (two processes,
    as two supervisors' machines)."""
    url = pg_support.create_database(empty=True)
    script = ("import sys; from pathlib import Path; from inspector_app.storage.engine import open_workspace; "
              "open_workspace(Path(sys.argv[1]), database=sys.argv[2]).close()")
    children = [subprocess.Popen([sys.executable, "-c", script, str(tmp_path / n), url], stderr=subprocess.PIPE,
                                 text=True) for n in ("a", "b")]
    results = [(child.wait(120), child.stderr.read() if child.stderr else "") for child in children]
    assert [code for code, _ in results] == [0, 0], results
    assert _revision(url) == known_revisions()[1]


@needs_pg
def test_an_unreachable_server_is_a_clear_refusal(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="无法连接办公室数据库"):
        open_workspace(tmp_path, database="postgresql+psycopg://nobody@127.0.0.1:1/none")
