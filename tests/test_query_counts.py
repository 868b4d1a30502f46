"""No N+1: the number of SQL statements of the busy pages does not grow with their rows.

Each page is requested with 3 rows and again with 30 (each row with its own person, worker,
note, translation, appointment...), and the statements are counted with a
before_cursor_execute listener on the engine.
"""

from datetime import datetime, timedelta

import pytest

from desk.common import clock as timeutil
from desk.common.clock import utcnow
from desk.extensions import db
from desk.models.cases import Access, AccessNeed, Case, Referral
from desk.models.history import Note, NoteTranslation, TimelineEvent
from desk.models.plan import Appointment

from .conftest import recorded_statements

SMALL, LARGE = 3, 30
TEAM = "legal"


@pytest.fixture
def count_queries(app, client):
    """count_queries(url) -> (number of SQL statements, response) of one GET."""

    def run(url: str):
        client.get(url)  # warm caches (login session touch, translations) before counting
        with recorded_statements() as statements:
            response = client.get(url)
        return len(statements), response

    return run


class Rows:
    """Adds rows, each with its own related objects, the way real data varies."""

    def __init__(self, make):
        self.make = make
        self.site = make.site("TO")
        self.team = make.team(self.site, TEAM)
        self.mediation = make.team(self.site, "mediation")
        self.count = 0
        self.rounds = 0

    def worker(self):
        self.count += 1
        return self.make.user(email=f"worker{self.count}@example.test", roles=("team",),
                              teams=(TEAM,))

    def pending_referrals(self, n: int) -> None:
        for i in range(n):
            person = self.make.person(site=self.site, given=f"Queue{self.count}x{i}",
                                      family="Person")
            case = Case(person_id=person.id, site_id=self.site.id, status="open",
                        manager_id=self.worker().id)
            db.session.add(case)
            db.session.flush()
            referral = Referral(case_id=case.id, team_id=self.team.id, reason="documents",
                                priority=("urgent", "normal", "low")[i % 3],
                                due_date=timeutil.today() + timedelta(days=i % 15 - 5),
                                created_at=utcnow(), created_by_id=self.worker().id)
            db.session.add(referral)
            db.session.add(Access(person_id=person.id, site_id=self.site.id, case_id=case.id,
                                  channel="walk_in", outcome="routed",
                                  need_rows=[AccessNeed(need="documents")]))
            db.session.flush()
            db.session.add(TimelineEvent(case_id=case.id, kind="referral_made",
                                         team_id=self.team.id,
                                         payload={"referral_id": referral.id, "team": TEAM}))
        db.session.commit()

    def history(self, case: Case, n: int) -> None:
        """n rounds of: a referral accepted by a new worker, a translated note, an
        appointment attended, each with its timeline events."""
        for i in range(self.rounds, self.rounds + n):
            worker = self.worker()
            at = datetime(2026, 1, 1) + timedelta(hours=i)
            referral = Referral(case_id=case.id, team_id=self.team.id, reason="documents",
                                status="accepted", due_date=timeutil.today(), created_at=at,
                                accepted_at=at, assignee_id=worker.id)
            note = Note(case_id=case.id, author_id=worker.id, team_id=self.team.id,
                        language="fr", body=f"Note {i}", created_at=at)
            db.session.add_all([referral, note])
            db.session.flush()
            db.session.add(NoteTranslation(note_id=note.id, language="it", body=f"Nota {i}",
                                           translator_id=worker.id, created_at=at))
            appointment = Appointment(case_id=case.id, team_id=self.team.id,
                                      referral_id=referral.id, starts_at=at, outcome="attended",
                                      created_by_id=worker.id)
            db.session.add(appointment)
            db.session.flush()
            for kind, payload in (
                ("referral_accepted", {"referral_id": referral.id, "assignee_id": worker.id}),
                ("note", {"note_id": note.id}),
                ("note_translated", {"note_id": note.id, "language": "it"}),
                ("appointment_booked", {"appointment_id": appointment.id}),
                ("appointment_attended", {"appointment_id": appointment.id}),
            ):
                db.session.add(TimelineEvent(case_id=case.id, kind=kind, actor_id=worker.id,
                                             team_id=self.team.id, occurred_at=at,
                                             payload=payload))
        self.rounds += n
        db.session.commit()


def _assert_flat(small: int, large: int, page: str) -> None:
    assert large <= small, f"{page}: {small} statements with {SMALL} rows, {large} with {LARGE}"


def test_team_queue_queries_do_not_grow_with_referrals(app, make, auth, count_queries):
    rows = Rows(make)
    make.user(email="reader@example.test", roles=("team",), teams=(TEAM,))
    rows.pending_referrals(SMALL)
    auth.login("reader@example.test")
    small, response = count_queries(f"/teams/{TEAM}/queue")
    assert response.status_code == 200
    rows.pending_referrals(LARGE - SMALL)
    large, response = count_queries(f"/teams/{TEAM}/queue")
    assert response.status_code == 200
    _assert_flat(small, large, "team queue")


def test_case_page_queries_do_not_grow_with_history(app, make, auth, count_queries):
    rows = Rows(make)
    make.user(email="reader@example.test", roles=("team",), teams=(TEAM,))
    case = make.case(site=rows.site, referrals=[TEAM])
    rows.history(case, SMALL)
    auth.login("reader@example.test")
    small, response = count_queries(f"/cases/{case.id}")
    assert response.status_code == 200
    rows.history(case, LARGE - SMALL)
    large, response = count_queries(f"/cases/{case.id}")
    assert response.status_code == 200
    assert f"Note {LARGE - 1}".encode() in response.data  # the newest rows are shown
    _assert_flat(small, large, "case page")


def test_dashboard_queries_do_not_grow_with_cases(app, make, auth, count_queries):
    rows = Rows(make)
    make.user(email="boss@example.test", roles=("supervisor",), sites=("TO",))
    rows.pending_referrals(SMALL)
    rows.history(make.case(site=rows.site), SMALL)
    auth.login("boss@example.test")
    small, response = count_queries("/supervision/")
    assert response.status_code == 200
    rows.pending_referrals(LARGE - SMALL)
    rows.history(make.case(site=rows.site), LARGE - SMALL)
    large, response = count_queries("/supervision/")
    assert response.status_code == 200
    _assert_flat(small, large, "dashboard")
