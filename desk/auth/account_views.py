"""A signed-in user's own account: change password, confirm identity again."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from ..audit.services import audit
from ..common.redirects import safe_next
from .blueprint import bp
from .forms import PasswordChangeForm, ReauthenticateForm
from .fresh import redirect_if_password_change_due
from .services import AccountError, WrongPassword, authenticate, change_own_password
from .sessions import end_session, mark_fresh

bp.before_app_request(redirect_if_password_change_due)


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        try:
            change_own_password(current_user, form.current_password.data, form.new_password.data)
        except AccountError as error:
            target = form.current_password if isinstance(error, WrongPassword) else form.new_password
            target.errors.append(str(error))
            return render_template("auth/password.html", form=form), 422
        mark_fresh(current_user.login_session)
        audit("password_changed", current_user)
        flash(_("Your password has been changed. Other sessions of yours have been signed out."),
              "success")
        return redirect(url_for("main.home"))
    status = 422 if form.errors else 200
    return render_template("auth/password.html", form=form), status


@bp.route("/reauthenticate", methods=["GET", "POST"])
@login_required
def reauthenticate():
    form = ReauthenticateForm()
    if not form.is_submitted():
        form.next.data = request.args.get("next", "")
    if form.validate_on_submit():
        result = authenticate(current_user.email, form.password.data)
        if result.user is not None:
            mark_fresh(current_user.login_session)
            audit("reauthenticate", current_user)
            return redirect(safe_next(form.next.data, url_for("main.home")))
        audit("reauthenticate_failed", current_user, detail={"reason": result.reason})
        if current_user.failed_logins >= current_app.config["LOGIN_MAX_FAILURES"]:
            # Whoever holds this session does not know the password: the session ends.
            end_session(current_user.login_session)
            logout_user()
            flash(_("Too many wrong passwords: you have been signed out. Sign in again."),
                  "error")
            return redirect(url_for("auth.login"))
        form.password.errors.append(_("Wrong password."))
    # Failures are recorded (status 200) so the throttling counts them.
    return render_template("auth/reauthenticate.html", form=form)
