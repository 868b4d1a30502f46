"""attached documents (files on a person or a case, by content hash) and the column
mapping each site remembers for importing its existing register of people.

Revision ID: 91d6ce8e51e1
Revises: 7c3e9a1f4b60
Create Date: 2026-12-02 04:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '91d6ce8e51e1'
down_revision = '7c3e9a1f4b60'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('register_mapping',
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('columns', sa.JSON(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['site_id'], ['site.id'], name=op.f('fk_register_mapping_site_id_site'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user.id'], name=op.f('fk_register_mapping_updated_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('site_id', name=op.f('pk_register_mapping'))
    )
    op.create_table('attachment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('filename', sa.String(length=160), nullable=False),
    sa.Column('content_type', sa.String(length=32), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('visibility', sa.String(length=8), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=True),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("content_type IN ('application/pdf', 'image/jpeg', 'image/png')", name=op.f('ck_attachment_content_type_valid')),
    sa.CheckConstraint("kind IN ('permit', 'receipt', 'letter', 'other')", name=op.f('ck_attachment_kind_valid')),
    sa.CheckConstraint("visibility IN ('all', 'team')", name=op.f('ck_attachment_visibility_valid')),
    sa.CheckConstraint('size > 0', name=op.f('ck_attachment_size_positive')),
    sa.ForeignKeyConstraint(['case_id'], ['case_file.id'], name=op.f('fk_attachment_case_id_case_file'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_attachment_person_id_person'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_attachment_team_id_team'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['user.id'], name=op.f('fk_attachment_uploaded_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachment'))
    )
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.create_index('ix_attachment_case', ['case_id'], unique=False)
        batch_op.create_index('ix_attachment_person', ['person_id', 'created_at'], unique=False)
        batch_op.create_index('ix_attachment_sha256', ['sha256'], unique=False)



def downgrade():
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_index('ix_attachment_sha256')
        batch_op.drop_index('ix_attachment_person')
        batch_op.drop_index('ix_attachment_case')

    op.drop_table('attachment')
    op.drop_table('register_mapping')
