"""The morning digest at scale (issue 17: "a digest for 1,000 users is built in under 30 s at
100,000 people"), timed in-process on the bench database and rolled back afterwards.

    python -m bench.digest [--people 100000] [--users 1000] [--per-user 8] [--url URL]

What is timed is what the scheduled run does before the worker sends: the hourly scans over
the whole database (overdue referrals with their escalation, expiring and expired permits), then
the day's digests for every user with notifications waiting, then each digest e-mail composed
in its recipient's language (plain text and HTML), as the worker composes it before handing it
to SMTP. `users` accounts are added with `per_user` notifications each on real cases, written
through the notifications service; everything is rolled back, so the cached database stays as
the generator left it."""

import time
from dataclasses import dataclass, field

import click
from sqlalchemy import func, select

from .prepare import bench_app, prepare, sqlite_url

TARGET_SECONDS = 30.0
LOCALES = ("it", "en", "fr", "es", "ar", "ur", "uk", "sq", "bn", "zh")


@dataclass
class DigestTiming:
    users: int
    notifications: int
    seconds: dict = field(default_factory=dict)  # phase -> seconds
    counts: dict = field(default_factory=dict)   # phase -> rows written / messages composed

    @property
    def total(self) -> float:
        """The digest's time (the target's): built, then every e-mail composed. The scans
        before it are their own scheduled jobs, timed beside it."""
        return self.seconds["build"] + self.seconds["compose"]

    def line(self) -> str:
        s, c = self.seconds, self.counts
        verdict = "target met" if self.total <= TARGET_SECONDS else "TARGET MISSED"
        return (f"Digest for {self.users} added users ({self.notifications} notifications on "
                f"real cases, written in {s['write']:.1f} s): digests built {s['build']:.1f} s "
                f"({c['build']} digests), composed {s['compose']:.1f} s "
                f"({c['compose']} e-mails) — {self.total:.1f} s, target "
                f"{TARGET_SECONDS:.0f} s: {verdict}. Before it, the hourly scans: first scan "
                f"{s['scan']:.1f} s ({c['scan']} notifications: every referral overdue in the "
                f"generated data at once), the next hour's {s['rescan']:.1f} s "
                f"({c['rescan']} new)")


def _add_users(db, users: int):
    from desk.models.users import User, UserRole

    rows = [User(email=f"digest{index}@bench.test", name=f"Digest reader {index}",
                 password_hash="!", locale=LOCALES[index % len(LOCALES)])
            for index in range(users)]
    db.session.add_all(rows)
    db.session.flush()
    db.session.add_all(UserRole(user_id=user.id, role="team") for user in rows)
    db.session.flush()
    return rows


def time_digest(url: str, users: int = 1000, per_user: int = 8) -> DigestTiming:
    """Time the morning's scheduled work on the database at `url`; nothing is kept."""
    from desk.extensions import db
    from desk.models.cases import Referral
    from desk.models.notifications import OutboxMessage
    from desk.notifications import job_services as jobs
    from desk.notifications.mail import compose
    from desk.notifications.services import notify

    app = bench_app(url)
    with app.app_context():
        try:
            readers = _add_users(db, users)
            referrals = list(db.session.scalars(
                select(Referral).where(Referral.status == "pending")
                .order_by(Referral.id).limit(users * per_user)))
            timing = DigestTiming(users=users, notifications=0)
            started = time.perf_counter()
            for index, referral in enumerate(referrals):
                reader = readers[index % users]
                timing.notifications += len(notify(
                    "referral_to_team", [reader], case=referral.case, referral=referral,
                    team=referral.team, payload={"team_kind": referral.team.kind,
                                                 "site": referral.team.site.code,
                                                 "priority": referral.priority}))
            timing.seconds["write"] = time.perf_counter() - started
            db.session.flush()
            db.session.expire_all()

            started = time.perf_counter()
            timing.counts["scan"] = jobs.detect_overdue() + jobs.permit_alerts()
            timing.seconds["scan"] = time.perf_counter() - started
            db.session.flush()
            started = time.perf_counter()  # what an hourly run finds once the first is done
            timing.counts["rescan"] = jobs.detect_overdue() + jobs.permit_alerts()
            timing.seconds["rescan"] = time.perf_counter() - started

            started = time.perf_counter()
            timing.counts["build"] = jobs.build_digests()
            timing.seconds["build"] = time.perf_counter() - started

            started = time.perf_counter()
            ids = db.session.scalars(select(OutboxMessage.id).where(
                OutboxMessage.kind == "digest", OutboxMessage.status == "pending")).all()
            for message_id in ids:
                compose(db.session.get(OutboxMessage, message_id))
            timing.counts["compose"] = len(ids)
            timing.seconds["compose"] = time.perf_counter() - started
            timing.counts["outbox"] = db.session.scalar(
                select(func.count()).select_from(OutboxMessage))
        finally:
            db.session.rollback()
            db.engine.dispose()
    return timing


@click.command()
@click.option("--people", default=100_000, show_default=True)
@click.option("--users", default=1000, show_default=True)
@click.option("--per-user", default=8, show_default=True)
@click.option("--url", default=None, help="Database URL (default: the SQLite bench database).")
def main(people, users, per_user, url):
    url = url or sqlite_url(people)
    prepare(url, people)
    click.echo(time_digest(url, users, per_user).line())


if __name__ == "__main__":
    main()
