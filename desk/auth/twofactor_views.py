"""The second step of sign-in: enrol an authenticator app, or enter its code."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from ..audit.services import audit
from .blueprint import bp
from .forms import SecondFactorForm
from .signin import abandon_pending, complete_sign_in, pending_next, pending_user
from .twofactor import (
    check_second_factor,
    confirm_enrolment,
    grouped_secret,
    is_enrolled,
    is_locked,
    qr_data_uri,
    record_second_factor_failure,
    remaining_recovery_codes,
)


def _start_again():
    abandon_pending()
    flash(_("Please sign in again."), "info")
    return redirect(url_for("auth.login"))


def _paused():
    abandon_pending()
    flash(_("Too many failed attempts: this account is paused for a few minutes. "
            "Try again later or ask an administrator."), "error")
    return redirect(url_for("auth.login"))


@bp.route("/two-factor", methods=["GET", "POST"])
def two_factor():
    user = pending_user()
    if user is None:
        return _start_again()
    if not is_enrolled(user):
        return redirect(url_for("auth.two_factor_setup"))
    if is_locked(user):
        return _paused()
    form = SecondFactorForm()
    if form.validate_on_submit():
        method = check_second_factor(user, form.code.data)
        if method:
            next_url = pending_next(url_for("main.home"))
            complete_sign_in(user, second_factor=method)
            if method == "recovery_code":
                left = remaining_recovery_codes(user)
                flash(ngettext("You used a recovery code. You have %(count)d left; ask an administrator "
                               "to reset two-step sign-in if you lost your authenticator.",
                               "You used a recovery code. You have %(count)d left; ask an administrator "
                               "to reset two-step sign-in if you lost your authenticator.",
                               left, count=left), "warning")
            return redirect(next_url)
        audit("login_failed", user=user, detail={"reason": "second_factor"})
        if is_locked(user):
            return _paused()
        form.code.errors.append(_("This code is not right. Enter the 6-digit code your app shows now, "
                                  "or one of your recovery codes."))
    # A refused code is recorded (status 200) so that throttling counts it.
    return render_template("auth/two_factor.html", form=form)


@bp.route("/two-factor/setup", methods=["GET", "POST"])
def two_factor_setup():
    user = pending_user()
    if user is None or user.totp_secret is None:
        return _start_again()
    if is_enrolled(user):
        return redirect(url_for("auth.two_factor"))
    if is_locked(user):
        return _paused()
    form = SecondFactorForm()
    if form.validate_on_submit():
        codes = confirm_enrolment(user, form.code.data)
        if codes is not None:
            next_url = pending_next(url_for("main.home"))
            audit("two_factor_enrolled", user, user=user)
            complete_sign_in(user, second_factor="enrolment")
            return render_template("auth/recovery_codes.html", codes=codes, next_url=next_url)
        record_second_factor_failure(user)
        audit("login_failed", user=user, detail={"reason": "second_factor_enrolment"})
        if is_locked(user):
            return _paused()
        form.code.errors.append(_("This code is not right. Check that the app shows Sportello "
                                  "and enter the 6 digits it shows now."))
    return render_template(
        "auth/two_factor_setup.html", form=form, qr=qr_data_uri(user), secret=grouped_secret(user)
    )
