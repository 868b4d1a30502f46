"""The form of a training attended by a site's staff."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, DecimalField, SelectField, SelectMultipleField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, NumberRange
from wtforms.widgets import CheckboxInput, ListWidget

from ..common.forms import PLEASE_CHOOSE, OnceForm, options
from ..vocab.codes import choices
from ..vocab.training import STREAMS
from .services import TrainingData


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class TrainingForm(OnceForm):
    site = SelectField(_l("Desk"), coerce=int, validators=[DataRequired()])
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    stream = SelectField(_l("Stream"), validators=[DataRequired()])
    held_on = DateField(_l("Date"), validators=[DataRequired()])
    hours = DecimalField(_l("Hours"), places=1, validators=[
        DataRequired(), NumberRange(0.5, 1000, _l("Write the hours, from 0.5 to 1000."))])
    provider = StringField(_l("Provider"), validators=[DataRequired(), Length(max=160)])
    attendees = MultiCheckboxField(_l("Who attended"), coerce=int,
                                   validators=[DataRequired(_l("Tick who attended."))])
    submit = SubmitField(_l("Record the training"))

    def __init__(self, sites, staff, **kwargs):
        super().__init__(**kwargs)
        self.site.choices = options([(site.id, site.name) for site in sites])
        self.stream.choices = options([PLEASE_CHOOSE], choices(STREAMS))
        self.attendees.choices = options([(member.id, member.name) for member in staff])

    def training_data(self) -> TrainingData:
        return TrainingData(self.site.data, self.title.data.strip(), self.stream.data,
                            self.held_on.data, self.hours.data, self.provider.data.strip(),
                            list(self.attendees.data or []))
