"""person merge: the tombstone of a record merged into another, and the timeline kind
'records_merged'. Code lists are copied here, not imported, so this migration keeps meaning
what it meant when written.

Revision ID: e5a1c93d7b20
Revises: c4a8e2f61b37
Create Date: 2026-12-02 14:50:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'e5a1c93d7b20'
down_revision = 'c4a8e2f61b37'
branch_labels = None
depends_on = None

OLD_KINDS = (
    'access_recorded', 'case_opened', 'referral_made', 'referral_accepted', 'referral_declined',
    'referral_completed', 'referral_reassigned', 'note', 'note_translated', 'appointment_booked',
    'appointment_attended', 'appointment_missed', 'document_added', 'status_changed',
    'case_conference', 'care_plan_changed', 'consent_override', 'case_closed', 'case_reopened',
    'external_referral_sent', 'external_referral_acknowledged', 'external_referral_outcome',
    'external_consent', 'procedure_sheet_given',
    'transfer_requested', 'transfer_accepted', 'transfer_refused', 'transfer_cancelled',
)
NEW_KINDS = OLD_KINDS + ('records_merged',)


def _in(column, codes):
    return "{} IN ({})".format(column, ", ".join(f"'{code}'" for code in codes))


def _replace_kinds(kinds):
    with op.batch_alter_table('timeline_event', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_timeline_event_kind_valid'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_timeline_event_kind_valid'),
                                         _in('kind', kinds))


def upgrade():
    op.create_table(
        'person_merge',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('merged_person_id', sa.Integer(), nullable=False),
        sa.Column('survivor_id', sa.Integer(), nullable=False),
        sa.Column('site_id', sa.Integer(), nullable=False),
        sa.Column('merged_by_id', sa.Integer(), nullable=True),
        sa.Column('merged_at', sa.DateTime(), nullable=False),
        sa.Column('fields_taken', sa.JSON(), nullable=False),
        sa.Column('rows_moved', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['merged_by_id'], ['user.id'],
                                name=op.f('fk_person_merge_merged_by_id_user'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['site_id'], ['site.id'],
                                name=op.f('fk_person_merge_site_id_site'), ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['survivor_id'], ['person.id'],
                                name=op.f('fk_person_merge_survivor_id_person'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_person_merge')),
        sa.UniqueConstraint('merged_person_id', name=op.f('uq_person_merge_merged_person_id')),
    )
    op.create_index('ix_person_merge_survivor', 'person_merge', ['survivor_id'], unique=False)
    _replace_kinds(NEW_KINDS)


def downgrade():
    op.execute("DELETE FROM timeline_event WHERE kind = 'records_merged'")
    _replace_kinds(OLD_KINDS)
    op.drop_index('ix_person_merge_survivor', table_name='person_merge')
    op.drop_table('person_merge')
