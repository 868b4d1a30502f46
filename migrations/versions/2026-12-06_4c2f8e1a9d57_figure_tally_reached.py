"""supervision: the figure tally counts referrals accepted and completed per team and day,
with the minutes they took (what the dashboard's cached medians are kept under), backfilled

Revision ID: 4c2f8e1a9d57
Revises: 6e3a9c1f7b24
Create Date: 2026-12-06 20:00:00

The counts as desk/supervision/figure_tally.py makes them; the SQL is copied here, not
imported, so this migration keeps meaning what it meant when written.
"""
from alembic import op

revision = '4c2f8e1a9d57'
down_revision = '6e3a9c1f7b24'
branch_labels = None
depends_on = None

OLD_FIGURES = ("case", "permit", "caseload", "created", "due", "declined", "appointment",
               "interpreter")
NEW_FIGURES = (*OLD_FIGURES, "reached")

BACKFILL = """
INSERT INTO figure_tally (figure, site_id, day, team_id, k1, k2, count, amount)
SELECT 'reached', t.site_id, {day}, r.team_id, '{stage}', '', count(*), sum({minutes})
  FROM referral r JOIN team t ON t.id = r.team_id
 WHERE r.{column} IS NOT NULL
 GROUP BY t.site_id, {day}, r.team_id
"""


def _replace_check(figures):
    values = ", ".join(f"'{figure}'" for figure in figures)
    with op.batch_alter_table('figure_tally', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_figure_tally_figure_valid'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_figure_tally_figure_valid'),
                                         f"figure IN ({values})")


def backfill_sql(dialect: str) -> list[str]:
    statements = []
    for stage, column in (('accepted', 'accepted_at'), ('completed', 'completed_at')):
        at = f'r.{column}'
        if dialect == 'sqlite':
            day = f'date({at})'
            days = f'(julianday({at}) - julianday(r.created_at))'
        else:
            day = f'CAST({at} AS DATE)'
            days = f'(EXTRACT(EPOCH FROM ({at} - r.created_at)) / 86400.0)'
        statements.append(BACKFILL.format(day=day, stage=stage, column=column,
                                          minutes=f'CAST(round({days} * 1440) AS INTEGER)'))
    return statements


def upgrade():
    _replace_check(NEW_FIGURES)
    for statement in backfill_sql(op.get_bind().dialect.name):
        op.execute(statement)


def downgrade():
    op.execute("DELETE FROM figure_tally WHERE figure = 'reached'")
    _replace_check(OLD_FIGURES)
