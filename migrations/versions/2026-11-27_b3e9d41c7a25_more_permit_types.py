"""more residence-permit types for the glossary

Adds temporary_protection, foster_care, minor_assistance, work_special_categories,
statelessness, citizenship_pending, religious, elective_residence and eu_citizen to the codes
allowed in residence_document.doc_type. The code lists are copied here, not imported, so this
migration keeps meaning what it meant when written.

Revision ID: b3e9d41c7a25
Revises: 6124b1dc3caa
Create Date: 2026-11-27 03:40:00

"""
from alembic import op

revision = 'b3e9d41c7a25'
down_revision = '6124b1dc3caa'
branch_labels = None
depends_on = None

OLD_CODES = (
    'work_employed', 'work_self_employed', 'work_seasonal', 'job_seeking', 'family', 'study',
    'research', 'eu_long_term', 'eu_family_card', 'refugee', 'subsidiary_protection',
    'asylum_pending', 'special_protection', 'special_cases_violence', 'medical_treatment',
    'minor_age', 'natural_disaster', 'eu_blue_card', 'passport_only', 'none',
)
NEW_CODES = (
    'work_employed', 'work_self_employed', 'work_seasonal', 'job_seeking', 'family', 'study',
    'research', 'eu_long_term', 'eu_family_card', 'temporary_protection', 'refugee',
    'subsidiary_protection', 'asylum_pending', 'special_protection', 'special_cases_violence',
    'medical_treatment', 'minor_age', 'foster_care', 'minor_assistance', 'natural_disaster',
    'eu_blue_card', 'work_special_categories', 'statelessness', 'citizenship_pending',
    'religious', 'elective_residence', 'eu_citizen', 'passport_only', 'none',
)


def _condition(codes):
    return "doc_type IN ({})".format(", ".join(f"'{code}'" for code in codes))


def _replace_check(codes):
    with op.batch_alter_table('residence_document', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_residence_document_doc_type_valid'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_residence_document_doc_type_valid'),
                                         _condition(codes))


def upgrade():
    _replace_check(NEW_CODES)


def downgrade():
    op.execute(
        "UPDATE residence_document SET doc_type = 'none' WHERE doc_type NOT IN ({})".format(
            ", ".join(f"'{code}'" for code in OLD_CODES)
        )
    )
    _replace_check(OLD_CODES)
