"""one person across desks: strong identifiers unique across every site (one codice fiscale,
one document type and number per person).

Revision ID: 7c3e9a1f4b60
Revises: b7d3f19a0c64
Create Date: 2026-12-02 04:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7c3e9a1f4b60'
down_revision = 'b7d3f19a0c64'
branch_labels = None
depends_on = None


def _refuse_duplicates(what, query):
    found = op.get_bind().execute(sa.text(query)).scalar()
    if found:
        raise RuntimeError(
            f"{found} {what} belong to more than one person: merge those records (or correct "
            "the identifier) before upgrading; this migration makes them unique.")


def upgrade():
    _refuse_duplicates("tax codes", "SELECT count(*) FROM (SELECT tax_code FROM person "
                       "WHERE tax_code IS NOT NULL GROUP BY tax_code HAVING count(*) > 1) d")
    _refuse_duplicates("documents", "SELECT count(*) FROM (SELECT doc_type, number FROM "
                       "residence_document WHERE number IS NOT NULL GROUP BY doc_type, number "
                       "HAVING count(*) > 1) d")
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index('ix_person_tax_code')
        batch_op.create_index('uq_person_tax_code', ['tax_code'], unique=True)
    with op.batch_alter_table('residence_document', schema=None) as batch_op:
        batch_op.create_index('uq_residence_document_type_number', ['doc_type', 'number'],
                              unique=True)


def downgrade():
    with op.batch_alter_table('residence_document', schema=None) as batch_op:
        batch_op.drop_index('uq_residence_document_type_number')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index('uq_person_tax_code')
        batch_op.create_index('ix_person_tax_code', ['tax_code'], unique=False)
