"""referral: a partial index of the open referrals in a team's due-date order

The queue's first page is read as the first entries of the team in this index, not by
sorting every open referral of the team (70,000 in the 1,000,000-people benchmark).

Revision ID: 2b9c4e7f1a83
Revises: 7d1e5b3a9f60
Create Date: 2026-12-07 10:40:00

"""
import sqlalchemy as sa
from alembic import op

revision = '2b9c4e7f1a83'
down_revision = '7d1e5b3a9f60'
branch_labels = None
depends_on = None

OPEN = sa.text("status IN ('pending', 'accepted')")


def upgrade():
    op.create_index('ix_referral_open_queue', 'referral',
                    ['team_id', 'due_date', 'priority', 'id', 'status'],
                    sqlite_where=OPEN, postgresql_where=OPEN)


def downgrade():
    op.drop_index('ix_referral_open_queue', table_name='referral')
