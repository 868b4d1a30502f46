"""The desk's busiest lists read their own small indexes (issue 21). On SQLite a partial index
is used only when the query names its condition as written, and a unique index's `IS NULL`
looks like one row to the planner: two ways a query silently walks a whole table. Asked of
SQLite's planner (EXPLAIN QUERY PLAN); PostgreSQL chooses by the table's size, measured in
the benchmark instead."""

import pytest
from sqlalchemy import event

from desk.counter import queries as counter_queries
from desk.counter import search
from desk.extensions import db
from desk.teamwork import queries as team_queries

from .casework import build_world


def _plan(statement) -> str:
    """The plan of `statement` as the app runs it: the same SQL and bound parameters."""
    engine = db.engine
    if engine.dialect.name != "sqlite":
        pytest.skip("query plans are checked on SQLite; PostgreSQL's depend on the data's size "
                    "(docs/benchmarks.md)")

    seen = []

    def record(conn, cursor, sql, parameters, context, executemany):
        seen.append((sql, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        db.session.execute(statement).all()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    (sql, parameters), = seen
    cursor = db.session.connection().connection.cursor()
    rows = cursor.execute("EXPLAIN QUERY PLAN " + sql, parameters).fetchall()
    return "\n".join(str(row[-1]) for row in rows)


def test_team_queue_page_walks_the_open_queue_index_in_order(make):
    w = build_world(make)
    user, team = w.users["legal"], w.team("legal")
    ids = team_queries.team_queue(user, team, team_queries.QueueFilters()).limit(50)
    plan = _plan(ids)
    assert "ix_referral_open_queue" in plan, plan
    # Sorted by priority within a day as the index yields the days, not all sorted at once.
    assert "TEMP B-TREE FOR ORDER BY" not in plan, plan


def test_desk_declined_list_and_its_count_read_the_declined_index(make):
    w = build_world(make)
    user = w.users["desk"]
    for statement in (counter_queries.declined_page(user, 50),
                      counter_queries.declined_count(user, counter_queries.DECLINED_COUNT_CAP)):
        plan = _plan(statement)
        assert "ix_referral_declined_waiting" in plan, plan
        assert "appointment_id" not in plan, plan


def test_person_search_reads_each_word_once_from_the_covering_indexes(make):
    """A word and the words that sound like it are one range of the sound-key index (the word's
    own rows repeat once per typo variant), a word of three letters or more one more range as
    a prefix; the table itself is never read, nor an index whole."""
    w = build_world(make)
    words = ["fatima", "el", "amrani"]
    plan = _plan(search._candidate_query(w.users["desk"], words, [], typos=False))
    lookups = [line for line in plan.splitlines() if "person_name_token" in line]
    assert len(lookups) == len(words) + sum(len(word) >= 3 for word in words), plan
    assert all(line.startswith("SEARCH") and "COVERING INDEX" in line for line in lookups), plan
    assert sum("ix_person_name_token_key (key=? AND is_variant=?)" in line
               for line in lookups) == len(words), plan


def test_a_short_word_of_the_search_is_read_only_for_the_people_the_long_words_bring(make):
    """"el" sounds like a tenth of the register: its rows are looked up for the people that
    "fatima" and "amrani" match, from the covering key index, not grouped all together."""
    w = build_world(make)
    plan = _plan(search._candidate_query(w.users["desk"], ["fatima", "el", "amrani"], [],
                                         typos=False, anchored=True))
    lookups = [line for line in plan.splitlines() if "person_name_token" in line]
    assert len(lookups) == 5, plan  # two words, each by key and as a prefix; "el" by key
    assert all(line.startswith("SEARCH") and "COVERING INDEX" in line for line in lookups), plan
    assert "LIST SUBQUERY" in plan or "USING INDEX" in plan, plan
