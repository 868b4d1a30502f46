from sqlalchemy import select

from desk.extensions import db
from desk.models.users import User


def _create(runner, *extra):
    return runner.invoke(args=[
        "desk", "create-user", "--email", "new@example.test", "--name", "Nuova Utente",
        "--password", "a long enough password", *extra,
    ])


def test_create_user_with_site_team_and_locale(runner, make):
    make.site("TO")
    result = _create(runner, "--role", "team", "--site", "TO", "--team", "legal",
                     "--locale", "ar", "--languages", "ar,fr")
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.email == "new@example.test"))
    assert user.roles == {"team"}
    assert [t.kind for t in user.teams] == ["legal"]
    assert user.locale == "ar"
    assert user.languages == ["ar", "fr"]


def test_create_user_refuses_bad_values_clearly(runner, make):
    make.site("TO")
    cases = [
        (("--role", "wizard", "--site", "TO"), "wizard"),
        (("--role", "desk", "--site", "XX"), "XX"),
        (("--role", "team", "--site", "TO", "--team", "astrology"), "astrology"),
        (("--role", "desk", "--site", "TO", "--locale", "tlh"), "tlh"),
        (("--role", "desk", "--site", "TO", "--languages", "zz9"), "zz9"),
    ]
    for args, culprit in cases:
        result = _create(runner, *args)
        assert result.exit_code != 0
        assert culprit in result.output
        assert "Traceback" not in result.output
    assert db.session.scalar(select(User).where(User.email == "new@example.test")) is None


def test_create_user_refuses_duplicate_email_and_short_password(runner, make):
    make.site("TO")
    assert _create(runner, "--role", "desk", "--site", "TO").exit_code == 0
    again = _create(runner, "--role", "desk", "--site", "TO")
    assert again.exit_code != 0 and "new@example.test" in again.output
    short = runner.invoke(args=[
        "desk", "create-user", "--email", "x@example.test", "--name", "X", "--password", "short",
        "--role", "desk", "--site", "TO",
    ])
    assert short.exit_code != 0 and "12" in short.output


def test_site_details_set_what_the_prints_say_and_the_unreviewed_switch(runner, make):
    site = make.site("TO")
    result = runner.invoke(args=["desk", "site-details", "to", "--address", "Via Po 1, Torino",
                                 "--phone", "011 1", "--hours", "lun 9-12", "--no-unreviewed-prints"])
    assert result.exit_code == 0, result.output
    db.session.refresh(site)
    assert (site.address, site.phone, site.opening_hours) == ("Via Po 1, Torino", "011 1", "lun 9-12")
    assert site.unreviewed_prints is False
    refused = runner.invoke(args=["desk", "site-details", "TO", "--phone", "1" * 41])
    assert refused.exit_code != 0 and "phone" in refused.output
    db.session.refresh(site)
    assert site.phone == "011 1"
    assert runner.invoke(args=["desk", "site-details", "XX"]).exit_code != 0
