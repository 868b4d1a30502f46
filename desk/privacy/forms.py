"""Forms of the privacy area: erasure confirmation, legal hold, consent withdrawal."""

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as _p
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

from ..common.forms import DeskForm

BASIS_CHOICES = [
    SelectChoice("request", _p("erasure basis", "The person asked for erasure")),
    SelectChoice("retention", _p("erasure basis", "The retention period has ended")),
]


class EraseForm(DeskForm):
    basis = SelectField(_l("Why"), choices=BASIS_CHOICES, default="request")
    confirmation = StringField(
        _l("Type the record number to confirm"),
        validators=[DataRequired(_l("Type the record number.")), Length(max=20)])

    def __init__(self, *args, person_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.person_id = person_id

    def validate_confirmation(self, field):
        if (field.data or "").strip().lstrip("#") != str(self.person_id):
            raise ValidationError(_l("That is not the record number shown above."))


class LegalHoldForm(DeskForm):
    hold = BooleanField(_l("Legal hold: keep this record, no erasure"))
    reason = TextAreaField(_l("Reason (e.g. proceedings, authority's request)"),
                           validators=[Length(max=2000, message=_l("At most 2000 characters."))])

    def validate_reason(self, field):
        if self.hold.data and not (field.data or "").strip():
            raise ValidationError(_l("Say why the record is held."))


class WithdrawConsentForm(DeskForm):
    """Only the CSRF token: the consent is named by the address."""
