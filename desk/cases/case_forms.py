"""Forms of the case page: referral actions, notes, translations, closing and reopening.

Choices are filled in __init__ so their labels are in the reader's locale. Forms that edit a
versioned record carry the version they were loaded with (optimistic locking).
"""

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField, SelectField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from ..forms import DeskForm
from ..vocab.codes import CASE_OUTCOMES, DECLINE_REASONS, REFERRAL_OUTCOMES, VISIBILITIES, choices
from ..vocab.names import language_choices

PLEASE_CHOOSE = ("", _l("— choose —"))


def options(*groups) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices (plain tuples are deprecated in WTForms 3.3)."""
    return [SelectChoice(value, label) for group in groups for value, label in group]


class VersionedForm(DeskForm):
    version = HiddenField()
    next = HiddenField()


class AssignForm(VersionedForm):
    # The service says who may take the referral (team, language), with its own message.
    assignee = SelectField(_l("Assign to"), coerce=int, validators=[InputRequired()],
                           validate_choice=False)
    submit = SubmitField(_l("Save"))

    def __init__(self, members=(), **kwargs):
        super().__init__(**kwargs)
        self.assignee.choices = options((u.id, u.name) for u in members)


class DeclineForm(VersionedForm):
    reason = SelectField(_l("Reason"), validators=[DataRequired()])
    text = TextAreaField(_l("Explanation for the desk"), validators=[Optional(), Length(max=2000)])
    submit = SubmitField(_l("Decline and send back to the desk"))

    def __init__(self, interpreting=False, **kwargs):
        super().__init__(**kwargs)
        self.reason.choices = options([PLEASE_CHOOSE], choices(DECLINE_REASONS))
        if interpreting:  # an interpreter request goes back to the booking team
            self.text.label.text = _l("Explanation for the booking team")
            self.submit.label.text = _l("Decline the interpreter request")


class CompleteForm(VersionedForm):
    outcome = SelectField(_l("Outcome"), validators=[DataRequired()])
    submit = SubmitField(_l("Complete the referral"))

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.outcome.choices = options([PLEASE_CHOOSE], choices(REFERRAL_OUTCOMES))


class NoteForm(DeskForm):
    body = TextAreaField(_l("Note"), validators=[DataRequired(), Length(max=20_000)])
    language = SelectField(_l("Written in"), validators=[DataRequired()])
    visibility = RadioField(_l("Who may read it"), default="all", validators=[DataRequired()])
    team = SelectField(_l("On behalf of the team"), coerce=int, validators=[Optional()])
    submit = SubmitField(_l("Add the note"))

    def __init__(self, teams=(), **kwargs):
        super().__init__(**kwargs)
        self.language.choices = options(language_choices())
        self.visibility.choices = options(
            choices(VISIBILITIES) if teams else [("all", VISIBILITIES["all"])])
        self.team.choices = options((t.id, t.label) for t in teams)


class TranslationForm(DeskForm):
    language = SelectField(_l("Translated into"), validators=[DataRequired()])
    body = TextAreaField(_l("Translation"), validators=[DataRequired(), Length(max=20_000)])
    submit = SubmitField(_l("Add the translation"))

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.language.choices = options(language_choices())


class CloseForm(VersionedForm):
    outcome = SelectField(_l("Outcome of the case"), validators=[DataRequired()])
    submit = SubmitField(_l("Close the case"))

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.outcome.choices = options([PLEASE_CHOOSE], choices(CASE_OUTCOMES))


class ReopenForm(VersionedForm):
    submit = SubmitField(_l("Reopen the case"))
