"""Soak: concurrent browser-like clients doing the counter flow and team work through a real
gunicorn server, then checks that every acknowledged write is in the database exactly once.

Desk clients: search, register a person (ticking consent), record an access routed to one
team, and now and then submit the same intake form twice (the form token must make the
second one harmless). Team clients, one per team so they never compete for a referral:
open the queue, accept the most urgent pending referral, write a note on a case.
"""

import random
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

from .harness import Browser, Response

TEAM_KINDS = ("social", "legal", "health", "mediation")
LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass
class SoakResult:
    done: Counter = field(default_factory=Counter)
    statuses: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)

    def merge(self, other: "SoakResult") -> None:
        self.done.update(other.done)
        self.statuses.update(other.statuses)
        self.failures.extend(other.failures)
        self.latencies.extend(other.latencies)

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)


class SoakClient(threading.Thread):
    def __init__(self, port, email, password, role, deadline, seed):
        super().__init__(daemon=True)
        self.browser = Browser(port)
        self.email, self.password, self.role = email, password, role
        self.deadline, self.rng = deadline, random.Random(seed)
        self.result = SoakResult()

    def _check(self, response: Response, expected: tuple, what: str) -> bool:
        self.result.statuses[response.status] += 1
        self.result.latencies.append(response.seconds)
        if response.status not in expected:
            self.result.failures.append(f"{self.email} {what}: {response.status} {response.url}")
            return False
        return True

    def run(self):
        try:
            self.browser.login(self.email, self.password)
            while time.monotonic() < self.deadline:
                if self.role == "desk":
                    self.counter_flow()
                else:
                    self.team_flow(self.role)
        except Exception as error:  # every failure is a finding
            self.result.failures.append(f"{self.email}: {type(error).__name__}: {error}")
        finally:
            self.browser.close()

    def counter_flow(self):
        b, rng = self.browser, self.rng
        family = "Soak" + "".join(rng.choice(LETTERS) for _ in range(8))
        self._check(b.get(f"/people/search?q={family[:6]}"), (200,), "search")
        page = b.get(f"/people/new?q=Amina+{family}")
        if not self._check(page, (200,), "register form"):
            return
        registered = b.submit(page, {
            "given_name": "Amina", "family_name": family, "birth": str(rng.randint(1960, 2005)),
            "privacy_notice_given": "y", "share_consent": "y", "register_anyway": "y",
            "notice_language": "it"}, has_field="given_name")
        if not self._check(registered, (302, 303), "register"):
            return
        self.result.done["people"] += 1
        intake_url = registered.location
        page = b.get(intake_url)
        if not self._check(page, (200,), "intake form"):
            return
        kind = rng.choice(TEAM_KINDS)
        fill = {"needs": ["documents"], "teams": [kind], f"reason_{kind}": "assessment"}
        saved = b.submit(page, fill, has_field="needs")
        if not self._check(saved, (302, 303), "intake"):
            return
        self.result.done["accesses"] += 1
        self.result.done[f"referrals_{kind}"] += 1
        if rng.random() < 0.2:  # a double click on "save"
            again = b.submit(page, fill, has_field="needs")
            if self._check(again, (302, 303), "intake resubmitted"):
                self.result.done["resubmissions"] += 1

    def team_flow(self, kind: str):
        b = self.browser
        queue = b.get(f"/teams/{kind}/queue")
        if not self._check(queue, (200,), "queue"):
            return
        referral_ids = [int(i) for i in re.findall(r"/referrals/(\d+)/accept", queue.text)]
        case_ids = [int(i) for i in re.findall(r"/cases/(\d+)", queue.text)]
        if referral_ids:
            accepted = b.submit(f"/referrals/{referral_ids[0]}/accept")
            if self._check(accepted, (302, 303), "accept"):
                self.result.done[f"accepted_{kind}"] += 1
        if case_ids and self.rng.random() < 0.5:
            case_id = self.rng.choice(case_ids)
            self._check(b.get(f"/cases/{case_id}"), (200,), "case page")
            noted = b.submit(f"/cases/{case_id}/notes",
                             {"body": f"Soak note {self.rng.randint(1, 10**9)}"},
                             has_field="body")
            if self._check(noted, (302, 303), "note"):
                self.result.done["notes"] += 1
        if not referral_ids:
            time.sleep(0.2)  # nothing to do: do not hammer the queue


def run_soak(port: int, password: str, seconds: float, clients: int = 8,
             site: str = "to") -> SoakResult:
    """Half desk operators, half team members (one per team kind)."""
    from desk.sampledata.generate import staff_email

    deadline = time.monotonic() + seconds
    threads = []
    for number in range(clients):
        if number % 2 == 0:
            role, email = "desk", staff_email("desk", number // 2 % 4 + 1, site.upper())
        else:
            role = TEAM_KINDS[number // 2 % 4]
            email = staff_email(role, number // 8 + 1, site.upper())
        threads.append(SoakClient(port, email, password, role, deadline, number))
    for thread in threads:
        thread.start()
    result = SoakResult()
    for thread in threads:
        thread.join(timeout=seconds + 120)
        result.merge(thread.result)
    return result


def verify(session, started, result: SoakResult) -> list[str]:
    """Compare what the clients were told was saved with what the database holds."""
    from sqlalchemy import func, select

    from desk.models.cases import Access, Case, Referral
    from desk.models.history import Note
    from desk.models.people import Person
    from desk.models.sites import Team

    def count(statement) -> int:
        return session.scalar(select(func.count()).select_from(statement.subquery()))

    done, problems = result.done, []
    soak_people = select(Person.id).where(Person.family_name.like("Soak%"),
                                          Person.created_at >= started)

    def expect(what, found, wanted):
        if found != wanted:
            problems.append(f"{what}: {found} in the database, {wanted} acknowledged")

    expect("people", count(soak_people), done["people"])
    expect("accesses", count(select(Access.id).where(Access.person_id.in_(soak_people))),
           done["accesses"])
    for kind in TEAM_KINDS:
        expect(f"referrals to {kind}", count(
            select(Referral.id).join(Case).join(Team)
            .where(Case.person_id.in_(soak_people), Team.kind == kind)),
            done[f"referrals_{kind}"])
        expect(f"accepted by {kind}", count(
            select(Referral.id).join(Team)
            .where(Referral.accepted_at >= started, Team.kind == kind)),
            done[f"accepted_{kind}"])
    expect("notes", count(select(Note.id).where(Note.body.like("Soak note%"),
                                               Note.created_at >= started)), done["notes"])
    return problems
