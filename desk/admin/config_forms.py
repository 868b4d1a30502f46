"""Forms of the territory's configuration: territories, sites, teams, vocabularies."""

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ..common.forms import DeskForm
from ..common.i18n import LOCALES
from ..vocab.codes import PRIORITIES, TEAM_KINDS, choices
from .forms import MultiCheckboxField

MAX_DAYS = 365


class TerritoryForm(DeskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    region = StringField(_l("Region"), validators=[Optional(), Length(max=120)])
    submit = SubmitField(_l("Save"))


class NewTerritoryForm(TerritoryForm):
    code = StringField(_l("Province code"), validators=[DataRequired(), Length(max=2)],
                       description=_l("The province's two letters, e.g. AL."))
    submit = SubmitField(_l("Create territory"))


class SiteForm(DeskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    province = SelectField(_l("Territory"), validators=[DataRequired()])
    address = StringField(_l("Address"), validators=[Optional(), Length(max=240)],
                          description=_l("As printed on the slip the person takes home."))
    phone = StringField(_l("Telephone"), validators=[Optional(), Length(max=40)])
    opening_hours = TextAreaField(_l("Opening hours"), validators=[Optional(), Length(max=240)])
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, territories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.province.choices = [(t.code, f"{t.code} — {t.name}") for t in territories]


class NewSiteForm(SiteForm):
    code = StringField(_l("Site code"), validators=[DataRequired(), Length(max=16)],
                       description=_l("Capital letters, digits or hyphens, e.g. AL."))
    teams = MultiCheckboxField(_l("Teams to create"))
    submit = SubmitField(_l("Create site"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.teams.choices = choices(TEAM_KINDS)
        if not self.is_submitted():
            self.teams.data = list(TEAM_KINDS)


class _LabelledForm(DeskForm):
    """A name per UI locale: label_it, label_en, ..."""

    def labels(self) -> dict[str, str]:
        return {loc: self[f"label_{loc}"].data or "" for loc in LOCALES}

    def label_fields(self):
        return [self[f"label_{loc}"] for loc in LOCALES]


for _loc in LOCALES:
    # The label shown is the locale's name in the reader's language (template).
    setattr(_LabelledForm, f"label_{_loc}",
            StringField(_loc, validators=[Optional(), Length(max=160)]))


class TeamForm(_LabelledForm):
    needs = MultiCheckboxField(_l("Needs that route to this team"))
    submit = SubmitField(_l("Save"))

    def service_level_fields(self):
        return [self[f"days_{priority}"] for priority in PRIORITIES]


for _priority in PRIORITIES:
    setattr(TeamForm, f"days_{_priority}", IntegerField(
        _l("Days"), validators=[Optional(), NumberRange(min=0, max=MAX_DAYS, message=_l(
            "Between 0 and %(max)d days.", max=MAX_DAYS))]))


class NewTeamForm(_LabelledForm):
    kind = StringField(_l("Team code"), validators=[DataRequired(), Length(max=32)],
                       description=_l("Small letters, digits or underscores, e.g. employment; "
                                      "it never changes."))
    submit = SubmitField(_l("Create team"))


class LocalNeedForm(_LabelledForm):
    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=32)],
                       description=_l("Small letters, digits or underscores, e.g. "
                                      "seasonal_work; it never changes."))
    submit = SubmitField(_l("Add need"))
