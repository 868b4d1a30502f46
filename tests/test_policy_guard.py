"""Every query on the data of the people served goes through the access policy.

While every page is walked as every role, each SELECT that reads a table holding personal data
must carry one of the policy's conditions (desk.policy.rules marks them). A relationship load
starts from a record that was itself loaded through the policy, so it passes; a query built
from scratch without the policy, or a `session.get` of such a record, is reported with the
page that made it."""

import pytest
from sqlalchemy import Table, event
from sqlalchemy.orm import Session
from sqlalchemy.sql import visitors

from desk.policy import policy_marked

from .casework import build_world
from .privacy_world import rich_person
from .test_fuzz import _path, _routes, _valid_ids

PERSONAL = {
    "person", "person_language", "person_name_token", "residence_document", "consent",
    "access", "access_need", "case_file", "referral", "referral_need", "timeline_event", "note",
    "note_translation", "appointment", "care_plan_goal", "case_conference", "case_transfer",
}
ROLES = ("desk", "mediator", "legal", "health", "supervisor", "admin", "other", "partner")


class Guard:
    def __init__(self):
        self.seen: list[tuple[str, str]] = []
        self.where = ""  # the page being walked; nothing is watched outside the walk

    def __call__(self, state):
        if not self.where or not state.is_select or state.is_relationship_load \
                or state.is_column_load:
            return
        elements = list(visitors.iterate(state.statement))
        tables = {e.name for e in elements if isinstance(e, Table)}
        if tables & PERSONAL and not any(policy_marked(e) for e in elements):
            self.seen.append((self.where, str(state.statement).replace("\n", " ")[:300]))


@pytest.fixture
def guard():
    watcher = Guard()
    event.listen(Session, "do_orm_execute", watcher)
    yield watcher
    event.remove(Session, "do_orm_execute", watcher)


@pytest.mark.parametrize("role", ROLES)
def test_every_page_reads_personal_data_through_the_policy(app, make, auth, client, guard, role):
    world = build_world(make)
    rich = rich_person(make, world.site, world.users, "guard", "Guarded", "Person",
                       status="in_progress")
    valid = _valid_ids(world, rich)
    auth.login(world.email(role))
    for rule in _routes(app):
        if "GET" not in rule.methods or any(arg not in valid for arg in rule.arguments):
            continue
        for index in range(max((len(valid[a]) for a in rule.arguments), default=1)):
            values = {a: valid[a][min(index, len(valid[a]) - 1)] for a in rule.arguments}
            guard.where = f"GET {rule.endpoint} {_path(rule, values)}"
            client.get(_path(rule, values))
    # Search, by each of the ways a person is found.
    person = rich.person
    for query in ("Guarded", "Guarded Person", "Haddad", "يوسف", person.phone or "3331234567",
                  person.tax_code or "RSSMRA80A01L219X", "AB1234567", "1990", "01/01/1990"):
        guard.where = f"GET counter.search q={query}"
        client.get("/people/search", query_string={"q": query})
    assert guard.seen == [], "\n".join(f"{where}: {sql}" for where, sql in guard.seen)
