"""Bad input, property-based: random Unicode, huge strings, control characters, malformed dates
and ids sent to every route of the app (the list is built from app.url_map, so new routes are
fuzzed too), as a supervisor, a desk operator, a team member and an admin. Never a 500; a refused request (4xx)
writes nothing: every table keeps its row count."""

import os
import re
from html import unescape
from urllib.parse import quote, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text
from werkzeug.routing import AnyConverter, IntegerConverter

from desk.extensions import db
from desk.models.history import Note
from desk.models.people import Consent, ResidenceDocument
from desk.models.plan import Appointment, CarePlanGoal

from .casework import build_world
from .privacy_world import rich_person

# Signing in and out, passwords and two-step codes have their own tests; fuzzing them here
# would only lock the fuzzing user out.
SKIP = {"static", "supervision.static", "auth.logout", "auth.login", "auth.two_factor",
        "auth.two_factor_setup", "auth.reauthenticate", "auth.change_password",
        "auth.change_locale"}

NASTY = [
    "", " ", "\x00", "a\x00b", "\x1b[31mred", "\r\n", "\t=1+1", "=cmd|' /C calc'!A0", "+1",
    "-1", "@SUM(A1)", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
    "'; DROP TABLE person; --", "2026-02-30", "31/31/2020", "0000-00-00", "1990-13-01",
    "29/02/2023", "-0001-01-01", "9999-99-99", "99999999999999999999999", "1e309", "NaN",
    "-2147483649", "2147483648", "\u202eevil", "\ufeff", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "يوسف" * 40,
    "x" * 5000, "y" * 100_000, "../../etc/passwd", "%00", "on", "y", "true", "urgent",
    "legal", "it", "ar",
    # Shapes that once gave a 500: integer and date extremes, blank and padded choices.
    "9223372036854775807", "100000000000000000000", "-9223372036854775809", "9999-12-31",
    "0001-01-01", "2100-12-31", "   ", "\t", " legal ", " study ", " attended ",
]
TEXT = st.one_of(
    st.sampled_from(NASTY),
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=200),
)
FIELD_NAME = re.compile(r'<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"')
FORM = re.compile(r'<form\b[^>]*\baction="([^"]*)"[^>]*>(.*?)</form>', re.S)
SELECT = re.compile(r'<select\b[^>]*\bname="([^"]+)"[^>]*>(.*?)</select>', re.S)
OPTION = re.compile(r'<option\b[^>]*\bvalue="([^"]*)"')
CHECK = re.compile(r'<input\b(?=[^>]*type="(?:checkbox|radio)")(?=[^>]*name="([^"]+)")'
                   r'(?=[^>]*value="([^"]*)")[^>]*>')
# Examples per role (FUZZ_EXAMPLES raises them for a longer hunt); the file stays under a minute.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "70"))
SHARE = {"supervisor": 1, "desk": 1, "legal": 0.5, "admin": 0.5}


def _valid_ids(world, rich) -> dict[str, list]:
    def ids(model, *where):
        return list(db.session.scalars(select(model.id).where(*where))) or [1]

    case, person = rich.case, rich.person
    return {
        "case_id": [case.id, world.case.id], "person_id": [person.id, world.case.person_id],
        "referral_id": [r.id for r in world.case.referrals],
        "note_id": ids(Note, Note.case_id == case.id),
        "appointment_id": ids(Appointment, Appointment.case_id == case.id),
        "goal_id": ids(CarePlanGoal, CarePlanGoal.case_id == case.id),
        "document_id": ids(ResidenceDocument, ResidenceDocument.person_id == person.id),
        "consent_id": ids(Consent, Consent.person_id == person.id),
        "access_id": list(db.session.scalars(text("SELECT id FROM access"))) or [1],
        "user_id": [u.id for u in world.users.values()],
        "team_kind": ["legal", "social", "health", "mediation"],
    }


def _routes(app):
    # Browser routes only: a rule answering neither GET nor POST (the API's PUT) has no
    # method to draw (hypothesis refuses to sample from nothing); the API has its own fuzzing.
    return [rule for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule)
            if rule.endpoint not in SKIP and {"GET", "POST"} & rule.methods]


def _path(rule, values: dict) -> str:
    def fill(match):
        return quote(str(values[match.group(1)]), safe="")
    return re.sub(r"<(?:[^<>:]+:)?([^<>]+)>", fill, rule.rule)


def _discover_forms(app, client, rules, valid):
    """Field names of the forms that post to each endpoint, and the choices offered."""
    adapter = app.url_map.bind("localhost")
    fields: dict[str, set[str]] = {}
    choices: dict[str, set[str]] = {}
    for rule in rules:
        if "GET" not in rule.methods or any(arg not in valid for arg in rule.arguments):
            continue
        page = client.get(_path(rule, {a: valid[a][0] for a in rule.arguments}))
        if page.mimetype != "text/html":
            continue
        html = page.get_data(as_text=True)
        for action, body in FORM.findall(html):
            try:
                endpoint, _args = adapter.match(urlsplit(unescape(action)).path, method="POST")
            except Exception:  # noqa: BLE001 (a GET form, or another site)
                continue
            fields.setdefault(endpoint, set()).update(FIELD_NAME.findall(body))
        for name, options in SELECT.findall(html):
            choices.setdefault(name, set()).update(OPTION.findall(options))
        for name, value in CHECK.findall(html):
            choices.setdefault(name, set()).add(unescape(value))
    everything = set().union(*fields.values()) if fields else set()
    return fields, {k: sorted(v) for k, v in choices.items()}, sorted(everything)


def _counts() -> tuple:
    tables = [t.name for t in db.metadata.sorted_tables]
    sql = "SELECT " + ", ".join(f'(SELECT count(*) FROM "{t}")' for t in tables)
    row = db.session.execute(text(sql)).one()
    db.session.rollback()
    return tuple(zip(tables, row, strict=True))


def _arg_strategy(rule, name, valid):
    converter = rule._converters[name]
    if isinstance(converter, AnyConverter):
        return st.one_of(st.sampled_from(sorted(converter.items)), TEXT)
    if isinstance(converter, IntegerConverter):
        known = valid.get(name) or [1]
        return st.one_of(st.sampled_from(known), st.sampled_from(known),
                         st.integers(min_value=-(2**70), max_value=2**70))
    known = valid.get(name)
    return st.one_of(st.sampled_from(known), TEXT) if known else TEXT


@st.composite
def requests(draw, rules, valid, fields, choices, everything):
    rule = draw(st.sampled_from(rules))
    values = {name: draw(_arg_strategy(rule, name, valid)) for name in rule.arguments}
    methods = sorted(m for m in rule.methods if m in ("GET", "POST"))
    method = draw(st.sampled_from(methods))
    names = sorted(fields.get(rule.endpoint) or everything)
    form = {}
    if method == "POST" and names:
        for name in draw(st.lists(st.sampled_from(names), unique=True, max_size=len(names))):
            offered = choices.get(name)
            value = draw(st.one_of(st.sampled_from(offered), TEXT) if offered else TEXT)
            form[name] = [value, draw(TEXT)] if draw(st.booleans()) and offered else value
    query = {}
    if method == "GET" and draw(st.booleans()):
        for name in draw(st.lists(st.sampled_from(sorted({
                "q", "page", "team", "kind", "status", "lang", "start", "end", "period",
                "person", "date_from", "date_to", "territory", "day", "week", "span", "site",
                "assignee", "need", "language", "channel", "outcome", "reason", "state",
                "overdue", "user", "action", *everything})), unique=True, max_size=4)):
            query[name] = draw(TEXT)
    return rule, _path(rule, values), method, form, query


@pytest.mark.parametrize("role", ["supervisor", "desk", "legal", "admin"])
def test_no_route_gives_a_500_or_writes_when_it_refuses(app, make, auth, client, role):
    world = build_world(make)
    rich = rich_person(make, world.site, world.users, "fuzz", "Fuzzy", "Tester",
                       status="in_progress")
    auth.login(world.email(role))
    valid = _valid_ids(world, rich)
    rules = _routes(app)
    fields, choices, everything = _discover_forms(app, client, rules, valid)
    if role != "admin":
        assert "body" in fields.get("cases.write_note", ()), "form discovery found no note form"

    @settings(max_examples=max(1, int(EXAMPLES * SHARE[role])), deadline=None, database=None,
              derandomize=bool(os.environ.get("CI")),
              suppress_health_check=[HealthCheck.function_scoped_fixture,
                                     HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(requests(rules, valid, fields, choices, everything))
    def check(request):
        rule, path, method, form, query = request
        before = _counts()
        response = client.open(path, method=method, data=form or None, query_string=query)
        assert response.status_code < 500, (method, path, form, query)
        if 400 <= response.status_code < 500:
            assert _counts() == before, (method, path, form, query, response.status_code)
        if response.status_code == 422:  # a refused form says what is wrong
            body = response.get_data(as_text=True)
            assert 'class="error"' in body or "flash-error" in body, (method, path, form)

    check()
