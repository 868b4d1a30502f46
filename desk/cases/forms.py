"""Forms of the case page: notes, translations, closing and reopening.
"""

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..common.forms import PLEASE_CHOOSE, OnceForm, VersionedForm, options
from ..vocab.codes import CASE_OUTCOMES, VISIBILITIES, choices
from ..vocab.names import language_choices


class NoteForm(OnceForm):
    body = TextAreaField(_l("Note"), validators=[DataRequired(), Length(max=20_000)])
    language = SelectField(_l("Written in"), validators=[DataRequired()])
    visibility = RadioField(_l("Who may read it"), default="all", validators=[DataRequired()])
    team = SelectField(_l("On behalf of the team"), coerce=int, validators=[Optional()])
    submit = SubmitField(_l("Add the note"))

    def __init__(self, teams=(), **kwargs):
        super().__init__(**kwargs)
        self.language.choices = options([PLEASE_CHOOSE], language_choices())
        self.visibility.choices = options(
            choices(VISIBILITIES) if teams else [("all", VISIBILITIES["all"])])
        self.team.choices = options((t.id, t.label) for t in teams)


class TranslationForm(OnceForm):
    language = SelectField(_l("Translated into"), validators=[DataRequired()])
    body = TextAreaField(_l("Translation"), validators=[DataRequired(), Length(max=20_000)])
    submit = SubmitField(_l("Add the translation"))

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.language.choices = options([PLEASE_CHOOSE], language_choices())


class CloseForm(VersionedForm):
    outcome = SelectField(_l("Outcome of the case"), validators=[DataRequired()])
    submit = SubmitField(_l("Close the case"))

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.outcome.choices = options([PLEASE_CHOOSE], choices(CASE_OUTCOMES))


class ReopenForm(VersionedForm):
    submit = SubmitField(_l("Reopen the case"))
