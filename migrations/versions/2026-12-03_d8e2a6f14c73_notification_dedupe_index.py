"""notification: an index on the dedupe key, for the scheduled jobs' look-up of who was told

Revision ID: d8e2a6f14c73
Revises: a9d4f0c2e8b5
Create Date: 2026-12-03 13:10:00

The hourly scans ask, for thousands of keys at a time, who holds a notification with that key.
The unique constraint (user_id, dedupe_key) starts with the user, so that look-up read every
notification of every recipient once per chunk of keys (190 s for the second scan of an hour
at 100,000 people on PostgreSQL). This index answers it by key.
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'd8e2a6f14c73'
down_revision = 'a9d4f0c2e8b5'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_notification_dedupe", "notification", ["dedupe_key", "user_id"])


def downgrade():
    op.drop_index("ix_notification_dedupe", table_name="notification")
