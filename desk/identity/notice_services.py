"""The notice that a person is registered at another desk: by that desk's name only.

When a registration or a search matches, by a strong identifier or by name and date of birth,
a person at a site the user does not work at, the user is told which desk holds such a person
and nothing else (no name, no date, no id), and may ask that desk for a transfer. Every
look-up is audited, with the people it matched (the audit log is read by supervisors and the
data protection officer, never shown to the operator)."""

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select, union_all

from ..audit.services import audit, audit_kept
from ..common.refusals import ActionRefused
from ..extensions import db
from ..models.sites import Site
from ..models.users import User
from ..notifications.services import notify
from ..policy.crossdesk import identifier_holders_elsewhere, name_and_birth_elsewhere
from ..policy.recipients import site_role_ids


@dataclass(frozen=True)
class Elsewhere:
    site_id: int
    site_name: str
    phone: str | None
    by: tuple[str, ...]  # "tax_code", "document", "name_birth"


def _matches(user, identifiers, words, birth_date) -> list:
    lookups = [q for q in (identifier_holders_elsewhere(user, list(identifiers)),
                           name_and_birth_elsewhere(user, list(words), birth_date))
               if q is not None]
    if not lookups:
        return []
    query = lookups[0] if len(lookups) == 1 else union_all(
        *(q.subquery().select() for q in lookups))
    return db.session.execute(query).all()


def look_elsewhere(user, *, where: str, identifiers=(), words=(),
                   birth_date: date | None = None) -> list[Elsewhere]:
    """The other desks holding someone who matches; the look-up is audited (`where`: the
    page that asked, "register" or "search")."""
    identifiers = [i for i in identifiers if i]
    if not user.site_ids or not (identifiers or (words and birth_date)):
        return []
    rows = _matches(user, identifiers, words, birth_date)
    by_site: dict[int, set[str]] = {}
    for row in rows:
        by_site.setdefault(row.site_id, set()).add(row.what)
    people = sorted({row.person_id for row in rows})
    audit_kept("lookup_elsewhere", user=user, object_type="person",
               object_id=people[0] if len(people) == 1 else None,
               person_id=people[0] if len(people) == 1 else None,
               detail={"where": where, "people": people[:50], "sites": sorted(by_site),
                       "by": sorted({row.what for row in rows}),
                       "asked": [k for k, v in (("identifier", identifiers),
                                                ("name_birth", words and birth_date)) if v]})
    if not by_site:
        return []
    sites = db.session.scalars(select(Site).where(Site.id.in_(by_site)).order_by(Site.name))
    return [Elsewhere(site.id, site.name, site.phone, tuple(sorted(by_site[site.id])))
            for site in sites]


def matching_people_at(user, site_id: int, *, identifiers=(), words=(),
                       birth_date: date | None = None) -> list[int]:
    """The ids of the people at another desk `site_id` who match (for the transfer request:
    never shown to `user`)."""
    identifiers = [i for i in identifiers if i]
    rows = _matches(user, identifiers, words, birth_date) if (
        identifiers or (words and birth_date)) else []
    return sorted({row.person_id for row in rows if row.site_id == site_id})


def ask_for_transfer(user, site: Site, *, identifiers=(), words=(),
                     birth_date: date | None = None) -> int:
    """Tell the supervisors of `site` that `user`'s desk asks for the transfer of the person
    registered there who matches; returns how many people were concerned (0: refused)."""
    if site.id in user.site_ids:
        raise ActionRefused(_("This person is registered at your own desk: search for them."))
    people = matching_people_at(user, site.id, identifiers=identifiers, words=words,
                                birth_date=birth_date)
    if not people:
        raise ActionRefused(_("Nobody matching is registered at that desk any more: search "
                              "again."))
    supervisors = list(db.session.scalars(
        select(User).where(User.id.in_(site_role_ids(site.id, "supervisor")))))
    mine = sorted(user.sites, key=lambda s: s.id)[0]
    for person_id in people:
        notify("transfer", supervisors, payload={
            "what": "asked", "from_site": mine.name, "path": f"/people/{person_id}"},
            dedupe_key=f"transfer-asked-{mine.id}-{person_id}")
        audit("ask_transfer", user=user, object_type="person", object_id=person_id,
              person_id=person_id, detail={"from_site": mine.id, "to_site": site.id})
    db.session.flush()
    return len(people)
