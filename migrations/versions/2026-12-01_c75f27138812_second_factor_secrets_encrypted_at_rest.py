"""second-factor secrets encrypted at rest (Fernet under FIELD_KEY, a key kept outside the
database): the column grows to hold the token, and the secrets already stored are encrypted.

Revision ID: c75f27138812
Revises: 8c13f293248a
Create Date: 2026-12-01 23:44:15.772105

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c75f27138812'
down_revision = '8c13f293248a'
branch_labels = None
depends_on = None


users = sa.table("user", sa.column("id", sa.Integer), sa.column("totp_secret", sa.String))


def _cipher():
    from flask import current_app

    from desk.models.types import field_cipher

    return field_cipher(current_app.config["FIELD_KEY"])


def _rewrite(change):
    bind = op.get_bind()
    rows = bind.execute(sa.select(users.c.id, users.c.totp_secret)
                        .where(users.c.totp_secret.is_not(None))).all()
    for user_id, secret in rows:
        new = change(secret)
        if new != secret:
            bind.execute(users.update().where(users.c.id == user_id).values(totp_secret=new))


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.alter_column('totp_secret', existing_type=sa.VARCHAR(length=64),
                              type_=sa.String(length=255), existing_nullable=True)
    cipher = _cipher()
    _rewrite(lambda s: s if s.startswith("gAAAAA") else cipher.encrypt(s.encode()).decode())


def downgrade():
    cipher = _cipher()
    _rewrite(lambda s: cipher.decrypt(s.encode()).decode() if s.startswith("gAAAAA") else s)
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.alter_column('totp_secret', existing_type=sa.String(length=255),
                              type_=sa.VARCHAR(length=64), existing_nullable=True)
