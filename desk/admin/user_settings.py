"""The settings forms of a user's admin page that apply to one kind of account only (a
partner's organisation, a coordinator's observatory scope): each is posted on its own and
answers with the user's page again, its message flashed."""

from collections.abc import Callable

from flask import abort, flash, redirect, request, url_for

from ..auth.services import AccountError
from ..extensions import db
from ..models.users import User


def save_user_setting(user_id: int, build_form: Callable, not_applicable,
                      save: Callable[[User, object], str]):
    """`build_form(user, formdata)` is None when the setting does not apply to this account
    (`not_applicable` is said); otherwise a valid form is passed to `save(user, form)`, whose
    returned sentence is said; an AccountError it raises is said instead."""
    user = db.session.get(User, user_id) or abort(404)
    back = redirect(url_for("admin.edit_user", user_id=user.id))
    form = build_form(user, request.form)
    if form is None:
        flash(str(not_applicable), "error")
        return back
    if not form.validate_on_submit():
        for error in [e for errors in form.errors.values() for e in errors]:
            flash(error, "error")
        return back
    try:
        message = save(user, form)
    except AccountError as error:
        flash(str(error), "error")
        return back
    flash(message, "success")
    return back
