"""optimistic locking of findings and enterprises (their ``version``, like inspections' in 0010); the kind of
an enterprise's code (``code_kind``: 统一社会信用代码, or an old 15-digit 注册号 / 9-character 组织机构代码
kept until the enterprise is updated); the evidence-plausibility warnings an inspector has accepted for a
photo (``plausibility_ack``, audited when set)

ADD COLUMN on both engines, not a batch copy: these tables are referenced by other tables' foreign keys.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_COLUMNS = (
    ("findings", "version", "INTEGER NOT NULL DEFAULT 1"),
    ("enterprises", "version", "INTEGER NOT NULL DEFAULT 1"),
    ("enterprises", "code_kind", "VARCHAR(8) NOT NULL DEFAULT 'uscc'"),
    ("photos", "plausibility_ack", "TEXT NOT NULL DEFAULT ''"),
)


def upgrade() -> None:
    for table, column, spec in _COLUMNS:
        op.execute(f"ALTER TABLE {table} ADD COLUMN {column} {spec}")


def downgrade() -> None:
    for table, column, _spec in reversed(_COLUMNS):
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
