"""documents: who signs (inspectors.role), on-site measures of a finding (findings.measures), the number
register (document_numbers) and the re-check visit (rechecks)

People whose certificate number names a reviewer's or an expert's certificate (评审 / 专家) become
评审专家; everyone else stays 行政执法人员 (the role can be changed afterwards).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("inspectors", schema=None) as batch_op:
        batch_op.add_column(sa.Column("role", sa.String(length=10), nullable=False, server_default="officer"))
    op.execute("UPDATE inspectors SET role = 'expert' "
               "WHERE cert_number LIKE '%评审%' OR cert_number LIKE '%专家%'")
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("measures", sa.String(length=60), nullable=False, server_default=""))
    op.create_table(
        "document_numbers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("authority", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("serial", sa.Integer(), nullable=False),
        sa.Column("inspection_uid", sa.String(length=36), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("issued_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("authority", "kind", "year", "serial"),
        sa.UniqueConstraint("inspection_uid", "kind"),
    )
    with op.batch_alter_table("document_numbers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_document_numbers_inspection_uid"), ["inspection_uid"], unique=False)
    op.create_table(
        "rechecks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("inspection_id", sa.Integer(), nullable=False),
        sa.Column("rechecked_at", sa.DateTime(), nullable=True),
        sa.Column("officer1_id", sa.Integer(), nullable=True),
        sa.Column("officer2_id", sa.Integer(), nullable=True),
        sa.Column("opinion", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(["inspection_id"], ["inspections.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["officer1_id"], ["inspectors.id"]),
        sa.ForeignKeyConstraint(["officer2_id"], ["inspectors.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("uid"),
        sa.UniqueConstraint("inspection_id"),
    )


def downgrade() -> None:
    op.drop_table("rechecks")
    with op.batch_alter_table("document_numbers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_numbers_inspection_uid"))
    op.drop_table("document_numbers")
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.drop_column("measures")
    with op.batch_alter_table("inspectors", schema=None) as batch_op:
        batch_op.drop_column("role")
