"""Build domain objects in a line: make.case(site=torino, referrals=["legal"])."""

from datetime import timedelta

from desk.auth.services import create_user
from desk.common import clock as timeutil
from desk.common.clock import utcnow
from desk.counter.search_keys import name_key
from desk.counter.services import index_names
from desk.extensions import db
from desk.models.cases import Case, Referral
from desk.models.people import Consent, Person, PersonLanguage
from desk.models.sites import Site, Team, Territory
from desk.vocab.codes import TEAM_KINDS

DEFAULT_PASSWORD = "correct horse battery"


class Factories:
    def site(self, code="TO", name=None, province=None) -> Site:
        existing = db.session.query(Site).filter_by(code=code).one_or_none()
        if existing:
            return existing
        site = Site(
            code=code,
            name=name or f"Site {code}",
            province=province or code[:2],
            territory=name or f"Territory {code}",
        )
        site.teams = [Team(kind=kind, name=f"{kind} {code}") for kind in TEAM_KINDS]
        db.session.add(site)
        if not db.session.query(Territory).filter_by(code=site.province).count():
            db.session.add(Territory(code=site.province, name=site.territory))
        db.session.commit()
        return site

    def team(self, site: Site, kind: str) -> Team:
        return next(t for t in site.teams if t.kind == kind)

    def user(self, email=None, roles=("desk",), sites=("TO",), teams=(), locale="it",
             languages=(), password=DEFAULT_PASSWORD, active=True):
        for code in sites:
            self.site(code)
        self._n = getattr(self, "_n", 0) + 1
        user = create_user(
            email=email or f"user{self._n}@example.test",
            name=f"User {self._n}",
            password=password,
            roles=list(roles),
            site_codes=list(sites),
            team_kinds=list(teams),
            locale=locale,
            languages=list(languages),
        )
        user.active = active
        db.session.commit()
        return user

    def person(self, site: Site | None = None, given="Amina", family="Diallo", original=None,
               birth_year=1990, nationality="SN", languages=("fr",), consent=True, **extra):
        site = site or self.site()
        person = Person(
            site_id=site.id,
            given_name=given,
            family_name=family,
            given_name_original=(original or (None, None))[0],
            family_name_original=(original or (None, None))[1],
            birth_year=birth_year,
            nationality=nationality,
            preferred_language=languages[0] if languages else None,
            language_rows=[PersonLanguage(language=code) for code in languages],
            **extra,
        )
        person.name_key = name_key(given, family, *(original or ()))
        db.session.add(person)
        db.session.flush()
        index_names(person)
        if consent:
            for purpose in ("privacy_notice", "share_with_services"):
                db.session.add(Consent(person_id=person.id, purpose=purpose,
                                       language=person.preferred_language or "it"))
        db.session.commit()
        return person

    def case(self, site: Site | None = None, person: Person | None = None, referrals=(),
             status="open", priority="normal", referral_status="pending"):
        site = site or self.site()
        person = person or self.person(site=site)
        case = Case(person_id=person.id, site_id=site.id, status=status)
        db.session.add(case)
        db.session.flush()
        for kind in referrals:
            db.session.add(Referral(
                case_id=case.id,
                team_id=self.team(site, kind).id,
                reason="assessment",
                priority=priority,
                status=referral_status,
                due_date=timeutil.today() + timedelta(days=10),
                created_at=utcnow(),
            ))
        db.session.commit()
        return case
