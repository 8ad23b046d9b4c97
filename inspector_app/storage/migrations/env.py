"""Alembic environment: the engine is handed in by ``storage.engine.migrate`` (SQLite) or
``storage.office_db.migrate_pg`` (PostgreSQL); batch mode for SQLite (plain ALTER on PostgreSQL). On
PostgreSQL the migration holds an advisory lock: two supervisors opening an old database at once upgrade
it once (the second reads the new revision under the lock and has nothing to do)."""

from __future__ import annotations

from alembic import context

from inspector_app.storage import all_models
from inspector_app.storage.office_db import MIGRATION_LOCK

target_metadata = all_models.metadata()


def run_migrations_online() -> None:
    engine = context.config.attributes["engine"]
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        context.run_migrations()


run_migrations_online()
