"""Many rows into one table: `COPY ... FROM STDIN` on PostgreSQL (an imported register writes
hundreds of thousands of name-index rows, the generator millions of timeline events, and
psycopg spends more time building multi-row INSERTs than the server spends storing them),
one executemany elsewhere. Both apply the columns' Python defaults and bind conversions
(encrypted columns, JSON) as an INSERT would."""

from sqlalchemy import Table, insert
from sqlalchemy.engine import Connection

from ..extensions import db


def insert_rows(table: Table, rows: list[dict]) -> None:
    """Insert `rows` (dicts with the same keys, column names of `table`) in the session's
    transaction; nothing is returned, no ORM event runs."""
    copy_rows(db.session.connection(), table, rows)


def copy_rows(connection: Connection, table: Table, rows: list[dict]) -> None:
    """`insert_rows` on a Core connection (its transaction)."""
    if not rows:
        return
    if connection.dialect.name != "postgresql":
        connection.execute(insert(table), rows)
        return
    given = list(rows[0])
    defaults = [(column.name, column.default) for column in table.columns
                if column.name not in rows[0] and column.default is not None
                and (column.default.is_scalar or column.default.is_callable)]
    columns = given + [name for name, _ in defaults]
    processors = [table.c[name].type._cached_bind_processor(connection.dialect)
                  for name in columns]
    quote = connection.dialect.identifier_preparer.quote
    statement = (f"COPY {quote(table.name)} ({', '.join(quote(c) for c in columns)}) "
                 "FROM STDIN")
    with connection.connection.driver_connection.cursor() as cursor:
        with cursor.copy(statement) as copy:
            for row in rows:
                values = [row[name] for name in given]
                values += [default.arg if default.is_scalar else default.arg(None)
                           for _, default in defaults]
                copy.write_row([value if process is None else process(value)
                                for value, process in zip(values, processors, strict=True)])
