"""The intake form: the access, its needs, and the routing to teams."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, SelectField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from ..common.forms import PLEASE_CHOOSE, DeskForm, options
from ..models.vocabulary import offered_choices, retired_codes
from ..vocab.codes import (
    ACCESS_OUTCOMES,
    CHANNELS,
    NEEDS,
    PRIORITIES,
    REFERRAL_REASONS,
    TEAM_KINDS,
    URGENCIES,
    choices,
    label,
)
from ..vocab.names import language_choices
from .forms import MultiCheckboxField
from .intake_services import IntakeData, Route
from .routing import SiteRouting


class IntakeForm(DeskForm):
    channel = SelectField(_l("How did the person come?"), default="walk_in",
                          validators=[DataRequired(_l("Choose how the person came."))])
    language_used = SelectField(_l("Language used"), validators=[Optional()])
    mediator_present = BooleanField(_l("A mediator was present"))
    needs = MultiCheckboxField(_l("Needs"), validators=[
        InputRequired(_l("Choose at least one need; use “Other” if none fits."))])
    urgency = SelectField(_l("Urgency"), default="normal")
    description = TextAreaField(_l("Short description"), validators=[
        Length(max=4000, message=_l("At most 4000 characters; keep the details for a note."))])
    outcome = SelectField(_l("Outcome of the access"), validators=[Optional()])
    teams = MultiCheckboxField(_l("Send to these teams"), validators=[Optional()])
    override_reason = TextAreaField(_l("Reason for routing without consent"), validators=[
        Length(max=2000, message=_l("At most 2000 characters."))])
    form_token = HiddenField()

    def __init__(self, *args, site=None, routing: SiteRouting | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        province = site.province if site is not None else None
        # The site's active teams (models.sites), read once for the form, its suggestions and
        # the routing of the saved access; without a site, the four kinds.
        if site is not None and routing is None:
            routing = SiteRouting.of_site(site.id)
        self.routing = routing
        self.kinds = [(team.kind, team.label) for team in routing.teams] if site else \
            choices(TEAM_KINDS)
        self.retired = {"needs": retired_codes(province, "need"),
                        "reasons": retired_codes(province, "referral_reason")}
        self.channel.choices = options([PLEASE_CHOOSE], choices(CHANNELS))
        self.language_used.choices = [("", "—")] + language_choices()
        self.needs.choices = offered_choices(province, "need", NEEDS)
        self.urgency.choices = choices(URGENCIES)
        self.outcome.choices = [("", _("Decided by the routing"))] + choices(ACCESS_OUTCOMES)
        self.teams.choices = self.kinds
        for kind, _label in self.kinds:
            self.reason_field(kind).choices = offered_choices(province, "referral_reason",
                                                              REFERRAL_REASONS)
            self.priority_field(kind).choices = choices(PRIORITIES)

    def validate(self, extra_validators=None) -> bool:
        """A code the territory retired is refused by name, not as an unknown choice."""
        super().validate(extra_validators)
        retired = [n for n in (self.needs.data or []) if n in self.retired["needs"]]
        if retired:
            self.needs.errors = [RETIRED_NEED % {"label": label(NEEDS, retired[0])}]
        ticked = set(self.teams.data or [])
        for kind, _label in self.kinds:
            field = self.reason_field(kind)
            if kind not in ticked:
                field.errors = []  # a team not chosen: its reason is not used
            elif field.data in self.retired["reasons"]:
                field.errors = [RETIRED_REASON % {"label": label(REFERRAL_REASONS, field.data)}]
        return not any(field.errors for field in self)

    def reason_field(self, kind):
        return self[f"reason_{kind}"]

    def priority_field(self, kind):
        return self[f"priority_{kind}"]

    def intake_data(self) -> IntakeData:
        routes = [Route(kind, self.reason_field(kind).data, self.priority_field(kind).data)
                  for kind, _label in self.kinds if kind in (self.teams.data or [])]
        return IntakeData(
            channel=self.channel.data, needs=self.needs.data or [], urgency=self.urgency.data,
            language_used=self.language_used.data or None,
            mediator_present=self.mediator_present.data,
            description=(self.description.data or "").strip() or None,
            outcome=self.outcome.data or None, routes=routes,
            override_reason=(self.override_reason.data or "").strip() or None,
        )


RETIRED_NEED = _l("The need “%(label)s” is no longer used in this territory: choose another "
                  "one, or “Other”.")
RETIRED_REASON = _l("The reason “%(label)s” is no longer used in this territory: choose another "
                    "one.")


def _team_fields(kind: str) -> dict:
    return {f"reason_{kind}": SelectField(_l("Reason"), default="assessment"),
            f"priority_{kind}": SelectField(_l("Priority"), default="normal")}


for _kind in TEAM_KINDS:
    for _name, _field in _team_fields(_kind).items():
        setattr(IntakeForm, _name, _field)


def intake_form(site, *args, **kwargs) -> IntakeForm:
    """The intake form of a site, with a reason and a priority for each of its own kinds."""
    extra = {}
    routing = SiteRouting.of_site(site.id)
    for team in routing.teams:
        if team.kind not in TEAM_KINDS:
            extra.update(_team_fields(team.kind))
    form_class = type("SiteIntakeForm", (IntakeForm,), extra) if extra else IntakeForm
    return form_class(*args, site=site, routing=routing, **kwargs)
