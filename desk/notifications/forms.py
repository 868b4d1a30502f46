"""The e-mail settings form: one choice per kind of notification."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, SubmitField

from ..common.forms import DeskForm
from ..vocab.codes import choices, label
from ..vocab.notifications import EMAIL_MODES, NOTIFICATION_KINDS


def email_settings_form(current: dict[str, str], formdata=None):
    """A form with a field `mode_<kind>` for each kind, preset to `current`."""

    class EmailSettingsForm(DeskForm):
        submit = SubmitField(_l("Save"))

    for kind in NOTIFICATION_KINDS:
        setattr(EmailSettingsForm, f"mode_{kind}",
                SelectField(label(NOTIFICATION_KINDS, kind), choices=choices(EMAIL_MODES)))
    form = EmailSettingsForm(formdata=formdata)
    if not form.is_submitted():
        for kind in NOTIFICATION_KINDS:
            getattr(form, f"mode_{kind}").data = current[kind]
    return form


def chosen_modes(form) -> dict[str, str]:
    return {kind: getattr(form, f"mode_{kind}").data for kind in NOTIFICATION_KINDS}
