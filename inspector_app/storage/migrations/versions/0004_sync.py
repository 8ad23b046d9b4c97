"""Bundle sync: trust store, imported and outgoing bundles, peer sequences, inspection sync state,
conflicts (see ``inspector_app/storage/models_sync.py``).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_trusted_keys",
        sa.Column("fingerprint", sa.String(64), primary_key=True),
        sa.Column("public_key", sa.LargeBinary(32), nullable=False),
        sa.Column("x25519_public", sa.LargeBinary(32), nullable=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("device_id", sa.String(64), nullable=False),
        sa.Column("enrolled_at", sa.DateTime, nullable=False),
        sa.Column("revoked", sa.Boolean, nullable=False),
        sa.Column("revoked_at", sa.DateTime, nullable=True),
    )
    op.create_table(
        "sync_imported_bundles",
        sa.Column("bundle_id", sa.String(36), primary_key=True),
        sa.Column("device_id", sa.String(64), nullable=False, index=True),
        sa.Column("key_fingerprint", sa.String(64), nullable=False),
        sa.Column("sequence", sa.Integer, nullable=False),
        sa.Column("direction", sa.String(30), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("imported_at", sa.DateTime, nullable=False),
        sa.Column("file_name", sa.Text, nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
    )
    op.create_table(
        "sync_peer_sequences",
        sa.Column("device_id", sa.String(64), primary_key=True),
        sa.Column("last_sequence", sa.Integer, nullable=False),
        sa.Column("last_bundle_id", sa.String(36), nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "sync_outgoing_bundles",
        sa.Column("sequence", sa.Integer, primary_key=True),
        sa.Column("bundle_id", sa.String(36), nullable=False, unique=True),
        sa.Column("direction", sa.String(30), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("file_name", sa.Text, nullable=False),
        sa.Column("inspections", sa.Text, nullable=False),
    )
    op.create_table(
        "sync_inspection_state",
        sa.Column("inspection_uid", sa.String(36), primary_key=True),
        sa.Column("synced_revision", sa.Integer, nullable=True),
        sa.Column("acked_revision", sa.Integer, nullable=True),
        sa.Column("peer_device", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "sync_conflicts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("inspection_uid", sa.String(36), nullable=False, index=True),
        sa.Column("bundle_id", sa.String(36), nullable=False),
        sa.Column("device_id", sa.String(64), nullable=False),
        sa.Column("local_revision", sa.Integer, nullable=False),
        sa.Column("incoming_revision", sa.Integer, nullable=False),
        sa.Column("base_revision", sa.Integer, nullable=True),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("record", sa.Text, nullable=False),
        sa.Column("detected_at", sa.DateTime, nullable=False),
        sa.Column("resolved_at", sa.DateTime, nullable=True),
        sa.Column("resolution", sa.String(20), nullable=False),
    )


def downgrade() -> None:
    for table in ("sync_conflicts", "sync_inspection_state", "sync_outgoing_bundles", "sync_peer_sequences",
                  "sync_imported_bundles", "sync_trusted_keys"):
        op.drop_table(table)
