"""indexes for the supervision dashboard: referrals accepted/completed/declined per team

Revision ID: 5c1a9e0d7b42
Revises: b3e9d41c7a25
Create Date: 2026-11-27 03:50:00

"""
from alembic import op

revision = '5c1a9e0d7b42'
down_revision = 'b3e9d41c7a25'
branch_labels = None
depends_on = None

INDEXES = (
    ('ix_referral_team_accepted', ['team_id', 'accepted_at']),
    ('ix_referral_team_completed', ['team_id', 'completed_at']),
    ('ix_referral_team_declined', ['team_id', 'declined_at']),
)


def upgrade():
    with op.batch_alter_table('referral', schema=None) as batch_op:
        for name, columns in INDEXES:
            batch_op.create_index(name, columns, unique=False)


def downgrade():
    with op.batch_alter_table('referral', schema=None) as batch_op:
        for name, _columns in INDEXES:
            batch_op.drop_index(name)
