"""referral indexes: the team queue's order (priority added) and declined referrals awaiting re-routing

Revision ID: a4c2e8f1d305
Revises: 8d4f2b6a1c93
Create Date: 2026-11-27 06:05:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'a4c2e8f1d305'
down_revision = '8d4f2b6a1c93'
branch_labels = None
depends_on = None

WAITING = sa.text("status = 'declined' AND rerouted_at IS NULL")


def upgrade():
    op.drop_index('ix_referral_queue', table_name='referral')
    op.create_index('ix_referral_queue', 'referral', ['team_id', 'status', 'due_date', 'priority'])
    op.create_index('ix_referral_declined_waiting', 'referral', ['declined_at'],
                    sqlite_where=WAITING, postgresql_where=WAITING)


def downgrade():
    op.drop_index('ix_referral_declined_waiting', table_name='referral')
    op.drop_index('ix_referral_queue', table_name='referral')
    op.create_index('ix_referral_queue', 'referral', ['team_id', 'status', 'due_date'])
