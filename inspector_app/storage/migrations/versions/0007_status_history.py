"""status history index: a partial index on the inspections' status rows of the audit trail
(audit_events where entity = 'inspection' and field = 'status'), by inspection and time

The progress report counts every figure as of a date (docs/reports.md): an inspection's status on that
day is the newest status row of its audit trail written before the day ended. Without this index that
lookup reads every audit row of the inspection (answers, findings, photos: hundreds each); with it, one
index probe per inspection. Only status rows are indexed, so writes of answers cost nothing more.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

STATUS_ROWS = "entity = 'inspection' AND field = 'status'"


def upgrade() -> None:
    op.create_index("ix_audit_events_status", "audit_events", ["inspection_id", "at"], unique=False,
                    sqlite_where=sa.text(STATUS_ROWS), postgresql_where=sa.text(STATUS_ROWS))


def downgrade() -> None:
    op.drop_index("ix_audit_events_status", "audit_events")
