"""Who is told of an event: the recipients of a notification, chosen under the access policy.

Each function names the people an event concerns (a team's members, the desk operators or the
supervisors of a site, one user); `entitled` then keeps only those who may see the case
under the general rule (rules.case_condition, checked in Python on the users already loaded:
tests/test_notification_recipients.py proves the two agree), and, for an entry confidential to
a team, only that team's members. A notification never tells anyone of a case they could not
open, nor of a confidential entry outside its team.
"""

from flask import abort
from sqlalchemy import select

from ..extensions import db
from ..models.cases import Referral
from ..models.notifications import Notification
from ..models.sites import Team
from ..models.staff import team_members_query
from ..models.users import User, UserRole, user_site, with_access
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


def entitled(user_ids, case, *, visibility: str = "all", team_id: int | None = None,
             exclude=None) -> list[User]:
    """Of `user_ids`, the active users who may see `case` (and, for a "team" entry, are of that
    team), without `exclude` (the user whose action it was)."""
    referred = _referred_team_ids(case)
    users = [u for u in _load(user_ids) if may_see_case(u, case, referred)]
    if visibility == "team":
        users = [u for u in users if team_id in u.team_ids]
    if exclude is not None:
        users = [u for u in users if u.id != exclude.id]
    return users


def _referred_team_ids(case) -> set[int]:
    db.session.flush()
    return set(db.session.scalars(select(Referral.team_id).where(Referral.case_id == case.id)))


def team_member_ids(team: Team, speaking: str | None = None) -> list[int]:
    """The ids of `team_members(team, speaking)`, read as ids (no user objects built: the
    recipients are loaded once, by `entitled`)."""
    stmt = team_members_query(team, speaking).with_only_columns(User.id)
    return list(db.session.scalars(stmt))


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


def get_notification_or_404(user, notification_id: int) -> Notification:
    note = db.session.scalar(select(Notification).where(Notification.id == notification_id,
                                                        own_notifications(user)))
    if note is None:
        abort(404)
    return note
