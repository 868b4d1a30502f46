"""Territories and their sites, as an administrator sets them up: create, change, retire.
Every change is audited; nothing is deleted, because records point to sites. Services flush
and never commit."""

import re
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select

from ..audit.services import audit
from ..common.clock import utcnow
from ..common.refusals import ActionRefused
from ..extensions import db
from ..models.sites import Site, Team, Territory
from ..vocab.codes import TEAM_KINDS

PROVINCE = re.compile(r"^[A-Z]{2}$")
SITE_CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,15}$")
LIMITS = {"name": 120, "address": 240, "phone": 40, "opening_hours": 240}


@dataclass
class SiteData:
    code: str
    name: str
    province: str
    address: str | None = None
    phone: str | None = None
    opening_hours: str | None = None


def _clean(value: str | None) -> str | None:
    return " ".join((value or "").split()) or None


def territory_by_code(code: str) -> Territory | None:
    return db.session.scalar(select(Territory).where(Territory.code == (code or "").upper()))


def territories() -> list[Territory]:
    return list(db.session.scalars(select(Territory).order_by(Territory.retired_at.isnot(None),
                                                              Territory.code)))


def sites() -> list[Site]:
    return list(db.session.scalars(select(Site).order_by(Site.retired_at.isnot(None), Site.code)))


def _snapshot(obj, fields) -> dict:
    return {name: getattr(obj, name) for name in fields}


TERRITORY_FIELDS = ("code", "name", "region")
SITE_FIELDS = ("code", "name", "province", "territory", "address", "phone", "opening_hours")


def create_territory(actor, *, code: str, name: str, region: str | None = None) -> Territory:
    code = (code or "").strip().upper()
    if not PROVINCE.match(code):
        raise ActionRefused(_("The territory's code is the province's two letters, e.g. AL."))
    if territory_by_code(code) is not None:
        raise ActionRefused(_("A territory with the code %(code)s already exists.", code=code))
    territory = Territory(code=code, name=_required_name(name), region=_clean(region))
    db.session.add(territory)
    db.session.flush()
    audit("territory_create", territory, user=actor,
          detail={"after": _snapshot(territory, TERRITORY_FIELDS)})
    return territory


def update_territory(actor, territory: Territory, *, name: str, region: str | None) -> None:
    before = _snapshot(territory, TERRITORY_FIELDS)
    territory.name = _required_name(name)
    territory.region = _clean(region)
    for site in territory_sites(territory):
        site.territory = territory.name  # what older pages and exports read
    db.session.flush()
    if (after := _snapshot(territory, TERRITORY_FIELDS)) != before:
        audit("territory_update", territory, user=actor, detail={"before": before, "after": after})


def territory_sites(territory: Territory) -> list[Site]:
    return list(db.session.scalars(select(Site).where(Site.province == territory.code)))


def set_territory_retired(actor, territory: Territory, retired: bool) -> None:
    if retired and any(site.retired_at is None for site in territory_sites(territory)):
        raise ActionRefused(_("This territory still has open sites: retire them first."))
    territory.retired_at = utcnow() if retired else None
    db.session.flush()
    audit("territory_retire" if retired else "territory_restore", territory, user=actor)


def _required_name(name: str | None) -> str:
    name = _clean(name)
    if not name:
        raise ActionRefused(_("A name is required."))
    if len(name) > LIMITS["name"]:
        raise ActionRefused(_("The name is too long (at most %(limit)d characters).",
                              limit=LIMITS["name"]))
    return name


def _site_fields(data: SiteData) -> dict:
    values = {"name": _required_name(data.name)}
    for field in ("address", "phone", "opening_hours"):
        value = _clean(getattr(data, field))
        if value and len(value) > LIMITS[field]:
            raise ActionRefused(_("Too long: at most %(limit)d characters.", limit=LIMITS[field]))
        values[field] = value
    territory = territory_by_code(data.province)
    if territory is None:
        raise ActionRefused(_("There is no territory %(code)s: create the territory first.",
                              code=(data.province or "").upper()))
    if territory.retired_at is not None:
        raise ActionRefused(_("The territory %(code)s has been retired: choose another one.",
                              code=territory.code))
    values["province"], values["territory"] = territory.code, territory.name
    return values


def create_site(actor, data: SiteData, *, with_teams=tuple(TEAM_KINDS)) -> Site:
    """A new desk, by default with the four teams of the one-stop model."""
    code = (data.code or "").strip().upper()
    if not SITE_CODE.match(code):
        raise ActionRefused(_("The site's code is up to 16 capital letters, digits or hyphens, "
                              "e.g. AL or AL-CASALE."))
    if db.session.scalar(select(func.count()).select_from(Site).where(Site.code == code)):
        raise ActionRefused(_("A site with the code %(code)s already exists.", code=code))
    site = Site(code=code, **_site_fields(data))
    site.teams = [Team(kind=kind, name=str(TEAM_KINDS[kind])) for kind in with_teams]
    db.session.add(site)
    db.session.flush()
    audit("site_create", site, user=actor, detail={"after": _snapshot(site, SITE_FIELDS),
                                                   "teams": list(with_teams)})
    return site


def update_site(actor, site: Site, data: SiteData) -> None:
    """Change a site's name, territory and what the prints say (the code stays)."""
    before = _snapshot(site, SITE_FIELDS)
    for name, value in _site_fields(data).items():
        setattr(site, name, value)
    db.session.flush()
    if (after := _snapshot(site, SITE_FIELDS)) != before:
        audit("site_update", site, user=actor, detail={"before": before, "after": after})


def set_site_retired(actor, site: Site, retired: bool) -> None:
    """A retired site keeps its people and cases; it is no longer offered for new accounts."""
    site.retired_at = utcnow() if retired else None
    db.session.flush()
    audit("site_retire" if retired else "site_restore", site, user=actor)
