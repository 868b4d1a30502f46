"""Filters of the team pages (GET forms, no CSRF needed: they change nothing)."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectField, SubmitField
from wtforms.validators import Optional

from ..common.forms import DeskForm, options
from ..vocab.codes import NEEDS, REFERRAL_STATUSES, choices
from ..vocab.names import language_choices

ANY = ("", _l("Any"))


class FilterForm(DeskForm):
    class Meta:
        csrf = False


class QueueFilterForm(FilterForm):
    status = SelectField(_l("Status"), validators=[Optional()])
    assignee = SelectField(_l("Assigned to"), validators=[Optional()])
    need = SelectField(_l("Need"), validators=[Optional()])
    language = SelectField(_l("Language of the person"), validators=[Optional()])
    submit = SubmitField(_l("Filter"))

    def __init__(self, members=(), **kwargs):
        super().__init__(**kwargs)
        self.status.choices = options([ANY], [(c, t) for c, t in choices(REFERRAL_STATUSES)
                                              if c in ("pending", "accepted")])
        self.assignee.choices = options([ANY, ("me", _l("Me")), ("none", _l("Nobody yet"))],
                                        ((str(u.id), u.name) for u in members))
        self.need.choices = options([ANY], choices(NEEDS))
        self.language.choices = options([ANY], language_choices())


class DiaryFilterForm(FilterForm):
    team = SelectField(_l("Team"), validators=[Optional()])
    day = DateField(_l("Day"), validators=[Optional()])
    span = SelectField(_l("Show"), validators=[Optional()],
                       choices=options([("day", _l("One day")), ("week", _l("The whole week"))]))
    submit = SubmitField(_l("Show"))

    def __init__(self, teams=(), **kwargs):
        super().__init__(**kwargs)
        self.team.choices = options((str(t.id), f"{t.label} — {t.site.code}") for t in teams)
