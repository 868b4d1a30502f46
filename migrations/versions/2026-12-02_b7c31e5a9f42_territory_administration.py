"""territory administration: territories, retiring sites and teams, team names per locale,
the needs that route to a team, service levels per team, a territory's vocabulary choices

Revision ID: b7c31e5a9f42
Revises: 91d6ce8e51e1
Create Date: 2026-12-02 04:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b7c31e5a9f42'
down_revision = '91d6ce8e51e1'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('territory',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=2), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('region', sa.String(length=120), nullable=True),
    sa.Column('retired_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_territory')),
    sa.UniqueConstraint('code', name=op.f('uq_territory_code'))
    )
    # Every province a site already names becomes a territory, named as its first site says.
    op.execute("INSERT INTO territory (code, name) SELECT province, MIN(territory) FROM site "
               "GROUP BY province")
    with op.batch_alter_table('site', schema=None) as batch_op:
        batch_op.add_column(sa.Column('retired_at', sa.DateTime(), nullable=True))
    with op.batch_alter_table('team', schema=None) as batch_op:
        batch_op.add_column(sa.Column('retired_at', sa.DateTime(), nullable=True))
    op.create_table('team_label',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_team_label_team_id_team'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_team_label')),
    sa.UniqueConstraint('team_id', 'locale', name=op.f('uq_team_label_team_id_locale'))
    )
    with op.batch_alter_table('team_label', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_team_label_team_id'), ['team_id'], unique=False)
    op.create_table('team_need',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('need', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_team_need_team_id_team'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_team_need')),
    sa.UniqueConstraint('team_id', 'need', name=op.f('uq_team_need_team_id_need'))
    )
    with op.batch_alter_table('team_need', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_team_need_team_id'), ['team_id'], unique=False)
    op.create_table('service_level',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('priority', sa.String(length=16), nullable=False),
    sa.Column('days', sa.Integer(), nullable=False),
    sa.CheckConstraint("priority IN ('urgent', 'normal', 'low')", name=op.f('ck_service_level_priority_valid')),
    sa.CheckConstraint('days >= 0 AND days <= 365', name=op.f('ck_service_level_days_range')),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_service_level_team_id_team'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_level')),
    sa.UniqueConstraint('team_id', 'priority', name=op.f('uq_service_level_team_id_priority'))
    )
    with op.batch_alter_table('service_level', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_level_team_id'), ['team_id'], unique=False)
    op.create_table('vocab_code',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('province', sa.String(length=2), nullable=False),
    sa.Column('vocabulary', sa.String(length=24), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('local', sa.Boolean(), nullable=False),
    sa.Column('retired_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("vocabulary IN ('need', 'referral_reason', 'referral_outcome')", name=op.f('ck_vocab_code_vocabulary_valid')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vocab_code')),
    sa.UniqueConstraint('province', 'vocabulary', 'code', name=op.f('uq_vocab_code_province_vocabulary_code'))
    )
    with op.batch_alter_table('vocab_code', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vocab_code_province'), ['province'], unique=False)
    op.create_table('vocab_label',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('vocab_code_id', sa.Integer(), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('label', sa.String(length=160), nullable=False),
    sa.ForeignKeyConstraint(['vocab_code_id'], ['vocab_code.id'], name=op.f('fk_vocab_label_vocab_code_id_vocab_code'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vocab_label')),
    sa.UniqueConstraint('vocab_code_id', 'locale', name=op.f('uq_vocab_label_vocab_code_id_locale'))
    )
    with op.batch_alter_table('vocab_label', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vocab_label_vocab_code_id'), ['vocab_code_id'], unique=False)


def downgrade():
    with op.batch_alter_table('vocab_label', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vocab_label_vocab_code_id'))
    op.drop_table('vocab_label')
    with op.batch_alter_table('vocab_code', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vocab_code_province'))
    op.drop_table('vocab_code')
    with op.batch_alter_table('service_level', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_service_level_team_id'))
    op.drop_table('service_level')
    with op.batch_alter_table('team_need', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_team_need_team_id'))
    op.drop_table('team_need')
    with op.batch_alter_table('team_label', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_team_label_team_id'))
    op.drop_table('team_label')
    with op.batch_alter_table('team', schema=None) as batch_op:
        batch_op.drop_column('retired_at')
    with op.batch_alter_table('site', schema=None) as batch_op:
        batch_op.drop_column('retired_at')
    op.drop_table('territory')
