"""Who is told of an event: the recipients of a notification, chosen under the access policy.

Each function names the people an event concerns (a team's members, the desk operators or the
supervisors of a site, one user); `entitled` then keeps only those who may see the case
under the general rule of rules.case_condition, asked the other way round: not "which cases
may this user see" but "which users may see this case", in SQL (`may_see_case_condition`, for
one event) or in Python on users already loaded (`may_see_case`, for the scheduled jobs'
thousands of events); tests/test_notification_recipients.py proves the three agree. For an
entry confidential to a team, only that team's members. A notification never tells anyone of a
case they could not open, nor of a confidential entry outside its team.
"""

import functools
from typing import NamedTuple

from flask import abort
from sqlalchemy import Select, and_, bindparam, or_, select

from ..extensions import db
from ..models.cases import Referral
from ..models.notifications import Notification
from ..models.sites import Team
from ..models.staff import team_members_query
from ..models.users import User, UserRole, team_membership, user_site, with_access
from .capabilities import CONTENT_ROLES
from .rules import _marked


def _load(ids) -> list[User]:
    """Active users by id, with what the rules read of them (roles, sites, teams)."""
    ids = set(ids)
    if not ids:
        return []
    stmt = (select(User).options(*with_access())
            .where(User.id.in_(ids), User.active.is_(True)).order_by(User.id))
    return list(db.session.scalars(stmt).unique())


def may_see_case(user: User, case, referred_team_ids) -> bool:
    """The rule of rules.case_condition for one user and one case whose referrals go to
    `referred_team_ids`."""
    if not user.has_role(*CONTENT_ROLES) or case.site_id not in user.site_ids:
        return False
    if user.has_role("desk", "supervisor"):
        return True
    return bool(user.team_ids & set(referred_team_ids))


def may_see_case_condition(case_id, site_id):
    """Condition on User: the rule of `may_see_case` in SQL, for the case of this id at this
    site (values, or bound parameters): its referred teams are read by the database, so a
    referral just flushed counts."""
    def has_role(*roles):
        return select(UserRole.user_id).where(UserRole.user_id == User.id,
                                              UserRole.role.in_(roles)).exists()

    referred = select(Referral.team_id).where(Referral.case_id == case_id)
    return and_(
        has_role(*CONTENT_ROLES),
        select(user_site.c.user_id).where(user_site.c.user_id == User.id,
                                          user_site.c.site_id == site_id).exists(),
        or_(has_role("desk", "supervisor"),
            select(team_membership.c.user_id).where(team_membership.c.user_id == User.id,
                                                    team_membership.c.team_id.in_(referred))
            .exists()))


@functools.cache
def _entitled_statement(of_team: bool, team_entry: bool):
    """The query of `entitled_ids`, built once per shape (building it costs more than running
    it): the candidates are the ids bound as `ids`, or the members of the team `members_of`."""
    candidates = (team_members_ids_query(bindparam("members_of")) if of_team
                  else bindparam("ids", expanding=True))
    stmt = (select(User.id)
            .where(User.id.in_(candidates), User.active.is_(True), User.id != bindparam("exclude"),
                   may_see_case_condition(bindparam("case_id"), bindparam("site_id")))
            .order_by(User.id))
    if team_entry:
        stmt = stmt.where(select(team_membership.c.user_id).where(
            team_membership.c.user_id == User.id,
            team_membership.c.team_id == bindparam("entry_team")).exists())
    return stmt


class Recipients(NamedTuple):
    """A query of recipients' ids (`User.id`, one shape per kind of choice, built once) and
    the values of its parameters: run it, or insert from it."""

    statement: Select
    params: dict


def entitled_query(user_ids, case, *, members_of: Team | None = None,
                   visibility: str = "all", team_id: int | None = None,
                   exclude=None) -> Recipients | None:
    """Of `user_ids` (or of the members of the team `members_of`), the active users who may
    see `case` (and, for a "team" entry, are of the team `team_id`), without `exclude` (the
    user whose action it was); None where no id is named."""
    params = {"case_id": case.id, "site_id": case.site_id,
              "exclude": exclude.id if exclude is not None else 0}  # ids start at 1
    if members_of is not None:
        params["members_of"] = members_of.id
    else:
        params["ids"] = [uid for uid in dict.fromkeys(user_ids) if uid is not None]
        if not params["ids"]:
            return None
    if visibility == "team":
        params["entry_team"] = team_id
    return Recipients(_entitled_statement(members_of is not None, visibility == "team"), params)


def entitled_ids(user_ids, case, *, visibility: str = "all", team_id: int | None = None,
                 exclude=None) -> list[int]:
    """The ids of `entitled_query`'s users: one query."""
    query = entitled_query(user_ids, case, visibility=visibility, team_id=team_id,
                           exclude=exclude)
    return list(db.session.scalars(query.statement, query.params)) if query else []


def entitled(user_ids, case, *, visibility: str = "all", team_id: int | None = None,
             exclude=None) -> list[User]:
    """The users of `entitled_ids`, loaded with what the rules read of them."""
    return _load(entitled_ids(user_ids, case, visibility=visibility, team_id=team_id,
                              exclude=exclude))


def team_members_ids_query(team, speaking: str | None = None):
    """The statement of `team_member_ids`, to use inside another query."""
    return team_members_query(team, speaking).with_only_columns(User.id).order_by(None)


def team_member_ids(team: Team, speaking: str | None = None) -> list[int]:
    """The ids of `team_members(team, speaking)`, read as ids (no user objects built)."""
    return list(db.session.scalars(team_members_ids_query(team, speaking)))


class RecipientBook:
    """The choices above for many events at once (the scheduled jobs): each user, each team's
    members, each site's users of a role and each case's referred teams are read once, not
    once per event. The same rule (`may_see_case`) decides."""

    CHUNK = 500

    def __init__(self):
        self._users: dict[int, User | None] = {}
        self._members: dict[int, list[int]] = {}
        self._site_roles: dict[tuple[int, str], list[int]] = {}
        self._referred: dict[int, set[int]] = {}

    def read_referrals_of(self, case_ids) -> None:
        """Read the referred teams of these cases in a few queries (before `entitled`)."""
        wanted = sorted(set(case_ids) - set(self._referred))
        for start in range(0, len(wanted), self.CHUNK):
            chunk = wanted[start:start + self.CHUNK]
            self._referred.update((case_id, set()) for case_id in chunk)
            for case_id, team_id in db.session.execute(
                    select(Referral.case_id, Referral.team_id)
                    .where(Referral.case_id.in_(chunk))):
                self._referred[case_id].add(team_id)

    def team_member_ids(self, team: Team) -> list[int]:
        if team.id not in self._members:
            self._members[team.id] = team_member_ids(team)
        return self._members[team.id]

    def site_role_ids(self, site_id: int, role: str) -> list[int]:
        if (site_id, role) not in self._site_roles:
            self._site_roles[site_id, role] = site_role_ids(site_id, role)
        return self._site_roles[site_id, role]

    def entitled(self, user_ids, case) -> list[User]:
        """`entitled(user_ids, case)`, from what the book has read."""
        missing = [uid for uid in dict.fromkeys(user_ids) if uid not in self._users]
        if missing:
            self._users.update(dict.fromkeys(missing))
            self._users.update((user.id, user) for user in _load(missing))
        if case.id not in self._referred:
            self.read_referrals_of([case.id])
        referred = self._referred[case.id]
        users = {uid: self._users[uid] for uid in user_ids if self._users.get(uid) is not None}
        return [user for _id, user in sorted(users.items())
                if may_see_case(user, case, referred)]


def site_role_ids(site_id: int, role: str) -> list[int]:
    """The active users with `role` at a site."""
    stmt = (select(User.id).join(user_site, user_site.c.user_id == User.id)
            .join(UserRole, UserRole.user_id == User.id)
            .where(user_site.c.site_id == site_id, UserRole.role == role, User.active.is_(True)))
    return list(db.session.scalars(stmt))


def interpreter_recipient_ids(team: Team, language: str | None) -> list[int]:
    """An interpreter request goes to the mediators who speak its language; where none does,
    to the whole mediation team (someone must answer it, if only to decline)."""
    speakers = team_member_ids(team, speaking=language) if language else []
    return speakers or team_member_ids(team)


# --- a user's own notifications ---------------------------------------------------------------


def own_notifications(user):
    """Condition on Notification: the user's own; nobody reads another's."""
    return _marked(Notification.user_id == user.id)


def own_notifications_of_bound_user():
    """own_notifications for a statement built once for every user: the user's id is the
    bound parameter `user_id`."""
    return _marked(Notification.user_id == bindparam("user_id"))


def get_notification_or_404(user, notification_id: int) -> Notification:
    note = db.session.scalar(select(Notification).where(Notification.id == notification_id,
                                                        own_notifications(user)))
    if note is None:
        abort(404)
    return note
