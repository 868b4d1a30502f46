"""The form that attaches a file, from the case page."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import BooleanField, RadioField, SelectField, SubmitField
from wtforms.validators import DataRequired, Optional

from ..common.forms import PLEASE_CHOOSE, OnceForm, options
from ..vocab.codes import ATTACHMENT_KINDS, VISIBILITIES, choices


class AttachmentForm(OnceForm):
    file = FileField(_l("File (PDF, JPEG or PNG)"),
                     render_kw={"accept": "application/pdf,image/jpeg,image/png"})
    kind = SelectField(_l("What it is"), validators=[DataRequired()])
    on_person = BooleanField(_l("Keep it on the person's record (every case of theirs)"))
    visibility = RadioField(_l("Who may open it"), default="all", validators=[DataRequired()])
    team = SelectField(_l("On behalf of the team"), coerce=int, validators=[Optional()])
    submit = SubmitField(_l("Attach the file"))

    def __init__(self, teams=(), **kwargs):
        super().__init__(**kwargs)
        self.kind.choices = options([PLEASE_CHOOSE], choices(ATTACHMENT_KINDS))
        self.visibility.choices = options(
            choices(VISIBILITIES) if teams else [("all", VISIBILITIES["all"])])
        self.team.choices = options((t.id, t.label) for t in teams)
