"""person: legal hold (blocks erasure and the retention run)

Revision ID: 8d4f2b6a1c93
Revises: 5c1a9e0d7b42
Create Date: 2026-11-27 04:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '8d4f2b6a1c93'
down_revision = '5c1a9e0d7b42'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.add_column(sa.Column('legal_hold', sa.Boolean(), server_default=sa.false(),
                                      nullable=False))
        batch_op.add_column(sa.Column('legal_hold_reason', sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_column('legal_hold_reason')
        batch_op.drop_column('legal_hold')
