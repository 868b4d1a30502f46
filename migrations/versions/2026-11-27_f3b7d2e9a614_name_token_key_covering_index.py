"""person search: the sound-key index covers the lookup (key, is_variant, person_id, token)

Revision ID: f3b7d2e9a614
Revises: e5a1c9d7b3f8
Create Date: 2026-11-27 07:05:00

"""
from alembic import op

revision = 'f3b7d2e9a614'
down_revision = 'e5a1c9d7b3f8'
branch_labels = None
depends_on = None


def upgrade():
    op.drop_index('ix_person_name_token_key', table_name='person_name_token')
    op.create_index('ix_person_name_token_key', 'person_name_token',
                    ['key', 'is_variant', 'person_id', 'token'])


def downgrade():
    op.drop_index('ix_person_name_token_key', table_name='person_name_token')
    op.create_index('ix_person_name_token_key', 'person_name_token', ['key', 'person_id'])
