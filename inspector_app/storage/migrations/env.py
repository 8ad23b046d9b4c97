"""Alembic environment: the engine is handed in by ``storage.engine.migrate``; batch mode for SQLite."""

from __future__ import annotations

from alembic import context

from inspector_app.storage import all_models

target_metadata = all_models.metadata()


def run_migrations_online() -> None:
    engine = context.config.attributes["engine"]
    with engine.begin() as connection:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        context.run_migrations()


run_migrations_online()
