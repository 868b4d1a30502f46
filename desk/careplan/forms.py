"""Forms of the care plan: goals per dimension and case conferences.
"""

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    SelectField,
    SelectMultipleField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from ..common.forms import PLEASE_CHOOSE, OnceForm, VersionedForm, options
from ..vocab.codes import GOAL_STATUSES, TEAM_KINDS, choices


class GoalForm(OnceForm, VersionedForm):
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


class ConferenceForm(OnceForm):
    held_on = DateField(_l("Date of the conference"), validators=[DataRequired()])
    teams = MultiCheckboxField(_l("Teams present"), coerce=int, validators=[DataRequired()])
    decisions = TextAreaField(_l("Decisions"), validators=[DataRequired(), Length(max=8000)])
    submit = SubmitField(_l("Record the conference"))

    def __init__(self, teams=(), **kwargs):
        super().__init__(**kwargs)
        self.teams.choices = options((t.id, t.label) for t in teams)
