"""Forms of the network area: a directory entry, the search of services, the external
referral and its lifecycle, the partner's reply. Every refusal is said next to its field."""

from babel.dates import get_day_names
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ..common.forms import DeskForm, OnceForm, VersionedForm
from ..vocab.codes import (
    ACCESS_MODES,
    EXTERNAL_OUTCOMES,
    NEEDS,
    PRIORITIES,
    REFERRAL_REASONS,
    SERVICE_KINDS,
    choices,
)
from ..vocab.names import language_choices
from . import validation
from .directory_services import ServiceData


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def day_names() -> list[str]:
    names = get_day_names("wide", locale=str(get_locale() or "it"))
    return [names[i] for i in range(7)]


def _check(cleaner):
    def check(_form, field):
        data = field.data
        if data is None and isinstance(field, SelectMultipleField):
            data = []  # an empty POST leaves a multiple choice at its default, None
        try:
            field.data = cleaner(data)
        except validation.Invalid as problem:
            raise ValidationError(str(problem)) from None
    return check


class ServiceForm(VersionedForm):
    organisation = StringField(_l("Organisation"), validators=[
        DataRequired(_l("Write the name of the organisation.")), Length(max=160)])
    kind = SelectField(_l("Kind"), validators=[DataRequired(_l("Choose the kind."))])
    name = StringField(_l("Service"), validators=[
        DataRequired(_l("Write the name of the service.")), Length(max=160)])
    needs = CheckboxesField(_l("Needs it serves"), validators=[_check(validation.clean_needs)])
    eligibility = TextAreaField(_l("Who may use it"), validators=[Optional(), Length(max=2000)])
    address = StringField(_l("Address"), validators=[
        DataRequired(_l("Write the address.")), Length(max=240)])
    access_mode = SelectField(_l("How to access"), validators=[DataRequired()])
    languages = SelectMultipleField(_l("Languages spoken"),
                                    validators=[_check(validation.clean_languages)])
    phone = StringField(_l("Phone"), validators=[_check(validation.clean_phone)])
    email = StringField(_l("E-mail"), validators=[_check(validation.clean_email)])
    website = StringField(_l("Website"), validators=[_check(validation.clean_url)])
    what_to_bring = TextAreaField(_l("What to bring"), validators=[Optional(), Length(max=2000)])
    contact_person = StringField(_l("Whom to ask for"), validators=[Optional(), Length(max=120)])
    active = BooleanField(_l("Active"), default=True)
    verified_on = DateField(_l("Last verified on"), validators=[Optional()])
    hours_0 = StringField(validators=[_check(validation.parse_slots)])
    hours_1 = StringField(validators=[_check(validation.parse_slots)])
    hours_2 = StringField(validators=[_check(validation.parse_slots)])
    hours_3 = StringField(validators=[_check(validation.parse_slots)])
    hours_4 = StringField(validators=[_check(validation.parse_slots)])
    hours_5 = StringField(validators=[_check(validation.parse_slots)])
    hours_6 = StringField(validators=[_check(validation.parse_slots)])
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, service=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = choices(SERVICE_KINDS)
        self.needs.choices = choices(NEEDS)
        self.access_mode.choices = choices(ACCESS_MODES)
        self.languages.choices = language_choices()
        for day, name in enumerate(day_names()):
            self.hours_field(day).label.text = name
        if service is not None and not self.is_submitted():
            self.organisation.data = service.organisation.name
            self.kind.data = service.organisation.kind
            self.needs.data = service.needs
            self.languages.data = service.languages
            for day in range(7):
                self.hours_field(day).data = validation.format_slots(
                    (o.opens, o.closes) for o in service.openings if o.weekday == day)

    def hours_field(self, day: int):
        return self[f"hours_{day}"]

    def service_data(self) -> ServiceData:
        return ServiceData(
            organisation=self.organisation.data.strip(), kind=self.kind.data,
            name=self.name.data.strip(), address=self.address.data.strip(),
            access_mode=self.access_mode.data, needs=self.needs.data,
            languages=self.languages.data or [],
            hours={d: self.hours_field(d).data for d in range(7) if self.hours_field(d).data},
            eligibility=(self.eligibility.data or "").strip() or None, phone=self.phone.data,
            email=self.email.data, website=self.website.data,
            what_to_bring=(self.what_to_bring.data or "").strip() or None,
            contact_person=(self.contact_person.data or "").strip() or None,
            active=self.active.data, verified_on=self.verified_on.data)


class ExternalReferralForm(OnceForm):
    reason = SelectField(_l("Reason"), validators=[DataRequired(_l("Choose the reason."))])
    urgency = SelectField(_l("Urgency"), default="normal")
    agreed = TextAreaField(_l("What was agreed with the person"), validators=[
        Length(max=2000, message=_l("At most 2000 characters."))])
    follow_up_on = DateField(_l("Follow up on"), validators=[
        DataRequired(_l("Choose the day to check how it went."))])
    consent_given = BooleanField(_l("The person agrees that we share these data with this "
                                    "organisation"))
    override_reason = TextAreaField(_l("Reason for sending without consent"), validators=[
        Length(max=2000, message=_l("At most 2000 characters."))])
    submit = SubmitField(_l("Send the referral"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reason.choices = choices(REFERRAL_REASONS)
        self.urgency.choices = choices(PRIORITIES)


class AcknowledgeForm(VersionedForm):
    submit = SubmitField(_l("Acknowledge"))


class OutcomeForm(VersionedForm):
    outcome = SelectField(_l("Outcome"), validators=[DataRequired(_l("Choose the outcome."))])
    submit = SubmitField(_l("Record the outcome"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.outcome.choices = [("", "—")] + choices(EXTERNAL_OUTCOMES)


class ReplyForm(OnceForm):
    body = TextAreaField(_l("Reply to the desk"), validators=[
        DataRequired(_l("Write the reply.")),
        Length(max=4000, message=_l("At most 4000 characters."))])
    submit = SubmitField(_l("Send the reply"))


class ImportForm(DeskForm):
    upload = FileField(_l("File (CSV or XLSX)"), validators=[
        FileRequired(_l("Choose the file to import."))])
    dry_run = BooleanField(_l("Only check the file, do not import yet"), default=True)
    submit = SubmitField(_l("Import"))
