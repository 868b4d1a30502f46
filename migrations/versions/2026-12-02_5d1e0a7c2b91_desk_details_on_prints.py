"""desk details on the prints (address, phone, opening hours) and the site switch for print
catalogues no native speaker has reviewed yet.

Revision ID: 5d1e0a7c2b91
Revises: c75f27138812
Create Date: 2026-12-02 01:05:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5d1e0a7c2b91'
down_revision = 'c75f27138812'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('site', schema=None) as batch_op:
        batch_op.add_column(sa.Column('address', sa.String(length=240), nullable=True))
        batch_op.add_column(sa.Column('phone', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('opening_hours', sa.String(length=240), nullable=True))
        batch_op.add_column(sa.Column('unreviewed_prints', sa.Boolean(), nullable=False,
                                      server_default=sa.true()))


def downgrade():
    with op.batch_alter_table('site', schema=None) as batch_op:
        batch_op.drop_column('unreviewed_prints')
        batch_op.drop_column('opening_hours')
        batch_op.drop_column('phone')
        batch_op.drop_column('address')
