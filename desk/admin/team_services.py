"""The teams of a site: their kinds and names per locale, the needs that route to them and
their service levels. Members are given on the account page (admin.services), where a content
role waits for a second person. Every change is audited; teams are retired, never deleted."""

import re

from flask_babel import gettext as _
from sqlalchemy import select

from ..audit.services import audit
from ..common.clock import utcnow
from ..common.i18n import LOCALES
from ..common.refusals import ActionRefused
from ..extensions import db
from ..models.sites import ServiceLevel, Site, Team, TeamLabel, TeamNeed
from ..models.users import User, team_membership
from ..models.vocabulary import offered_codes
from ..vocab.codes import NEEDS, PRIORITIES

KIND = re.compile(r"^[a-z][a-z0-9_]{1,31}$")
MAX_DAYS = 365


def _snapshot(team: Team) -> dict:
    return {"kind": team.kind, "name": team.name, "labels": team.labels,
            "needs": team.configured_needs,
            "service_levels": {row.priority: row.days for row in team.service_levels}}


def _labels(labels: dict[str, str]) -> dict[str, str]:
    clean = {}
    for locale, text in (labels or {}).items():
        text = " ".join((text or "").split())
        if locale not in LOCALES:
            raise ActionRefused(_("Unknown language."))
        if len(text) > 120:
            raise ActionRefused(_("The name is too long (at most %(limit)d characters).",
                                  limit=120))
        if text:
            clean[locale] = text
    return clean


def create_team(actor, site: Site | None, *, kind: str, labels: dict[str, str]) -> Team:
    if site is None:
        raise ActionRefused(_("A team belongs to a site: choose the site first."))
    if site.retired_at is not None:
        raise ActionRefused(_("This site has been retired: no team can be added to it."))
    kind = (kind or "").strip().lower()
    if not KIND.match(kind):
        raise ActionRefused(_("The team's code is 2 to 32 small letters, digits or underscores, "
                              "e.g. employment."))
    if db.session.scalar(select(Team.id).where(Team.site_id == site.id, Team.kind == kind)):
        raise ActionRefused(_("This site already has a team with the code %(code)s.", code=kind))
    labels = _labels(labels)
    if not labels:
        raise ActionRefused(_("Give the team's name in at least one language."))
    team = Team(site_id=site.id, kind=kind, name=labels.get("it") or next(iter(labels.values())))
    team.label_rows = [TeamLabel(locale=loc, name=text) for loc, text in labels.items()]
    db.session.add(team)
    db.session.flush()
    audit("team_create", team, user=actor, detail={"site": site.code, "after": _snapshot(team)})
    return team


def update_team(actor, team: Team, *, labels: dict[str, str], needs: list[str],
                service_levels: dict[str, int | None]) -> None:
    """Names per locale, the needs that route to the team, days per priority; one audit row."""
    before = _snapshot(team)
    labels = _labels(labels)
    _sync(team.label_rows, "locale", "name", labels, TeamLabel)
    if labels:
        team.name = labels.get("it") or next(iter(labels.values()))
    allowed = set(NEEDS) | set(offered_codes(team.site.province, "need"))
    unknown = [need for need in needs if need not in allowed]
    if unknown:
        raise ActionRefused(_("The need %(code)s is not offered in this territory.",
                              code=unknown[0]))
    _sync(team.need_rows, "need", None, dict.fromkeys(needs), TeamNeed)
    rows = {}
    for priority, days in service_levels.items():
        if priority not in PRIORITIES:
            raise ActionRefused(_("Unknown priority."))
        if days is None:
            continue
        if not 0 <= days <= MAX_DAYS:
            raise ActionRefused(_("Days per priority are between 0 and %(limit)d.",
                                  limit=MAX_DAYS))
        rows[priority] = days
    _sync(team.service_levels, "priority", "days", rows, ServiceLevel)
    db.session.flush()
    if (after := _snapshot(team)) != before:
        audit("team_update", team, user=actor, detail={"before": before, "after": after})


def _sync(rows: list, key: str, value: str | None, wanted: dict, model) -> None:
    """Make the rows of a collection say `wanted` (key -> value), changing rows in place: a
    row removed and one added with the same key in one flush would break the unique key."""
    present = {getattr(row, key): row for row in rows}
    for code, row in present.items():
        if code not in wanted:
            rows.remove(row)
    for code, text in wanted.items():
        if code in present:
            if value:
                setattr(present[code], value, text)
        else:
            rows.append(model(**{key: code, **({value: text} if value else {})}))


def set_team_retired(actor, team: Team, retired: bool) -> None:
    """A retired team keeps its referrals and members; intake no longer routes to it."""
    team.retired_at = utcnow() if retired else None
    db.session.flush()
    audit("team_retire" if retired else "team_restore", team, user=actor)


def members(team: Team):
    return list(db.session.scalars(
        select(User).join(team_membership, team_membership.c.user_id == User.id)
        .where(team_membership.c.team_id == team.id).order_by(User.name)))

