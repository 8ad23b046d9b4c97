"""Migration 0004 creates exactly the sync tables of models_sync, and goes down again."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from inspector_app.storage import all_models
from inspector_app.storage.engine import _alembic_config, open_workspace

pytestmark = pytest.mark.both_engines

SYNC_TABLES = {"sync_trusted_keys", "sync_imported_bundles", "sync_peer_sequences", "sync_outgoing_bundles",
               "sync_inspection_state", "sync_conflicts"}


def test_migration_matches_the_models_and_downgrades(tmp_path: Path) -> None:
    ws = open_workspace(tmp_path / "ws")
    try:
        assert set(inspect(ws.engine).get_table_names()) >= SYNC_TABLES
        with ws.engine.connect() as con:
            diff = compare_metadata(MigrationContext.configure(con), all_models.metadata())
        assert [d for d in diff if "sync_" in str(d)] == []
        command.downgrade(_alembic_config(ws.engine), "0003")
        assert not SYNC_TABLES & set(inspect(ws.engine).get_table_names())
        command.upgrade(_alembic_config(ws.engine), "head")
        assert set(inspect(ws.engine).get_table_names()) >= SYNC_TABLES
    finally:
        ws.close()
