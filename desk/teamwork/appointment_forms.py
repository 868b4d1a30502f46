"""Forms for booking an appointment and recording whether the person came.
"""

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from ..common.forms import DeskForm, OnceForm, options
from ..vocab.names import language_choices


class AppointmentForm(OnceForm):
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
