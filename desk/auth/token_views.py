"""A user's own personal access tokens for the JSON API: create one (its secret shown once,
on the page that answers the creation), revoke one."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..common.clock import utcnow
from ..common.forms import DeskForm
from .blueprint import bp
from .fresh import require_fresh_login
from .token_forms import TokenForm
from .token_services import create_token, own_token_or_none, revoke_token, tokens_of


def _page(form, secret=None, status=200):
    return render_template("auth/tokens.html", form=form, secret=secret, confirm=DeskForm(),
                           tokens=tokens_of(current_user), now=utcnow()), status


@bp.route("/tokens", methods=["GET", "POST"])
@login_required
@require_fresh_login
def tokens():
    form = TokenForm()
    if not form.is_submitted():
        return _page(form)
    if not form.validate():
        return _page(form, status=422)
    _token, secret = create_token(current_user, form.name.data, form.scope.data, form.days.data)
    # The secret is on this page only: never in a redirect, a flash or a log.
    return _page(TokenForm(formdata=None), secret=secret)


@bp.route("/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke_own_token(token_id):
    if not DeskForm().validate_on_submit():
        abort(400)
    token = own_token_or_none(current_user, token_id)
    if token is None:
        abort(404)
    revoke_token(current_user, token)
    flash(_("The token “%(name)s” has been revoked: it no longer works.", name=token.name),
          "success")
    return redirect(url_for("auth.tokens"))
