"""referral queue index covers the referral id (PostgreSQL reads the queue's order from the index alone)

Revision ID: a9e4c1f7d852
Revises: f3b7d2e9a614
Create Date: 2026-11-27 07:05:00

"""
from alembic import op

revision = 'a9e4c1f7d852'
down_revision = 'f3b7d2e9a614'
branch_labels = None
depends_on = None


def upgrade():
    op.drop_index('ix_referral_queue', table_name='referral')
    op.create_index('ix_referral_queue', 'referral',
                    ['team_id', 'status', 'due_date', 'priority', 'id'])


def downgrade():
    op.drop_index('ix_referral_queue', table_name='referral')
    op.create_index('ix_referral_queue', 'referral', ['team_id', 'status', 'due_date', 'priority'])
