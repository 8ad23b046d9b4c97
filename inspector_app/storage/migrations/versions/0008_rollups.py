"""roll-ups between offices: an office key's level and jurisdiction in the trust store
(sync_trusted_keys.level, .jurisdiction, from its signed key file) and the document settings of the
offices below whose records arrived in roll-ups (rollup_offices)

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rollup_offices",
        sa.Column("jurisdiction", sa.String(length=200), nullable=False),
        sa.Column("settings", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("jurisdiction"),
    )
    with op.batch_alter_table("sync_trusted_keys", schema=None) as batch_op:
        batch_op.add_column(sa.Column("level", sa.String(length=20), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("jurisdiction", sa.String(length=200), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("sync_trusted_keys", schema=None) as batch_op:
        batch_op.drop_column("jurisdiction")
        batch_op.drop_column("level")
    op.drop_table("rollup_offices")
