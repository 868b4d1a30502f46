"""The form that creates a personal access token."""

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length

from ..common.forms import DeskForm, options
from .token_services import EXPIRY_CHOICES_DAYS


class TokenForm(DeskForm):
    name = StringField(_l("Name (what the token is for)"), validators=[
        DataRequired(_l("Give the token a name, such as the program that will use it.")),
        Length(max=80, message=_l("At most 80 characters."))])
    scope = SelectField(_l("What the token may do"), default="read")
    days = SelectField(_l("Valid for"), coerce=int, default=90)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope.choices = options([("read", _l("Read only")),
                                      ("write", _l("Read and write"))])
        self.days.choices = options((days, ngettext("%(num)d day", "%(num)d days", days))
                                    for days in EXPIRY_CHOICES_DAYS)
