"""referral.appointment_id: an interpreter request to the mediation team for an appointment

A declined interpreter request goes back to the booking team, not to the desk: the partial
index of declined referrals awaiting re-routing leaves them out.

Revision ID: 3f8b2d6e9c41
Revises: a9e4c1f7d852
Create Date: 2026-12-01 21:30:00

"""
import sqlalchemy as sa
from alembic import op

revision = '3f8b2d6e9c41'
down_revision = 'a9e4c1f7d852'
branch_labels = None
depends_on = None

WAITING_BEFORE = sa.text("status = 'declined' AND rerouted_at IS NULL")
WAITING = sa.text("status = 'declined' AND rerouted_at IS NULL AND appointment_id IS NULL")


def _declined_waiting_index(condition):
    op.create_index('ix_referral_declined_waiting', 'referral', ['declined_at'],
                    sqlite_where=condition, postgresql_where=condition)


def upgrade():
    op.drop_index('ix_referral_declined_waiting', table_name='referral')
    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.add_column(sa.Column('appointment_id', sa.Integer(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_referral_appointment_id'),
                                          ['appointment_id'])
        batch_op.create_foreign_key(batch_op.f('fk_referral_appointment_id_appointment'),
                                    'appointment', ['appointment_id'], ['id'],
                                    ondelete='RESTRICT')
    _declined_waiting_index(WAITING)


def downgrade():
    op.drop_index('ix_referral_declined_waiting', table_name='referral')
    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_referral_appointment_id_appointment'),
                                 type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_referral_appointment_id'), type_='unique')
        batch_op.drop_column('appointment_id')
    _declined_waiting_index(WAITING_BEFORE)
