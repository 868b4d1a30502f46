"""Appointment reminders for the person served: a short text in the person's language (an SMS
fits it; the operator may copy it), and a pluggable sender. No SMS provider is called here: the
"file" sender writes each reminder to REMINDER_OUTBOX_DIR (tests, and desks that copy by hand);
another sender is a class with `send(phone, text)` named in REMINDER_SENDER as "module:Class"."""

import importlib
import json
from pathlib import Path

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from ..audit.services import audit
from ..common.clock import utcnow
from ..common.i18n import format_date, format_time
from ..common.print_languages import ui_print_language
from ..common.refusals import ActionRefused


def reminder_text(appointment) -> tuple[str, str]:
    """(language, text) of the reminder, in the person's language (Italian without a catalogue).
    The place, the day, the hour and the case number; the interpreter if one was asked for."""
    case = appointment.case
    lang = ui_print_language(case.person)
    with force_locale(lang):
        parts = [_("Sportello: we remind you of your appointment on %(day)s at %(time)s, "
                   "%(place)s.", day=format_date(appointment.starts_at, "medium"),
                   time=format_time(appointment.starts_at, "short"),
                   place=appointment.place or _("at the desk"))]
        if appointment.interpreter_language:
            parts.append(_("An interpreter will be there."))
        parts.append(_("If you cannot come, please let us know. Case %(case)s.",
                       case=case.reference))
    return lang, " ".join(parts)


class FileSender:
    """Writes each reminder as one JSON line of the day's file: nothing leaves the server."""

    def __init__(self, directory: str):
        self.directory = Path(directory)

    def send(self, phone: str, text: str) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.directory / f"{utcnow():%Y-%m-%d}.jsonl"
        with path.open("a", encoding="utf-8") as out:
            out.write(json.dumps({"to": phone, "text": text, "at": utcnow().isoformat()},
                                 ensure_ascii=False) + "\n")


def reminder_sender():
    name = current_app.config["REMINDER_SENDER"]
    if name == "file":
        return FileSender(current_app.config["REMINDER_OUTBOX_DIR"])
    module, _sep, cls = name.partition(":")
    return getattr(importlib.import_module(module), cls)()


def send_reminder(actor, appointment, sender=None) -> str:
    """Send the reminder to the person's phone; refused without a phone or for a past one."""
    person = appointment.case.person
    if not person.phone:
        raise ActionRefused(_("This person has no phone number: copy the text and give it to "
                              "them another way."))
    if appointment.starts_at < utcnow():
        raise ActionRefused(_("This appointment has already taken place."))
    lang, text = reminder_text(appointment)
    (sender or reminder_sender()).send(person.phone, text)
    audit("print", appointment, user=actor, person_id=person.id,
          detail={"action": "reminder_sent", "language": lang})
    return text
