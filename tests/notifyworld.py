"""The case world of tests/casework.py with the people a notification must never reach at
another site (a desk operator, a legal worker and a supervisor of Cuneo) and an Urdu mediator."""

from datetime import datetime, time, timedelta

from sqlalchemy import select

from desk.extensions import db
from desk.models.notifications import Notification
from desk.teamwork import appointment_services as appointments

from .casework import build_world


def notify_world(make):
    world = build_world(make)
    extra = {
        "cn_desk": dict(roles=("desk",), sites=("CN",)),
        "cn_legal": dict(roles=("team",), sites=("CN",), teams=("legal",)),
        "urdu": dict(roles=("team",), teams=("mediation",), languages=("ur",), locale="ur"),
        "desk2": dict(roles=("desk",), locale="fr"),
    }
    for name, options in extra.items():
        world.users[name] = make.user(email=f"{name}@example.test", **{"sites": ("TO",), **options})
    return world


def told(kind=None) -> dict[str, set[str]]:
    """kind -> e-mail local parts of the users notified of it."""
    result: dict[str, set[str]] = {}
    for note in db.session.scalars(select(Notification).order_by(Notification.id)):
        if kind is None or note.kind == kind:
            result.setdefault(note.kind, set()).add(note.user.email.split("@")[0])
    return result.get(kind, set()) if kind else result


def book_with_interpreter(w, today, language="ar", days=3):
    starts = datetime.combine(today + timedelta(days=days), time(9, 30))
    appointment = appointments.book_appointment(
        w.users["legal"], w.case, w.team("legal"), starts, place="Sala 2",
        interpreter_language=language)
    db.session.commit()
    return appointment.interpreter_request
