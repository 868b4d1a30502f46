"""person search index: name tokens, birth-date indexes, registration form token

Revision ID: 6124b1dc3caa
Revises: e7f7a77917bd
Create Date: 2026-11-27 03:15:36.840515

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '6124b1dc3caa'
down_revision = 'e7f7a77917bd'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('person_name_token',
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=120), nullable=False),
    sa.Column('key', sa.String(length=120), nullable=False),
    sa.Column('is_variant', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_person_name_token_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('person_id', 'token', 'key', name=op.f('pk_person_name_token'))
    )
    with op.batch_alter_table('person_name_token', schema=None) as batch_op:
        batch_op.create_index('ix_person_name_token_key', ['key', 'person_id'], unique=False)
        batch_op.create_index('ix_person_name_token_token', ['token', 'person_id'], unique=False)

    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.add_column(sa.Column('form_token', sa.String(length=64), nullable=True))
        batch_op.create_index('uq_person_form_token', ['form_token'], unique=True)
        batch_op.create_index('ix_person_site_birth_year', ['site_id', 'birth_year'], unique=False)
        batch_op.create_index('ix_person_birth_date', ['birth_date'], unique=False)


def downgrade():
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index('ix_person_birth_date')
        batch_op.drop_index('ix_person_site_birth_year')
        batch_op.drop_index('uq_person_form_token')
        batch_op.drop_column('form_token')

    with op.batch_alter_table('person_name_token', schema=None) as batch_op:
        batch_op.drop_index('ix_person_name_token_token')
        batch_op.drop_index('ix_person_name_token_key')

    op.drop_table('person_name_token')
