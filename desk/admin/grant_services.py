"""Separation of duties: a role that sees case content is granted by two people.

The access an account is given is compared with what it had. What widens its view of case
content — a content role (desk, team, supervisor) at a site, a team, or the administrator role
on an account that sees content — waits in a pending grant, unless the administrator is
also a supervisor of every site concerned and the account holds no administrator role.
Another administrator, or a supervisor of the sites concerned, approves or refuses; nobody
decides on a grant they asked for or that is about their own account. Everything else of the
change (name, languages, what is taken away) applies at once.
"""

from flask_babel import gettext as _
from sqlalchemy import select

from ..audit.services import audit
from ..auth.services import AccountError
from ..auth.sessions import end_all_sessions
from ..common.clock import utcnow
from ..extensions import db
from ..models.grants import AccessGrant
from ..models.sites import Team
from ..models.users import User
from ..policy import CONTENT_ROLES, can


def _site_of_teams(team_ids) -> dict[int, int]:
    if not team_ids:
        return {}
    return dict(db.session.execute(select(Team.id, Team.site_id).where(Team.id.in_(team_ids))).all())


def content_access(roles, site_ids, team_ids) -> set[tuple]:
    """What an account with this access may see of case content, as comparable pieces."""
    pieces = {(role, site) for role in roles if role in CONTENT_ROLES for site in site_ids}
    # A supervisor sees at least what a desk operator of the same site sees.
    pieces |= {("desk", site) for role, site in list(pieces) if role == "supervisor"}
    if "team" in roles:
        pieces |= {("member", team) for team in team_ids}
    if "admin" in roles and pieces:
        pieces.add(("admin with content", None))
    return pieces


def sites_concerned(gained: set[tuple]) -> set[int]:
    teams = _site_of_teams([value for kind, value in gained if kind == "member"])
    sites = {value for kind, value in gained if kind in CONTENT_ROLES}
    return sites | set(teams.values())


def needs_second_person(actor: User, roles, gained: set[tuple]) -> bool:
    if not gained:
        return False
    if "admin" in roles or any(kind == "admin with content" for kind, _value in gained):
        return True
    return not (actor.has_role("supervisor") and sites_concerned(gained) <= actor.site_ids)


def pending_grant(user: User) -> AccessGrant | None:
    return db.session.scalar(select(AccessGrant).where(AccessGrant.user_id == user.id,
                                                       AccessGrant.status == "pending"))


def request_grant(actor: User, user: User, requested: dict) -> AccessGrant:
    """A pending grant of `requested` (roles, site_ids, team_ids) for `user`; an earlier one
    still pending is withdrawn (the newer request says what is wanted now)."""
    earlier = pending_grant(user)
    if earlier is not None:
        earlier.status, earlier.decided_by_id, earlier.decided_at = "withdrawn", actor.id, utcnow()
    grant = AccessGrant(user_id=user.id, requested=requested, requested_by_id=actor.id)
    db.session.add(grant)
    db.session.flush()
    audit("grant_requested", user, user=actor, detail={"grant_id": grant.id, **requested})
    return grant


def may_decide(decider: User, grant: AccessGrant) -> bool:
    """Another administrator, or a supervisor of every site the grant concerns; never the
    person who asked, never the account it is about."""
    if grant.status != "pending" or decider.id in (grant.user_id, grant.requested_by_id):
        return False
    if can(decider, "manage_users"):
        return True
    wanted = grant.requested
    gained = content_access(wanted["roles"], wanted["site_ids"], wanted["team_ids"])
    return decider.has_role("supervisor") and sites_concerned(gained) <= decider.site_ids


def visible_grants(decider: User) -> list[AccessGrant]:
    """The pending grants this person may decide on, oldest first."""
    pending = db.session.scalars(select(AccessGrant).where(AccessGrant.status == "pending")
                                 .order_by(AccessGrant.requested_at, AccessGrant.id)).all()
    return [grant for grant in pending if may_decide(decider, grant)]


def decide_grant(decider: User, grant: AccessGrant, approve: bool, apply_access) -> None:
    """Approve (the requested access is applied, the account's sessions end) or refuse."""
    if not may_decide(decider, grant):
        raise AccountError(_("You cannot decide on this request: it is yours, it is about your "
                             "own account, or it concerns a site you do not supervise."))
    user = grant.user
    if approve:
        wanted = grant.requested
        apply_access(user, roles=wanted["roles"], site_ids=wanted["site_ids"],
                     team_ids=wanted["team_ids"])
        end_all_sessions(user)
    grant.status = "approved" if approve else "refused"
    grant.decided_by_id, grant.decided_at = decider.id, utcnow()
    db.session.flush()
    audit("grant_approved" if approve else "grant_refused", user, user=decider,
          detail={"grant_id": grant.id, "requested_by": grant.requested_by_id, **grant.requested})
