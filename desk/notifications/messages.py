"""What a notification says and where it leads, in the reader's locale. Only the kind, the team
and the case number: never the name or any detail of the person served (an e-mail leaves the
desk's control)."""

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..vocab.codes import TEAM_KINDS, label
from ..vocab.names import language_name

STAGES = {"assignee": _l("assigned to you"), "team": _l("for your team"),
          "supervisor": _l("escalated to the supervisor")}


def describe(note) -> str:
    """One line: what happened, to which team, on which case."""
    payload = note.payload or {}
    team = label(TEAM_KINDS, payload.get("team_kind")) if payload.get("team_kind") else ""
    case = note.case_reference or ""
    kind = note.kind
    if kind == "referral_to_team":
        return _("New referral to the %(team)s team: case %(case)s.", team=team, case=case)
    if kind == "referral_assigned":
        return _("A referral of the %(team)s team was assigned to you: case %(case)s.",
                 team=team, case=case)
    if kind == "referral_declined":
        return _("The %(team)s team declined a referral, which is back at the desk: case "
                 "%(case)s.", team=team, case=case)
    if kind == "interpreter_request":
        return _("An interpreter is requested for %(language)s: case %(case)s.",
                 language=language_name(payload.get("language")) or "?", case=case)
    if kind == "referral_overdue":
        return _("A referral of the %(team)s team is overdue (%(stage)s): case %(case)s.",
                 team=team, stage=str(STAGES.get(payload.get("stage"), "")), case=case)
    if kind == "permit_expiring":
        return _("A residence permit is expiring soon on a case you manage: case %(case)s.",
                 case=case)
    if kind == "permit_expired":
        return _("A residence permit has expired on a case you manage: case %(case)s.",
                 case=case)
    if kind == "external_referral":
        organisation = payload.get("organisation") or ""
        what = payload.get("what")
        if what == "acknowledged":
            return _("%(organisation)s acknowledged an outside referral: case %(case)s.",
                     organisation=organisation, case=case)
        if what == "outcome":
            return _("%(organisation)s recorded the outcome of an outside referral: case "
                     "%(case)s.", organisation=organisation, case=case)
        if what == "reply":
            return _("%(organisation)s replied about an outside referral: case %(case)s.",
                     organisation=organisation, case=case)
    if kind == "transfer":
        return _transfer(payload)
    return _("News on case %(case)s.", case=case) if case else _("News for you.")


def _transfer(payload: dict) -> str:
    what, case = payload.get("what"), payload.get("reference") or ""
    from_site, to_site = payload.get("from_site") or "", payload.get("to_site") or ""
    if what == "asked":
        return _("The desk %(desk)s asks for the transfer of a person registered at your desk: "
                 "open the record to decide.", desk=from_site)
    if what == "requested":
        return _("The desk %(desk)s asks your desk to take over case %(case)s: open the list of "
                 "transfers to decide.", desk=from_site, case=case)
    if what == "accepted":
        return _("%(desk)s accepted the transfer of case %(case)s: the case is now theirs.",
                 desk=to_site, case=case)
    if what == "refused":
        return _("%(desk)s refused the transfer of case %(case)s: the case stays with your "
                 "desk. The list of transfers gives their reason.", desk=to_site, case=case)
    if what == "cancelled":
        return _("The desk %(desk)s withdrew its request to transfer case %(case)s.",
                 desk=from_site, case=case)
    return _("News for you.")


def link_for(note, external: bool = False) -> str:
    """The case or queue the notification leads to."""
    payload = note.payload or {}
    if note.kind in ("referral_to_team", "interpreter_request") and payload.get("team_kind"):
        return url_for("teamwork.queue", team_kind=payload["team_kind"], site=payload.get("site"),
                       _external=external)
    if note.kind == "referral_declined":
        return url_for("counter.desk_home", _external=external)
    if note.case_id:
        return url_for("cases.case_detail", case_id=note.case_id, _external=external)
    if payload.get("path", "").startswith("/"):
        return payload["path"]
    return url_for("notifications.inbox_page", _external=external)
