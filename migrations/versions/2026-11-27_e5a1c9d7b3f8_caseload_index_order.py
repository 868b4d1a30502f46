"""referral: the caseload index in the order the dashboard groups by (team, status, worker)

Revision ID: e5a1c9d7b3f8
Revises: d2b8f6c3e417
Create Date: 2026-11-27 08:00:00

"""
from alembic import op

revision = 'e5a1c9d7b3f8'
down_revision = 'd2b8f6c3e417'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.drop_index('ix_referral_caseload')
        batch_op.create_index('ix_referral_caseload',
                              ['team_id', 'status', 'assignee_id', 'created_at', 'due_date'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.drop_index('ix_referral_caseload')
        batch_op.create_index('ix_referral_caseload',
                              ['team_id', 'status', 'created_at', 'due_date', 'assignee_id'],
                              unique=False)
