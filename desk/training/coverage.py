"""Which streams each site and team has covered, by how many of its people, and who has had
no training in a required stream (vocab.training.REQUIRED_STREAMS)."""

from dataclasses import dataclass

from sqlalchemy import select

from .. import policy
from ..extensions import db
from ..models.sites import Site
from ..models.training import Training, training_attendance
from ..models.users import User, UserRole, user_site
from ..policy import CONTENT_ROLES
from ..vocab.training import REQUIRED_STREAMS, STREAMS


@dataclass(frozen=True)
class Group:
    label: str
    members: list  # User
    trained: dict  # stream -> number of members with a training in it

    @property
    def uncovered(self) -> list[str]:
        return [stream for stream in STREAMS if not self.trained[stream]]


@dataclass(frozen=True)
class SiteCoverage:
    site: Site
    whole: Group
    teams: list  # Group per team
    missing: list  # (User, [required streams without a training])


def _staff(site: Site) -> list[User]:
    """Active people working at the site in a content role (not admins, not partners)."""
    return list(db.session.scalars(
        select(User).join(user_site, user_site.c.user_id == User.id)
        .where(user_site.c.site_id == site.id, User.active.is_(True))
        .where(select(UserRole).where(UserRole.user_id == User.id,
                                      UserRole.role.in_(CONTENT_ROLES)).exists())
        .order_by(User.name)))


def _streams_of(user_ids) -> dict[int, set[str]]:
    """Per user, the streams of the trainings they attended (wherever they were held)."""
    rows = db.session.execute(
        select(training_attendance.c.user_id, Training.stream)
        .join(Training, Training.id == training_attendance.c.training_id)
        .where(training_attendance.c.user_id.in_(user_ids))).all() if user_ids else []
    streams: dict[int, set[str]] = {uid: set() for uid in user_ids}
    for uid, stream in rows:
        streams[uid].add(stream)
    return streams


def _group(label: str, members, streams) -> Group:
    return Group(label, members, {s: sum(1 for m in members if s in streams[m.id])
                                  for s in STREAMS})


def site_coverage(user) -> list[SiteCoverage]:
    policy.require_capability(user, "manage_training")
    sites = sorted(user.sites, key=lambda site: site.name)
    result = []
    for site in sites:
        staff = _staff(site)
        streams = _streams_of([m.id for m in staff])
        teams = [_group(team.label, [m for m in staff if team in m.teams], streams)
                 for team in site.teams]
        missing = [(m, [s for s in REQUIRED_STREAMS if s not in streams[m.id]]) for m in staff]
        result.append(SiteCoverage(site, _group(site.name, staff, streams), teams,
                                   [(m, gaps) for m, gaps in missing if gaps]))
    return result


def site_staff(user, site_id: int) -> list[User]:
    site = next((s for s in user.sites if s.id == site_id), None)
    return _staff(site) if site is not None else []
