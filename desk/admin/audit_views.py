"""The audit log for admins: search by user, person and period; export as CSV (itself audited)."""

import json

from flask import render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import func, select
from wtforms import DateField, IntegerField, SelectField
from wtforms.validators import NumberRange, Optional

from ..audit.search import AuditFilters, audit_query, known_actions, users_by_id
from ..audit.services import audit
from ..auth.fresh import require_fresh_login
from ..common.forms import DeskForm
from ..common.pagination import paginate
from ..extensions import db
from ..models.users import User
from ..policy import require_capability
from .audit_export import csv_response
from .blueprint import bp

EXPORT_LIMIT = 100_000


class AuditSearchForm(DeskForm):
    class Meta:
        csrf = False  # a search (GET) changes nothing

    user = SelectField(_l("User"), coerce=lambda v: int(v) if v else None, validators=[Optional()])
    person = IntegerField(_l("Person number"), validators=[Optional(), NumberRange(min=1, max=2**31)])
    action = SelectField(_l("Action"), validators=[Optional()])
    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("To"), validators=[Optional()])


def _search_form() -> tuple[AuditSearchForm, AuditFilters]:
    form = AuditSearchForm(request.args)
    users = db.session.scalars(select(User).order_by(func.lower(User.email))).all()
    form.user.choices = [("", "—")] + [(user.id, user.email) for user in users]
    form.action.choices = [("", "—")] + [(action, action) for action in known_actions()]
    filters = AuditFilters()
    if form.validate():
        filters = AuditFilters(
            user_id=form.user.data or None,
            person_id=form.person.data,
            action=form.action.data or None,
            date_from=form.date_from.data,
            date_to=form.date_to.data,
        )
    return form, filters


@bp.route("/audit")
@login_required
def audit_log():
    require_capability(current_user, "view_audit")
    form, filters = _search_form()
    page = paginate(audit_query(filters), per_page=100)
    return render_template("admin/audit_log.html", form=form, page=page,
                           users=users_by_id(page.items), filters=filters)


@bp.route("/audit/export.csv")
@login_required
@require_fresh_login
def audit_export():
    require_capability(current_user, "view_audit")
    form, filters = _search_form()
    rows = db.session.scalars(audit_query(filters).limit(EXPORT_LIMIT)).all()
    users = users_by_id(rows)
    audit("audit_export", detail={"filters": filters.as_dict(), "rows": len(rows)})
    header = ["id", "at_utc", "user", "ip_address", "action", "object_type", "object_id",
              "person_id", "detail"]
    body = (
        [row.id, row.at.isoformat(sep=" ", timespec="seconds"),
         users[row.user_id].email if row.user_id in users else "", row.ip_address or "",
         row.action, row.object_type or "", row.object_id or "", row.person_id or "",
         _detail_text(row.detail)]
        for row in rows
    )
    return csv_response("audit-log.csv", header, body)


def _detail_text(detail) -> str:
    return json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)
