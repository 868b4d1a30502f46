"""The intake form: the access, its needs, and the routing to teams."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, SelectField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from ..common.forms import PLEASE_CHOOSE, DeskForm, options
from ..vocab.codes import ACCESS_OUTCOMES, CHANNELS, NEEDS, PRIORITIES, REFERRAL_REASONS, TEAM_KINDS, URGENCIES, choices
from ..vocab.names import language_choices
from .forms import MultiCheckboxField
from .intake_services import IntakeData, Route


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.channel.choices = options([PLEASE_CHOOSE], choices(CHANNELS))
        self.language_used.choices = [("", "—")] + language_choices()
        self.needs.choices = choices(NEEDS)
        self.urgency.choices = choices(URGENCIES)
        self.outcome.choices = [("", _("Decided by the routing"))] + choices(ACCESS_OUTCOMES)
        self.teams.choices = choices(TEAM_KINDS)
        for kind in TEAM_KINDS:
            self.reason_field(kind).choices = choices(REFERRAL_REASONS)
            self.priority_field(kind).choices = choices(PRIORITIES)

    def reason_field(self, kind):
        return self[f"reason_{kind}"]

    def priority_field(self, kind):
        return self[f"priority_{kind}"]

    def intake_data(self) -> IntakeData:
        routes = [Route(kind, self.reason_field(kind).data, self.priority_field(kind).data)
                  for kind in TEAM_KINDS if kind in (self.teams.data or [])]
        return IntakeData(
            channel=self.channel.data, needs=self.needs.data or [], urgency=self.urgency.data,
            language_used=self.language_used.data or None,
            mediator_present=self.mediator_present.data,
            description=(self.description.data or "").strip() or None,
            outcome=self.outcome.data or None, routes=routes,
            override_reason=(self.override_reason.data or "").strip() or None,
        )


for _kind in TEAM_KINDS:
    setattr(IntakeForm, f"reason_{_kind}", SelectField(_l("Reason"), default="assessment"))
    setattr(IntakeForm, f"priority_{_kind}", SelectField(_l("Priority"), default="normal"))
