"""registers and decisions: organisations (review organisations and consultancies), their declared
links, reviewers, consultancy staff, what stands behind each certificate (certifications,
certification_reviewers), 摘牌 case files (delist_cases, case_steps), sanctions, the suspension of review
applications, and the organisation a review-quality check is about (inspections.review_org_id)

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('application_suspensions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('grade', sa.String(length=10), nullable=False),
    sa.Column('area', sa.String(length=200), nullable=False),
    sa.Column('suspended_from', sa.Date(), nullable=False),
    sa.Column('resumed_on', sa.Date(), nullable=True),
    sa.Column('decided_by', sa.String(length=200), nullable=False),
    sa.Column('basis', sa.Text(), nullable=False),
    sa.Column('recorded_by', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('uid')
    )
    op.create_table('organisations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('uscc', sa.String(length=32), nullable=False),
    sa.Column('legal_rep', sa.String(length=50), nullable=False),
    sa.Column('shareholders', sa.Text(), nullable=False),
    sa.Column('qualification', sa.String(length=200), nullable=False),
    sa.Column('qualification_scope', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('status_since', sa.Date(), nullable=True),
    sa.Column('status_until', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('origin', sa.String(length=200), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name'),
    sa.UniqueConstraint('uid')
    )
    op.create_index(op.f('ix_organisations_uscc'), 'organisations', ['uscc'], unique=False)
    op.create_table('certifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('enterprise_id', sa.Integer(), nullable=False),
    sa.Column('review_org_id', sa.Integer(), nullable=True),
    sa.Column('consulting_org_id', sa.Integer(), nullable=True),
    sa.Column('review_date', sa.Date(), nullable=True),
    sa.Column('review_score', sa.Double(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['consulting_org_id'], ['organisations.id'], ),
    sa.ForeignKeyConstraint(['enterprise_id'], ['enterprises.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['review_org_id'], ['organisations.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('enterprise_id')
    )
    op.create_index(op.f('ix_certifications_consulting_org_id'), 'certifications', ['consulting_org_id'], unique=False)
    op.create_index(op.f('ix_certifications_review_org_id'), 'certifications', ['review_org_id'], unique=False)
    op.create_table('consultancy_staff',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('cert_number', sa.String(length=100), nullable=False),
    sa.Column('enterprise_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['enterprise_id'], ['enterprises.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['org_id'], ['organisations.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_consultancy_staff_cert_number'), 'consultancy_staff', ['cert_number'], unique=False)
    op.create_index(op.f('ix_consultancy_staff_enterprise_id'), 'consultancy_staff', ['enterprise_id'], unique=False)
    op.create_index(op.f('ix_consultancy_staff_org_id'), 'consultancy_staff', ['org_id'], unique=False)
    op.create_table('delist_cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('enterprise_id', sa.Integer(), nullable=False),
    sa.Column('inspection_uid', sa.String(length=36), nullable=False),
    sa.Column('cert_grade', sa.String(length=10), nullable=False),
    sa.Column('deciding_level', sa.String(length=10), nullable=False),
    sa.Column('stage', sa.String(length=12), nullable=False),
    sa.Column('grounds', sa.Text(), nullable=False),
    sa.Column('defence_until', sa.Date(), nullable=True),
    sa.Column('decision_number', sa.String(length=100), nullable=False),
    sa.Column('reapply_after', sa.Date(), nullable=True),
    sa.Column('origin', sa.String(length=200), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('opened_at', sa.DateTime(), nullable=False),
    sa.Column('opened_by', sa.String(length=100), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['enterprise_id'], ['enterprises.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('uid')
    )
    op.create_index(op.f('ix_delist_cases_enterprise_id'), 'delist_cases', ['enterprise_id'], unique=False)
    op.create_index(op.f('ix_delist_cases_inspection_uid'), 'delist_cases', ['inspection_uid'], unique=False)
    op.create_table('org_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('other_id', sa.Integer(), nullable=False),
    sa.Column('relation', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['organisations.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['other_id'], ['organisations.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('org_id', 'other_id', 'relation')
    )
    op.create_index(op.f('ix_org_links_org_id'), 'org_links', ['org_id'], unique=False)
    op.create_index(op.f('ix_org_links_other_id'), 'org_links', ['other_id'], unique=False)
    op.create_table('reviewers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('cert_number', sa.String(length=100), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=True),
    sa.Column('specialities', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('status_since', sa.Date(), nullable=True),
    sa.Column('status_reason', sa.Text(), nullable=False),
    sa.Column('origin', sa.String(length=200), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['organisations.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('cert_number'),
    sa.UniqueConstraint('uid')
    )
    op.create_index(op.f('ix_reviewers_org_id'), 'reviewers', ['org_id'], unique=False)
    op.create_table('case_steps',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('stage', sa.String(length=12), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('by', sa.String(length=100), nullable=False),
    sa.Column('body', sa.String(length=200), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('document_number', sa.String(length=100), nullable=False),
    sa.Column('file_sha256', sa.String(length=64), nullable=False),
    sa.Column('file_name', sa.String(length=200), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['delist_cases.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('uid')
    )
    op.create_index(op.f('ix_case_steps_case_id'), 'case_steps', ['case_id'], unique=False)
    op.create_table('certification_reviewers',
    sa.Column('certification_id', sa.Integer(), nullable=False),
    sa.Column('reviewer_id', sa.Integer(), nullable=False),
    sa.Column('leader', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['certification_id'], ['certifications.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reviewer_id'], ['reviewers.id'], ),
    sa.PrimaryKeyConstraint('certification_id', 'reviewer_id')
    )
    op.create_table('sanctions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=True),
    sa.Column('reviewer_id', sa.Integer(), nullable=True),
    sa.Column('grounds', sa.Text(), nullable=False),
    sa.Column('linked', sa.Text(), nullable=False),
    sa.Column('deciding_body', sa.String(length=200), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('document_number', sa.String(length=100), nullable=False),
    sa.Column('period_from', sa.Date(), nullable=True),
    sa.Column('period_until', sa.Date(), nullable=True),
    sa.Column('lifted_on', sa.Date(), nullable=True),
    sa.Column('recorded_by', sa.String(length=100), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['organisations.id'], ),
    sa.ForeignKeyConstraint(['reviewer_id'], ['reviewers.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('uid')
    )
    op.create_index(op.f('ix_sanctions_org_id'), 'sanctions', ['org_id'], unique=False)
    op.create_index(op.f('ix_sanctions_reviewer_id'), 'sanctions', ['reviewer_id'], unique=False)
    # ADD COLUMN … REFERENCES (SQLite and PostgreSQL alike), not a batch copy: inspections is referenced by
    # other tables' foreign keys.
    op.execute("ALTER TABLE inspections ADD COLUMN review_org_id INTEGER REFERENCES organisations (id)")
    op.create_index(op.f('ix_inspections_review_org_id'), 'inspections', ['review_org_id'], unique=False)


def downgrade() -> None:
    # Indexes go with their tables; the column goes by ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35).
    op.drop_index(op.f('ix_inspections_review_org_id'), table_name='inspections')
    op.execute('ALTER TABLE inspections DROP COLUMN review_org_id')
    op.drop_table('sanctions')
    op.drop_table('certification_reviewers')
    op.drop_table('case_steps')
    op.drop_table('reviewers')
    op.drop_table('org_links')
    op.drop_table('delist_cases')
    op.drop_table('consultancy_staff')
    op.drop_table('certifications')
    op.drop_table('organisations')
    op.drop_table('application_suspensions')
