"""The forms of a merge: finding the other record, and the field-by-field choice."""

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as _p
from wtforms import BooleanField, HiddenField, RadioField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from ..common.forms import DeskForm
from .merge_services import BAD_CHOICE, FIELDS, OTHER, SURVIVOR

FIELD_LABELS = {
    "given_name": _l("Given name"), "family_name": _l("Family name"),
    "given_name_original": _l("Given name (original script)"),
    "family_name_original": _l("Family name (original script)"),
    "birth": _l("Born"), "sex": _l("Sex"), "nationality": _l("Nationality"),
    "preferred_language": _l("Preferred language"),
    "interpreter_needed": _l("Interpreter needed"), "phone": _l("Phone"),
    "tax_code": _l("Tax code"),
}


class FindOtherForm(DeskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Name, tax code or record number"), validators=[
        Optional(), Length(min=2, max=100, message=_l("Type between 2 and 100 characters."))])


class MergeForm(DeskForm):
    """One radio per field where the two records differ (added by `merge_form`)."""

    seen = HiddenField()
    confirm = BooleanField(_l("I have checked that the two records are the same person"),
                           validators=[DataRequired(_l("Tick the box to confirm that both "
                                                       "records are the same person."))])

    def choices(self) -> dict[str, str]:
        return {code: self[code].data for code in FIELDS if code in self}


def merge_form(differing: list[str], **kwargs) -> MergeForm:
    """A MergeForm with a radio for each differing field, the survivor's value by default."""

    class Form(MergeForm):
        pass

    for code in differing:
        setattr(Form, code, RadioField(
            FIELD_LABELS[code], default=SURVIVOR,
            choices=[(SURVIVOR, _p("merge", "This record")), (OTHER, _p("merge", "Other record"))],
            validators=[InputRequired(BAD_CHOICE)]))
    return Form(**kwargs)
