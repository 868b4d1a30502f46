"""E-mail of notifications: written to the outbox with the event, sent by the worker in the
recipient's language (text and HTML), with the case number and a link but nothing of the
person; retried after a refusal without a duplicate; at most once even when the worker dies
between sending and recording; failed ones shown to the administrator, who can retry them."""

import os
import subprocess
import sys
import textwrap
from datetime import timedelta
from html import unescape

import pytest
from sqlalchemy import func, select

from desk.counter.intake_services import Route, route_case
from desk.extensions import db
from desk.models.notifications import Notification, NotificationPreference, OutboxMessage
from desk.ops.notify_worker import deliver_due
from desk.teamwork import referral_services as referrals
from desk.vocab.notifications import NOTIFICATION_KINDS

from .casework import lbl, referral_of, tr
from .notifyworld import book_with_interpreter, notify_world
from .smtp_server import SmtpServer


@pytest.fixture
def smtp(app):
    with SmtpServer() as server:
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port)
        yield server.inbox


@pytest.fixture
def w(make):
    return notify_world(make)


def prefer(user, kind, mode):
    db.session.add(NotificationPreference(user_id=user.id, kind=kind, email_mode=mode))
    db.session.commit()


def new_legal_referral(w):
    route_case(w.users["desk"], w.case, [Route("legal", "documents")], ["documents"])
    db.session.commit()


def outbox_rows():
    return db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()


def test_the_outbox_row_is_written_with_the_event_and_only_for_immediate_choices(w):
    prefer(w.users["legal"], "referral_to_team", "immediate")
    prefer(w.users["legal2"], "referral_to_team", "off")
    new_legal_referral(w)
    (message,) = outbox_rows()
    assert (message.user_id, message.status, message.kind) == (w.users["legal"].id, "pending",
                                                              "notification")
    states = dict(db.session.execute(select(Notification.user_id, Notification.email_state)).all())
    assert states == {w.users["legal"].id: "immediate", w.users["legal2"].id: "none"}


def test_an_event_rolled_back_leaves_no_notification_and_no_email(w):
    prefer(w.users["legal"], "referral_to_team", "immediate")
    route_case(w.users["desk"], w.case, [Route("legal", "documents")], ["documents"])
    db.session.rollback()
    assert outbox_rows() == []
    assert db.session.scalar(select(func.count()).select_from(Notification)) == 0


def test_a_new_legal_referral_reaches_the_legal_worker_as_an_italian_email(w, smtp):
    prefer(w.users["legal"], "referral_to_team", "immediate")
    new_legal_referral(w)
    assert deliver_due()["sent"] == 1
    (mail,) = smtp.messages
    assert mail["To"] == "legal@example.test"
    assert mail["Content-Language"] == "it"
    text, html = smtp.text(mail), smtp.html(mail)
    reference = w.case.reference
    assert tr("New referral to the %(team)s team: case %(case)s.", "it", team="Legale",
              case=reference) in text
    assert reference in mail["Subject"]
    assert lbl(NOTIFICATION_KINDS, "referral_to_team", "it") in mail["Subject"]
    assert f"http://127.0.0.1:5000/teams/legal/queue?site={w.site.code}" in text
    assert f'href="http://127.0.0.1:5000/teams/legal/queue?site={w.site.code}"' in html
    for personal in ("Yusuf", "Haddad", "يوسف", "حداد"):  # read as the mail program shows it
        assert personal not in text and personal not in html and personal not in mail["Subject"]
    assert outbox_rows()[0].status == "sent"
    assert deliver_due()["sent"] == 0  # nothing twice


def test_the_arabic_mediator_receives_her_interpreter_request_in_arabic(w, smtp, today, app):
    app.config["NOTIFY_EMAIL_DEFAULT"] = "immediate"
    app.config["MAIL_FROM"] = "Sportello Città di Torino <sportello@comune.example.test>"
    book_with_interpreter(w, today, language="ar")
    deliver_due()
    (mail,) = [m for m in smtp.messages if m["To"] == "mediator@example.test"]
    assert mail["Content-Language"] == "ar"
    assert mail["From"] == "Sportello Città di Torino <sportello@comune.example.test>"
    assert w.case.reference in mail["Subject"] and any(
        "\u0600" <= ch <= "\u06ff" for ch in mail["Subject"])  # the subject in Arabic too
    expected = tr("An interpreter is requested for %(language)s: case %(case)s.", "ar",
                  language="@@", case=w.case.reference).split("@@")[0]
    assert expected and expected in smtp.text(mail)
    assert 'dir="rtl"' in smtp.html(mail)


def test_each_recipient_reads_the_decline_in_their_own_language(w, smtp, app):
    app.config["NOTIFY_EMAIL_DEFAULT"] = "immediate"
    legal = referral_of(w.case, "legal")
    referrals.decline_referral(w.users["legal"], legal, "not_competent", None, legal.version)
    db.session.commit()
    deliver_due()
    languages = {m["To"]: m["Content-Language"] for m in smtp.messages}
    assert languages == {"desk@example.test": "it", "desk2@example.test": "fr"}
    french = next(m for m in smtp.messages if m["To"] == "desk2@example.test")
    assert unescape(tr("The %(team)s team declined a referral, which is back at the desk: case "
                       "%(case)s.", "fr", team="Juridique", case=w.case.reference)) in smtp.text(french)


def test_a_refused_email_is_retried_later_and_sent_once(w, smtp, clock, now):
    prefer(w.users["legal"], "referral_to_team", "immediate")
    new_legal_referral(w)
    smtp.refuse_next = 1
    assert deliver_due()["retry"] == 1
    (message,) = outbox_rows()
    assert (message.status, message.attempts) == ("pending", 1)
    assert "451" in message.last_error
    assert deliver_due()["sent"] == 0  # not before the back-off
    assert message.next_attempt_at - message.claimed_at >= timedelta(seconds=60)
    clock.set(message.next_attempt_at)
    assert deliver_due()["sent"] == 1
    assert deliver_due()["sent"] == 0
    assert len(smtp.messages) == 1
    db.session.refresh(message)
    assert (message.status, message.attempts) == ("sent", 2)


def test_the_back_off_doubles_and_then_the_message_fails_for_the_administrator(w, smtp, app,
                                                                               clock, now):
    app.config["NOTIFY_MAX_ATTEMPTS"] = 3
    prefer(w.users["legal"], "referral_to_team", "immediate")
    new_legal_referral(w)
    smtp.refuse_next = 10
    for delay in (60, 120):
        before = clock.now()
        deliver_due()
        after = clock.now()
        (message,) = outbox_rows()
        # counted from the refusal, which happens between these two readings of the clock
        back_off = timedelta(seconds=delay)
        assert before + back_off <= message.next_attempt_at <= after + back_off
        clock.set(message.next_attempt_at)
    assert deliver_due()["failed"] == 1
    assert outbox_rows()[0].status == "failed"
    assert smtp.messages == []


def test_the_mail_server_down_is_a_retry_not_a_crash(w, app):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=1)  # nothing listens there
    prefer(w.users["legal"], "referral_to_team", "immediate")
    new_legal_referral(w)
    assert deliver_due()["retry"] == 1
    assert outbox_rows()[0].status == "pending"


KILLED_WORKER = textwrap.dedent("""
    import os, signal, sys
    from datetime import datetime
    from desk import create_app
    from desk.common.clock import set_clock
    from desk.notifications.mail import smtp_send
    from desk.ops.notify_worker import deliver_due

    set_clock(datetime.fromisoformat(sys.argv[3]))
    app = create_app({"CONFIG": "testing", "SQLALCHEMY_DATABASE_URI": sys.argv[1],
                      "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": int(sys.argv[2])})

    def send_then_die(email):
        smtp_send(email)
        os.kill(os.getpid(), signal.SIGKILL)  # between sending and recording

    with app.app_context():
        deliver_due(send_then_die)
""")


def test_a_worker_killed_between_send_and_record_does_not_send_twice(w, smtp, app, clock, now,
                                                                     auth, client, make):
    prefer(w.users["legal"], "referral_to_team", "immediate")
    new_legal_referral(w)
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    run = subprocess.run([sys.executable, "-c", KILLED_WORKER, url, str(app.config["MAIL_PORT"]),
                          clock.now().isoformat()], cwd=os.getcwd(), timeout=120,
                         capture_output=True)
    assert run.returncode == -9, run.stderr.decode()[-2000:]
    assert len(smtp.messages) == 1
    db.session.expire_all()
    assert outbox_rows()[0].status == "sending"

    assert deliver_due()["sent"] == 0  # within the lease: left alone
    clock.set(clock.now() + app.config["NOTIFY_SENDING_LEASE"] + timedelta(seconds=1))
    assert deliver_due() == {"sent": 0, "retry": 0, "failed": 0, "interrupted": 1}
    assert deliver_due()["sent"] == 0
    assert len(smtp.messages) == 1
    (message,) = outbox_rows()
    assert message.status == "failed" and "interrupted" in message.last_error

    # The administrator sees it with its error and may send it again (the same Message-ID).
    make.user(email="root@example.test", roles=("admin",), locale="en")
    auth.login("root@example.test")
    page = client.get("/notifications/outbox").get_data(as_text=True)
    assert "legal@example.test" in page and "interrupted" in page
    assert client.post(f"/notifications/outbox/{message.id}/retry").status_code == 302
    assert deliver_due()["sent"] == 1
    assert [m["Message-ID"] for m in smtp.messages] == [smtp.messages[0]["Message-ID"]] * 2


def test_only_an_administrator_sees_and_retries_failed_emails(w, auth, client):
    auth.login(w.email("supervisor"))
    assert client.get("/notifications/outbox").status_code == 403
    assert client.post("/notifications/outbox/1/retry").status_code == 403
    auth.logout()
    auth.login(w.email("admin"))
    assert client.get("/notifications/outbox").status_code == 200
    assert client.post("/notifications/outbox/999/retry").status_code == 404



