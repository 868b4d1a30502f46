"""the needs observatory: the role 'coordinator' and what a coordinator observes (a province
code, or 'region'). Code lists are copied here, not imported.

Revision ID: b7d3f19a0c64
Revises: b7c4e2a91f36
Create Date: 2026-12-02 04:30:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'b7d3f19a0c64'
down_revision = 'b7c4e2a91f36'
branch_labels = None
depends_on = None

OLD_ROLES = ('desk', 'team', 'supervisor', 'admin', 'partner')
NEW_ROLES = OLD_ROLES + ('coordinator',)


def _roles_check(roles):
    condition = "role IN ({})".format(", ".join(f"'{code}'" for code in roles))
    with op.batch_alter_table('user_role', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_user_role_role_valid'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_user_role_role_valid'), condition)


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('observatory_scope', sa.String(length=8), nullable=True))
    _roles_check(NEW_ROLES)


def downgrade():
    op.execute("DELETE FROM user_role WHERE role = 'coordinator'")
    _roles_check(OLD_ROLES)
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('observatory_scope')
