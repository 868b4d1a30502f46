"""A small world for the case and team tests: one user per demo role, a case referred to legal
and mediation at Torino, and a supervisor of Cuneo as the user of another site."""

from dataclasses import dataclass, field
from datetime import timedelta

from desk.common import clock as timeutil
from desk.common.clock import utcnow
from desk.extensions import db
from desk.models.cases import Referral

ROLES = ("desk", "mediator", "social", "legal", "health", "supervisor", "admin", "other",
         "partner", "coordinator")

USERS = {
    "desk": dict(roles=("desk",)),
    "mediator": dict(roles=("team",), teams=("mediation",), locale="ar", languages=("ar", "fr")),
    "social": dict(roles=("team",), teams=("social",)),
    "legal": dict(roles=("team",), teams=("legal",)),
    "legal2": dict(roles=("team",), teams=("legal",)),
    "health": dict(roles=("team",), teams=("health",)),
    "supervisor": dict(roles=("supervisor",)),
    "admin": dict(roles=("admin",), locale="en"),
    "other": dict(roles=("supervisor",), sites=("CN",)),
    # An outside organisation's account: no site, no case content (tests/network_world.py
    # gives it an organisation and referrals).
    "partner": dict(roles=("partner",), sites=()),
    # The regional coordinator of the needs observatory: no site, figures only.
    "coordinator": dict(roles=("coordinator",), sites=()),
}


@dataclass
class World:
    users: dict
    site: object
    case: object
    ids: dict = field(default_factory=dict)

    def email(self, role: str) -> str:
        return f"{role}@example.test"

    def team(self, kind: str):
        return next(t for t in self.site.teams if t.kind == kind)


def add_referral(case, team, status="pending", assignee=None, due_in=10, priority="normal"):
    referral = Referral(case_id=case.id, team_id=team.id, reason="documents", priority=priority,
                        status=status, due_date=timeutil.today() + timedelta(days=due_in),
                        assignee_id=assignee.id if assignee else None, created_at=utcnow(),
                        accepted_at=utcnow() if status == "accepted" else None)
    db.session.add(referral)
    db.session.commit()
    return referral


def build_world(make, referrals=("legal", "mediation"), **person) -> World:
    site = make.site("TO")
    make.site("CN")
    users = {}
    for role, options in USERS.items():
        users[role] = make.user(email=f"{role}@example.test", **{"sites": ("TO",), **options})
    person = make.person(site=site, given="Yusuf", family="Haddad",
                         original=("يوسف", "حداد"), nationality="SY", languages=("ar", "fr"),
                         **person)
    case = make.case(site=site, person=person, referrals=list(referrals))
    case.manager_id = users["desk"].id
    users["coordinator"].observatory_scope = "region"
    db.session.commit()
    return World(users=users, site=site, case=case)


def referral_of(case, kind):
    return next(r for r in case.referrals if r.team.kind == kind)


def tr(msgid: str, locale: str = "it", **values) -> str:
    """A message as a reader with `locale` sees it in a page (factory users read Italian)."""
    from flask import current_app
    from flask_babel import force_locale, gettext
    from markupsafe import escape

    with current_app.test_request_context(), force_locale(locale):
        return str(escape(gettext(msgid, **values)))


def lbl(vocabulary: dict, code: str, locale: str = "it") -> str:
    """A vocabulary label in the reader's locale, as it appears in a page."""
    from flask import current_app
    from flask_babel import force_locale
    from markupsafe import escape

    from desk.vocab.codes import label

    with current_app.test_request_context(), force_locale(locale):
        return str(escape(label(vocabulary, code)))
