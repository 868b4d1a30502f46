"""supervision: the figure tally (open cases, residence documents to renew, open referrals,
declined referrals, appointments and interpreter requests), backfilled

Revision ID: 6e3a9c1f7b24
Revises: 0b6f2c8d4e17
Create Date: 2026-12-05 17:00:00

The counts as desk/supervision/figure_tally.py makes them; the SQL is copied here, not
imported, so this migration keeps meaning what it meant when written.
"""
import sqlalchemy as sa
from alembic import op

revision = '6e3a9c1f7b24'
down_revision = '0b6f2c8d4e17'
branch_labels = None
depends_on = None

FIGURES = ("case", "permit", "caseload", "created", "due", "declined", "appointment",
           "interpreter")

BACKFILL = """
INSERT INTO figure_tally (figure, site_id, day, team_id, k1, k2, count, amount)
SELECT 'case', c.site_id, {no_day}, 0, c.status, '', count(*), 0
  FROM case_file c WHERE c.status <> 'closed' GROUP BY c.site_id, c.status
UNION ALL
SELECT 'permit', p.site_id, d.expiry_date, 0, '', '', count(*), 0
  FROM residence_document d JOIN person p ON p.id = d.person_id
 WHERE d.expiry_date IS NOT NULL AND d.doc_type NOT IN ('eu_citizen', 'none')
   AND NOT EXISTS (
       SELECT 1 FROM residence_document l
        WHERE l.person_id = d.person_id AND l.id <> d.id AND l.expiry_date > d.expiry_date
          AND ((l.doc_type = 'passport_only' AND d.doc_type = 'passport_only')
               OR (l.doc_type <> 'passport_only' AND d.doc_type <> 'passport_only')))
 GROUP BY p.site_id, d.expiry_date
UNION ALL
SELECT 'caseload', t.site_id, {no_day}, r.team_id, r.status, {worker}, count(*), count(r.due_date)
  FROM referral r JOIN team t ON t.id = r.team_id WHERE r.status IN ('pending', 'accepted')
 GROUP BY t.site_id, r.team_id, r.status, {worker}
UNION ALL
SELECT 'created', t.site_id, {created}, r.team_id, r.status, {worker}, count(*), 0
  FROM referral r JOIN team t ON t.id = r.team_id WHERE r.status IN ('pending', 'accepted')
 GROUP BY t.site_id, {created}, r.team_id, r.status, {worker}
UNION ALL
SELECT 'due', t.site_id, r.due_date, r.team_id, r.status, {worker}, count(*), 0
  FROM referral r JOIN team t ON t.id = r.team_id
 WHERE r.status IN ('pending', 'accepted') AND r.due_date IS NOT NULL
 GROUP BY t.site_id, r.due_date, r.team_id, r.status, {worker}
UNION ALL
SELECT 'declined', t.site_id, {declined}, r.team_id, coalesce(r.decline_reason, ''), '',
       count(*), 0
  FROM referral r JOIN team t ON t.id = r.team_id
 WHERE r.status = 'declined' AND r.declined_at IS NOT NULL
 GROUP BY t.site_id, {declined}, r.team_id, coalesce(r.decline_reason, '')
UNION ALL
SELECT 'appointment', t.site_id, {starts}, a.team_id, coalesce(a.outcome, ''),
       coalesce(a.interpreter_language, ''), count(*), coalesce(sum(a.duration_minutes), 0)
  FROM appointment a JOIN team t ON t.id = a.team_id
 GROUP BY t.site_id, {starts}, a.team_id, coalesce(a.outcome, ''),
          coalesce(a.interpreter_language, '')
UNION ALL
SELECT 'interpreter', t.site_id, {starts}, a.team_id, coalesce(a.interpreter_language, ''),
       {state}, count(*), 0
  FROM appointment a JOIN team t ON t.id = a.team_id JOIN referral r ON r.appointment_id = a.id
 WHERE a.interpreter_language IS NOT NULL
 GROUP BY t.site_id, {starts}, a.team_id, coalesce(a.interpreter_language, ''), {state}
"""
STATE = ("CASE WHEN r.accepted_at IS NOT NULL AND r.status = 'declined' THEN 'confirmed_declined' "
         "WHEN r.accepted_at IS NOT NULL THEN 'confirmed' "
         "WHEN r.status = 'declined' THEN 'declined' ELSE 'requested' END")


def backfill_sql(dialect: str) -> str:
    if dialect == 'sqlite':
        day, no_day = 'date({})', "'0001-01-01'"
    else:
        day, no_day = 'CAST({} AS DATE)', "CAST('0001-01-01' AS DATE)"
    return BACKFILL.format(
        no_day=no_day, worker="coalesce(CAST(r.assignee_id AS VARCHAR), '')",
        created=day.format('r.created_at'), declined=day.format('r.declined_at'),
        starts=day.format('a.starts_at'), state=STATE)


def upgrade():
    values = ", ".join(f"'{figure}'" for figure in FIGURES)
    op.create_table(
        'figure_tally',
        sa.Column('figure', sa.String(length=16), nullable=False),
        sa.Column('site_id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('team_id', sa.Integer(), nullable=False),
        sa.Column('k1', sa.String(length=32), nullable=False),
        sa.Column('k2', sa.String(length=32), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.Column('amount', sa.Integer(), nullable=False),
        sa.CheckConstraint(f"figure IN ({values})", name=op.f('ck_figure_tally_figure_valid')),
        sa.ForeignKeyConstraint(['site_id'], ['site.id'], name=op.f('fk_figure_tally_site_id_site'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('figure', 'site_id', 'day', 'team_id', 'k1', 'k2',
                                name=op.f('pk_figure_tally')),
    )
    op.execute(backfill_sql(op.get_bind().dialect.name))


def downgrade():
    op.drop_table('figure_tally')
