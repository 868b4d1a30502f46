"""User administration. Admins see accounts and the audit log, never case content."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import func, or_, select

from ..auth import token_services
from ..auth.fresh import require_fresh_login
from ..auth.services import AccountError
from ..common.clock import utcnow
from ..common.i18n import LOCALES, locale_name
from ..common.pagination import paginate
from ..extensions import db
from ..models.grants import AccessGrant
from ..models.sites import Site, Team
from ..models.users import User, with_access
from ..policy import can, require_capability
from ..vocab.codes import ROLES, label
from . import grant_services, partner_services, services
from .blueprint import CONFIG_ENDPOINTS, bp
from .forms import ConfirmForm, NewUserForm, UserAccessForm
from .partner_views import partner_form
from .scope_views import scope_form

WAITS_FOR_APPROVAL = _l("Part of this change gives access to case content: it waits for another "
                        "administrator or a supervisor of the site to approve it.")


@bp.before_request
@login_required
def only_user_managers():
    """Every admin page needs the manage_users capability (audit pages check theirs too)."""
    if request.endpoint in ("admin.grants", "admin.decide_grant"):
        require_capability(current_user, "approve_grants")
    elif request.endpoint in CONFIG_ENDPOINTS:
        require_capability(current_user, "manage_config")
    elif request.endpoint not in ("admin.audit_log", "admin.audit_export"):
        require_capability(current_user, "manage_users")


@bp.context_processor
def admin_flags():
    return {"can_view_audit": can(current_user, "view_audit")}


def _with_choices(form: UserAccessForm, user: User | None = None) -> UserAccessForm:
    """The choices, in the reader's language: sites and teams in use and the retired ones the
    account still has; the account's languages, kept even when not in the usual list."""
    had_sites, had_teams = (user.site_ids, user.team_ids) if user else (set(), set())
    spoken = user.languages if user else ()
    sites = [site for site in db.session.scalars(select(Site).order_by(Site.code))
             if site.retired_at is None or site.id in had_sites]
    teams = [team for team in db.session.scalars(select(Team).join(Site).order_by(
        Site.code, Team.kind)) if (team.retired_at is None and team.site.retired_at is None)
        or team.id in had_teams]
    form.roles.choices = [(code, label(ROLES, code)) for code in ROLES]
    form.sites.choices = [(site.id, f"{site.code} — {site.name}") for site in sites]
    form.teams.choices = [(team.id, f"{team.label} ({team.site.code})") for team in teams]
    form.locale.choices = [("", "—")] + [(code, locale_name(code)) for code in LOCALES]
    form.offer_languages(spoken)
    return form


def _values(form: UserAccessForm) -> dict:
    return {
        "name": form.name.data,
        "roles": form.roles.data or [],
        "site_ids": form.sites.data or [],
        "team_ids": form.teams.data or [],
        "locale": form.locale.data or None,
        "languages": list(dict.fromkeys(form.languages.data or [])),
    }


def _user_or_404(user_id: int) -> User:
    return db.session.get(User, user_id) or abort(404)


@bp.route("/users")
def users():
    query = (request.args.get("q") or "").strip()[:100]
    stmt = select(User).options(*with_access()).order_by(User.active.desc(), func.lower(User.name))
    if query:
        pattern = f"%{query.lower()}%"
        stmt = stmt.where(or_(func.lower(User.name).like(pattern), func.lower(User.email).like(pattern)))
    return render_template("admin/users.html", page=paginate(stmt), query=query,
                           grants_waiting=len(grant_services.visible_grants(current_user)))


@bp.route("/users/new", methods=["GET", "POST"])
@require_fresh_login
def new_user():
    form = _with_choices(NewUserForm())
    if form.validate_on_submit():
        try:
            user, password, grant = services.create_account(current_user, email=form.email.data,
                                                            **_values(form))
        except AccountError as error:
            form.form_errors.append(str(error))
            return render_template("admin/user_new.html", form=form), 422
        return render_template("admin/temporary_password.html", user=user, password=password,
                               grant=grant)
    return render_template("admin/user_new.html", form=form), 422 if form.errors else 200


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@require_fresh_login
def edit_user(user_id: int):
    user = _user_or_404(user_id)
    form = _with_choices(UserAccessForm(), user)
    if request.method == "GET":
        form.name.data = user.name
        form.roles.data = sorted(user.roles)
        form.sites.data = sorted(user.site_ids)
        form.teams.data = sorted(user.team_ids)
        form.locale.data = user.locale or ""
        form.languages.data = user.languages
    if form.validate_on_submit():
        try:
            grant = services.update_access(current_user, user, **_values(form))
        except AccountError as error:
            form.form_errors.append(str(error))
            return _edit_page(user, form), 422
        flash(_("The account of %(name)s has been saved.", name=user.name), "success")
        if grant is not None:
            flash(WAITS_FOR_APPROVAL, "warning")
        return redirect(url_for("admin.edit_user", user_id=user.id))
    return _edit_page(user, form), 422 if form.errors else 200


def _edit_page(user: User, form: UserAccessForm):
    return render_template("admin/user_edit.html", user=user, form=form, confirm=ConfirmForm(),
                           grant=grant_services.pending_grant(user),
                           api_tokens=token_services.tokens_of(user), now=utcnow(),
                           partner_form=partner_form(user), scope_form=scope_form(user),
                           organisation=partner_services.organisation_of(user))


def _confirmed() -> None:
    if not ConfirmForm().validate_on_submit():
        abort(400)


@bp.route("/users/<int:user_id>/active", methods=["POST"])
def set_user_active(user_id: int):
    _confirmed()
    user = _user_or_404(user_id)
    active = request.form.get("active") == "1"
    try:
        services.change_active(current_user, user, active)
    except AccountError as error:
        flash(str(error), "error")
        return redirect(url_for("admin.edit_user", user_id=user.id))
    message = _("%(name)s can sign in again.", name=user.name) if active else _(
        "%(name)s can no longer sign in; their open sessions have ended.", name=user.name)
    flash(message, "success")
    return redirect(url_for("admin.edit_user", user_id=user.id))


@bp.route("/users/<int:user_id>/password", methods=["POST"])
@require_fresh_login
def reset_user_password(user_id: int):
    _confirmed()
    user = _user_or_404(user_id)
    password = services.reset_password(user)
    return render_template("admin/temporary_password.html", user=user, password=password, reset=True)


@bp.route("/users/<int:user_id>/two-factor", methods=["POST"])
@require_fresh_login
def reset_user_two_factor(user_id: int):
    _confirmed()
    user = _user_or_404(user_id)
    services.reset_second_factor(user)
    flash(_("Two-step sign-in of %(name)s has been reset: they will set it up again at their next "
            "sign-in.", name=user.name), "success")
    return redirect(url_for("admin.edit_user", user_id=user.id))


@bp.route("/users/<int:user_id>/tokens/<int:token_id>/revoke", methods=["POST"])
def revoke_user_token(user_id: int, token_id: int):
    _confirmed()
    user = _user_or_404(user_id)
    token = token_services.own_token_or_none(user, token_id)
    if token is None:
        abort(404)
    token_services.revoke_token(current_user, token)
    flash(_("The token “%(name)s” of %(name_of_user)s has been revoked.", name=token.name,
            name_of_user=user.name), "success")
    return redirect(url_for("admin.edit_user", user_id=user.id))


@bp.route("/grants")
def grants():
    """The access requests this person may approve or refuse (another admin, or a supervisor
    of the sites they concern)."""
    pending = grant_services.visible_grants(current_user)
    sites = {s.id: s for s in db.session.scalars(select(Site))}
    teams = {t.id: t for t in db.session.scalars(select(Team))}
    return render_template(
        "admin/grants.html", grants=pending, confirm=ConfirmForm(),
        sites_of=lambda g: [sites[i].code for i in g.requested["site_ids"] if i in sites],
        teams_of=lambda g: [f"{teams[i].label} · {teams[i].site.code}"
                            for i in g.requested["team_ids"] if i in teams])


@bp.route("/grants/<int:grant_id>", methods=["POST"])
@require_fresh_login
def decide_grant(grant_id: int):
    _confirmed()
    grant = db.session.get(AccessGrant, grant_id) or abort(404)
    if not grant_services.may_decide(current_user, grant):
        abort(404)
    approve = request.form.get("decision") == "approve"
    grant_services.decide_grant(current_user, grant, approve, services.apply_granted)
    flash(_("Access granted to %(name)s.", name=grant.user.name) if approve else
          _("The request for %(name)s has been refused.", name=grant.user.name), "success")
    return redirect(url_for("admin.grants"))
