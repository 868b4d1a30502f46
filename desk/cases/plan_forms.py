"""Forms for appointments, the care plan, case conferences and residence documents."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from ..forms import DeskForm
from ..vocab.codes import GOAL_STATUSES, PERMIT_TYPES, TEAM_KINDS, choices
from ..vocab.names import language_choices
from .case_forms import PLEASE_CHOOSE, VersionedForm, options


class AppointmentForm(DeskForm):
    team = SelectField(_l("Team"), coerce=int, validators=[InputRequired()])
    day = DateField(_l("Date"), validators=[DataRequired()])
    time = TimeField(_l("Time"), validators=[DataRequired()])
    duration = IntegerField(_l("Duration (minutes)"), default=30,
                            validators=[InputRequired(), NumberRange(min=5, max=480)])
    place = StringField(_l("Place"), validators=[Optional(), Length(max=200)])
    interpreter_language = SelectField(_l("Interpreter language"), validators=[Optional()])
    submit = SubmitField(_l("Book the appointment"))

    def __init__(self, teams=(), **kwargs):
        super().__init__(**kwargs)
        self.team.choices = options((t.id, t.label) for t in teams)
        self.interpreter_language.choices = options([("", _l("No interpreter"))],
                                                    language_choices())


class AttendanceForm(DeskForm):
    outcome = SelectField(_l("Outcome"), choices=options([("attended", "attended"),
                                                         ("no_show", "no_show")]))


class GoalForm(VersionedForm):
    dimension = SelectField(_l("Dimension"), validators=[DataRequired()])
    goal = TextAreaField(_l("Goal"), validators=[DataRequired(), Length(max=2000)])
    actions = TextAreaField(_l("Agreed actions"), validators=[Optional(), Length(max=4000)])
    status = SelectField(_l("Status"), validators=[DataRequired()])
    review_date = DateField(_l("Review date"), validators=[Optional()])
    submit = SubmitField(_l("Save the goal"))

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dimension.choices = options([PLEASE_CHOOSE], choices(TEAM_KINDS))
        self.status.choices = options(choices(GOAL_STATUSES))


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ConferenceForm(DeskForm):
    held_on = DateField(_l("Date of the conference"), validators=[DataRequired()])
    teams = MultiCheckboxField(_l("Teams present"), coerce=int, validators=[DataRequired()])
    decisions = TextAreaField(_l("Decisions"), validators=[DataRequired(), Length(max=8000)])
    submit = SubmitField(_l("Record the conference"))

    def __init__(self, teams=(), **kwargs):
        super().__init__(**kwargs)
        self.teams.choices = options((t.id, t.label) for t in teams)


class DocumentForm(VersionedForm):
    doc_type = SelectField(_l("Type of document"), validators=[DataRequired()])
    number = StringField(_l("Number"), validators=[Optional(), Length(max=40)])
    expiry_date = DateField(_l("Expiry date"), validators=[Optional()])
    submit = SubmitField(_l("Save the document"))

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.doc_type.choices = options([PLEASE_CHOOSE], choices(PERMIT_TYPES))
