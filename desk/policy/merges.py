"""Who may merge two records of one person, and where a merged record's id now leads.

A merge is a supervisor's decision at one site: both records at the same site, a site the
supervisor works at. A merged id leads to its survivor only for who may see the survivor;
for everyone else it is missing (404), like any record they may not see.
"""

from flask import abort
from sqlalchemy import select

from ..extensions import db
from ..models.merges import PersonMerge
from ..models.people import Person
from .capabilities import can
from .rules import _marked, visible_people

# A chain of merges (A into B, then B into C) is flattened when B is merged, so one step is
# enough; the bound only guards against a loop written by hand in the database.
_MAX_STEPS = 5


def can_merge_people(user, survivor: Person, other: Person) -> bool:
    """A supervisor of the site both records belong to."""
    return (can(user, "merge_people") and user.has_role("supervisor")
            and survivor.site_id == other.site_id and survivor.site_id in user.site_ids)


def merge_candidates(user, person: Person):
    """The other records a supervisor may merge with `person`: the people of the same site."""
    return visible_people(user).where(_marked(Person.site_id == person.site_id),
                                      Person.id != person.id)


def get_person_or_survivor_id(user, person_id: int) -> Person | int:
    """The person, if `user` sees them; else the id of the record they were merged into, if
    `user` sees it; else 404."""
    person = db.session.scalar(visible_people(user).where(Person.id == person_id))
    if person is not None:
        return person
    survivor_id = merged_survivor_id(user, person_id)
    if survivor_id is None:
        abort(404)
    return survivor_id


def merged_survivor_id(user, person_id: int) -> int | None:
    """The record `person_id` was merged into, when `user` may see it; otherwise None."""
    current = person_id
    for _step in range(_MAX_STEPS):
        following = db.session.scalar(select(PersonMerge.survivor_id)
                                      .where(PersonMerge.merged_person_id == current))
        if following is None:
            break
        current = following
    if current == person_id:
        return None
    survivor = db.session.scalar(visible_people(user).where(Person.id == current))
    return survivor.id if survivor is not None else None
