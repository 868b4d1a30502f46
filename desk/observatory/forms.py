"""The observatory's choice of quarter (GET) and of the report's language."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField
from wtforms.validators import Optional, ValidationError

from ..common.forms import DeskForm, options

FIRST_YEAR = 2015
REPORT_LANGUAGES = ("it", "en")


class QuarterForm(DeskForm):
    """Read from the query string; no CSRF token for a filter that changes nothing."""

    class Meta:
        csrf = False

    year = SelectField(_l("Year"), validators=[Optional()], validate_choice=False)
    quarter = SelectField(_l("Quarter"), validators=[Optional()], validate_choice=False,
                          choices=options([(str(q), f"Q{q}") for q in range(1, 5)]))

    def __init__(self, *args, last=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.last = last
        self.years = [str(y) for y in range(last.year, FIRST_YEAR - 1, -1)]
        self.year.choices = options([(y, y) for y in self.years])

    def validate_year(self, field):
        if field.data and field.data not in self.years:
            raise ValidationError(_l("Choose a year from the list."))

    def validate_quarter(self, field):
        if field.data and field.data not in {"1", "2", "3", "4"}:
            raise ValidationError(_l("Choose a quarter from the list."))
        year = self.year.data
        if (field.data and year and year == str(self.last.year)
                and int(field.data) > self.last.quarter):
            raise ValidationError(_l("Only quarters that are over are published."))
