"""`flask desk generate`: synthetic people and their histories, inserted in bulk.

Rows are built in Python by desk/sampledata/synth.py and written with COPY on PostgreSQL and
SQLAlchemy Core executemany elsewhere (common/bulk_insert.py), one transaction per batch of
people. Ids of rows that others point to are reserved up front:
on SQLite from max(id) inside a BEGIN IMMEDIATE transaction (no other writer can interleave),
on PostgreSQL from the table's sequence (nextval), so the command is safe next to a live app.
"""

import random
import secrets
from collections.abc import Callable
from datetime import datetime
from functools import lru_cache

from flask import current_app
from sqlalchemy import func, select, text
from sqlalchemy.engine import Connection

from ..common.bulk_insert import copy_rows
from ..common.clock import utcnow
from ..extensions import db
from ..models.sites import Site, Team
from ..supervision.tally import rebuild_all as rebuild_tallies
from ..vocab.codes import TEAM_KINDS
from .casestory import SiteStaff
from .story import INTERPRETER_REQUESTS
from .synth import Storyteller
from .tax_codes import existing_identifiers
from .territories import ensure_territory

# Parents before children, so foreign keys hold inside each batch.
TABLE_ORDER = (
    "person", "person_name_token", "person_language", "consent", "residence_document",
    "case_file", "access", "access_need", "referral", "referral_need", "appointment",
    INTERPRETER_REQUESTS, "note", "note_translation", "care_plan_goal", "case_conference", "case_conference_team",
    "timeline_event",
)
ID_TABLES = ("person", "case_file", "access", "referral", "appointment", "note", "case_conference")
DEFAULT_SITES = {
    "TO": ("Torino — Spazio Comune", "TO", "Città metropolitana di Torino"),
    "CN": ("Cuneo — Sportello unico", "CN", "Provincia di Cuneo"),
}
STAFF_DOMAIN = "generated.test"
# Nobody speaks Urdu: the generated story's unmet interpreter demand (sampledata/story.py).
MEDIATOR_LANGUAGES = (["ar", "fr"], ["uk", "ru"], ["bn", "en"], ["zh", "en"])


def staff_email(role: str, number: int, site_code: str) -> str:
    """The generated accounts: desk1.to@generated.test, legal2.to@..., supervisor1.cn@..."""
    return f"{role}{number}.{site_code.lower()}@{STAFF_DOMAIN}"


def ensure_sites(codes: list[str]) -> list[Site]:
    sites = []
    for code in codes:
        site = db.session.scalar(select(Site).where(Site.code == code))
        if site is None:
            name, province, territory = DEFAULT_SITES.get(code, (f"Sportello {code}", code[:2],
                                                                 f"Territorio {code}"))
            site = Site(code=code, name=name, province=province, territory=territory)
            db.session.add(site)
            ensure_territory(province, territory)
        present = {team.kind for team in site.teams}
        for kind in TEAM_KINDS:
            if kind not in present:
                site.teams.append(Team(kind=kind, name=f"{kind.capitalize()} {code}"))
        db.session.flush()
        sites.append(site)
    return sites


def ensure_staff(site: Site, password: str, per_team: int = 4) -> SiteStaff:
    """The generated accounts of one site (created once, reused on later runs)."""
    from ..auth.services import create_user, find_user_by_email

    def account(role, number, roles, teams=(), languages=()):
        email = staff_email(role, number, site.code)
        user = find_user_by_email(email)
        if user is None:
            user = create_user(email=email, name=f"{role.capitalize()} {number} {site.code}",
                               password=password, roles=roles, site_codes=[site.code],
                               team_kinds=list(teams), locale="it", languages=list(languages))
        return user

    operators = [account("desk", n, ["desk"]).id for n in range(1, per_team + 1)]
    supervisor = account("supervisor", 1, ["supervisor"]).id
    members, languages = {}, {}
    for kind in TEAM_KINDS:
        members[kind] = []
        for n in range(1, per_team + 1):
            spoken = MEDIATOR_LANGUAGES[(n - 1) % 4] if kind == "mediation" else ()
            user_id = account(kind, n, ["team"], [kind], spoken).id
            members[kind].append(user_id)
            languages[user_id] = list(spoken)
    team_ids = {team.kind: team.id for team in site.teams}
    return SiteStaff(site.id, operators, supervisor, team_ids, members, languages,
                     site.province)


class IdReserver:
    """Hands out primary keys for one table within one transaction."""

    def __init__(self, conn: Connection, table: str, block: int = 5000):
        self.conn, self.table, self.block = conn, table, block
        self.postgres = conn.dialect.name == "postgresql"
        self.buffer: list[int] = []
        if not self.postgres:
            column = db.metadata.tables[table].c.id
            highest = conn.scalar(select(func.max(column))) or 0
            # An AUTOINCREMENT table (person) never gives an id again, not even a deleted one.
            if conn.scalar(text("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'")):
                given = conn.scalar(text("SELECT seq FROM sqlite_sequence WHERE name = :t"),
                                    {"t": table})
                highest = max(highest, given or 0)
            self.next_id = highest + 1

    def __call__(self) -> int:
        if not self.postgres:
            self.next_id += 1
            return self.next_id - 1
        if not self.buffer:
            self.buffer = list(reversed(self.conn.scalars(
                text("SELECT nextval(pg_get_serial_sequence(:t, 'id')) "
                     "FROM generate_series(1, :n)"), {"t": self.table, "n": self.block}).all()))
        return self.buffer.pop()


@lru_cache(maxsize=50_000)
def _token_keys(word: str) -> tuple[tuple[str, bool], ...]:
    from ..counter.search_keys import phonetic, search_keys

    exact = phonetic(word)
    return tuple((key[:120], key != exact) for key in sorted(search_keys(word)))


def name_token_rows(person_row: dict) -> list[dict]:
    """Rows of the name search index, as desk/counter/services.index_names builds them."""
    rows = {}
    for word in person_row["name_key"].split():
        for key, variant in _token_keys(word):
            rows[(word[:120], key)] = variant
    return [{"person_id": person_row["id"], "token": token, "key": key, "is_variant": variant}
            for (token, key), variant in rows.items()]


def generate(people: int, seed: int, site_codes: list[str] | None = None,
             staff_password: str | None = None, batch_size: int = 5000,
             progress: Callable[[int], None] | None = None,
             now: datetime | None = None) -> dict[str, int]:
    """Insert `people` synthetic people with their cases, their history up to `now` (the
    app's clock by default); returns rows written per table."""
    rng = random.Random(seed)
    existing = db.session.scalars(select(Site.code).order_by(Site.id)).all()
    sites = ensure_sites(site_codes or existing or list(DEFAULT_SITES))
    password = staff_password or secrets.token_urlsafe(24)
    staff = [ensure_staff(site, password) for site in sites]
    db.session.commit()
    # The first site is the big city desk; the others share the rest.
    weights = [3.0] + [1.0] * (len(staff) - 1)
    due_days = current_app.config["REFERRAL_DUE_DAYS"]
    table_of = {name: "referral" if name == INTERPRETER_REQUESTS else name for name in TABLE_ORDER}
    tables = {name: db.metadata.tables[table_of[name]] for name in TABLE_ORDER
              if table_of[name] in db.metadata.tables}
    totals: dict[str, int] = dict.fromkeys(tables, 0)
    now = now or utcnow()
    book = existing_identifiers()
    # End the session's read (on SQLite outside a request it holds the write lock): the batches
    # write on connections of their own.
    db.session.commit()
    done = 0
    while done < people:
        size = min(batch_size, people - done)
        with db.engine.begin() as conn:
            ids = {name: IdReserver(conn, name) for name in ID_TABLES}
            teller = Storyteller(rng, now, ids, due_days, book)
            for index in range(done, done + size):
                teller.person(index, rng.choices(staff, weights)[0])
            if "person_name_token" in tables:
                teller.rows["person_name_token"] = [
                    row for person in teller.rows["person"] for row in name_token_rows(person)]
            for name, table in tables.items():
                rows = teller.rows.get(name)
                if rows:
                    copy_rows(conn, table, rows)
                    totals[name] += len(rows)
        done += size
        if progress:
            progress(size)
    with db.engine.begin() as conn:
        # The bulk inserts bypass the session that keeps the dashboard's tallies.
        rebuild_tallies(conn)
    return totals
