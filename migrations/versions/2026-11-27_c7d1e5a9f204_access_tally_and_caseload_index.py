"""supervision: access tally per site and day (backfilled), covering index for the caseload

Revision ID: c7d1e5a9f204
Revises: a4c2e8f1d305
Create Date: 2026-11-27 07:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'c7d1e5a9f204'
down_revision = 'a4c2e8f1d305'
branch_labels = None
depends_on = None

# The tally as desk/supervision/tally.py counts it: accesses by channel; needs by need code,
# by the person's nationality and by the language of the access (else the person's
# preferred one); '' where nationality or language was not recorded.
BACKFILL = """
INSERT INTO access_tally (site_id, dimension, day, code, count)
SELECT a.site_id, 'channel', {day}, a.channel, count(*)
  FROM access a GROUP BY a.site_id, {day}, a.channel
UNION ALL
SELECT a.site_id, 'need', {day}, n.need, count(*)
  FROM access a JOIN access_need n ON n.access_id = a.id GROUP BY a.site_id, {day}, n.need
UNION ALL
SELECT a.site_id, 'nationality', {day}, coalesce(p.nationality, ''), count(*)
  FROM access a JOIN access_need n ON n.access_id = a.id JOIN person p ON p.id = a.person_id
 GROUP BY a.site_id, {day}, coalesce(p.nationality, '')
UNION ALL
SELECT a.site_id, 'language', {day}, coalesce(a.language_used, p.preferred_language, ''),
       count(*)
  FROM access a JOIN access_need n ON n.access_id = a.id JOIN person p ON p.id = a.person_id
 GROUP BY a.site_id, {day}, coalesce(a.language_used, p.preferred_language, '')
"""


def upgrade():
    op.create_table(
        'access_tally',
        sa.Column('site_id', sa.Integer(), nullable=False),
        sa.Column('dimension', sa.String(length=16), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('code', sa.String(length=32), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.CheckConstraint("dimension IN ('channel', 'need', 'nationality', 'language')",
                           name=op.f('ck_access_tally_dimension_valid')),
        sa.ForeignKeyConstraint(['site_id'], ['site.id'], name=op.f('fk_access_tally_site_id_site'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('site_id', 'dimension', 'day', 'code',
                                name=op.f('pk_access_tally')),
    )
    sqlite = op.get_bind().dialect.name == 'sqlite'
    op.execute(BACKFILL.format(day='date(a.occurred_at)' if sqlite
                               else 'CAST(a.occurred_at AS DATE)'))
    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.create_index('ix_referral_caseload',
                              ['team_id', 'status', 'created_at', 'due_date', 'assignee_id'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.drop_index('ix_referral_caseload')
    op.drop_table('access_tally')
