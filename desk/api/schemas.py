"""What the API accepts and answers (marshmallow schemas; the OpenAPI document is made from
them). Inputs are checked for their shape here and for the desk's rules by the desk's forms."""

from marshmallow import Schema, fields

from ..vocab.codes import TEAM_KINDS
from .fields import ApiSchema, Flag, NestedList, Number, Text, TextList

# ---- inputs -------------------------------------------------------------------------------


class PersonSearchArgs(ApiSchema):
    q = Text(required=True, max_length=200,
             metadata={"description": "Name (any script), date of birth, phone, document "
                                      "number or tax code, as typed at the counter."})
    limit = Number(load_default=30, metadata={"maximum": 100})


class RegisterPersonIn(ApiSchema):
    site_id = Number(metadata={"description": "One of the caller's sites (default: the first)."})
    given_name = Text(required=True, max_length=120)
    family_name = Text(required=True, max_length=120)
    given_name_original = Text(max_length=120, allow_none=True)
    family_name_original = Text(max_length=120, allow_none=True)
    sex = Text(max_length=1, metadata={"enum": ["F", "M", "X", "U"]})
    birth = Text(max_length=20, allow_none=True,
                 metadata={"description": "dd/mm/yyyy, or the year alone."})
    nationality = Text(max_length=2, allow_none=True, metadata={"description": "ISO 3166-1"})
    languages = TextList(metadata={"description": "ISO 639 codes"})
    preferred_language = Text(max_length=8, allow_none=True)
    interpreter_needed = Flag()
    phone = Text(max_length=32, allow_none=True)
    tax_code = Text(max_length=32, allow_none=True)
    doc_type = Text(max_length=40, allow_none=True)
    doc_number = Text(max_length=60, allow_none=True)
    doc_expiry = Text(max_length=20, allow_none=True)
    privacy_notice_given = Flag(required=True)
    share_consent = Flag()
    notice_language = Text(max_length=8, allow_none=True)
    register_anyway = Flag(metadata={"description": "Register even though similar people "
                                                    "exist (answered 422 with them otherwise)."})


class RouteIn(ApiSchema):
    team = Text(required=True, max_length=16, metadata={"enum": list(TEAM_KINDS)})
    reason = Text(max_length=32)
    priority = Text(max_length=16)


class AccessIn(ApiSchema):
    channel = Text(required=True, max_length=24)
    needs = TextList(required=True)
    urgency = Text(max_length=16)
    language_used = Text(max_length=8, allow_none=True)
    mediator_present = Flag()
    description = Text(max_length=4000, allow_none=True)
    outcome = Text(max_length=24, allow_none=True)
    routes = NestedList(RouteIn, max_items=len(TEAM_KINDS))
    override_reason = Text(max_length=2000, allow_none=True)


class TimelineArgs(ApiSchema):
    page = Number(load_default=1)
    team = Text(max_length=16, metadata={"enum": list(TEAM_KINDS)})
    kind = Text(max_length=32)


class VersionIn(ApiSchema):
    version = Number(required=True, metadata={"description": "The version you read: a "
                                                             "newer one answers 409."})


class AcceptIn(VersionIn):
    assignee_id = Number(metadata={"description": "A member of the team (default: you)."})


class DeclineIn(VersionIn):
    reason = Text(required=True, max_length=32)
    text = Text(max_length=2000, allow_none=True)


class CompleteIn(VersionIn):
    outcome = Text(required=True, max_length=32)


class ReferralListArgs(ApiSchema):
    site = Text(max_length=16, metadata={"description": "Site code (default: your first)."})
    status = Text(max_length=16, metadata={"enum": ["open", "pending", "accepted", "all"]})


class AppointmentArgs(ApiSchema):
    start = Text(max_length=10, metadata={"description": "First day, YYYY-MM-DD "
                                                         "(default: today).", "format": "date"})
    days = Number(load_default=7, metadata={"maximum": 62})
    site = Text(max_length=16, metadata={"description": "Site code (default: your first)."})


# ---- outputs ------------------------------------------------------------------------------


class DocumentOut(Schema):
    id = fields.Integer()
    doc_type = fields.String()
    number = fields.String(allow_none=True)
    expiry_date = fields.Date(allow_none=True)


class PersonOut(Schema):
    id = fields.Integer()
    site_id = fields.Integer()
    given_name = fields.String()
    family_name = fields.String()
    given_name_original = fields.String(allow_none=True)
    family_name_original = fields.String(allow_none=True)
    sex = fields.String()
    birth_year = fields.Integer(allow_none=True)
    birth_date = fields.Date(allow_none=True)
    nationality = fields.String(allow_none=True)
    languages = fields.List(fields.String())
    preferred_language = fields.String(allow_none=True)
    interpreter_needed = fields.Boolean()
    phone = fields.String(allow_none=True)
    tax_code = fields.String(allow_none=True)
    created_at = fields.DateTime()


class PersonDetailOut(PersonOut):
    documents = fields.List(fields.Nested(DocumentOut))
    case_ids = fields.List(fields.Integer(), metadata={"description": "Cases you may read."})


class SearchHitOut(Schema):
    person = fields.Nested(PersonOut)
    score = fields.Float()
    open_case_id = fields.Integer(allow_none=True)


class ElsewhereOut(Schema):
    desk = fields.String(metadata={"description": "A desk you cannot see that holds a person "
                                                  "who matches: its name only"})


class SearchOut(Schema):
    results = fields.List(fields.Nested(SearchHitOut))
    elsewhere = fields.List(fields.Nested(ElsewhereOut))


class DuplicateOut(Schema):
    type = fields.String()
    title = fields.String()
    status = fields.Integer()
    detail = fields.String()
    duplicates = fields.List(fields.Nested(PersonOut))


class TeamOut(Schema):
    id = fields.Integer()
    kind = fields.String()
    site_id = fields.Integer()


class ReferralOut(Schema):
    id = fields.Integer()
    case_id = fields.Integer()
    team = fields.Nested(TeamOut)
    reason = fields.String()
    priority = fields.String()
    due_date = fields.Date()
    status = fields.String()
    assignee_id = fields.Integer(allow_none=True)
    created_at = fields.DateTime()
    accepted_at = fields.DateTime(allow_none=True)
    declined_at = fields.DateTime(allow_none=True)
    decline_reason = fields.String(allow_none=True)
    completed_at = fields.DateTime(allow_none=True)
    outcome = fields.String(allow_none=True)
    needs = fields.List(fields.String())
    version = fields.Integer()


class ReferralListOut(Schema):
    results = fields.List(fields.Nested(ReferralOut))


class CaseOut(Schema):
    id = fields.Integer()
    person_id = fields.Integer()
    site_id = fields.Integer()
    status = fields.String()
    manager_id = fields.Integer(allow_none=True)
    opened_at = fields.DateTime()
    closed_at = fields.DateTime(allow_none=True)
    closing_outcome = fields.String(allow_none=True)
    version = fields.Integer()
    referrals = fields.List(fields.Nested(ReferralOut))


class NoteOut(Schema):
    id = fields.Integer()
    language = fields.String()
    body = fields.String()


class EntryOut(Schema):
    id = fields.Integer()
    occurred_at = fields.DateTime()
    kind = fields.String()
    team = fields.String(allow_none=True, metadata={"description": "Team kind"})
    actor = fields.String(allow_none=True)
    visibility = fields.String()
    payload = fields.Dict()
    note = fields.Nested(NoteOut, allow_none=True)


class TimelineOut(Schema):
    page = fields.Integer()
    pages = fields.Integer()
    total = fields.Integer()
    entries = fields.List(fields.Nested(EntryOut))


class AccessOut(Schema):
    id = fields.Integer()
    person_id = fields.Integer()
    site_id = fields.Integer()
    case_id = fields.Integer(allow_none=True)
    occurred_at = fields.DateTime()
    channel = fields.String()
    urgency = fields.String()
    language_used = fields.String(allow_none=True)
    mediator_present = fields.Boolean()
    description = fields.String(allow_none=True)
    outcome = fields.String(allow_none=True)
    needs = fields.List(fields.String())
    referrals = fields.List(fields.Nested(ReferralOut))


class AppointmentOut(Schema):
    id = fields.Integer()
    case_id = fields.Integer()
    team = fields.Nested(TeamOut)
    referral_id = fields.Integer(allow_none=True)
    starts_at = fields.DateTime()
    duration_minutes = fields.Integer()
    place = fields.String(allow_none=True)
    interpreter_language = fields.String(allow_none=True)
    outcome = fields.String(allow_none=True)


class AppointmentListOut(Schema):
    results = fields.List(fields.Nested(AppointmentOut))
