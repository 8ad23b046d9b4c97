from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select

from inspector_app.demo.workspace import build_demo
from inspector_app.domain.errors import WorkspaceError
from inspector_app.storage.engine import DB_NAME, known_revisions, open_workspace
from inspector_app.storage.models import Enterprise, Inspection


def _pragmas(path: Path) -> tuple[str, int, int]:
    from inspector_app.storage.engine import make_engine

    engine = make_engine(path)
    with engine.connect() as con:
        mode = con.exec_driver_sql("PRAGMA journal_mode").scalar()
        sync = con.exec_driver_sql("PRAGMA synchronous").scalar()
        fks = con.exec_driver_sql("PRAGMA foreign_keys").scalar()
    engine.dispose()
    return str(mode), int(sync or 0), int(fks or 0)


def test_single_head() -> None:
    revisions, head = known_revisions()
    assert head is not None and "0001" in revisions


def test_empty_workspace_is_created_at_head_with_pragmas(tmp_path: Path) -> None:
    ws = open_workspace(tmp_path / "ws")
    ws.close()
    _, head = known_revisions()
    con = sqlite3.connect(tmp_path / "ws" / DB_NAME)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head
    con.close()
    assert _pragmas(tmp_path / "ws" / DB_NAME) == ("wal", 2, 1)  # 2 = FULL


def test_populated_database_upgrades_from_first_revision_with_backup(tmp_path: Path) -> None:
    """Demo data made at the head schema is copied into a database at revision 0001 (the columns that
    revision has), which is then opened – and so migrated through every later revision."""
    from alembic import command

    from inspector_app.storage.engine import _alembic_config, make_engine

    source = open_workspace(tmp_path / "source")
    with source.sessions.begin() as session:
        build_demo(session, enterprises=15)
    source.close()
    root = tmp_path / "ws"
    root.mkdir()
    engine = make_engine(root / DB_NAME)
    command.upgrade(_alembic_config(engine), "0001")
    engine.dispose()
    con = sqlite3.connect(root / DB_NAME)
    con.execute("ATTACH DATABASE ? AS src", (str(tmp_path / "source" / DB_NAME),))
    tables = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT IN ('alembic_version')")]
    for table in tables:
        columns = ", ".join(r[1] for r in con.execute(f"PRAGMA main.table_info({table})"))
        con.execute(f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM src.{table}")
    con.commit()
    con.execute("DETACH DATABASE src")
    before = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    con.close()
    assert before["enterprises"] == 15 and before["answers"] > 0

    ws = open_workspace(root)  # migrates 0001 → head
    with ws.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Enterprise)) == 15
        assert session.scalar(select(func.count()).select_from(Inspection)) == before["inspections"]
    ws.close()
    con = sqlite3.connect(root / DB_NAME)
    after = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    con.close()
    assert after == before
    _, head = known_revisions()
    if head != "0001":
        backups = list((root / "backups").glob("workspace-rev0001-*.sqlite"))
        assert backups, "a backup is written before migrating"
        con = sqlite3.connect(backups[0])
        assert con.execute("SELECT count(*) FROM enterprises").fetchone()[0] == 15
        con.close()


def test_workspace_from_newer_version_is_refused(tmp_path: Path) -> None:
    ws = open_workspace(tmp_path / "ws")
    ws.close()
    con = sqlite3.connect(tmp_path / "ws" / DB_NAME)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    with pytest.raises(WorkspaceError, match="更新版本"):
        open_workspace(tmp_path / "ws")


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    (root / DB_NAME).write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(WorkspaceError):
        open_workspace(root)


def test_reopening_does_not_touch_alembic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_workspace(tmp_path / "ws").close()
    import inspector_app.storage.engine as engine_module

    monkeypatch.setattr(engine_module, "_alembic_config", lambda e: (_ for _ in ()).throw(AssertionError))
    open_workspace(tmp_path / "ws").close()
    shutil.rmtree(tmp_path / "ws")


def test_unreadable_revision_is_an_error_not_a_fresh_database(tmp_path: Path) -> None:
    """Only a missing alembic_version table means "new database": any other failure to read it (a
    damaged file, a lock, a folder SQLite cannot write its WAL index into) must not send an existing
    workspace into a migration without a backup."""
    from inspector_app.storage.schema_version import connect_current, current_revision

    root = tmp_path / "ws"
    root.mkdir()
    (root / DB_NAME).write_bytes(b"SQLite format 3\x00" + b"garbage" * 200)
    with pytest.raises(WorkspaceError, match="不是有效的工作区数据库"):
        current_revision(root / DB_NAME)
    assert connect_current(root) is None  # the caller then opens the full way and gets a clear error
    with pytest.raises(WorkspaceError, match="不是有效的工作区数据库"):
        open_workspace(root)
    empty = tmp_path / "empty.sqlite"
    sqlite3.connect(empty).close()
    assert current_revision(empty) is None


def test_database_that_cannot_be_opened_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What SQLite says in a read-only folder (it cannot create the WAL's -shm file): a WorkspaceError
    naming the database, not SQLAlchemy's traceback."""
    open_workspace(tmp_path / "ws").close()
    import inspector_app.storage.engine as engine_module

    def refuse(*_args: object) -> None:
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(engine_module, "_set_pragmas", refuse)  # at head: nothing to migrate, fails on use
    with pytest.raises(WorkspaceError, match=r"无法打开工作区数据库.*unable to open database file"):
        open_workspace(tmp_path / "ws")


def test_a_migration_that_fails_midway_changes_nothing(tmp_path: Path) -> None:
    """A revision is applied whole or not at all: when its last statement fails (here a table in the
    way; in life a full disk or a power cut), the tables it created before are rolled back and the
    database stays at the old revision – openable again once the cause is gone – with the backup named."""
    from alembic import command

    from inspector_app.storage.engine import _alembic_config, make_engine

    root = tmp_path / "ws"
    root.mkdir()
    engine = make_engine(root / DB_NAME)
    command.upgrade(_alembic_config(engine), "0003")
    engine.dispose()
    con = sqlite3.connect(root / DB_NAME)
    con.execute("CREATE TABLE sync_conflicts (x INTEGER)")  # 0004 creates it last
    con.commit()
    con.close()
    with pytest.raises(WorkspaceError, match="备份"):
        open_workspace(root)
    con = sqlite3.connect(root / DB_NAME)
    tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0003"
    con.execute("DROP TABLE sync_conflicts")
    con.commit()
    con.close()
    assert "sync_trusted_keys" not in tables  # created by 0004 before the failure, rolled back
    assert list((root / "backups").glob("workspace-rev0003-*.sqlite"))
    open_workspace(root).close()  # the cause removed: the upgrade now goes through


def test_documents_migration_matches_the_models_infers_roles_and_downgrades(tmp_path: Path) -> None:
    """0005 (issue 11): people whose certificate is a reviewer's or an expert's become 评审专家, the rest
    行政执法人员; findings gain their on-site measures; the number register and the re-check visit exist
    exactly as the models say; and it goes down again."""
    from alembic import command
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import inspect

    from inspector_app.storage import all_models
    from inspector_app.storage.engine import _alembic_config, make_engine

    root = tmp_path / "ws"
    root.mkdir()
    engine = make_engine(root / DB_NAME)
    command.upgrade(_alembic_config(engine), "0004")
    engine.dispose()
    con = sqlite3.connect(root / DB_NAME)
    con.executemany("INSERT INTO inspectors (name, cert_number, organisation, phone) VALUES (?, ?, '', '')",
                    [("陈示范", "苏应急执法32040001"), ("郑专家", "苏评审2019-0918"), ("何顾问", "省安全生产专家库 0042")])
    con.commit()
    con.close()
    ws = open_workspace(root)  # migrates 0004 → head
    try:
        con = sqlite3.connect(root / DB_NAME)
        roles = dict(con.execute("SELECT name, role FROM inspectors").fetchall())
        con.close()
        assert roles == {"陈示范": "officer", "郑专家": "expert", "何顾问": "expert"}
        tables = set(inspect(ws.engine).get_table_names())
        assert {"document_numbers", "rechecks"} <= tables
        with ws.engine.connect() as con2:
            diff = compare_metadata(MigrationContext.configure(con2), all_models.metadata())
        ours = ("document_numbers", "rechecks", "'role'", "'measures'")
        assert [d for d in diff if any(name in str(d) for name in ours)] == []
        command.downgrade(_alembic_config(ws.engine), "0004")
        assert not {"document_numbers", "rechecks"} & set(inspect(ws.engine).get_table_names())
        assert "role" not in {c["name"] for c in inspect(ws.engine).get_columns("inspectors")}
        command.upgrade(_alembic_config(ws.engine), "head")
        assert "measures" in {c["name"] for c in inspect(ws.engine).get_columns("findings")}
    finally:
        ws.close()


def test_campaigns_migration_matches_the_models_and_puts_2020_inspections_in_the_2020_campaign(
        tmp_path: Path) -> None:
    """0006 (issue 12): campaigns, filed and received reports, roll-up origins; an inspection answered
    with a 2020 template belongs to the shipped 2020 campaign after the upgrade; and it goes down again."""
    from alembic import command
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import inspect

    from inspector_app.demo.workspace import build_demo
    from inspector_app.storage import all_models
    from inspector_app.storage.engine import _alembic_config

    root = tmp_path / "ws"
    ws = open_workspace(root)
    try:
        with ws.sessions.begin() as session:
            build_demo(session, enterprises=6, seed=3)
        with ws.engine.connect() as con:
            diff = compare_metadata(MigrationContext.configure(con), all_models.metadata())
        ours = ("campaigns", "filed_reports", "received_reports", "rollups", "'origin'", "'campaign_id'")
        assert [d for d in diff if any(name in str(d) for name in ours)] == []
        command.downgrade(_alembic_config(ws.engine), "0005")
        assert "campaign_id" not in {c["name"] for c in inspect(ws.engine).get_columns("inspections")}
        command.upgrade(_alembic_config(ws.engine), "head")
        with ws.engine.connect() as con:
            campaigns = {row[0] for row in con.exec_driver_sql("SELECT DISTINCT campaign_id FROM inspections")}
        assert campaigns == {"jiangsu-changzhou-2020"}
    finally:
        ws.close()


def test_status_history_index_matches_the_model_and_is_used(tmp_path: Path) -> None:
    """0007: the partial index on the inspections' status rows of the audit trail; the progress report's
    lookup of a status as of a day uses it; and it goes down again."""
    from alembic import command
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import inspect

    from inspector_app.storage import all_models
    from inspector_app.storage.engine import _alembic_config

    ws = open_workspace(tmp_path / "ws")
    try:
        with ws.engine.connect() as con:
            diff = compare_metadata(MigrationContext.configure(con), all_models.metadata())
            assert [d for d in diff if "audit_events" in str(d)] == []
            plan = " ".join(str(row[-1]) for row in con.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT new_value FROM audit_events WHERE inspection_id = 1 "
                "AND entity = 'inspection' AND field = 'status' AND at < '2020-03-28' ORDER BY at DESC LIMIT 1"))
        assert "ix_audit_events_status" in plan
        command.downgrade(_alembic_config(ws.engine), "0006")
        assert "ix_audit_events_status" not in {i["name"] for i in inspect(ws.engine).get_indexes("audit_events")}
        command.upgrade(_alembic_config(ws.engine), "head")
    finally:
        ws.close()


def test_registers_migration_matches_the_models_and_downgrades(tmp_path: Path) -> None:
    """0009 (issue 13): organisations, reviewers, certifications, cases, sanctions, suspensions and the
    organisation of a review-quality check exactly as the models say (no drift at all), down and up."""
    from alembic import command
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import inspect

    from inspector_app.storage import all_models
    from inspector_app.storage.engine import _alembic_config

    ws = open_workspace(tmp_path / "ws")
    try:
        with ws.sessions.begin() as session:
            build_demo(session, enterprises=4, seed=5)
        with ws.engine.connect() as con:
            assert compare_metadata(MigrationContext.configure(con), all_models.metadata()) == []
        command.downgrade(_alembic_config(ws.engine), "0008")
        names = set(inspect(ws.engine).get_table_names())
        assert not {"organisations", "reviewers", "delist_cases", "sanctions"} & names
        assert "review_org_id" not in {c["name"] for c in inspect(ws.engine).get_columns("inspections")}
        command.upgrade(_alembic_config(ws.engine), "head")
        fks = inspect(ws.engine).get_foreign_keys("inspections")
        assert any(fk["referred_table"] == "organisations" for fk in fks)
    finally:
        ws.close()


def test_versions_codes_and_evidence_migration_matches_the_models_and_downgrades(tmp_path: Path) -> None:
    """0011 (issues 15 and 17): findings' and enterprises' version, the kind of an enterprise's code and a
    photo's accepted plausibility warnings exactly as the models say; existing rows get the defaults."""
    from alembic import command
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import inspect

    from inspector_app.storage import all_models
    from inspector_app.storage.engine import _alembic_config

    ws = open_workspace(tmp_path / "ws")
    try:
        with ws.sessions.begin() as session:
            build_demo(session, enterprises=4, seed=5)
        with ws.engine.connect() as con:
            assert compare_metadata(MigrationContext.configure(con), all_models.metadata()) == []
        command.downgrade(_alembic_config(ws.engine), "0010")
        assert "code_kind" not in {c["name"] for c in inspect(ws.engine).get_columns("enterprises")}
        command.upgrade(_alembic_config(ws.engine), "head")
        with ws.engine.connect() as con:
            kinds = con.exec_driver_sql("SELECT DISTINCT code_kind, version FROM enterprises").fetchall()
            acks = con.exec_driver_sql("SELECT DISTINCT plausibility_ack FROM photos").fetchall()
        assert kinds == [("uscc", 1)]
        assert acks in ([], [("",)])
    finally:
        ws.close()
