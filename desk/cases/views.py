"""The case page, notes and their translations, closing and reopening."""

from flask import render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..attachments import services as attachment_services
from ..audit.services import audit
from ..common.formflow import handle_form
from ..models import receipts
from ..models.staff import author_teams
from ..policy import can, can_manage_case, get_case_entry_or_404, get_case_or_404, get_note_or_404, require
from ..vocab.codes import TEAM_KINDS, TIMELINE_KINDS
from . import entry_translations
from . import lifecycle_services as lifecycle
from . import note_services as notes
from .blueprint import bp
from .forms import CloseForm, NoteForm, ReopenForm, TranslationForm
from .history_queries import timeline_page
from .page_queries import case_overview


def _note_form(case, referrals=None) -> NoteForm:
    teams = author_teams(current_user, case, referrals)
    return NoteForm(teams=teams, language=current_user.locale or str(get_locale() or "it"))


@bp.route("/cases/<int:case_id>")
@login_required
def case_detail(case_id):
    case = get_case_or_404(current_user, case_id)
    team_kind = request.args.get("team") if request.args.get("team") in TEAM_KINDS else None
    kind = request.args.get("kind") if request.args.get("kind") in TIMELINE_KINDS else None
    pagination, entries = timeline_page(current_user, case, team_kind=team_kind, kind=kind,
                                        page=request.args.get("page", 1, type=int))
    audit("view", case)
    overview = case_overview(current_user, case)
    referrals = overview["open_referrals"] + overview["closed_referrals"]  # the case's, all
    return render_template(
        "cases/case_detail.html", case=case, pagination=pagination, entries=entries,
        team_filter=team_kind, kind_filter=kind, note_form=_note_form(case, referrals),
        close_form=CloseForm(version=case.version), reopen_form=ReopenForm(version=case.version),
        attachments=attachment_services.attachments_of_case(current_user, case), **overview)


@bp.route("/cases/<int:case_id>/notes", methods=["GET", "POST"])
@login_required
def write_note(case_id):
    case = get_case_or_404(current_user, case_id)
    require(can(current_user, "write_note"))
    form = _note_form(case)
    return handle_form(
        form,
        lambda: notes.write_note(current_user, case, form.body.data, form.language.data,
                                 form.visibility.data, form.team.data),
        done=_("Note added."), success_url=url_for("cases.case_detail", case_id=case.id, _anchor="timeline"),
        template="cases/note_form.html", once=receipts, case=case)


@bp.route("/notes/<int:note_id>/translate", methods=["GET", "POST"])
@login_required
def translate_note(note_id):
    note = get_note_or_404(current_user, note_id)
    require(can(current_user, "translate_note"))
    form = TranslationForm(language=current_user.locale or str(get_locale() or "it"))
    return handle_form(
        form, lambda: notes.translate_note(current_user, note, form.language.data, form.body.data),
        done=_("Translation added; the original is unchanged."),
        success_url=url_for("cases.case_detail", case_id=note.case_id, _anchor="timeline"),
        template="cases/translate_form.html", once=receipts, note=note,
        case=get_case_or_404(current_user, note.case_id))


ENTRY_ANCHORS = {"goal": "care-plan", "actions": "care-plan", "conference": "care-plan",
                 "decline": "referrals"}


@bp.route("/cases/entries/<entry>/<int:entry_id>/translate", methods=["GET", "POST"])
@login_required
def translate_entry(entry, entry_id):
    """A mediator translates a goal, its actions, a conference's decisions or a decline
    explanation; the original is kept."""
    row = get_case_entry_or_404(current_user, entry, entry_id)
    require(can(current_user, "translate_note"))
    case = get_case_or_404(current_user, row.case_id)
    form = TranslationForm(language=current_user.locale or str(get_locale() or "it"))
    return handle_form(
        form, lambda: entry_translations.translate_entry(current_user, entry, row, form.language.data,
                                                         form.body.data),
        done=_("Translation added; the original is unchanged."),
        success_url=url_for("cases.case_detail", case_id=case.id, _anchor=ENTRY_ANCHORS[entry]),
        template="cases/translate_entry_form.html", once=receipts, case=case,
        original=entry_translations.original_text(entry, row) or "",
        translations=entry_translations.translations_of_case(case.id).get((entry, row.id), []))


@bp.route("/cases/<int:case_id>/close", methods=["GET", "POST"])
@login_required
def close_case(case_id):
    case = get_case_or_404(current_user, case_id)
    require(can_manage_case(current_user, case))
    form = CloseForm(version=case.version)
    return handle_form(
        form, lambda: lifecycle.close_case(current_user, case, form.outcome.data,
                                           form.version.data),
        done=_("Case closed."), success_url=url_for("cases.case_detail", case_id=case.id),
        template="cases/close_form.html", versioned=case, case=case)


@bp.route("/cases/<int:case_id>/reopen", methods=["GET", "POST"])
@login_required
def reopen_case(case_id):
    case = get_case_or_404(current_user, case_id)
    require(can_manage_case(current_user, case))
    form = ReopenForm(version=case.version)
    return handle_form(
        form, lambda: lifecycle.reopen_case(current_user, case, form.version.data),
        done=_("Case reopened."), success_url=url_for("cases.case_detail", case_id=case.id),
        template="cases/reopen_form.html", versioned=case, case=case)
