"""The dashboard's figure tally: open cases, residence documents to renew, open referrals per
team and worker with their ageing and overdue ones, declined referrals, appointments and
interpreter demand read from it are the figures counted from the raw rows, whatever changed
them: the services at work, edits, deletions, a merge of two records, bulk generation. A
change rolled back leaves no trace in it."""

import importlib.util
import threading
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from desk.common.clock import today
from desk.extensions import db
from desk.identity.merge_services import merge_people
from desk.models.cases import Case, Referral
from desk.models.people import ResidenceDocument
from desk.models.plan import Appointment
from desk.models.tally import FigureTally
from desk.supervision import flows, metrics, tally_writes
from desk.supervision.dashboard import dashboard_tables
from desk.supervision.figure_tally import contributions
from desk.supervision.scope import Scope
from desk.teamwork.appointment_services import record_attendance
from desk.teamwork.referral_services import accept_referral, decline_referral

from .conftest import PG_URL
from .test_supervision_data import appointment, days_ago, referral, scope_for

MIGRATION = next(Path(__file__).parents[1].glob("migrations/versions/*_6e3a9c1f7b24_*.py"))
REACHED_MIGRATION = next(Path(__file__).parents[1].glob("migrations/versions/*_4c2f8e1a9d57_*.py"))


def stored() -> Counter:
    tally_writes.write_pending(db.session)
    found = Counter()
    for row in db.session.scalars(select(FigureTally)):
        key = (row.figure, row.site_id, row.day, row.team_id, row.k1, row.k2)
        found[key + ("count",)] += row.count
        found[key + ("amount",)] += row.amount
    return found


def assert_tally_right():
    """Every count of the tally equals the one counted afresh from the raw rows."""
    counts = stored()
    assert +counts == +contributions(db.session.connection())
    assert min(counts.values(), default=0) >= 0


def figures(scope: Scope):
    teams, workers = metrics.caseload(scope)
    return {
        "cases": metrics.open_cases(scope),
        "permits": metrics.permit_renewals(scope),
        "teams": teams,
        "workers": sorted(workers, key=lambda w: (w["team_id"], w["assignee_id"] or 0)),
        "interpreters": flows.interpreter_demand(scope),
        "appointments": flows.appointment_outcomes(scope),
        "declined": sorted(flows.declined_referrals(scope), key=lambda r: (r[0] or "", r[1])),
        "reached": [metrics.reached_totals(scope, stage) for stage in ("accepted", "completed")],
    }


def assert_figures_as_raw(boss, monkeypatch):
    """The figures a whole-site viewer reads from the tally are those counted from the rows."""
    tallied = figures(scope_for(boss))
    with monkeypatch.context() as patch:
        patch.setattr(Scope, "sees_all_sites", property(lambda self: False))
        raw = figures(scope_for(boss))
    assert tallied == raw
    assert_tally_right()
    return tallied


@pytest.fixture
def world(make):
    site, other_site = make.site("TO"), make.site("CN")
    boss = make.user(email="boss@example.test", roles=("supervisor",), sites=("TO",))
    lawyer = make.user(email="legal@example.test", roles=("team",), sites=("TO",),
                       teams=("legal",))
    mediator = make.user(email="med@example.test", roles=("team",), sites=("TO",),
                         teams=("mediation",), languages=("ar",))
    amina = make.person(site=site)
    omar = make.person(site=site, given="Omar", family="Khan", nationality="PK")
    case = make.case(site=site, person=amina)
    other_case = make.case(site=site, person=omar)
    make.case(site=other_site, person=make.person(site=other_site, given="Ivan"))
    legal, mediation = make.team(site, "legal"), make.team(site, "mediation")
    refs = {
        "fresh": referral(make, case, "legal", created=1),
        "week": referral(make, case, "social", created=5, due_in=-1),
        "month": referral(make, other_case, "legal", created=20, status="accepted",
                          assignee=lawyer, accepted_after=2, due_in=-10),
        "old": referral(make, other_case, "health", created=60, due_in=-40),
        "declined": referral(make, case, "health", created=9, status="declined", declined=3,
                             reason="not_competent"),
    }
    documents = [
        ResidenceDocument(person_id=amina.id, doc_type="work_employed",
                          expiry_date=today() - timedelta(days=30)),
        ResidenceDocument(person_id=omar.id, doc_type="work_employed",
                          expiry_date=today() + timedelta(days=20)),
        ResidenceDocument(person_id=omar.id, doc_type="passport_only",
                          expiry_date=today() - timedelta(days=400)),
        ResidenceDocument(person_id=omar.id, doc_type="passport_only",
                          expiry_date=today() + timedelta(days=900)),
    ]
    db.session.add_all(documents)
    db.session.commit()
    visits = [appointment(case, legal, at=days_ago(2), outcome="attended"),
              appointment(other_case, mediation, at=days_ago(4), minutes=90, interpreter="ar"),
              appointment(case, legal, at=days_ago(1), interpreter="ur", minutes=45),
              appointment(case, legal, at=days_ago(200), outcome="no_show")]
    request = Referral(case_id=other_case.id, team_id=mediation.id, reason="interpreting",
                       due_date=today(), created_at=days_ago(5), appointment_id=visits[1].id)
    db.session.add(request)
    db.session.commit()
    return {"boss": boss, "lawyer": lawyer, "mediator": mediator, "amina": amina,
            "omar": omar, "case": case, "refs": refs, "documents": documents,
            "visits": visits, "request": request, "legal": legal, "site": site,
            "other_site": other_site}


def test_the_figures_read_from_the_tally_are_those_of_the_rows(world, monkeypatch):
    shown = assert_figures_as_raw(world["boss"], monkeypatch)
    site = world["site"].id
    assert shown["permits"] == [(site, 1, 1)]
    assert sum(n for _s, _status, n in shown["cases"]) == 2
    assert sum(t["open"] for t in shown["teams"]) == 5
    assert sum(t["overdue"] for t in shown["teams"]) == 3
    assert sum(t["age_31+"] for t in shown["teams"]) == 1
    assert shown["declined"] == [("not_competent", 1)]
    assert shown["reached"] == [[(world["legal"].id, 1, 2 * 1440)], []]  # "month": in 2 days
    ar = next(row for row in shown["interpreters"] if row["language"] == "ar")
    assert (ar["appointments"], ar["hours"], ar["requested"], ar["mediators"]) == (1, 1.5, 1, 1)


def test_work_on_referrals_and_appointments_is_followed(world, monkeypatch):
    refs, lawyer = world["refs"], world["lawyer"]
    accept_referral(lawyer, refs["fresh"], lawyer, refs["fresh"].version)  # case starts work
    db.session.commit()
    assert_figures_as_raw(world["boss"], monkeypatch)
    decline_referral(world["mediator"], world["request"], "no_capacity", None,
                     world["request"].version)
    refs["old"].due_date = today() + timedelta(days=3)
    refs["week"].assignee_id = lawyer.id
    db.session.commit()
    assert_figures_as_raw(world["boss"], monkeypatch)
    record_attendance(lawyer, world["visits"][2], "no_show")
    db.session.commit()
    world["visits"][1].starts_at = days_ago(400)
    db.session.delete(world["visits"][3])
    db.session.commit()
    shown = assert_figures_as_raw(world["boss"], monkeypatch)
    assert [row["language"] for row in shown["interpreters"]] == ["ur"]
    assert sum(row["missed"] for row in shown["appointments"]) == 1


def test_documents_cases_and_people_moved_or_changed_are_followed(world, monkeypatch):
    amina, omar = world["amina"], world["omar"]
    db.session.add(ResidenceDocument(person=amina, doc_type="work_employed",
                                     expiry_date=today() + timedelta(days=700)))
    db.session.commit()
    shown = assert_figures_as_raw(world["boss"], monkeypatch)
    assert shown["permits"] == [(world["site"].id, 0, 1)]  # Amina's permit was renewed
    world["documents"][1].expiry_date = today() - timedelta(days=1)
    db.session.delete(world["documents"][3])  # Omar's old passport counts again
    db.session.commit()
    shown = assert_figures_as_raw(world["boss"], monkeypatch)
    assert shown["permits"] == [(world["site"].id, 2, 0)]
    omar.site_id = world["other_site"].id
    world["case"].status = "closed"
    db.session.commit()
    shown = assert_figures_as_raw(world["boss"], monkeypatch)
    assert shown["permits"] == []
    assert sum(n for _s, _status, n in shown["cases"]) == 1


def test_a_merge_moves_the_documents_figures_with_the_rows(world, make, monkeypatch):
    twin = make.person(site=world["site"], given="Aminata")
    db.session.add(ResidenceDocument(person_id=twin.id, doc_type="work_employed",
                                     expiry_date=today() + timedelta(days=10)))
    db.session.commit()
    assert assert_figures_as_raw(world["boss"], monkeypatch)["permits"][0][1:] == (1, 2)
    merge_people(world["boss"], world["amina"], twin, {})
    db.session.commit()
    shown = assert_figures_as_raw(world["boss"], monkeypatch)
    assert shown["permits"][0][1:] == (0, 2)  # the twin's later permit replaces Amina's


def test_a_change_rolled_back_leaves_the_tally_as_it_was(world):
    before = stored()
    world["refs"]["fresh"].status = "completed"
    db.session.delete(world["documents"][0])
    db.session.add(Appointment(case_id=world["case"].id, team_id=world["legal"].id,
                               starts_at=days_ago(0), interpreter_language="ar"))
    db.session.flush()
    assert stored() != before
    db.session.rollback()
    assert stored() == before
    assert_tally_right()


def test_the_dashboard_page_reads_the_tally_for_a_whole_site_viewer(app, world, monkeypatch):
    """The tables shown, with their links, are the same whichever way they are counted."""
    def shown():
        return [(t.key, [[(c.value, c.href) for c in row] for row in t.rows])
                for t in dashboard_tables(scope_for(world["boss"]))]

    with app.test_request_context():
        tallied = shown()
        with monkeypatch.context() as patch:
            patch.setattr(Scope, "sees_all_sites", property(lambda self: False))
            raw = shown()
    assert tallied == raw
    assert sum(len(rows) for _key, rows in tallied) > 10


def test_generated_data_comes_with_its_figure_tally(runner, app):
    result = runner.invoke(args=["desk", "generate", "--people", "250", "--seed", "5",
                                 "--batch-size", "100"])
    assert result.exit_code == 0, result.output + repr(result.exception)
    assert {row.figure for row in db.session.scalars(select(FigureTally))} >= {
        "case", "permit", "caseload", "created", "due", "declined", "appointment"}
    assert_tally_right()


def _migration(path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    return migration


def test_the_migrations_backfill_what_the_app_counts(world):
    dialect = db.session.get_bind().dialect.name
    kept = stored()
    db.session.execute(delete(FigureTally))
    db.session.execute(text(_migration(MIGRATION).backfill_sql(dialect)))
    for statement in _migration(REACHED_MIGRATION).backfill_sql(dialect):
        db.session.execute(text(statement))
    assert stored() == kept
    assert_tally_right()


def test_a_savepoint_rolled_back_takes_only_its_own_counts_with_it(world):
    world["refs"]["fresh"].status = "completed"
    db.session.flush()
    with pytest.raises(RuntimeError), db.session.begin_nested():
        db.session.delete(world["documents"][0])
        db.session.flush()
        raise RuntimeError("the unique index said no")
    with db.session.begin_nested():  # a savepoint released keeps what it counted
        db.session.delete(world["documents"][1])
    db.session.commit()
    assert db.session.get(ResidenceDocument, world["documents"][0].id) is not None
    assert_tally_right()


@pytest.mark.skipif(not PG_URL, reason="row locks of concurrent writers: PostgreSQL (SQLite "
                    "takes one write lock at BEGIN)")
def test_writers_crossing_on_the_same_tally_rows_do_not_deadlock(app, make):
    """Two transactions open cases at two sites in opposite orders, one flush per case: the
    tally rows of the two sites are written at each commit, in one order, so neither waits
    for the other while holding what it needs (before, PostgreSQL killed one: deadlock)."""
    sites = [make.site("TO"), make.site("CN")]
    people = {(writer, index): make.person(site=site, given=f"Writer{writer}")
              for writer in (0, 1) for index, site in enumerate(sites)}
    db.session.commit()
    # Plain ids: the threads must not refresh the test's own session's objects.
    site_ids = [site.id for site in sites]
    person_ids = {key: person.id for key, person in people.items()}
    both_flushed_once = threading.Barrier(2, timeout=20)
    errors = []

    def open_cases(writer, order):
        try:
            with app.app_context(), Session(db.engine) as session:
                for n, index in enumerate(order):
                    session.add(Case(person_id=person_ids[writer, index], site_id=site_ids[index],
                                     status="open"))
                    session.flush()
                    if n == 0:
                        both_flushed_once.wait()
                session.commit()
        except Exception as error:  # noqa: BLE001 - what the other thread saw is the finding
            errors.append(error)

    threads = [threading.Thread(target=open_cases, args=(writer, order))
               for writer, order in enumerate(([0, 1], [1, 0]))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    db.session.rollback()
    assert_tally_right()
    assert db.session.scalar(select(FigureTally.count).where(
        FigureTally.figure == "case", FigureTally.site_id == site_ids[1],
        FigureTally.k1 == "open")) == 2
