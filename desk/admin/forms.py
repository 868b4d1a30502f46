from flask_babel import lazy_gettext as _l
from wtforms import EmailField, SelectField, SelectMultipleField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ..common.forms import DeskForm
from ..vocab.names import language_choices, language_name


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def valid_email(_form, field) -> None:
    """Syntax only (no DNS): internal addresses such as @demo.test or @comune.local are fine."""
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(field.data or "", check_deliverability=False, test_environment=True)
    except EmailNotValidError as error:
        raise ValidationError(_l("Not a valid e-mail address.")) from error


class UserAccessForm(DeskForm):
    """Name, roles, sites, teams and languages of an account (the e-mail is fixed once created)."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    roles = MultiCheckboxField(_l("Roles"), validators=[DataRequired(message=_l("Choose at least one role."))])
    sites = MultiCheckboxField(_l("Sites"), coerce=int)
    teams = MultiCheckboxField(_l("Teams"), coerce=int)
    locale = SelectField(_l("Language of the interface"), validators=[Optional()])
    languages = MultiCheckboxField(
        _l("Languages spoken"), validators=[Optional()],
        description=_l("Tick every language the person speaks; type in the box to narrow the list."),
    )
    submit = SubmitField(_l("Save"))

    def offer_languages(self, spoken=()) -> None:
        """The usual languages, named in the reader's language, and the account's own
        (`spoken`) even when they are not among them."""
        usual = language_choices()
        known = {code for code, _name in usual}
        self.languages.choices = usual + [(code, language_name(code)) for code in spoken
                                          if code not in known]


class NewUserForm(UserAccessForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254), valid_email])
    submit = SubmitField(_l("Create user"))


class ConfirmForm(DeskForm):
    """A button that changes something: CSRF token only."""

    submit = SubmitField(_l("Confirm"))


class PartnerOrganisationForm(DeskForm):
    """The organisation a partner account belongs to (choices filled by the view)."""

    organisation = SelectField(_l("Organisation"), validators=[Optional()])
    submit = SubmitField(_l("Save the organisation"))


class ObservatoryScopeForm(DeskForm):
    """What a coordinator's observatory covers: the region, a territory, or nothing yet
    (choices filled by the view; a value not among them gets our own message)."""

    scope = SelectField(_l("Observatory: figures of"), validate_choice=False,
                        validators=[Optional()])
    submit = SubmitField(_l("Save the observatory scope"))

    def validate_scope(self, field) -> None:
        if (field.data or "") not in {code for code, _label in self.scope.choices}:
            raise ValidationError(_l("Choose the region or one of the territories."))
