"""0008 (issue 12 item 3): an office key's level and jurisdiction in the trust store, the document
settings of the offices below (rollup_offices); the models match and it goes down again."""

from __future__ import annotations

from pathlib import Path

from inspector_app.storage.engine import open_workspace


def test_rollups_migration_matches_the_models_and_downgrades(tmp_path: Path) -> None:
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
        assert [d for d in diff if any(n in str(d) for n in ("sync_trusted_keys", "rollup_offices"))] == []
        command.downgrade(_alembic_config(ws.engine), "0007")
        assert "jurisdiction" not in {c["name"] for c in inspect(ws.engine).get_columns("sync_trusted_keys")}
        assert "rollup_offices" not in inspect(ws.engine).get_table_names()
        command.upgrade(_alembic_config(ws.engine), "head")
        assert "level" in {c["name"] for c in inspect(ws.engine).get_columns("sync_trusted_keys")}
    finally:
        ws.close()
