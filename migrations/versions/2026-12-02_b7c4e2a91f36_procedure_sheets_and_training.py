"""procedure sheets (reviews and each territory's local parts) and the team's training record

Adds procedure_sheet (review of a sheet's regional text), procedure_local and
procedure_local_step (a territory's offices, notes and waiting per step, and their review),
training and training_attendance; allows the timeline kind 'procedure_sheet_given'. Code
lists are copied here, not imported, so this migration keeps meaning what it meant when
written.

Revision ID: b7c4e2a91f36
Revises: 5d1e0a7c2b91
Create Date: 2026-12-02 04:40:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'b7c4e2a91f36'
down_revision = '5d1e0a7c2b91'
branch_labels = None
depends_on = None

OLD_KINDS = (
    'access_recorded', 'case_opened', 'referral_made', 'referral_accepted', 'referral_declined',
    'referral_completed', 'referral_reassigned', 'note', 'note_translated', 'appointment_booked',
    'appointment_attended', 'appointment_missed', 'document_added', 'status_changed',
    'case_conference', 'care_plan_changed', 'consent_override', 'case_closed', 'case_reopened',
    'external_referral_sent', 'external_referral_acknowledged', 'external_referral_outcome',
    'external_consent',
)
NEW_KINDS = OLD_KINDS + ('procedure_sheet_given',)
SHEETS = ('permit_renewal', 'first_permit', 'family_reunification', 'health_registration',
          'tax_code', 'residence', 'isee', 'italian_course', 'permit_conversion')
STREAMS = ('socio_anthropological', 'mediation_role', 'legal_administrative', 'ethnopsychiatric')


def _in(column, codes):
    return "{} IN ({})".format(column, ", ".join(f"'{code}'" for code in codes))


def _replace_kinds(kinds):
    with op.batch_alter_table('timeline_event', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_timeline_event_kind_valid'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_timeline_event_kind_valid'),
                                         _in('kind', kinds))


def upgrade():
    op.create_table(
        'procedure_sheet',
        sa.Column('code', sa.String(length=32), nullable=False),
        sa.Column('reviewed_on', sa.Date(), nullable=True),
        sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.CheckConstraint(_in('code', SHEETS), name=op.f('ck_procedure_sheet_code_valid')),
        sa.ForeignKeyConstraint(['reviewed_by_id'], ['user.id'],
                                name=op.f('fk_procedure_sheet_reviewed_by_id_user'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('code', name=op.f('pk_procedure_sheet')),
    )
    op.create_table(
        'procedure_local',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('province', sa.String(length=2), nullable=False),
        sa.Column('sheet', sa.String(length=32), nullable=False),
        sa.Column('reviewed_on', sa.Date(), nullable=True),
        sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.CheckConstraint(_in('sheet', SHEETS), name=op.f('ck_procedure_local_sheet_valid')),
        sa.ForeignKeyConstraint(['reviewed_by_id'], ['user.id'],
                                name=op.f('fk_procedure_local_reviewed_by_id_user'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_procedure_local')),
        sa.UniqueConstraint('province', 'sheet', name='uq_procedure_local_province_sheet'),
    )
    with op.batch_alter_table('procedure_local', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_procedure_local_province'), ['province'],
                              unique=False)
    op.create_table(
        'procedure_local_step',
        sa.Column('local_id', sa.Integer(), nullable=False),
        sa.Column('step', sa.String(length=32), nullable=False),
        sa.Column('service_id', sa.Integer(), nullable=True),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('waiting_days', sa.Integer(), nullable=True),
        sa.CheckConstraint('waiting_days IS NULL OR (waiting_days >= 0 AND waiting_days <= 730)',
                           name=op.f('ck_procedure_local_step_waiting_days_valid')),
        sa.ForeignKeyConstraint(['local_id'], ['procedure_local.id'],
                                name=op.f('fk_procedure_local_step_local_id_procedure_local'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['service_id'], ['service.id'],
                                name=op.f('fk_procedure_local_step_service_id_service'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('local_id', 'step', name=op.f('pk_procedure_local_step')),
    )
    with op.batch_alter_table('procedure_local_step', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_procedure_local_step_service_id'), ['service_id'],
                              unique=False)
    op.create_table(
        'training',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('site_id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('stream', sa.String(length=32), nullable=False),
        sa.Column('held_on', sa.Date(), nullable=False),
        sa.Column('hours', sa.Numeric(precision=5, scale=1), nullable=False),
        sa.Column('provider', sa.String(length=160), nullable=False),
        sa.Column('recorded_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint(_in('stream', STREAMS), name=op.f('ck_training_stream_valid')),
        sa.CheckConstraint('hours > 0 AND hours <= 1000', name=op.f('ck_training_hours_valid')),
        sa.ForeignKeyConstraint(['site_id'], ['site.id'], name=op.f('fk_training_site_id_site'),
                                ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['recorded_by_id'], ['user.id'],
                                name=op.f('fk_training_recorded_by_id_user'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_training')),
    )
    with op.batch_alter_table('training', schema=None) as batch_op:
        batch_op.create_index('ix_training_site_day', ['site_id', 'held_on'], unique=False)
    op.create_table(
        'training_attendance',
        sa.Column('training_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['training_id'], ['training.id'],
                                name=op.f('fk_training_attendance_training_id_training'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'],
                                name=op.f('fk_training_attendance_user_id_user'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('training_id', 'user_id', name=op.f('pk_training_attendance')),
    )
    with op.batch_alter_table('training_attendance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_attendance_user_id'), ['user_id'],
                              unique=False)
    _replace_kinds(NEW_KINDS)


def downgrade():
    op.execute("DELETE FROM timeline_event WHERE kind = 'procedure_sheet_given'")
    _replace_kinds(OLD_KINDS)
    for table in ('training_attendance', 'training', 'procedure_local_step', 'procedure_local',
                  'procedure_sheet'):
        op.drop_table(table)
