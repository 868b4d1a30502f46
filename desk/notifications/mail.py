"""E-mails of the outbox: composed in the recipient's language (plain text and HTML), with
the case number and a link only, and handed to the SMTP server of the configuration."""

import smtplib
from email.header import Header
from email.message import Message
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formataddr, formatdate, parseaddr

from flask import current_app, render_template
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from sqlalchemy import select

from ..extensions import db
from ..models.notifications import Notification, OutboxMessage
from ..models.users import User
from ..vocab.codes import label
from ..vocab.notifications import NOTIFICATION_KINDS
from .messages import describe, link_for

# Errors after which nothing was delivered: the message is tried again later.
SEND_ERRORS = (smtplib.SMTPException, OSError)


def recipient_locale(user: User) -> str:
    return user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]


def _items(message: OutboxMessage) -> list[Notification]:
    return list(db.session.scalars(select(Notification).where(Notification.outbox_id == message.id)
                                   .order_by(Notification.kind, Notification.created_at,
                                             Notification.id)))


def _subject(message, items) -> str:
    if message.kind == "digest":
        return ngettext("Sportello: %(num)d notification today",
                        "Sportello: %(num)d notifications today", len(items))
    note = items[0]
    subject = str(label(NOTIFICATION_KINDS, note.kind))
    if note.case_reference:
        subject = _("%(what)s (case %(case)s)", what=subject, case=note.case_reference)
    return f"Sportello: {subject}"


def compose(message: OutboxMessage) -> Message:
    """The e-mail for an outbox message, in its recipient's language.

    Built with the email package's MIME classes, whose headers are written as given (encoded
    where they are not ASCII): EmailMessage parses every header it is given, and that was two
    thirds of the time a morning's thousand digests took (bench/digest.py)."""
    user = db.session.get(User, message.user_id)
    items = _items(message)
    base_url = current_app.config["NOTIFY_BASE_URL"]
    locale = recipient_locale(user)
    with current_app.test_request_context("/", base_url=base_url), force_locale(locale):
        groups: dict[str, list] = {}
        for note in items:
            groups.setdefault(str(label(NOTIFICATION_KINDS, note.kind)), []).append(
                (describe(note), link_for(note, external=True)))
        context = dict(groups=groups, digest=message.kind == "digest", locale=locale,
                       rtl=locale in ("ar", "ur"), settings_url=f"{base_url}/notifications/settings")
        email = MIMEMultipart("alternative")
        email["Subject"] = Header(_subject(message, items) if items else "Sportello", "utf-8")
        email["From"] = formataddr(parseaddr(current_app.config["MAIL_FROM"]), "utf-8")
        email["To"] = user.email
        email["Date"] = formatdate(localtime=False)
        email["Message-ID"] = f"<{message.idempotency_key}@sportello>"
        email["Content-Language"] = locale
        email.attach(MIMEText(render_template("notifications/email/message.txt", **context),
                              "plain", "utf-8"))
        email.attach(MIMEText(render_template("notifications/email/message.html", **context),
                              "html", "utf-8"))
    return email


def smtp_send(email: Message) -> None:
    config = current_app.config
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"],
                      timeout=config["MAIL_TIMEOUT_SECONDS"]) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls()
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        smtp.send_message(email)
