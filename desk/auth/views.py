from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required, logout_user

from ..audit.services import audit
from ..common.i18n import LOCALES
from ..common.redirects import safe_next
from .blueprint import bp
from .forms import LocaleForm, LoginForm, LogoutForm
from .services import authenticate, find_user_by_email, set_locale
from .sessions import end_session
from .signin import begin_second_step, complete_sign_in
from .throttle import note_failure, throttled
from .twofactor import needs_two_factor, start_enrolment


@bp.route("/login", methods=["GET", "POST"])
@throttled
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = LoginForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    if form.validate_on_submit():
        result = authenticate(form.email.data, form.password.data)
        if result.user is not None:
            user = result.user
            next_url = safe_next(form.next.data, url_for("main.home"))
            if needs_two_factor(user):
                start_enrolment(user)
                begin_second_step(user, next_url)
                audit("login_password_ok", user, user=user)
                _tell_of_failed_attempts(result.failed_before)
                return redirect(url_for("auth.two_factor"))
            complete_sign_in(user)
            _tell_of_failed_attempts(result.failed_before)
            return redirect(next_url)
        attempted = find_user_by_email(form.email.data)
        note_failure()
        audit("login_failed", user=attempted, detail={"reason": result.reason})
        if result.reason == "locked":
            flash(_("Too many failed attempts: this account is paused for a few minutes. "
                    "Try again later or ask an administrator."), "error")
        else:
            flash(_("Wrong e-mail or password."), "error")
    return render_template("auth/login.html", form=form)


def _tell_of_failed_attempts(failed: int) -> None:
    if failed:
        flash(ngettext(
            "There was %(num)d failed sign-in attempt on your account since you last "
            "signed in. If it was not you, tell your administrator.",
            "There were %(num)d failed sign-in attempts on your account since you last "
            "signed in. If it was not you, tell your administrator.",
            failed), "warning")


@bp.route("/logout", methods=["POST"])
def logout():
    form = LogoutForm()
    if not form.validate_on_submit():
        abort(400)
    if current_user.is_authenticated:
        end_session(current_user.login_session)
        audit("logout", current_user, user=current_user)
    logout_user()
    session.clear()
    flash(_("You have signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/locale", methods=["POST"])
def change_locale():
    form = LocaleForm()
    form.locale.choices = [(code, code) for code in LOCALES]
    if not form.validate_on_submit():
        abort(400)
    if current_user.is_authenticated:
        set_locale(current_user, form.locale.data)
    else:
        session["locale"] = form.locale.data
    return redirect(safe_next(form.next.data, url_for("main.home")))


@bp.route("/me")
@login_required
def me():
    return render_template("auth/me.html")
