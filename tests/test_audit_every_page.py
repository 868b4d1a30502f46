"""Every page that shows a person served writes who saw it: a walk of every GET page as every
role finds no answer that shows a person's name without a new audit row."""

import pytest
from sqlalchemy import func, select

from desk.extensions import db
from desk.models.audit import AuditLog

from .casework import build_world
from .privacy_world import rich_person
from .test_fuzz import _path, _routes, _valid_ids


def _rows() -> int:
    count = db.session.scalar(select(func.count()).select_from(AuditLog))
    db.session.rollback()
    return count


@pytest.mark.parametrize("role", ["desk", "mediator", "legal", "health", "supervisor", "other",
                                  "coordinator"])
def test_no_page_shows_a_person_without_an_audit_row(app, make, auth, client, role):
    world = build_world(make)
    rich = rich_person(make, world.site, world.users, "audited", "Ottavia", "Visibile",
                       status="in_progress")
    names = [rich.person.given_name, world.case.person.given_name]  # searched by family name
    valid = _valid_ids(world, rich)
    auth.login(world.email(role))
    unaudited = []
    urls = ["/people/search?q=Visibile", "/people/search?q=Haddad"]
    for rule in _routes(app):
        if "GET" in rule.methods and all(arg in valid for arg in rule.arguments):
            urls += sorted({_path(rule, {a: valid[a][i % len(valid[a])] for a in rule.arguments})
                            for i in range(2)})
    for url in urls:
        before = _rows()
        response = client.get(url)
        if response.status_code != 200 or not response.mimetype.startswith(("text/", "application/json")):
            continue
        body = response.get_data(as_text=True)
        if any(name in body for name in names) and _rows() == before:
            unaudited.append(url)
    assert unaudited == []
