"""Cases: one case with the referrals the caller may see, and its timeline (only the entries
the caller may see; a team-confidential note stays with its team)."""

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from .. import policy
from ..audit.services import audit
from ..common.transactions import read_only
from ..extensions import db
from ..models.cases import Referral
from ..models.history import Note, TimelineEvent
from ..models.sites import Team
from ..vocab.codes import TEAM_KINDS, TIMELINE_KINDS
from . import cursors
from .blueprint import bp
from .common import Shown, caller
from .formbridge import refuse
from .schemas import MAX_LIMIT, CaseOut, TimelineArgs, TimelineOut


@bp.route("/cases/<int:case_id>", methods=["GET"])
@bp.etag
@bp.doc(tags=["cases"], summary="One case and its referrals")
@bp.response(200, CaseOut)
@read_only
def case(case_id):
    user = caller()
    found = policy.get_case_or_404(user, case_id)
    referrals = list(db.session.scalars(
        policy.case_records(user, Referral, found.id).options(joinedload(Referral.team))
        .order_by(Referral.id)))
    audit("view", found)
    return Shown(found, referrals=referrals)


@bp.route("/cases/<int:case_id>/timeline", methods=["GET"])
@bp.doc(tags=["cases"], summary="The case's history the caller may see, newest first")
@bp.arguments(TimelineArgs, location="query")
@bp.response(200, TimelineOut, headers=cursors.NEXT_LINK)
@read_only
def timeline(args, case_id):
    user = caller()
    found = policy.get_case_or_404(user, case_id)
    stmt = policy.visible_events(user, found).options(
        joinedload(TimelineEvent.actor), joinedload(TimelineEvent.team))
    if args.get("team"):
        if args["team"] not in TEAM_KINDS:
            refuse(400, errors={"team": [_unknown()]})
        stmt = stmt.where(TimelineEvent.team_id.in_(
            select(Team.id).where(Team.site_id == found.site_id, Team.kind == args["team"])))
    if args.get("kind"):
        if args["kind"] not in TIMELINE_KINDS:
            refuse(400, errors={"kind": [_unknown()]})
        stmt = stmt.where(TimelineEvent.kind == args["kind"])
    if (key := cursors.read_cursor()) is not None:
        stmt = stmt.where(cursors.after((TimelineEvent.occurred_at, TimelineEvent.id), key,
                                        descending=True))
    limit = min(args["limit"], MAX_LIMIT)
    answer = cursors.page(list(db.session.scalars(stmt.limit(limit + 1))), limit,
                          lambda e: (e.occurred_at, e.id))
    notes = _notes(user, found, answer["results"])
    audit("view", found, detail={"timeline_entries": len(answer["results"]),
                                 "timeline_after": key is not None})
    answer["results"] = [_entry(event, notes) for event in answer["results"]]
    return answer


def _unknown():
    return _("Not one of the codes this field takes.")


def _notes(user, found, events) -> dict[int, Note]:
    ids = {e.payload.get("note_id") for e in events if e.kind == "note"} - {None}
    if not ids:
        return {}
    return {n.id: n for n in db.session.scalars(
        policy.visible_notes(user, found).where(Note.id.in_(ids)))}


def _entry(event, notes) -> dict:
    note = notes.get(event.payload.get("note_id")) if event.kind == "note" else None
    return {"id": event.id, "occurred_at": event.occurred_at, "kind": event.kind,
            "team": event.team.kind if event.team else None,
            "actor": event.actor.name if event.actor else None,
            "visibility": event.visibility, "payload": event.payload,
            "note": {"id": note.id, "language": note.language, "body": note.body} if note else None}
