"""What every form shares: refusals said next to their field, choices in the reader's locale,
and the version a record was loaded with (optimistic locking).

Choices are filled in each form's __init__ so their labels are in the reader's locale.
"""

from flask import has_request_context, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.fields.choices import SelectChoice

CONTROL_REMOVED = _l("This text contained an invisible control character (such as NUL), which "
                     "cannot be saved and has been removed: check the text and save again.")
PLEASE_CHOOSE = ("", _l("— choose —"))


class DeskForm(FlaskForm):
    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        removed = getattr(request, "controls_removed", ()) if has_request_context() else ()
        for field in self:
            if field.name in removed:
                field.errors = [*field.errors, CONTROL_REMOVED]
                valid = False
        return valid


def options(*groups) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices (plain tuples are deprecated in WTForms 3.3)."""
    return [SelectChoice(value, label) for group in groups for value, label in group]


class VersionedForm(DeskForm):
    version = HiddenField()
    next = HiddenField()
