"""`flask desk ...` commands."""

import click
from flask import Flask
from flask.cli import AppGroup

from .admin import cli as admin_cli
from .audit.chain import verify
from .auth.services import AccountError, create_user
from .counter.cli import import_people_command
from .extensions import db
from .models.sites import Site
from .ops import cli as ops_cli
from .policy import CONTENT_ROLES
from .privacy.cli import retention_command
from .sampledata.demo import seed_demo
from .sampledata.totp import demo_code_command

desk_cli = AppGroup("desk", help="Sportello administration commands.")


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


@desk_cli.command("create-user")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", "roles", required=True, help="desk, team, supervisor or admin; comma-separated for several.")
@click.option("--site", "sites", default="", help="Site code(s), comma-separated, e.g. TO,CN.")
@click.option("--team", "teams", default="", help="Team kind(s) at those sites: social, legal, health, mediation.")
@click.option("--locale", default=None, help="UI language, e.g. it, en, ar.")
@click.option("--languages", default="", help="Languages spoken (ISO 639), comma-separated.")
@click.password_option(help="At least 12 characters; asked for if not given.")
def create_user_command(email, name, roles, sites, teams, locale, languages, password):
    """Create a user account."""

    if "admin" in _split(roles) and set(_split(roles)) & set(CONTENT_ROLES):
        raise click.ClickException(
            "An administrator account does not see case content: create a second account for "
            "the content role, or grant it from the admin pages, where a second person approves.")
    try:
        user = create_user(
            email=email,
            name=name,
            password=password,
            roles=_split(roles),
            site_codes=_split(sites),
            team_kinds=_split(teams),
            locale=locale,
            languages=_split(languages),
        )
        db.session.commit()
    except AccountError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from error
    click.echo(f"Created {user.email} ({', '.join(sorted(user.roles))}).")


@desk_cli.command("seed-demo")
@click.option("--people", default=200, show_default=True, help="How many demo people.")
def seed_demo_command(people):
    """Load the demo sites, teams, accounts and people. Running it again changes nothing."""

    summary = seed_demo(people=people)
    db.session.commit()
    for key, value in summary.items():
        click.echo(f"{key}: {value}")


@desk_cli.command("site-details")
@click.argument("code")
@click.option("--address", default=None, help="The desk's address, as printed for people.")
@click.option("--phone", default=None, help="The desk's telephone number.")
@click.option("--hours", default=None, help="Opening hours, as the desk writes them.")
@click.option("--unreviewed-prints/--no-unreviewed-prints", default=None,
              help="Allow prints in languages no native speaker has reviewed yet.")
def site_details_command(code, address, phone, hours, unreviewed_prints):
    """Set what the prints say about a desk, and whether unreviewed print languages are used."""
    site = db.session.query(Site).filter_by(code=code.upper()).one_or_none()
    if site is None:
        raise click.ClickException(f"No desk with the code {code}.")
    limits = {"address": 240, "phone": 40, "opening_hours": 240}
    for field, value in (("address", address), ("phone", phone), ("opening_hours", hours)):
        if value is not None:
            value = value.strip()
            if len(value) > limits[field]:
                raise click.ClickException(f"{field} is longer than {limits[field]} characters.")
            setattr(site, field, value or None)
    if unreviewed_prints is not None:
        site.unreviewed_prints = unreviewed_prints
    db.session.commit()
    click.echo(f"{site.code}: address={site.address!r} phone={site.phone!r} "
               f"hours={site.opening_hours!r} unreviewed_prints={site.unreviewed_prints}")


def register_cli(app: Flask) -> None:
    for command in (ops_cli.generate_command, ops_cli.optimize_command, ops_cli.backup_command,
                    ops_cli.restore_command, retention_command, demo_code_command,
                    ops_cli.notify_run_command, import_people_command,
                    *admin_cli.COMMANDS):
        desk_cli.add_command(command)
    app.cli.add_command(desk_cli)


@desk_cli.command("audit-verify")
def audit_verify_command():
    """Check the audit log's hash chain; name the first broken row (exit status 1)."""
    verdict = verify()
    if verdict.intact:
        click.echo(f"audit chain intact: {verdict.rows} rows chained, {verdict.legacy} from "
                   "before the chain began")
        return
    where = f" at audit row {verdict.broken_at}" if verdict.broken_at else ""
    raise click.ClickException(f"audit chain broken{where}: {verdict.reason} "
                               f"({verdict.rows} rows checked before it)")
