"""The request of a transfer from the notice that a person is registered at another desk, and
the transfer of a case: its request, acceptance, refusal and withdrawal."""

import re

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from ..common.forms import MAX_INTEGER, PLEASE_CHOOSE, DeskForm, OnceForm, VersionedForm, options
from .transfer_services import REASON_MAX

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


NO_SITE = -1  # sent, but no site's id: the service says that no such desk is in use


def _site_id(value) -> int | None:
    """A site's id as sent by the form; None when nothing was chosen."""
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        return NO_SITE
    return number if 0 < number <= MAX_INTEGER else NO_SITE


CONSENT_MISSING = _l("Record the person's consent: a case is transferred only if the person "
                     "agrees.")
REASON_MISSING = _l("Write the reason: the other desk reads it.")


class RequestTransferForm(OnceForm):
    to_site = SelectField(_l("Desk that will take over the case"), coerce=_site_id,
                          validate_choice=False, validators=[
                              DataRequired(_l("Choose the desk that will take over the case."))])
    reason = TextAreaField(_l("Reason for the transfer"), validators=[
        DataRequired(REASON_MISSING), Length(max=REASON_MAX)])
    consent = BooleanField(_l("The person agrees that their case and their record move to "
                              "that desk"), validators=[DataRequired(CONSENT_MISSING)])
    submit = SubmitField(_l("Ask for the transfer"))

    def __init__(self, sites=(), **kwargs):
        super().__init__(**kwargs)
        self.to_site.choices = options([PLEASE_CHOOSE], ((s.id, s.name) for s in sites))


class AcceptTransferForm(VersionedForm):
    submit = SubmitField(_l("Accept the transfer"))


class RefuseTransferForm(VersionedForm):
    reason = TextAreaField(_l("Reason for refusing"), validators=[
        DataRequired(REASON_MISSING), Length(max=REASON_MAX)])
    submit = SubmitField(_l("Refuse the transfer"))


class CancelTransferForm(VersionedForm):
    submit = SubmitField(_l("Withdraw the request"))
