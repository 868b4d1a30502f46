"""Forms of the sheets: a territory's local parts (one group of fields per step)."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, IntegerField, SelectField, SubmitField, TextAreaField
from wtforms.validators import Length, NumberRange, Optional

from ..common.forms import PLEASE_CHOOSE, VersionedForm, options
from .services import LocalData, StepData


def _service_id(value):
    if value in (None, "", "None"):
        return None
    return int(value)


class LocalPartsForm(VersionedForm):
    reviewed = BooleanField(_l("I have checked these local parts today"))
    submit = SubmitField(_l("Save the local parts"))

    def step_fields(self, code: str):
        return (self[f"service_{code}"], self[f"waiting_{code}"], self[f"note_{code}"])

    def local_data(self, sheet) -> LocalData:
        return LocalData(
            steps={step.code: StepData(self[f"service_{step.code}"].data,
                                       (self[f"note_{step.code}"].data or "").strip() or None,
                                       self[f"waiting_{step.code}"].data)
                   for step in sheet.steps},
            reviewed=self.reviewed.data, version=self.version.data)


def local_parts_form(sheet, services, local=None, **kwargs) -> LocalPartsForm:
    """A form for `sheet`'s steps; `services`: the territory's directory to choose from."""

    class Form(LocalPartsForm):
        pass

    for step in sheet.steps:
        setattr(Form, f"service_{step.code}", SelectField(
            _l("Office of the territory"), coerce=_service_id, validate_choice=True))
        setattr(Form, f"waiting_{step.code}", IntegerField(
            _l("Typical waiting here (days)"), validators=[
                Optional(), NumberRange(0, 730, _l("Write a number of days from 0 to 730."))]))
        setattr(Form, f"note_{step.code}", TextAreaField(
            _l("Local note (in Italian, printed as written)"),
            validators=[Optional(), Length(max=500)]))
    form = Form(**kwargs)
    choices = options([("", PLEASE_CHOOSE[1])],
                      [(service.id, f"{service.organisation.name} — {service.name}")
                       for service in services])
    for step in sheet.steps:
        service, waiting, note = form.step_fields(step.code)
        service.choices = choices
        if not form.is_submitted() and local is not None and (row := local.step(step.code)):
            service.data, waiting.data, note.data = row.service_id, row.waiting_days, row.note
    if not form.is_submitted() and local is not None:
        form.version.data = local.version
    return form
