"""Who works where: the teams of a site and their members (plain lookups on the staff tables,
shared by every area; nothing here is about the people served)."""

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..extensions import db
from .sites import Site, Team
from .users import User, UserLanguage, UserRole, team_membership


def team_members(team: Team, speaking: str | None = None) -> list[User]:
    """Active team members (role "team") of a team, by name; only those who speak the
    language `speaking`, if given."""
    return list(db.session.scalars(team_members_query(team, speaking)))


def team_members_query(team, speaking: str | None = None):
    """The statement of `team_members`; `team` is a Team or its id (a bound parameter, for a
    statement built once and run with many teams)."""
    team_id = team.id if isinstance(team, Team) else team
    stmt = (
        select(User)
        .join(team_membership, team_membership.c.user_id == User.id)
        .where(team_membership.c.team_id == team_id, User.active.is_(True))
        .where(select(UserRole).where(UserRole.user_id == User.id,
                                      UserRole.role == "team").exists())
        .order_by(User.name)
    )
    if speaking:
        stmt = stmt.where(select(UserLanguage).where(UserLanguage.user_id == User.id,
                                                     UserLanguage.language == speaking).exists())
    return stmt


def speakers_among(members: list[User], languages) -> dict[str, list[User]]:
    """Per language, the members (in their order) who speak it: one query."""
    languages = set(languages) - {None}
    if not members or not languages:
        return {}
    spoken = set(db.session.execute(
        select(UserLanguage.user_id, UserLanguage.language)
        .where(UserLanguage.user_id.in_([m.id for m in members]),
               UserLanguage.language.in_(languages))).all())
    return {language: [m for m in members if (m.id, language) in spoken]
            for language in languages}


def find_team(site: Site | None, kind: str) -> Team | None:
    if site is None:
        return None
    # With its labels (the page names the team): joined, not a statement of their own.
    return db.session.execute(
        select(Team).where(Team.site_id == site.id, Team.kind == kind)
        .options(joinedload(Team.label_rows))).unique().scalars().first()


def site_teams(case) -> list[Team]:
    return list(db.session.scalars(select(Team).where(Team.site_id == case.site_id)
                                   .order_by(Team.id)))



def author_teams(actor, case, referrals=None) -> list:
    """The author's teams at the case's site, those the case is referred to first.
    `referrals`: the case's, when the caller read them already (else read here)."""
    referred = {r.team_id for r in (case.referrals if referrals is None else referrals)}
    teams = [t for t in actor.teams if t.site_id == case.site_id]
    return sorted(teams, key=lambda t: (t.id not in referred, t.id))
