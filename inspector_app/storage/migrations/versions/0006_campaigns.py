"""campaigns: campaign versions (campaigns), an inspection's campaign (inspections.campaign_id), records
received in roll-ups from the offices below (enterprises.origin, inspections.origin, rollups), reports
filed at a duty (filed_reports) and reports received on paper (received_reports)

Inspections answered with the 2020 templates belong to the shipped 2020 campaign
(resources/campaigns/jiangsu-changzhou-2020.json).

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

CAMPAIGN_2020 = "jiangsu-changzhou-2020"
TEMPLATES_2020 = ("lookback-2020", "operation-audit-2020", "review-quality-2020")


def upgrade() -> None:
    op.create_table(
        "campaigns",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.String(length=100), nullable=False),
        sa.Column("version", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("pk"),
        sa.UniqueConstraint("campaign_id", "version"),
    )
    op.create_table(
        "filed_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("campaign_id", sa.String(length=100), nullable=False),
        sa.Column("duty_id", sa.String(length=60), nullable=False),
        sa.Column("jurisdiction", sa.String(length=200), nullable=False),
        sa.Column("serial", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=100), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("filed_at", sa.DateTime(), nullable=False),
        sa.Column("filed_by", sa.String(length=100), nullable=False),
        sa.Column("figures", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("pdf_sha256", sa.String(length=64), nullable=False),
        sa.Column("xlsx_sha256", sa.String(length=64), nullable=False),
        sa.Column("origin", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("uid"),
        sa.UniqueConstraint("campaign_id", "jurisdiction", "duty_id", "serial"),
    )
    op.create_index("ix_filed_reports_campaign_id", "filed_reports", ["campaign_id"])
    op.create_table(
        "received_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("campaign_id", sa.String(length=100), nullable=False),
        sa.Column("duty_id", sa.String(length=60), nullable=False),
        sa.Column("sender", sa.String(length=200), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("uid"),
    )
    op.create_index("ix_received_reports_campaign_id", "received_reports", ["campaign_id"])
    op.create_table(
        "rollups",
        sa.Column("jurisdiction", sa.String(length=200), nullable=False),
        sa.Column("bundle_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("applied_at", sa.DateTime(), nullable=False),
        sa.Column("sender", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("jurisdiction"),
    )
    with op.batch_alter_table("enterprises", schema=None) as batch_op:
        batch_op.add_column(sa.Column("origin", sa.String(length=200), nullable=False, server_default=""))
        batch_op.create_index("ix_enterprises_origin", ["origin"], unique=False)
    with op.batch_alter_table("inspections", schema=None) as batch_op:
        batch_op.add_column(sa.Column("campaign_id", sa.String(length=100), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("origin", sa.String(length=200), nullable=False, server_default=""))
        batch_op.create_index("ix_inspections_campaign_id", ["campaign_id"], unique=False)
        batch_op.create_index("ix_inspections_origin", ["origin"], unique=False)
    names = ", ".join(f"'{t}'" for t in TEMPLATES_2020)
    op.execute(f"UPDATE inspections SET campaign_id = '{CAMPAIGN_2020}' WHERE template_pk IN "
               f"(SELECT pk FROM templates WHERE template_id IN ({names}))")


def downgrade() -> None:
    # ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35, PostgreSQL) instead of a batch copy: enterprises and
    # inspections are referenced by foreign keys, and copying them would break those references.
    op.drop_index("ix_inspections_origin", "inspections")
    op.drop_index("ix_inspections_campaign_id", "inspections")
    op.execute("ALTER TABLE inspections DROP COLUMN origin")
    op.execute("ALTER TABLE inspections DROP COLUMN campaign_id")
    op.drop_index("ix_enterprises_origin", "enterprises")
    op.execute("ALTER TABLE enterprises DROP COLUMN origin")
    op.drop_table("rollups")
    op.drop_index("ix_received_reports_campaign_id", "received_reports")
    op.drop_table("received_reports")
    op.drop_index("ix_filed_reports_campaign_id", "filed_reports")
    op.drop_table("filed_reports")
    op.drop_table("campaigns")
