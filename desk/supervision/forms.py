"""Forms of the supervision area: the period and site filter (GET) and reassignment (POST)."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectField, SelectMultipleField
from wtforms.validators import DataRequired, Optional, ValidationError

from ..common.forms import DeskForm
from ..common.i18n import LOCALES, locale_name

# The longest period the dashboard accepts: keeps every query bounded.
MAX_PERIOD_DAYS = 3 * 366


class PeriodForm(DeskForm):
    """Read from the query string; no CSRF token for a filter that changes nothing."""

    class Meta:
        csrf = False

    start = DateField(_l("From"), validators=[Optional()],
                      render_kw={"type": "date"})
    end = DateField(_l("To"), validators=[Optional()], render_kw={"type": "date"})
    site = SelectField(_l("Site"), choices=[], validate_choice=False, validators=[Optional()])

    def __init__(self, *args, sites=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.site.choices = [("", _l("All my sites"))] + [(str(s.id), s.name) for s in sites]
        self.allowed_sites = {str(s.id) for s in sites}

    def validate_end(self, field):
        if self.start.data and field.data and field.data < self.start.data:
            raise ValidationError(_l("The end date must be on or after the start date."))
        if self.start.data and field.data and (field.data - self.start.data).days > MAX_PERIOD_DAYS:
            raise ValidationError(_l("Choose a period of at most three years."))

    def validate_site(self, field):
        if field.data and field.data not in self.allowed_sites:
            raise ValidationError(_l("Choose one of your sites."))


class ExportLanguageForm(DeskForm):
    class Meta:
        csrf = False

    lang = SelectField(_l("Language of the export"), validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lang.choices = [(code, locale_name(code)) for code in LOCALES]


class ReassignForm(DeskForm):
    referral = SelectMultipleField(
        _l("Referrals"), coerce=int, validate_choice=False,
        validators=[DataRequired(_l("Tick at least one referral to move."))],
    )
    assignee = SelectField(
        _l("Move to"), coerce=int, validate_choice=False,
        validators=[DataRequired(_l("Choose the worker who takes them over."))],
    )
