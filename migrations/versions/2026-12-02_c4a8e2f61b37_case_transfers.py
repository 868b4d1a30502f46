"""case transfers between sites

Adds case_transfer (a case's transfer from one site to another, with the person's consent and
the receiving desk's decision); allows the referral outcome 'transferred', the appointment
outcome 'cancelled' and the timeline kinds of a transfer. Code lists are copied here, not
imported, so this migration keeps meaning what it meant when written.

Revision ID: c4a8e2f61b37
Revises: b7c31e5a9f42
Create Date: 2026-12-02 14:30:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'c4a8e2f61b37'
down_revision = 'b7c31e5a9f42'
branch_labels = None
depends_on = None

OLD_KINDS = (
    'access_recorded', 'case_opened', 'referral_made', 'referral_accepted', 'referral_declined',
    'referral_completed', 'referral_reassigned', 'note', 'note_translated', 'appointment_booked',
    'appointment_attended', 'appointment_missed', 'document_added', 'status_changed',
    'case_conference', 'care_plan_changed', 'consent_override', 'case_closed', 'case_reopened',
    'external_referral_sent', 'external_referral_acknowledged', 'external_referral_outcome',
    'external_consent', 'procedure_sheet_given',
)
NEW_KINDS = OLD_KINDS + ('transfer_requested', 'transfer_accepted', 'transfer_refused',
                         'transfer_cancelled')
OLD_REFERRAL_OUTCOMES = ('resolved', 'partially_resolved', 'referred_external', 'not_reachable',
                         'refused')
NEW_REFERRAL_OUTCOMES = OLD_REFERRAL_OUTCOMES + ('transferred',)
OLD_APPOINTMENT_OUTCOMES = ('attended', 'no_show')
NEW_APPOINTMENT_OUTCOMES = OLD_APPOINTMENT_OUTCOMES + ('cancelled',)
STATUSES = ('requested', 'accepted', 'refused', 'cancelled')


def _in(column, codes, nullable=False):
    condition = "{} IN ({})".format(column, ", ".join(f"'{code}'" for code in codes))
    return f"{column} IS NULL OR {condition}" if nullable else condition


def _replace_check(table, column, codes, nullable):
    with op.batch_alter_table(table, schema=None) as batch_op:
        name = batch_op.f(f'ck_{table}_{column}_valid')
        batch_op.drop_constraint(name, type_='check')
        batch_op.create_check_constraint(name, _in(column, codes, nullable))


def _replace_checks(kinds, referral_outcomes, appointment_outcomes):
    _replace_check('timeline_event', 'kind', kinds, False)
    _replace_check('referral', 'outcome', referral_outcomes, True)
    _replace_check('appointment', 'outcome', appointment_outcomes, True)


def upgrade():
    op.create_table(
        'case_transfer',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('from_site_id', sa.Integer(), nullable=False),
        sa.Column('to_site_id', sa.Integer(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('consent_given_at', sa.DateTime(), nullable=False),
        sa.Column('consent_recorded_by_id', sa.Integer(), nullable=True),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('requested_by_id', sa.Integer(), nullable=True),
        sa.Column('requested_at', sa.DateTime(), nullable=False),
        sa.Column('decided_by_id', sa.Integer(), nullable=True),
        sa.Column('decided_at', sa.DateTime(), nullable=True),
        sa.Column('refusal_reason', sa.Text(), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.CheckConstraint(_in('status', STATUSES), name=op.f('ck_case_transfer_status_valid')),
        sa.CheckConstraint('from_site_id <> to_site_id', name=op.f('ck_case_transfer_other_site')),
        sa.ForeignKeyConstraint(['case_id'], ['case_file.id'],
                                name=op.f('fk_case_transfer_case_id_case_file'),
                                ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['person_id'], ['person.id'],
                                name=op.f('fk_case_transfer_person_id_person'),
                                ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['from_site_id'], ['site.id'],
                                name=op.f('fk_case_transfer_from_site_id_site'),
                                ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['to_site_id'], ['site.id'],
                                name=op.f('fk_case_transfer_to_site_id_site'),
                                ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['consent_recorded_by_id'], ['user.id'],
                                name=op.f('fk_case_transfer_consent_recorded_by_id_user'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['requested_by_id'], ['user.id'],
                                name=op.f('fk_case_transfer_requested_by_id_user'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['decided_by_id'], ['user.id'],
                                name=op.f('fk_case_transfer_decided_by_id_user'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_case_transfer')),
    )
    with op.batch_alter_table('case_transfer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_transfer_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_transfer_person_id'), ['person_id'],
                              unique=False)
        batch_op.create_index('ix_case_transfer_to_site_status', ['to_site_id', 'status'],
                              unique=False)
        batch_op.create_index('ix_case_transfer_from_site_status', ['from_site_id', 'status'],
                              unique=False)
        batch_op.create_index('uq_case_transfer_one_pending_per_case', ['case_id'], unique=True,
                              sqlite_where=sa.text("status = 'requested'"),
                              postgresql_where=sa.text("status = 'requested'"))
    _replace_checks(NEW_KINDS, NEW_REFERRAL_OUTCOMES, NEW_APPOINTMENT_OUTCOMES)


def downgrade():
    op.execute("DELETE FROM timeline_event WHERE kind IN ('transfer_requested', "
               "'transfer_accepted', 'transfer_refused', 'transfer_cancelled')")
    op.execute("UPDATE referral SET outcome = NULL WHERE outcome = 'transferred'")
    op.execute("UPDATE appointment SET outcome = NULL WHERE outcome = 'cancelled'")
    _replace_checks(OLD_KINDS, OLD_REFERRAL_OUTCOMES, OLD_APPOINTMENT_OUTCOMES)
    with op.batch_alter_table('case_transfer', schema=None) as batch_op:
        batch_op.drop_index('uq_case_transfer_one_pending_per_case')
        batch_op.drop_index('ix_case_transfer_from_site_status')
        batch_op.drop_index('ix_case_transfer_to_site_status')
        batch_op.drop_index(batch_op.f('ix_case_transfer_person_id'))
        batch_op.drop_index(batch_op.f('ix_case_transfer_case_id'))
    op.drop_table('case_transfer')
