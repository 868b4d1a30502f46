"""The requests the benchmark times, each as a small browser flow whose last request is the
one measured (the form GET before a POST is not timed)."""

import random
from dataclasses import dataclass, field
from urllib.parse import quote_plus

from desk.sampledata.generate import staff_email

from .harness import Browser, Response
from .prepare import COORDINATOR_EMAIL, STAFF_PASSWORD, SUPERVISOR_TOTP_SECRET, TOTP_ROLES

SEARCHES = ("mohamed", "muhammad haddad", "Олена", "wang li", "gurprit singh", "diallo 1990",
            "kovalenko", "fatima el amrani", "نور", "tesfamariam", "popescu ioana", "hossain")

COMMON_NAMES = ("kovalenko", "mohamed", "diallo", "singh")


@dataclass
class Context:
    heavy_cases: list[int]
    free_people: list[int]
    rng: random.Random
    heavy_events: int = 0
    emails: dict = field(default_factory=lambda: {
        "desk": staff_email("desk", 1, "TO"), "team": staff_email("legal", 1, "TO"),
        "supervisor": staff_email("supervisor", 1, "TO"),
        "coordinator": COORDINATOR_EMAIL})


@dataclass
class Flow:
    name: str
    role: str
    steps: object  # callable(browser, number, context) -> Response
    target_ms: float | None = None
    writes: bool = False
    ok: tuple = (200,)
    clients: int | None = None  # default: the run's --clients
    requests: int = 150
    # `--scale`: the most its p50 may grow from the smaller database to the larger (issue 21).
    scale_bound: float | None = None
    # A bound on the median instead of the 95th percentile (the signed-in floor, issue 21).
    target_p50_ms: float | None = None

    def run(self, browser: Browser, number: int, context: Context) -> Response:
        return self.steps(browser, number, context)


def _search(b, n, c):
    return b.get("/people/search?q=" + quote_plus(SEARCHES[n % len(SEARCHES)]))


def _case_page(b, n, c):
    case_id = c.heavy_cases[n % len(c.heavy_cases)] if c.heavy_cases else 1
    return b.get(f"/cases/{case_id}")


def _register(b, n, c):
    family = "Bench" + "".join(c.rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(8))
    page = b.get(f"/people/new?q=Amina+{family}")
    if page.status != 200:
        return page
    return b.submit(page, {"given_name": "Amina", "family_name": family, "birth": "1991",
                           "privacy_notice_given": "y", "share_consent": "y",
                           "register_anyway": "y", "notice_language": "it"},
                    has_field="given_name")


def _intake(b, n, c):
    # The last free person is kept for capturing the SQL (nothing is committed then).
    people = c.free_people[:-1] or c.free_people
    person_id = c.free_people[-1] if n == -1 else people[n % len(people)]
    page = b.get(f"/people/{person_id}/intake")
    if page.status != 200:
        return page
    kind = ("legal", "social", "health", "mediation")[n % 4]
    return b.submit(page, {"needs": ["documents", "housing"], "teams": [kind]},
                    has_field="needs")


SUPERVISOR_FLOWS = [
    Flow("dashboard", "supervisor", lambda b, n, c: b.get("/supervision/"), 250,
         scale_bound=1.3),
    # The needs observatory (issue 19: under 300 ms p95): the region, a territory, the report
    # (HTML and PDF).
    Flow("observatory: region", "coordinator", lambda b, n, c: b.get("/observatory/region"),
         300),
    Flow("observatory: territory", "coordinator", lambda b, n, c: b.get("/observatory/CN"),
         300),
    Flow("observatory: meeting report", "coordinator",
         lambda b, n, c: b.get("/observatory/region/report?lang=it"), 300),
    # A document of a dozen pages laid out by ReportLab, downloaded a few times a quarter.
    Flow("observatory: meeting report (PDF)", "coordinator",
         lambda b, n, c: b.get("/observatory/region/report.pdf?lang=it"), 1000),
]
# Last, one client, a few requests: a whole-period export of a big desk takes long.
EXPORT_FLOWS = [
    Flow("CSV export (referrals, default period)", "supervisor",
         lambda b, n, c: b.get("/supervision/referrals.csv"), clients=1, requests=3),
]
FLOWS = [
    # The fixed cost of a signed-in page: session and user, locale, base template (issue 21).
    Flow("signed-in floor (/auth/me)", "desk", lambda b, n, c: b.get("/auth/me"),
         target_p50_ms=4),
    Flow("person search", "desk", _search, 30),
    # A surname thousands share: the candidate set must be bounded by the index, not the data.
    Flow("person search: common name", "desk", lambda b, n, c: b.get(
        "/people/search?q=" + quote_plus(COMMON_NAMES[n % len(COMMON_NAMES)])), 30,
        scale_bound=1.1),
    Flow("desk home", "desk", lambda b, n, c: b.get("/people/desk")),
    Flow("register person (POST)", "desk", _register, None, True, (302, 303)),
    # Issue 21: 40 ms with everything it writes (issue 17 had 60 before the notifications).
    Flow("intake: access + routing (POST)", "desk", _intake, 40, True, (302, 303)),
    Flow("team queue", "team", lambda b, n, c: b.get("/teams/legal/queue"), 40),
    Flow("case page (200 events)", "desk", _case_page, 50),
]


def login_all(port: int, context: Context) -> dict[str, dict]:
    """Sign each role in once; the clients of a role share its session cookie."""
    cookies = {}
    for role, email in context.emails.items():
        browser = Browser(port)
        browser.login(email, STAFF_PASSWORD,
                      SUPERVISOR_TOTP_SECRET if role in TOTP_ROLES else None)
        cookies[role] = dict(browser.cookies)
        browser.close()
    return cookies
