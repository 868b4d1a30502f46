"""What the API accepts and answers (marshmallow schemas; the OpenAPI document is made from
them). Inputs are checked for their shape here and for the desk's rules by the desk's forms."""

from marshmallow import Schema, fields

from ..vocab.codes import NEEDS, SERVICE_KINDS, TEAM_KINDS
from .fields import ApiSchema, Flag, Moment, NestedList, Number, QueryNumber, Text, TextList

MAX_LIMIT = 100

# ---- inputs -------------------------------------------------------------------------------


class PagedArgs(ApiSchema):
    """Every list: a page of `limit` rows, after the `cursor` of the previous page."""

    cursor = Text(max_length=2000, metadata={
        "description": "The `next_cursor` of the previous page (opaque, signed; it belongs "
                       "to this list with these filters). Leave out for the first page."})
    limit = QueryNumber(load_default=50, most=MAX_LIMIT, metadata={"description": "Rows per page."})


class PersonSearchArgs(PagedArgs):
    q = Text(required=True, max_length=200,
             metadata={"description": "Name (any script), date of birth, phone, document "
                                      "number or tax code, as typed at the counter."})


class PersonIn(ApiSchema):
    """A person's record, whole (as the form sends it: a field left out is emptied)."""

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


class RegisterPersonIn(PersonIn):
    site_id = Number(metadata={"description": "One of the caller's sites (default: the first)."})
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


class TimelineArgs(PagedArgs):
    team = Text(max_length=16, metadata={"enum": list(TEAM_KINDS)})
    kind = Text(max_length=32)


class AcceptIn(ApiSchema):
    assignee_id = Number(metadata={"description": "A member of the team (default: you)."})


class DeclineIn(ApiSchema):
    reason = Text(required=True, max_length=32)
    text = Text(max_length=2000, allow_none=True)


class CompleteIn(ApiSchema):
    outcome = Text(required=True, max_length=32)


class ReferralListArgs(PagedArgs):
    site = Text(max_length=16, metadata={"description": "Site code (default: your first)."})
    status = Text(max_length=16, metadata={"enum": ["open", "pending", "accepted", "all"]})


class AppointmentArgs(PagedArgs):
    start = Text(max_length=10, metadata={"description": "First day, YYYY-MM-DD "
                                                         "(default: today).", "format": "date"})
    days = QueryNumber(load_default=7, most=62)
    site = Text(max_length=16, metadata={"description": "Site code (default: your first)."})


class ServiceListArgs(PagedArgs):
    need = TextList(max_items=len(NEEDS), metadata={
        "description": "Needs served (any of them); repeat the parameter for several.",
        "items": {"type": "string", "enum": sorted(NEEDS)}})
    language = Text(max_length=8, metadata={"description": "A language spoken (ISO 639)."})
    kind = Text(max_length=16, metadata={"enum": sorted(SERVICE_KINDS)})
    day = Text(max_length=1, metadata={"enum": [str(day) for day in range(7)],
                                       "description": "Open on this weekday (0 = Monday)."})
    q = Text(max_length=200, metadata={"description": "Words in the name, address or "
                                                      "eligibility."})


class TerritoryReportArgs(ApiSchema):
    start = Text(max_length=10, metadata={"format": "date", "description": "First day "
                 "(YYYY-MM-DD); the report covers whole months."})
    end = Text(max_length=10, metadata={"format": "date", "description": "Last day."})


# ---- outputs ------------------------------------------------------------------------------


class PageOut(Schema):
    """Every list's answer: `results`, and where the next page starts (also sent as a
    `Link: <…>; rel="next"` header); both null on the last page."""

    next_cursor = fields.String(allow_none=True, metadata={
        "description": "Send as `cursor` for the next page; null on the last page."})
    next = fields.String(allow_none=True, metadata={
        "description": "The next page's path and query (the same filters, with `cursor`)."})


class ProblemOut(Schema):
    """Every error: problem details (RFC 9457), `detail` in the language of Accept-Language."""

    type = fields.String()
    title = fields.String()
    status = fields.Integer()
    detail = fields.String()
    errors = fields.Dict(keys=fields.String(), metadata={
        "description": "Each refused field with its messages (400)."})


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
    created_at = Moment()


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


class SearchOut(PageOut):
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
    created_at = Moment()
    accepted_at = Moment(allow_none=True)
    declined_at = Moment(allow_none=True)
    decline_reason = fields.String(allow_none=True)
    completed_at = Moment(allow_none=True)
    outcome = fields.String(allow_none=True)
    needs = fields.List(fields.String())
    version = fields.Integer()


class ReferralListOut(PageOut):
    results = fields.List(fields.Nested(ReferralOut))


class CaseOut(Schema):
    id = fields.Integer()
    person_id = fields.Integer()
    site_id = fields.Integer()
    status = fields.String()
    manager_id = fields.Integer(allow_none=True)
    opened_at = Moment()
    closed_at = Moment(allow_none=True)
    closing_outcome = fields.String(allow_none=True)
    version = fields.Integer()
    referrals = fields.List(fields.Nested(ReferralOut))


class NoteOut(Schema):
    id = fields.Integer()
    language = fields.String()
    body = fields.String()


class EntryOut(Schema):
    id = fields.Integer()
    occurred_at = Moment()
    kind = fields.String()
    team = fields.String(allow_none=True, metadata={"description": "Team kind"})
    actor = fields.String(allow_none=True)
    visibility = fields.String()
    payload = fields.Dict()
    note = fields.Nested(NoteOut, allow_none=True)


class TimelineOut(PageOut):
    results = fields.List(fields.Nested(EntryOut))


class AccessOut(Schema):
    id = fields.Integer()
    person_id = fields.Integer()
    site_id = fields.Integer()
    case_id = fields.Integer(allow_none=True)
    occurred_at = Moment()
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
    starts_at = Moment()
    duration_minutes = fields.Integer()
    place = fields.String(allow_none=True)
    interpreter_language = fields.String(allow_none=True)
    outcome = fields.String(allow_none=True)


class AppointmentListOut(PageOut):
    results = fields.List(fields.Nested(AppointmentOut))


class OrganisationOut(Schema):
    id = fields.Integer()
    name = fields.String()
    kind = fields.String()
    province = fields.String()


class OpeningOut(Schema):
    weekday = fields.Integer(metadata={"description": "0 = Monday"})
    opens = fields.Time(format="%H:%M")
    closes = fields.Time(format="%H:%M")


class ServiceOut(Schema):
    id = fields.Integer()
    organisation = fields.Nested(OrganisationOut)
    name = fields.String()
    eligibility = fields.String(allow_none=True)
    address = fields.String()
    phone = fields.String(allow_none=True)
    email = fields.String(allow_none=True)
    website = fields.String(allow_none=True)
    access_mode = fields.String()
    what_to_bring = fields.String(allow_none=True)
    contact_person = fields.String(allow_none=True)
    active = fields.Boolean()
    verified_on = fields.Date(allow_none=True)
    needs = fields.List(fields.String())
    languages = fields.List(fields.String())
    openings = fields.List(fields.Nested(OpeningOut))
    version = fields.Integer()


class ServiceListOut(PageOut):
    results = fields.List(fields.Nested(ServiceOut))


class ReportCellOut(Schema):
    category = fields.String(metadata={"description": "The code (need, language, country)."})
    category_label = fields.String(metadata={"description": "Its name in your language."})
    period = fields.String(metadata={"description": "The month (YYYY-MM); empty for the "
                                                    "whole period."})
    breakdown = fields.String(metadata={"description": "The column not counted by month, if "
                                                       "any (an outcome, for example)."})
    count = fields.Integer(allow_none=True, metadata={"description": "null when suppressed "
                                                                     "(under 5)."})
    shown = fields.String(metadata={"description": "The count as published: \"<5\" for a "
                                                   "small cell."})


class ReportTableOut(Schema):
    key = fields.String()
    title = fields.String()
    cells = fields.List(fields.Nested(ReportCellOut))


class TerritoryReportOut(Schema):
    territory = fields.String()
    first_month = fields.String()
    last_month = fields.String()
    small_cell_threshold = fields.Integer()
    tables = fields.List(fields.Nested(ReportTableOut))
