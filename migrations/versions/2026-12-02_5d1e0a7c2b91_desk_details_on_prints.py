"""desk details on the prints (address, phone, opening hours), the site switch for print
catalogues no native speaker has reviewed yet, and translations of a case's free-text entries
(care-plan goals and actions, conference decisions, decline explanations).

Revision ID: 5d1e0a7c2b91
Revises: 5a7e1c9d3b20
Create Date: 2026-12-02 01:05:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5d1e0a7c2b91'
down_revision = '5a7e1c9d3b20'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('site', schema=None) as batch_op:
        batch_op.add_column(sa.Column('address', sa.String(length=240), nullable=True))
        batch_op.add_column(sa.Column('phone', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('opening_hours', sa.String(length=240), nullable=True))
        batch_op.add_column(sa.Column('unreviewed_prints', sa.Boolean(), nullable=False,
                                      server_default=sa.true()))
    op.create_table('entry_translation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('entry', sa.String(length=16), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('translator_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("entry IN ('goal', 'actions', 'conference', 'decline')", name=op.f('ck_entry_translation_entry_valid')),
    sa.ForeignKeyConstraint(['case_id'], ['case_file.id'], name=op.f('fk_entry_translation_case_id_case_file'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['translator_id'], ['user.id'], name=op.f('fk_entry_translation_translator_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entry_translation'))
    )
    with op.batch_alter_table('entry_translation', schema=None) as batch_op:
        batch_op.create_index('ix_entry_translation_case', ['case_id', 'entry', 'entry_id'], unique=False)


def downgrade():
    with op.batch_alter_table('entry_translation', schema=None) as batch_op:
        batch_op.drop_index('ix_entry_translation_case')
    op.drop_table('entry_translation')
    with op.batch_alter_table('site', schema=None) as batch_op:
        batch_op.drop_column('unreviewed_prints')
        batch_op.drop_column('opening_hours')
        batch_op.drop_column('phone')
        batch_op.drop_column('address')
