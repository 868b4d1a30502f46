"""The person's appointment reminder: a short text in the person's language that the operator
can copy or send through the configured sender (a file in the tests; no SMS provider)."""

import json
from datetime import timedelta

import pytest

from desk.common.refusals import ActionRefused
from desk.extensions import db
from desk.notifications.reminders import FileSender, reminder_text, send_reminder

from .casework import tr
from .notifyworld import book_with_interpreter, notify_world


@pytest.fixture
def w(make):
    return notify_world(make)  # the person prefers Arabic


def test_the_reminder_is_in_the_persons_language_and_short_enough_for_a_text(w, today):
    appointment = book_with_interpreter(w, today).appointment
    lang, text = reminder_text(appointment)
    assert lang == "ar"
    assert tr("An interpreter will be there.", "ar") in text
    assert w.case.reference in text and "Sala 2" in text
    assert len(text) <= 480  # three SMS segments at most


def test_the_reminder_is_in_the_first_language_read_that_has_a_catalogue_else_italian(w, today):
    person = w.case.person
    person.preferred_language = "ti"  # Tigrinya: no UI catalogue; she also reads Arabic
    db.session.commit()
    appointment = book_with_interpreter(w, today).appointment
    assert reminder_text(appointment)[0] == "ar"
    person.language_rows = [row for row in person.language_rows if row.language == "ti"]
    db.session.commit()
    assert reminder_text(appointment)[0] == "it"


def test_the_file_sender_writes_the_text_for_the_phone(w, today, tmp_path, app):
    w.case.person.phone = "+393331234567"
    db.session.commit()
    appointment = book_with_interpreter(w, today).appointment
    app.config["REMINDER_OUTBOX_DIR"] = str(tmp_path)
    text = send_reminder(w.users["legal"], appointment)
    db.session.commit()
    (line,) = next(tmp_path.glob("*.jsonl")).read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["to"] == "+393331234567" and json.loads(line)["text"] == text


def test_no_phone_or_a_past_appointment_is_refused_with_a_message(w, today, tmp_path, clock, now):
    appointment = book_with_interpreter(w, today).appointment
    sender = FileSender(str(tmp_path / "sms"))
    with pytest.raises(ActionRefused):
        send_reminder(w.users["legal"], appointment, sender)
    w.case.person.phone = "+393331234567"
    db.session.commit()
    clock.set(now + timedelta(days=5))
    with pytest.raises(ActionRefused):
        send_reminder(w.users["legal"], appointment, sender)
    assert not (tmp_path / "sms").exists()


def test_the_reminder_page_is_for_those_who_see_the_case(w, today, auth, client):
    appointment = book_with_interpreter(w, today).appointment
    auth.login(w.email("legal"))
    page = client.get(f"/notifications/reminders/{appointment.id}")
    assert page.status_code == 200 and 'lang="ar"' in page.get_data(as_text=True)
    auth.logout()
    auth.login(w.email("social"))  # no referral on this case
    assert client.get(f"/notifications/reminders/{appointment.id}").status_code == 404
    assert client.post(f"/notifications/reminders/{appointment.id}/send").status_code == 404


def test_sending_from_the_page_without_a_phone_says_why(w, today, auth, client):
    appointment = book_with_interpreter(w, today).appointment
    auth.login(w.email("legal"))
    response = client.post(f"/notifications/reminders/{appointment.id}/send",
                           follow_redirects=True)
    assert tr("This person has no phone number: copy the text and give it to them another "
              "way.") in response.get_data(as_text=True)
