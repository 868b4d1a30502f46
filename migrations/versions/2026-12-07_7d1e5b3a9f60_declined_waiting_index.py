"""referral: the index of declined referrals awaiting re-routing no longer names appointment_id

With `appointment_id IS NULL` in the query, SQLite read it from the unique index on
appointment_id (a unique index's IS NULL looks like one row to its planner: it walked every
referral) instead of this small index. The query now leaves the interpreter requests out by
a condition no index answers, and the index holds every declined referral not yet routed
again (the interpreter requests among them are few).

Revision ID: 7d1e5b3a9f60
Revises: 4c2f8e1a9d57
Create Date: 2026-12-07 10:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '7d1e5b3a9f60'
down_revision = '4c2f8e1a9d57'
branch_labels = None
depends_on = None

WAITING_BEFORE = sa.text("status = 'declined' AND rerouted_at IS NULL AND appointment_id IS NULL")
WAITING = sa.text("status = 'declined' AND rerouted_at IS NULL")


def _declined_waiting_index(condition):
    op.drop_index('ix_referral_declined_waiting', table_name='referral')
    op.create_index('ix_referral_declined_waiting', 'referral', ['declined_at'],
                    sqlite_where=condition, postgresql_where=condition)


def upgrade():
    _declined_waiting_index(WAITING)


def downgrade():
    _declined_waiting_index(WAITING_BEFORE)
