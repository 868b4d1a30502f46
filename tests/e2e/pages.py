"""The main screens, by endpoint, who looks at them, and the demo records they show."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from flask import url_for
from sqlalchemy import case, exists, func, select

from desk.extensions import db

OPERATOR = "operatore@demo.test"
LEGAL = "legale@demo.test"
MEDIATOR_AR = "mediatrice@demo.test"
SUPERVISOR = "supervisore@demo.test"
ADMIN = "admin@demo.test"


@dataclass(frozen=True)
class Screen:
    name: str
    user: str | None
    endpoint: str
    values: Callable[[], dict] | None = None  # url_for arguments, found in the demo data

    def __str__(self) -> str:
        return self.name


def demo_person() -> dict:
    """A person at the Torino desk with a name in the original script and an interpreter."""
    from desk.models.people import Person
    from desk.models.sites import Site

    person_id = db.session.scalar(
        select(Person.id).join(Site, Site.id == Person.site_id)
        .where(Site.code == "TO", Person.given_name_original.is_not(None),
               Person.interpreter_needed.is_(True))
        .order_by(Person.id).limit(1))
    return {"person_id": person_id}


def demo_case() -> dict:
    """An open Torino case referred to the legal team (whose member opens it), preferably
    still open with the legal and the mediation team, the richest in notes translated into
    Arabic (the page shows the shared history). The demo's stories advance with the clock
    (what is due by now has happened), so this ranks rather than requires the open referrals."""
    from desk.models.cases import Case, Referral
    from desk.models.history import Note, NoteTranslation
    from desk.models.sites import Site, Team

    def referral_to(kind, *states):
        condition = exists().where(Referral.case_id == Case.id, Referral.team_id == Team.id,
                                   Team.kind == kind)
        return condition.where(Referral.status.in_(states)) if states else condition

    def first(condition):
        return case((condition, 0), else_=1)

    arabic = (select(func.count(NoteTranslation.id)).join(Note)
              .where(Note.case_id == Case.id, NoteTranslation.language == "ar").scalar_subquery())
    notes = select(func.count(Note.id)).where(Note.case_id == Case.id).scalar_subquery()
    case_id = db.session.scalar(
        select(Case.id).join(Site, Site.id == Case.site_id)
        .where(Site.code == "TO", Case.status != "closed", referral_to("legal"))
        .order_by(first(referral_to("legal", "pending", "accepted")),
                  first(referral_to("mediation", "pending", "accepted")),
                  arabic.desc(), notes.desc(), Case.id).limit(1))
    return {"case_id": case_id}


MAIN_SCREENS = (
    Screen("sign-in", None, "auth.login"),
    Screen("desk-home", OPERATOR, "counter.desk_home"),
    Screen("people-search", OPERATOR, "counter.search"),
    Screen("register", OPERATOR, "counter.register"),
    Screen("intake", OPERATOR, "counter.intake", demo_person),
    Screen("team-queue", LEGAL, "teamwork.my_queue"),
    Screen("case", LEGAL, "cases.case_detail", demo_case),
    Screen("appointments", LEGAL, "teamwork.appointments"),
    Screen("supervision", SUPERVISOR, "supervision.dashboard"),
    Screen("permit-glossary", OPERATOR, "glossary.glossary"),
)


def has_screen(live_server, endpoint: str) -> bool:
    return endpoint in live_server.app.view_functions


def require_screen(live_server, *endpoints: str) -> None:
    missing = [e for e in endpoints if not has_screen(live_server, e)]
    if missing:
        pytest.fail(f"screen missing (endpoint renamed or removed?): {', '.join(missing)}")


def path_for(live_server, endpoint: str, **values) -> str:
    require_screen(live_server, endpoint)
    with live_server.app.test_request_context():
        return url_for(endpoint, **values)


def screen_path(live_server, screen: Screen) -> str:
    require_screen(live_server, screen.endpoint)
    with live_server.app.test_request_context():
        values = screen.values() if screen.values else {}
        db.session.remove()
        if None in values.values():
            pytest.fail(f"the demo data has no record for the {screen} screen")
        return url_for(screen.endpoint, **values)
