"""Schemathesis against the API's own OpenAPI document, with a read token and a write token:
whatever a program sends that the document allows (and much that it does not), the answer is
never a 5xx, and its status, content type, headers and body are those the document declares.

Bounded and repeatable: a fixed number of examples per operation, derandomized (the same
requests on every run), no shrinking; about half the generated ids and codes are swapped for
real ones of the test world, so that answers with records in them are checked too."""

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from desk.extensions import db

from .apiwork import token_for
from .casework import build_world, referral_of
from .network_world import add_service

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance]
EXAMPLES = 8


@pytest.fixture
def world(app, make):
    app.config["API_RATE_LIMIT"] = "100000 per minute"  # the limit has its own test
    world = build_world(make, referrals=("legal", "health"))
    service = add_service("TO", "Casa del Ponte", "third_sector", "Accoglienza", ["housing"])
    world.ids.update({"person_id": world.case.person_id, "case_id": world.case.id,
                      "referral_id": referral_of(world.case, "legal").id,
                      "service_id": service.id, "team_kind": "legal",
                      "territory": world.site.territory})
    return world


def _with_real_ids(case, real):
    for name, value in list((case.path_parameters or {}).items()):
        if name in real and len(str(value)) % 2 == 0:
            case.path_parameters[name] = real[name]


def _every_operation_keeps_to_the_document(app, world, scope):
    headers = {"Authorization": f"Bearer {token_for(world.users['supervisor'], scope)}",
               "Accept-Language": "en", "Accept-Encoding": "identity"}  # read as sent
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    for operation in operations:
        cases = st.one_of(operation.as_strategy(GenerationMode.POSITIVE),
                          operation.as_strategy(GenerationMode.NEGATIVE))

        @BOUNDED
        @given(case=cases)
        def keeps_to_it(case):
            _with_real_ids(case, world.ids)
            db.session.commit()  # as tests/conftest.IsolatedClient: no lock held across it
            case.call_and_validate(headers=headers, checks=CHECKS)
            db.session.expire_all()

        keeps_to_it()


BOUNDED = settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
                   phases=[Phase.explicit, Phase.generate],
                   suppress_health_check=list(HealthCheck))


def test_the_api_keeps_to_its_document_with_a_read_token(app, world):
    _every_operation_keeps_to_the_document(app, world, "read")


def test_the_api_keeps_to_its_document_with_a_write_token(app, world):
    _every_operation_keeps_to_the_document(app, world, "write")
