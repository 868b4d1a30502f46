"""The base of every form: what the request refused is said next to the field it came from."""

from flask import has_request_context, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

CONTROL_REMOVED = _l("This text contained an invisible control character (such as NUL), which "
                     "cannot be saved and has been removed: check the text and save again.")


class DeskForm(FlaskForm):
    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        removed = getattr(request, "controls_removed", ()) if has_request_context() else ()
        for field in self:
            if field.name in removed:
                field.errors = [*field.errors, CONTROL_REMOVED]
                valid = False
        return valid
