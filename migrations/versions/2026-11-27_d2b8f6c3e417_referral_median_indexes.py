"""referral: the supervision indexes on acceptance and completion carry the creation time

Revision ID: d2b8f6c3e417
Revises: c7d1e5a9f204
Create Date: 2026-11-27 07:30:00

"""
from alembic import op

revision = 'd2b8f6c3e417'
down_revision = 'c7d1e5a9f204'
branch_labels = None
depends_on = None

STAGES = ('accepted', 'completed')


def upgrade():
    with op.batch_alter_table('referral', schema=None) as batch_op:
        for stage in STAGES:
            batch_op.drop_index(f'ix_referral_team_{stage}')
            batch_op.create_index(f'ix_referral_team_{stage}',
                                  ['team_id', f'{stage}_at', 'created_at'], unique=False)


def downgrade():
    with op.batch_alter_table('referral', schema=None) as batch_op:
        for stage in STAGES:
            batch_op.drop_index(f'ix_referral_team_{stage}')
            batch_op.create_index(f'ix_referral_team_{stage}', ['team_id', f'{stage}_at'],
                                  unique=False)
