"""The request of a transfer from the notice that a person is registered at another desk."""

import re

from flask_babel import lazy_gettext as _l
from wtforms import DateField, HiddenField, IntegerField, StringField
from wtforms.validators import DataRequired, Length, Optional

from ..common.forms import DeskForm

IDENTIFIER = re.compile(r"^[A-Z0-9]{3,40}$")
WORD = re.compile(r"^[a-z0-9]{1,120}$")
BAD_LOOKUP = _l("This request could not be read: search for the person again.")


class AskTransferForm(DeskForm):
    site_id = IntegerField(validators=[DataRequired(BAD_LOOKUP)])
    identifiers = StringField(validators=[Optional(), Length(max=200, message=BAD_LOOKUP)])
    words = StringField(validators=[Optional(), Length(max=500, message=BAD_LOOKUP)])
    birth_date = DateField(validators=[Optional()], format="%Y-%m-%d")
    next = HiddenField()

    def lookup(self) -> dict | None:
        """What the look-up was given, or None when it does not read as one."""
        identifiers = (self.identifiers.data or "").split()[:4]
        words = (self.words.data or "").split()[:6]
        if not all(IDENTIFIER.match(i) for i in identifiers) or not all(
                WORD.match(w) for w in words):
            return None
        return {"identifiers": identifiers, "words": words, "birth_date": self.birth_date.data}
