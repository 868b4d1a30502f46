from flask_babel import lazy_gettext as _l
from wtforms import EmailField, HiddenField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length

from ..common.forms import DeskForm


class LoginForm(DeskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=1024)])
    next = HiddenField()
    submit = SubmitField(_l("Sign in"))


class LogoutForm(DeskForm):
    submit = SubmitField(_l("Sign out"))


class LocaleForm(DeskForm):
    locale = SelectField(_l("Language"), validators=[DataRequired()])
    next = HiddenField()
    submit = SubmitField(_l("Change"))


class SecondFactorForm(DeskForm):
    code = StringField(
        _l("Code"),
        validators=[DataRequired(), Length(max=64)],
        render_kw={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True},
    )
    submit = SubmitField(_l("Continue"))


class PasswordChangeForm(DeskForm):
    current_password = PasswordField(
        _l("Current password"), validators=[DataRequired(), Length(max=1024)],
        render_kw={"autocomplete": "current-password"},
    )
    new_password = PasswordField(
        _l("New password"), validators=[DataRequired(), Length(max=1024)],
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        _l("New password again"),
        validators=[DataRequired(), EqualTo("new_password", message=_l("The two passwords differ."))],
        render_kw={"autocomplete": "new-password"},
    )
    submit = SubmitField(_l("Change password"))


class ReauthenticateForm(DeskForm):
    password = PasswordField(
        _l("Password"), validators=[DataRequired(), Length(max=1024)],
        render_kw={"autocomplete": "current-password", "autofocus": True},
    )
    next = HiddenField()
    submit = SubmitField(_l("Confirm"))
