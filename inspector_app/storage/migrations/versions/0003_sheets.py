"""printed sheets: each printed PDF with its content hash and verification code

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "printed_sheets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("inspection_id", sa.Integer(), nullable=False),
        sa.Column("inspection_uid", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("code", sa.String(length=80), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("pdf_sha256", sa.String(length=64), nullable=False),
        sa.Column("printed_at", sa.DateTime(), nullable=False),
        sa.Column("printed_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(["inspection_id"], ["inspections.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("uid"),
    )
    with op.batch_alter_table("printed_sheets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_printed_sheets_inspection_id"), ["inspection_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_printed_sheets_inspection_uid"), ["inspection_uid"], unique=False)
        batch_op.create_index(batch_op.f("ix_printed_sheets_content_hash"), ["content_hash"], unique=False)
        batch_op.create_index(batch_op.f("ix_printed_sheets_code"), ["code"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("printed_sheets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_printed_sheets_code"))
        batch_op.drop_index(batch_op.f("ix_printed_sheets_content_hash"))
        batch_op.drop_index(batch_op.f("ix_printed_sheets_inspection_uid"))
        batch_op.drop_index(batch_op.f("ix_printed_sheets_inspection_id"))
    op.drop_table("printed_sheets")
