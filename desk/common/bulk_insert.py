"""Many rows into one table inside the session's transaction: `COPY ... FROM STDIN` on
PostgreSQL (an imported register writes hundreds of thousands of name-index rows, and
psycopg spends more time building multi-row INSERTs than the server spends storing them),
one executemany elsewhere."""

from sqlalchemy import Table, insert

from ..extensions import db


def insert_rows(table: Table, rows: list[dict]) -> None:
    """Insert `rows` (dicts with the same keys, column names of `table`) in the session's
    transaction; nothing is returned, no ORM event runs."""
    if not rows:
        return
    connection = db.session.connection()
    if connection.dialect.name != "postgresql":
        connection.execute(insert(table), rows)
        return
    columns = list(rows[0])
    quote = connection.dialect.identifier_preparer.quote
    statement = (f"COPY {quote(table.name)} ({', '.join(quote(c) for c in columns)}) "
                 "FROM STDIN")
    with connection.connection.driver_connection.cursor() as cursor:
        with cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row([row[c] for c in columns])
