"""residence-permit types of the current law (2023-2025 amendments)

Adds work_seasonal_multiyear, traineeship, volunteering, labour_exploitation (art. 18-ter TUI),
medical_pregnancy, civil_merit, intra_corporate_transfer, remote_work, investors and justice
to the codes allowed in residence_document.doc_type. The code lists are copied here, not
imported, so this migration keeps meaning what it meant when written.

Revision ID: 907cae62b6c9
Revises: 3f8b2d6e9c41
Create Date: 2026-12-01 22:30:00

"""
from alembic import op

revision = '907cae62b6c9'
down_revision = '3f8b2d6e9c41'
branch_labels = None
depends_on = None

OLD_CODES = (
    'work_employed', 'work_self_employed', 'work_seasonal', 'job_seeking', 'family', 'study',
    'research', 'eu_long_term', 'eu_family_card', 'temporary_protection', 'refugee',
    'subsidiary_protection', 'asylum_pending', 'special_protection', 'special_cases_violence',
    'medical_treatment', 'minor_age', 'foster_care', 'minor_assistance', 'natural_disaster',
    'eu_blue_card', 'work_special_categories', 'statelessness', 'citizenship_pending',
    'religious', 'elective_residence', 'eu_citizen', 'passport_only', 'none',
)
NEW_CODES = (
    'work_employed', 'work_self_employed', 'work_seasonal', 'work_seasonal_multiyear',
    'job_seeking', 'family', 'study', 'research', 'traineeship', 'volunteering', 'eu_long_term',
    'eu_family_card', 'temporary_protection', 'refugee', 'subsidiary_protection',
    'asylum_pending', 'special_protection', 'special_cases_violence', 'labour_exploitation',
    'medical_treatment', 'medical_pregnancy', 'minor_age', 'foster_care', 'minor_assistance',
    'natural_disaster', 'civil_merit', 'eu_blue_card', 'work_special_categories',
    'intra_corporate_transfer', 'remote_work', 'investors', 'statelessness',
    'citizenship_pending', 'justice', 'religious', 'elective_residence', 'eu_citizen',
    'passport_only', 'none',
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
    # The new types have no older equivalent that is right in law: the document is kept,
    # its type becomes 'none' so that a desk worker looks at it again.
    op.execute(
        "UPDATE residence_document SET doc_type = 'none' WHERE doc_type NOT IN ({})".format(
            ", ".join(f"'{code}'" for code in OLD_CODES)
        )
    )
    _replace_check(OLD_CODES)
