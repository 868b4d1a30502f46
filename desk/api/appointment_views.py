"""Appointments: a team's diary over some days (the diary page's rule: who may book)."""

from datetime import datetime, time, timedelta

from flask_babel import gettext as _
from flask_babel import to_utc
from sqlalchemy.orm import joinedload

from .. import policy
from ..common.clock import today
from ..common.forms import parse_day
from ..common.transactions import read_only
from ..extensions import db
from ..models.plan import Appointment
from . import cursors
from .blueprint import bp
from .common import caller, team_or_404
from .formbridge import refuse
from .schemas import MAX_LIMIT, AppointmentArgs, AppointmentListOut


@bp.route("/teams/<team_kind>/appointments", methods=["GET"])
@bp.doc(tags=["appointments"], summary="A team's appointments, from a day for some days")
@bp.arguments(AppointmentArgs, location="query")
@bp.response(200, AppointmentListOut, headers=cursors.NEXT_LINK)
@read_only
def team_appointments(args, team_kind):
    user = caller()
    team = team_or_404(user, team_kind, args.get("site"), "book_appointment")
    start = today()
    if args.get("start"):
        start = parse_day(args["start"])
        if start is None:
            refuse(400, errors={"start": [_("Give a date as YYYY-MM-DD, between 1900 and "
                                            "2100.")]})
    begin = to_utc(datetime.combine(start, time()))
    end = to_utc(datetime.combine(start + timedelta(days=args["days"]), time()))
    stmt = (policy.visible_team_appointments(user, team)
            .where(Appointment.starts_at >= begin, Appointment.starts_at < end)
            .options(joinedload(Appointment.team)))
    if (key := cursors.read_cursor()) is not None:
        stmt = stmt.where(cursors.after((Appointment.starts_at, Appointment.id), key))
    limit = min(args["limit"], MAX_LIMIT)
    rows = list(db.session.scalars(
        stmt.order_by(Appointment.starts_at, Appointment.id).limit(limit + 1)))
    return cursors.page(rows, limit, lambda a: (a.starts_at, a.id))
