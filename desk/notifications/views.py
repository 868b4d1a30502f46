"""The bell's list (unread first), opening and marking notifications, the e-mail settings, the
administrator's view of the e-mails that failed, and the person's appointment reminder."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..audit.services import audit
from ..common.formflow import attempt, handle_form
from ..common.i18n import is_rtl
from ..common.pagination import paginate
from ..common.transactions import read_only
from ..extensions import db
from ..models.notifications import OutboxMessage
from ..policy import can, get_appointment_or_404, require
from ..policy.recipients import get_notification_or_404
from ..vocab.notifications import NOTIFICATION_KINDS
from . import delivery_services as outbox
from . import inbox_services, reminders
from .blueprint import bp
from .forms import chosen_modes, email_settings_form
from .messages import describe, link_for
from .queries import inbox, unread_count
from .reminders import reminder_text
from .services import email_modes


@bp.app_context_processor
def _bell():
    """The unread count in the top bar (one indexed count per page)."""
    if getattr(current_user, "is_authenticated", False):
        return {"unread_notifications": lambda: unread_count(current_user)}
    return {"unread_notifications": lambda: 0}


@bp.route("/")
@login_required
@read_only
def inbox_page():
    pagination = paginate(inbox(current_user), per_page=50)
    entries = [(note, describe(note)) for note in pagination.items]
    return render_template("notifications/inbox.html", pagination=pagination, entries=entries,
                           unread=unread_count(current_user))


@bp.route("/<int:notification_id>/open", methods=["POST"])
@login_required
def open_notification(notification_id):
    note = get_notification_or_404(current_user, notification_id)
    inbox_services.mark_read(current_user, note)
    return redirect(link_for(note))


@bp.route("/<int:notification_id>/read", methods=["POST"])
@login_required
def mark_read(notification_id):
    note = get_notification_or_404(current_user, notification_id)
    inbox_services.mark_read(current_user, note)
    return redirect(url_for("notifications.inbox_page"))


@bp.route("/read-all", methods=["POST"])
@login_required
def mark_all_read():
    inbox_services.mark_all_read(current_user)
    flash(_("All notifications are marked as read."), "success")
    return redirect(url_for("notifications.inbox_page"))


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():
    current = {kind: email_modes([current_user.id], kind)[current_user.id]
               for kind in NOTIFICATION_KINDS}
    form = email_settings_form(current, formdata=request.form if request.method == "POST" else None)
    return handle_form(form, lambda: inbox_services.save_email_modes(current_user, chosen_modes(form)),
                       done=_("Your e-mail choices are saved."),
                       success_url=url_for("notifications.settings"),
                       template="notifications/settings.html", kinds=list(NOTIFICATION_KINDS))


@bp.route("/outbox")
@login_required
@read_only
def failed_outbox():
    require(can(current_user, "manage_config"))
    pagination = paginate(outbox.failed_messages(), per_page=50)
    return render_template("notifications/outbox.html", pagination=pagination)


@bp.route("/outbox/<int:message_id>/retry", methods=["POST"])
@login_required
def retry_outbox(message_id):
    require(can(current_user, "manage_config"))
    message = db.session.get(OutboxMessage, message_id) or abort(404)
    if attempt(lambda: outbox.retry_message(current_user, message)) is None:
        flash(_("The message will be sent again."), "success")
    return redirect(url_for("notifications.failed_outbox"))


@bp.route("/reminders/<int:appointment_id>")
@login_required
def reminder(appointment_id):
    appointment = get_appointment_or_404(current_user, appointment_id)
    require(can(current_user, "print_slip"))
    lang, text = reminder_text(appointment)
    audit("view", appointment, person_id=appointment.case.person_id,
          detail={"action": "reminder_text", "language": lang})
    return render_template("notifications/reminder.html", appointment=appointment,
                           case=appointment.case, text=text, text_lang=lang, text_rtl=is_rtl(lang))


@bp.route("/reminders/<int:appointment_id>/send", methods=["POST"])
@login_required
def send_reminder(appointment_id):
    appointment = get_appointment_or_404(current_user, appointment_id)
    require(can(current_user, "print_slip"))
    if attempt(lambda: reminders.send_reminder(current_user, appointment)) is None:
        flash(_("Reminder sent."), "success")
    return redirect(url_for("notifications.reminder", appointment_id=appointment.id))
