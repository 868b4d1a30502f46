"""Tally changes held in the session until it commits, then written at once, in key order.

The flush hooks of both tallies (tally.py, figure_tally.py) count what a flush changed, but do
not write it: the differences wait in the session and are added to the tally rows just before
the commit, one upsert per tally, the access tally first and each in key order. A transaction
therefore takes its tally row locks last, all of them in one order and for the moment of its
commit: concurrent writers on PostgreSQL neither deadlock on the hot rows of a site (today's
counts, the open cases) nor queue behind each other for the rest of a transaction.

A savepoint rolled back drops what was counted inside it; a rollback drops everything.
Whoever reads a tally inside a transaction that changed data calls `write_pending` first.
"""

from collections import Counter
from collections.abc import Callable

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction, scoped_session

HELD = "tally_deltas"
# tally name -> add(connection, deltas), in the order they are written at commit.
_WRITERS: dict[str, Callable] = {}


def register(name: str, add: Callable) -> None:
    _WRITERS[name] = add


def hold(session: Session, name: str, deltas: Counter) -> None:
    """Keep `deltas` for tally `name` until the session commits (or rolls them back)."""
    if not any(deltas.values()):
        return
    if isinstance(session, scoped_session):
        session = session()
    transaction = session.get_nested_transaction() or session.get_transaction()
    session.info.setdefault(HELD, []).append((transaction, name, deltas))


def write_pending(session: Session) -> None:
    """Add what the session holds to the tally rows now (in its transaction)."""
    held = session.info.pop(HELD, None)
    if not held:
        return
    totals: dict[str, Counter] = {name: Counter() for name in _WRITERS}
    for _transaction, name, deltas in held:
        totals[name].update(deltas)
    connection = session.connection()
    for name, add in _WRITERS.items():
        if any(totals[name].values()):
            add(connection, totals[name])


def _before_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint released: what it counted stays held for the outer commit
    session.flush()  # the last flush's differences are held too
    write_pending(session)


def _within(transaction: SessionTransaction | None, ended: SessionTransaction) -> bool:
    while transaction is not None:
        if transaction is ended:
            return True
        transaction = transaction.parent
    return False


def _after_soft_rollback(session: Session, previous: SessionTransaction) -> None:
    held = session.info.get(HELD)
    if held:
        session.info[HELD] = [entry for entry in held if not _within(entry[0], previous)]


def keep_writes() -> None:
    """Register the hooks (once per process; they apply to every ORM session)."""
    if not event.contains(Session, "before_commit", _before_commit):
        event.listen(Session, "before_commit", _before_commit)
        event.listen(Session, "after_soft_rollback", _after_soft_rollback)
