"""Fresh statistics for the query planner.

Both engines choose between indexes by what they know of the tables. After a bulk load
(`flask desk generate`, a restore) or an upgrade that adds indexes, that knowledge is missing
or stale and a query may take the slow path (on 100,000 people: the desk's declined-referral
list read every case of the site instead of the small partial index). `flask desk optimize`
refreshes it; run it after an upgrade and, on a busy desk, weekly.
"""

import time

from sqlalchemy.engine import Engine


def refresh_statistics(engine: Engine) -> float:
    """ANALYZE (SQLite), VACUUM (ANALYZE) on PostgreSQL (which also lets index-only scans
    skip the table). Returns the seconds it took."""
    started = time.monotonic()
    if engine.dialect.name == "postgresql":
        # VACUUM cannot run inside a transaction block.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM (ANALYZE)")
    else:
        # SQLite: this app's connections open their transactions themselves
        # (common.transactions.configure_sqlite), so the statistics are committed like any write.
        with engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE")
    return time.monotonic() - started
