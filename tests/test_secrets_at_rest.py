"""Second-factor secrets are stored encrypted under a key kept outside the database: a copy of
the database alone does not give anyone's authenticator codes."""

import pyotp
from sqlalchemy import text

from desk.auth.twofactor import start_enrolment
from desk.extensions import db
from desk.models.types import field_cipher
from desk.models.users import User


def test_the_stored_secret_is_not_the_secret(app, make):
    user = make.user(email="sup@example.test", roles=("supervisor",))
    start_enrolment(user)
    db.session.commit()
    secret = db.session.get(User, user.id).totp_secret
    stored = db.session.execute(text('SELECT totp_secret FROM "user" WHERE id = :id'),
                                {"id": user.id}).scalar()
    assert len(secret) >= 16 and secret not in stored
    assert field_cipher(app.config["FIELD_KEY"]).decrypt(stored.encode()).decode() == secret
    assert pyotp.TOTP(secret).now()  # what the app reads back is a working secret


def test_a_secret_stored_before_encryption_still_reads(app, make):
    user = make.user(email="old@example.test", roles=("supervisor",))
    db.session.execute(text('UPDATE "user" SET totp_secret = :s WHERE id = :id'),
                       {"s": "JBSWY3DPEHPK3PXP", "id": user.id})
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(User, user.id).totp_secret == "JBSWY3DPEHPK3PXP"
