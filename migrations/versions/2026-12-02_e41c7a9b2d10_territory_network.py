"""the territory's network: service directory, external referrals, partner accounts

Adds the directory (organisation, service and its needs, languages and opening hours), the
person's consent per organisation, external referrals and partner membership; allows the
role 'partner' and the timeline kinds of external referrals. Code lists are copied here, not
imported, so this migration keeps meaning what it meant when written.

Revision ID: e41c7a9b2d10
Revises: c75f27138812
Create Date: 2026-12-02 01:10:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'e41c7a9b2d10'
down_revision = 'c75f27138812'
branch_labels = None
depends_on = None

OLD_ROLES = ('desk', 'team', 'supervisor', 'admin')
NEW_ROLES = OLD_ROLES + ('partner',)
OLD_KINDS = (
    'access_recorded', 'case_opened', 'referral_made', 'referral_accepted', 'referral_declined',
    'referral_completed', 'referral_reassigned', 'note', 'note_translated', 'appointment_booked',
    'appointment_attended', 'appointment_missed', 'document_added', 'status_changed',
    'case_conference', 'care_plan_changed', 'consent_override', 'case_closed', 'case_reopened',
)
NEW_KINDS = OLD_KINDS + ('external_referral_sent', 'external_referral_acknowledged',
                         'external_referral_outcome', 'external_consent')
NEEDS = ('documents', 'asylum', 'housing', 'work', 'income', 'health', 'mental_health',
         'education', 'italian_course', 'family_reunification', 'legal_advice', 'violence',
         'language_barrier', 'other')
REASONS = ('assessment', 'documents', 'legal_advice', 'health_access', 'housing', 'income',
           'work', 'interpreting', 'protection', 'other')


def _in(column, codes, nullable=False):
    condition = "{} IN ({})".format(column, ", ".join(f"'{code}'" for code in codes))
    return f"{column} IS NULL OR {condition}" if nullable else condition


def _replace_checks(roles, kinds):
    with op.batch_alter_table('user_role', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_user_role_role_valid'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_user_role_role_valid'), _in('role', roles))
    with op.batch_alter_table('timeline_event', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_timeline_event_kind_valid'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_timeline_event_kind_valid'),
                                         _in('kind', kinds))


def upgrade():
    op.create_table(
        'organisation',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('province', sa.String(length=2), nullable=False),
        sa.Column('name', sa.String(length=160), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.CheckConstraint(_in('kind', ('public', 'third_sector')),
                           name=op.f('ck_organisation_kind_valid')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_organisation')),
        sa.UniqueConstraint('province', 'name', name='uq_organisation_province_name'),
    )
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organisation_province'), ['province'], unique=False)
    op.create_table(
        'service',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('organisation_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=160), nullable=False),
        sa.Column('eligibility', sa.Text(), nullable=True),
        sa.Column('address', sa.String(length=240), nullable=False),
        sa.Column('phone', sa.String(length=32), nullable=True),
        sa.Column('email', sa.String(length=254), nullable=True),
        sa.Column('website', sa.String(length=300), nullable=True),
        sa.Column('access_mode', sa.String(length=16), nullable=False),
        sa.Column('what_to_bring', sa.Text(), nullable=True),
        sa.Column('contact_person', sa.String(length=120), nullable=True),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('verified_on', sa.Date(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.CheckConstraint(_in('access_mode', ('appointment', 'walk_in', 'letter_required')),
                           name=op.f('ck_service_access_mode_valid')),
        sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'],
                                name=op.f('fk_service_organisation_id_organisation'),
                                ondelete='RESTRICT'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_service')),
        sa.UniqueConstraint('organisation_id', 'name', name='uq_service_organisation_name'),
    )
    with op.batch_alter_table('service', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_organisation_id'), ['organisation_id'],
                              unique=False)
    op.create_table(
        'service_need',
        sa.Column('service_id', sa.Integer(), nullable=False),
        sa.Column('need', sa.String(length=32), nullable=False),
        sa.CheckConstraint(_in('need', NEEDS), name=op.f('ck_service_need_need_valid')),
        sa.ForeignKeyConstraint(['service_id'], ['service.id'],
                                name=op.f('fk_service_need_service_id_service'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('service_id', 'need', name=op.f('pk_service_need')),
    )
    with op.batch_alter_table('service_need', schema=None) as batch_op:
        batch_op.create_index('ix_service_need_need', ['need', 'service_id'], unique=False)
    op.create_table(
        'service_language',
        sa.Column('service_id', sa.Integer(), nullable=False),
        sa.Column('language', sa.String(length=8), nullable=False),
        sa.ForeignKeyConstraint(['service_id'], ['service.id'],
                                name=op.f('fk_service_language_service_id_service'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('service_id', 'language', name=op.f('pk_service_language')),
    )
    op.create_table(
        'service_opening',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('service_id', sa.Integer(), nullable=False),
        sa.Column('weekday', sa.Integer(), nullable=False),
        sa.Column('opens', sa.Time(), nullable=False),
        sa.Column('closes', sa.Time(), nullable=False),
        sa.CheckConstraint('weekday >= 0 AND weekday <= 6',
                           name=op.f('ck_service_opening_weekday_valid')),
        sa.CheckConstraint('opens < closes', name=op.f('ck_service_opening_opens_before_closes')),
        sa.ForeignKeyConstraint(['service_id'], ['service.id'],
                                name=op.f('fk_service_opening_service_id_service'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_service_opening')),
    )
    with op.batch_alter_table('service_opening', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_opening_service_id'), ['service_id'],
                              unique=False)
    op.create_table(
        'organisation_consent',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('organisation_id', sa.Integer(), nullable=False),
        sa.Column('language', sa.String(length=8), nullable=False),
        sa.Column('given_at', sa.DateTime(), nullable=False),
        sa.Column('recorded_by_id', sa.Integer(), nullable=True),
        sa.Column('withdrawn_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'],
                                name=op.f('fk_organisation_consent_organisation_id_organisation'),
                                ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['person_id'], ['person.id'],
                                name=op.f('fk_organisation_consent_person_id_person'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['recorded_by_id'], ['user.id'],
                                name=op.f('fk_organisation_consent_recorded_by_id_user'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_organisation_consent')),
    )
    with op.batch_alter_table('organisation_consent', schema=None) as batch_op:
        batch_op.create_index('ix_organisation_consent_person_org',
                              ['person_id', 'organisation_id'], unique=False)
    op.create_table(
        'external_referral',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('service_id', sa.Integer(), nullable=False),
        sa.Column('organisation_id', sa.Integer(), nullable=False),
        sa.Column('consent_id', sa.Integer(), nullable=True),
        sa.Column('reason', sa.String(length=32), nullable=False),
        sa.Column('urgency', sa.String(length=16), nullable=False),
        sa.Column('agreed', sa.Text(), nullable=True),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('outcome', sa.String(length=32), nullable=True),
        sa.Column('follow_up_on', sa.Date(), nullable=False),
        sa.Column('sent_at', sa.DateTime(), nullable=False),
        sa.Column('acknowledged_at', sa.DateTime(), nullable=True),
        sa.Column('outcome_at', sa.DateTime(), nullable=True),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.CheckConstraint(_in('status', ('sent', 'acknowledged', 'closed')),
                           name=op.f('ck_external_referral_status_valid')),
        sa.CheckConstraint(_in('reason', REASONS), name=op.f('ck_external_referral_reason_valid')),
        sa.CheckConstraint(_in('urgency', ('urgent', 'normal', 'low')),
                           name=op.f('ck_external_referral_urgency_valid')),
        sa.CheckConstraint(_in('outcome', ('taken_in_charge', 'not_eligible', 'did_not_go',
                                           'other'), nullable=True),
                           name=op.f('ck_external_referral_outcome_valid')),
        sa.ForeignKeyConstraint(['case_id'], ['case_file.id'],
                                name=op.f('fk_external_referral_case_id_case_file'),
                                ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['consent_id'], ['organisation_consent.id'],
                                name=op.f('fk_external_referral_consent_id_organisation_consent'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['created_by_id'], ['user.id'],
                                name=op.f('fk_external_referral_created_by_id_user'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'],
                                name=op.f('fk_external_referral_organisation_id_organisation'),
                                ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['service_id'], ['service.id'],
                                name=op.f('fk_external_referral_service_id_service'),
                                ondelete='RESTRICT'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_external_referral')),
    )
    with op.batch_alter_table('external_referral', schema=None) as batch_op:
        batch_op.create_index('ix_external_referral_case', ['case_id'], unique=False)
        batch_op.create_index('ix_external_referral_follow_up', ['status', 'follow_up_on'],
                              unique=False)
        batch_op.create_index('ix_external_referral_org_status', ['organisation_id', 'status'],
                              unique=False)
    op.create_table(
        'partner_member',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('organisation_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'],
                                name=op.f('fk_partner_member_organisation_id_organisation'),
                                ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'],
                                name=op.f('fk_partner_member_user_id_user'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('user_id', name=op.f('pk_partner_member')),
    )
    with op.batch_alter_table('partner_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partner_member_organisation_id'),
                              ['organisation_id'], unique=False)
    _replace_checks(NEW_ROLES, NEW_KINDS)


def downgrade():
    op.execute("DELETE FROM timeline_event WHERE kind NOT IN ({})".format(
        ", ".join(f"'{k}'" for k in OLD_KINDS)))
    op.execute("DELETE FROM user_role WHERE role = 'partner'")
    _replace_checks(OLD_ROLES, OLD_KINDS)
    for table in ('partner_member', 'external_referral', 'organisation_consent',
                  'service_opening', 'service_language', 'service_need', 'service', 'organisation'):
        op.drop_table(table)
