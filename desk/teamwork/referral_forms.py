"""Forms of the referral actions: accept (assign), decline, complete.
"""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from ..common.forms import PLEASE_CHOOSE, VersionedForm, options
from ..models.vocabulary import offered_choices, retired_codes
from ..vocab.codes import DECLINE_REASONS, REFERRAL_OUTCOMES, TEAM_REFERRAL_OUTCOMES, choices, label

RETIRED_OUTCOME = _l("The outcome “%(label)s” is no longer used in this territory: choose "
                     "another one.")


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

    def __init__(self, province: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.retired = retired_codes(province, "referral_outcome")
        self.outcome.choices = options([PLEASE_CHOOSE], offered_choices(
            province, "referral_outcome", TEAM_REFERRAL_OUTCOMES))

    def validate(self, extra_validators=None) -> bool:
        """An outcome the territory retired is refused by name, not as an unknown choice."""
        valid = super().validate(extra_validators)
        if self.outcome.data in self.retired:
            self.outcome.errors = [RETIRED_OUTCOME % {
                "label": label(REFERRAL_OUTCOMES, self.outcome.data)}]
            return False
        return valid
