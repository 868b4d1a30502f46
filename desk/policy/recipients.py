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
from ..models.staff import team_members
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
    return [u.id for u in team_members(team, speaking=speaking)]


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
