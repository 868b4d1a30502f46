"""audit hash chain: each audit row gets its place and an HMAC of the previous hash and its
content; audit_chain holds the head. Rows already written are counted as legacy rows (not
verifiable, but none can be added among them). On SQLite the batch copy of audit_log drops its
append-only triggers: they are created again here.

Revision ID: 8c13f293248a
Revises: bdc850e85b39
Create Date: 2026-12-01 23:38:56.812707

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '8c13f293248a'
down_revision = 'bdc850e85b39'
branch_labels = None
depends_on = None


SQLITE_TRIGGERS = [
    f"CREATE TRIGGER audit_log_no_{verb.lower()} BEFORE {verb} ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"
    for verb in ("UPDATE", "DELETE")
]


def _sqlite_triggers():
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    for statement in SQLITE_TRIGGERS:
        op.execute(statement)


def upgrade():
    op.create_table('audit_chain',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('last_hash', sa.String(length=64), nullable=False),
    sa.Column('legacy_rows', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_chain'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seq', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('row_hash', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_audit_log_seq'), ['seq'])
    _sqlite_triggers()
    op.execute("INSERT INTO audit_chain (id, seq, last_hash, legacy_rows) "
               "SELECT 1, 0, '', count(*) FROM audit_log")


def downgrade():
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_audit_log_seq'), type_='unique')
        batch_op.drop_column('row_hash')
        batch_op.drop_column('seq')
    _sqlite_triggers()
    op.drop_table('audit_chain')
