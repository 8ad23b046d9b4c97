"""optimistic locking of inspections: inspections.version, compared and bumped by every UPDATE of the row
(SQLAlchemy's version_id_col): two supervisors accepting and returning the same inspection at once – one
wins, the other's UPDATE matches no row and is refused (StaleEditError), on SQLite and PostgreSQL alike

ADD COLUMN (SQLite and PostgreSQL alike), not a batch copy: inspections is referenced by other tables'
foreign keys. Existing rows start at version 1.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE inspections ADD COLUMN version INTEGER NOT NULL DEFAULT 1")


def downgrade() -> None:
    op.execute("ALTER TABLE inspections DROP COLUMN version")
