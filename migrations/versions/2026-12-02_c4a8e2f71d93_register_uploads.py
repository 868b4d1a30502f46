"""register uploads: a register uploaded through the pages, mapped, checked and imported

Revision ID: c4a8e2f71d93
Revises: e5a1c93d7b20
Create Date: 2026-12-02 14:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c4a8e2f71d93'
down_revision = 'e5a1c93d7b20'
branch_labels = None
depends_on = None

STATES = ("uploaded", "checking", "checked", "importing", "imported", "failed", "abandoned")


def upgrade():
    op.create_table('register_upload',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=120), nullable=False),
    sa.Column('stored_name', sa.String(length=64), nullable=True),
    sa.Column('encoding', sa.String(length=16), nullable=False),
    sa.Column('header', sa.JSON(), nullable=False),
    sa.Column('row_count', sa.Integer(), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('mapping', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('to_import', sa.Integer(), nullable=False),
    sa.Column('invalid', sa.Integer(), nullable=False),
    sa.Column('duplicates', sa.Integer(), nullable=False),
    sa.Column('imported', sa.Integer(), nullable=False),
    sa.Column('refusals', sa.JSON(), nullable=False),
    sa.Column('preview', sa.JSON(), nullable=False),
    sa.Column('people_named', sa.JSON(), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("status IN ({})".format(", ".join(f"'{s}'" for s in STATES)),
                       name=op.f('ck_register_upload_status_known')),
    sa.ForeignKeyConstraint(['site_id'], ['site.id'], name=op.f('fk_register_upload_site_id_site'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_register_upload_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_register_upload'))
    )
    with op.batch_alter_table('register_upload', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_register_upload_site_id'), ['site_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_register_upload_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('register_upload', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_register_upload_user_id'))
        batch_op.drop_index(batch_op.f('ix_register_upload_site_id'))
    op.drop_table('register_upload')
