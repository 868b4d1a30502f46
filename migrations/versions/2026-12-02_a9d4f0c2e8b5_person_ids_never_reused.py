"""person ids never reused: AUTOINCREMENT on SQLite, so a merged record's id stays its own

Revision ID: a9d4f0c2e8b5
Revises: c4a8e2f71d93
Create Date: 2026-12-02 18:00:00

A merge deletes the merged record and keeps its id in person_merge, leading to the survivor.
SQLite without AUTOINCREMENT gives the highest deleted id to the next new row, so a new
person could take an old link (and the audit rows written under that id). PostgreSQL's
sequence never gives an id twice: nothing to do there.
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'a9d4f0c2e8b5'
down_revision = 'c4a8e2f71d93'
branch_labels = None
depends_on = None


def _rebuild(autoincrement: bool) -> None:
    with op.batch_alter_table("person", recreate="always",
                              table_kwargs={"sqlite_autoincrement": autoincrement}):
        pass


def upgrade():
    if op.get_bind().dialect.name != "sqlite":
        return
    _rebuild(True)
    # The copy set the counter to the highest id left; an id already given to a merged
    # record (higher, if that record was the last registered) counts too.
    op.execute("DELETE FROM sqlite_sequence WHERE name = 'person'")
    op.execute("INSERT INTO sqlite_sequence (name, seq) SELECT 'person', max(seq) FROM ("
               " SELECT coalesce(max(id), 0) AS seq FROM person"
               " UNION ALL SELECT coalesce(max(merged_person_id), 0) FROM person_merge)")


def downgrade():
    if op.get_bind().dialect.name != "sqlite":
        return
    _rebuild(False)
