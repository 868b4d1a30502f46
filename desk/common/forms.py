"""What every form shares: refusals said next to their field, choices in the reader's locale,
and the version a record was loaded with (optimistic locking).

Choices are filled in each form's __init__ so their labels are in the reader's locale.
"""

import secrets
from datetime import date

from flask import has_request_context, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from markupsafe import Markup, escape
from wtforms import HiddenField
from wtforms.fields.choices import SelectChoice, SelectFieldBase
from wtforms.widgets import Select

CONTROL_REMOVED = _l("This text contained an invisible control character (such as NUL), which "
                     "cannot be saved and has been removed: check the text and save again.")
PLEASE_CHOOSE = ("", _l("— choose —"))
DATE_OUT_OF_RANGE = _l("Choose a date between 1900 and 2100.")
NUMBER_OUT_OF_RANGE = _l("This number is too large.")
# Dates a desk can mean; beyond them date arithmetic (a day later, a week on) overflows.
EARLIEST, LATEST = date(1900, 1, 1), date(2100, 12, 31)
MAX_INTEGER = 2**31 - 1


class QuickSelect(Select):
    """WTForms' select, each plain option written in one step. Its own writes every option's
    attributes through `html_params`, a Markup format per attribute: the language and country
    lists made a filter form cost milliseconds (issue 21). The same HTML; an option with
    attributes of its own goes the library's way."""

    @classmethod
    def render_option(cls, choice, **kwargs):
        value = choice.value
        if kwargs or choice.render_kw or type(value) not in (str, int):  # bool, None: theirs
            return super().render_option(choice, **kwargs)
        selected = "selected " if choice.selected else ""  # html_params sorts by name
        label = choice.label or value
        return Markup(f'<option {selected}value="{escape(value)}">{escape(label)}</option>')


QUICK_SELECT = QuickSelect()


class DeskForm(FlaskForm):
    class Meta:
        def bind_field(self, form, unbound_field, options):
            widget = getattr(unbound_field.field_class, "widget", None)
            if (type(widget) is Select and not widget.multiple
                    and "widget" not in unbound_field.kwargs):
                options = {**options, "widget": QUICK_SELECT}
            return super().bind_field(form, unbound_field, options)

    def validate(self, extra_validators=None) -> bool:
        for field in self:
            _strip_choice(field)
        valid = super().validate(extra_validators)
        removed = getattr(request, "controls_removed", ()) if has_request_context() else ()
        for field in self:
            if field.name in removed:
                field.errors = [*field.errors, CONTROL_REMOVED]
                valid = False
            elif (problem := _out_of_range(field)) is not None:
                field.errors = [*field.errors, problem]
                field.data = None  # never reaches a query: the typed text stays in the box
                valid = False
        return valid


def _strip_choice(field) -> None:
    """A choice sent padded with spaces is that choice; one of spaces only is no choice."""
    if not isinstance(field, SelectFieldBase):
        return
    if isinstance(field.data, str):
        field.data = field.data.strip()
        if field.raw_data:
            field.raw_data = [value.strip() if isinstance(value, str) else value
                              for value in field.raw_data]
    elif isinstance(field.data, list):
        field.data = [v.strip() if isinstance(v, str) else v for v in field.data if
                      not isinstance(v, str) or v.strip()]


def _out_of_range(field):
    value = field.data
    if isinstance(value, date) and not EARLIEST <= value <= LATEST:
        return DATE_OUT_OF_RANGE
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INTEGER:
        return NUMBER_OUT_OF_RANGE
    return None


def options(*groups) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices (plain tuples are deprecated in WTForms 3.3)."""
    return [SelectChoice(value, label) for group in groups for value, label in group]


class OnceForm(DeskForm):
    """A form that creates a record. Its one-time token, made when the form is shown, lets
    `handle_form(..., once=receipts)` create the record once however often it is sent."""

    form_token = HiddenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_submitted() and not self.form_token.data:
            self.form_token.data = secrets.token_urlsafe(24)


class VersionedForm(DeskForm):
    version = HiddenField()
    next = HiddenField()


def parse_day(value) -> date | None:
    """A date typed into an address (YYYY-MM-DD) within the dates a desk can mean, else None."""
    try:
        day = date.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return day if EARLIEST <= day <= LATEST else None
