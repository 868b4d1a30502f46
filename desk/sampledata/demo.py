"""`flask desk seed-demo`: two sites, their teams, the demo accounts and a populated desk.

Running it again changes nothing: sites, teams and accounts are found before they are made,
and the people and their histories are written once, recorded by a `seed_demo` audit entry.
Nothing here commits; the command does, once.
"""

import random
from datetime import datetime

from flask import current_app
from sqlalchemy import func, select

from ..audit.services import audit
from ..auth.services import create_user, find_user_by_email
from ..common.clock import local_day, utcnow
from ..extensions import db
from ..models.audit import AuditLog
from ..models.sites import Site, Team
from ..models.users import REGION
from .demo_collector import Collector
from .demo_history import Histories, SiteStaff
from .demo_network import ensure_demo_referral, ensure_directory, ensure_partner
from .demo_people import build_person, shares_data
from .demo_procedures import ensure_procedures, renewal_due
from .names import SHOWCASE
from .summary import summarise
from .tax_codes import existing_identifiers
from .territories import ensure_territory
from .totp import enrol_demo_second_factor

DEMO_PASSWORD = "sportello-demo"
SEED = 2026
MARKER = "seed_demo"
BATCH = 50

SITES = (
    ("TO", "Torino — Spazio Comune", "TO", "Torino"),
    ("CN", "Cuneo — Sportello unico", "CN", "Cuneo"),
)
# What the prints say about each demo desk (invented addresses and numbers).
SITE_DETAILS = {
    "TO": ("Via Esempio 12, 10152 Torino", "011 000 1234", "lun–ven 9:00–13:00, mar e gio 14:30–17:30"),
    "CN": ("Corso Esempio 3, 12100 Cuneo", "0171 000 567", "lun, mer, ven 9:00–12:30"),
}
TEAM_NAMES = {"social": "Sociale", "legal": "Legale", "health": "Sanitaria",
              "mediation": "Mediazione"}


def _account(email, name, roles, sites, teams=(), locale="it", languages=("it",)):
    return {"email": email, "name": name, "roles": list(roles), "site_codes": list(sites),
            "team_kinds": list(teams), "locale": locale, "languages": list(languages)}


ACCOUNTS = (
    _account("operatore@demo.test", "Giulia Ferraris", ["desk"], ["TO"],
             languages=["it", "en", "fr"]),
    _account("mediatrice@demo.test", "Samira Haddad", ["team"], ["TO"], ["mediation"], "ar",
             ["ar", "fr", "it"]),
    _account("mediateur@demo.test", "Ousmane Sarr", ["team"], ["TO"], ["mediation"], "fr",
             ["fr", "wo", "it"]),
    _account("sociale@demo.test", "Chiara Bertolino", ["team"], ["TO"], ["social"]),
    _account("legale@demo.test", "Marco Gribaudo", ["team"], ["TO"], ["legal"],
             languages=["it", "en"]),
    _account("sanitario@demo.test", "Elena Rinaldi", ["team"], ["TO"], ["health"]),
    _account("supervisore@demo.test", "Paola Operti", ["supervisor"], ["TO", "CN"]),
    _account("admin@demo.test", "Davide Boero", ["admin"], ["TO", "CN"], locale="en",
             languages=["it", "en"]),
    _account("operatore.cuneo@demo.test", "Franco Giraudo", ["desk"], ["CN"]),
    _account("legale.cuneo@demo.test", "Silvia Dalmasso", ["team"], ["CN"], ["legal"]),
    # Cuneo has no health worker or mediator of its own: those referrals wait or are declined.
    _account("sociale.cuneo@demo.test", "Marta Giordano", ["team"], ["CN"], ["social"]),
    # An outside organisation: sees only the referrals sent to it (demo_network.py).
    _account("partner@demo.test", "Lucia Ferrero", ["partner"], []),
    # The regional coordinator: the needs observatory of the whole region, figures only.
    _account("coordinatrice@demo.test", "Anna Bellino", ["coordinator"], []),
)
# What each demo coordinator observes (User.observatory_scope).
OBSERVES = {"coordinatrice@demo.test": REGION}

# Rotating mix of stories, so that even a small demo shows every state.
PATTERN = (
    "active", "new", "closed", "active", "info", "active", "new", "reopened", "active",
    "closed", "active", "active", "active", "closed", "info", "active", "new", "active",
    "closed", "active",
)


def seed_demo(people: int = 200, now: datetime | None = None) -> dict:
    """Make sure the demo desk exists; return counts of what the database now holds.

    The people's stories end at `now` (naive UTC; default: the app's clock): the same `now`
    and number of people give the same desk."""
    _ensure_sites()
    users = _ensure_accounts()
    ensure_directory()
    ensure_partner(users)
    ensure_procedures(None, users, now or utcnow())
    created = 0
    if people > 0 and not already_seeded():
        created = _seed_people(people, users, now or utcnow())
        ensure_demo_referral(users)
        audit(MARKER, detail={"people": created})
        db.session.flush()
    return {"people_added": created, **summarise()}


def already_seeded() -> bool:
    return db.session.scalar(
        select(func.count()).select_from(AuditLog).where(AuditLog.action == MARKER)
    ) > 0


def _ensure_sites() -> dict[str, Site]:
    sites = {}
    for code, name, province, territory in SITES:
        site = db.session.scalar(select(Site).where(Site.code == code))
        if site is None:
            site = Site(code=code, name=name, province=province, territory=territory)
            db.session.add(site)
        ensure_territory(province, territory)
        if site.address is None and code in SITE_DETAILS:
            site.address, site.phone, site.opening_hours = SITE_DETAILS[code]
        present = {team.kind for team in site.teams}
        for kind, team_name in TEAM_NAMES.items():
            if kind not in present:
                site.teams.append(Team(kind=kind, name=team_name))
        sites[code] = site
    db.session.flush()
    return sites


def _ensure_accounts() -> dict:
    users = {}
    for spec in ACCOUNTS:
        user = find_user_by_email(spec["email"])
        if user is None:
            user = create_user(password=DEMO_PASSWORD, **spec)
        if spec["email"] in OBSERVES and user.observatory_scope is None:
            user.observatory_scope = OBSERVES[spec["email"]]
        users[spec["email"]] = user
    enrol_demo_second_factor(users.values())
    return users


def _staff(users) -> dict[str, SiteStaff]:
    """Who works where, read from the accounts themselves."""
    staff = {}
    for code, *_rest in SITES:
        site = db.session.scalar(select(Site).where(Site.code == code))
        at_site = [u for u in users.values() if site in u.sites]
        operator = next(u for u in at_site if u.roles == {"desk"})
        supervisor = next(u for u in at_site if "supervisor" in u.roles)
        workers = {t.kind: [u for u in at_site if t in u.teams] for t in site.teams}
        staff[code] = SiteStaff(site, operator, supervisor, {t.kind: t for t in site.teams},
                                workers, _mediators(workers.get("mediation", [])))
    return staff


def _mediators(members) -> dict:
    """Language -> mediator: each one's UI language first, then the others they speak."""
    mediators = {member.locale: member for member in members if member.locale != "it"}
    for member in members:
        for language in member.languages:
            if language != "it":
                mediators.setdefault(language, member)
    return mediators


def _seed_people(count: int, users, now: datetime) -> int:
    rng = random.Random(SEED)
    staff = _staff(users)
    collector = Collector()
    histories = Histories(rng, collector, staff, current_app.config["REFERRAL_DUE_DAYS"], now,
                          seed=SEED)
    today = local_day(now)
    book = existing_identifiers()
    batch = []
    for index in range(count):
        histories.for_person(index)
        rng = histories.rng
        if index < len(SHOWCASE):
            site_code = SHOWCASE[index][4]
        else:
            site_code = "TO" if rng.random() < 0.75 else "CN"
        scenario = PATTERN[index % len(PATTERN)]
        start = histories.start_for(scenario)
        person = build_person(rng, index, staff[site_code].site, staff[site_code].operator,
                              start, today, book)
        if index == 0:
            renewal_due(person, today)
        collector.add(person)
        batch.append(person)
        if not shares_data(person):
            scenario = "info"  # no routing without consent to share with the teams
        histories.tell(person, scenario, start)
        if len(batch) == BATCH:
            _write(collector, batch)
    _write(collector, batch)
    return count


def _write(collector: Collector, people: list) -> None:
    """Write the batch, then index the names of its people for search."""
    from ..counter.services import index_names

    collector.write()
    for person in people:
        index_names(person)
    db.session.flush()
    people.clear()
