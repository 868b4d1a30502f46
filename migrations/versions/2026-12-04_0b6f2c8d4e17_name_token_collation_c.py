"""person search index: name words compared bytewise on PostgreSQL (collation "C")

Revision ID: 0b6f2c8d4e17
Revises: d8e2a6f14c73
Create Date: 2026-12-04 17:30:00

A prefix of a name is looked up as the range (word, word + "{"): tokens are [a-z0-9] and "{"
sorts after all of them bytewise. Under a database created with an Italian or English locale
the collation sorts "{" before letters, the range is empty and no prefix is found ("Kova"
would not find Kovalenko). SQLite compares bytewise already.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0b6f2c8d4e17'
down_revision = 'd8e2a6f14c73'
branch_labels = None
depends_on = None


def _token_type(collation):
    if op.get_bind().dialect.name != "postgresql":
        return
    op.alter_column("person_name_token", "token", existing_type=sa.String(120),
                    type_=sa.String(120, collation=collation), existing_nullable=False)


def upgrade():
    _token_type("C")


def downgrade():
    _token_type("default")
