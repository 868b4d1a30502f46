"""`flask desk territory|site|team|vocab|local-need`: the territory's configuration from the
command line, and `flask desk partner-attach`: a partner account's organisation; both through
the same services (and the same refusals) as the admin pages. Each command is one
transaction; its audit rows have no user (the command line)."""

import click
from flask_babel import force_locale
from sqlalchemy import select

from ..auth.services import AccountError, find_user_by_email
from ..common.refusals import ActionRefused
from ..extensions import db
from ..models.sites import Site, Team
from . import partner_services, team_services, territory_services, vocab_services

RETIRE = click.option("--retire/--restore", "retire", default=None,
                      help="Retire (records stay), or use again.")


def _pairs(values, what: str) -> dict[str, str]:
    pairs = {}
    for value in values:
        key, sep, text = value.partition("=")
        if not sep:
            raise click.BadParameter(f"write {what} as key=value", param_hint=what)
        pairs[key.strip()] = text.strip()
    return pairs


def _run(work) -> None:
    """Run in one transaction; a refusal rolls back and says why (in English)."""
    with force_locale("en"):
        try:
            message = work()
            db.session.commit()
        except ActionRefused as refused:
            db.session.rollback()
            raise click.ClickException(str(refused.message)) from refused
    click.echo(message)


@click.command("territory")
@click.argument("code")
@click.option("--name", default=None, help="The territory's name, e.g. Alessandria.")
@click.option("--region", default=None, help="The region, e.g. Piemonte.")
@RETIRE
def territory_command(code, name, region, retire):
    """Create or change a territory (CODE: the province's two letters)."""
    def work():
        territory = territory_services.territory_by_code(code)
        if territory is None:
            territory = territory_services.create_territory(None, code=code, name=name or "",
                                                            region=region)
        elif name is not None or region is not None:
            territory_services.update_territory(None, territory, name=name or territory.name,
                                                region=region if region is not None
                                                else territory.region)
        if retire is not None:
            territory_services.set_territory_retired(None, territory, retire)
        state = "retired" if territory.retired_at else "active"
        return f"{territory.code}: {territory.name} ({territory.region or '-'}), {state}"
    _run(work)


@click.command("site")
@click.argument("code")
@click.option("--name", default=None)
@click.option("--province", default=None, help="The territory's code, e.g. AL.")
@click.option("--address", default=None, help="As printed for people.")
@click.option("--phone", default=None)
@click.option("--hours", default=None, help="Opening hours, as the desk writes them.")
@click.option("--teams", default="social,legal,health,mediation", show_default=True,
              help="Teams created with a new site (comma-separated kinds; '' for none).")
@RETIRE
def site_command(code, name, province, address, phone, hours, teams, retire):
    """Create or change a site (desk)."""
    def work():
        site = db.session.scalar(select(Site).where(Site.code == code.strip().upper()))
        given = {"address": address, "phone": phone, "opening_hours": hours}
        if site is None:
            site = territory_services.create_site(None, territory_services.SiteData(
                code=code, name=name or "", province=province or "", **given),
                with_teams=[k.strip() for k in teams.split(",") if k.strip()])
        else:
            current = {f: getattr(site, f) for f in given}
            territory_services.update_site(None, site, territory_services.SiteData(
                code=site.code, name=name or site.name, province=province or site.province,
                **{f: current[f] if v is None else v for f, v in given.items()}))
        if retire is not None:
            territory_services.set_site_retired(None, site, retire)
        kinds = ", ".join(team.kind for team in site.teams)
        return f"{site.code}: {site.name} ({site.province}); address={site.address!r}; teams: {kinds}"
    _run(work)


@click.command("team")
@click.argument("site_code")
@click.argument("kind")
@click.option("--label", "labels", multiple=True, help="locale=name, e.g. it=Lavoro; repeatable.")
@click.option("--needs", default=None, help="Needs routed to the team, comma-separated.")
@click.option("--days", default=None, help="Service level, e.g. urgent=2,normal=7,low=20.")
@RETIRE
def team_command(site_code, kind, labels, needs, days, retire):
    """Create or change a team of a site: names per locale, needs routed to it, service levels."""
    def work():
        site = db.session.scalar(select(Site).where(Site.code == site_code.strip().upper()))
        team = site and db.session.scalar(select(Team).where(Team.site_id == site.id,
                                                             Team.kind == kind.strip().lower()))
        names = _pairs(labels, "--label")
        if team is None:
            team = team_services.create_team(None, site, kind=kind, labels=names)
        levels = {row.priority: row.days for row in team.service_levels}
        levels.update({p: int(d) if d else None for p, d in _pairs(
            (days or "").split(",") if days else (), "--days").items()})
        team_services.update_team(
            None, team, labels={**team.labels, **names},
            needs=[n.strip() for n in needs.split(",") if n.strip()] if needs is not None
            else team.configured_needs, service_levels=levels)
        if retire is not None:
            team_services.set_team_retired(None, team, retire)
        return (f"{site.code}/{team.kind}: {team.labels}; needs={team.routed_needs}; "
                f"days={ {row.priority: row.days for row in team.service_levels} }")
    _run(work)


@click.command("vocab")
@click.argument("territory_code")
@click.argument("vocabulary", type=click.Choice(sorted(vocab_services.BUILT_IN)))
@click.argument("code")
@click.option("--retire/--restore", "retire", required=True)
def vocab_command(territory_code, vocabulary, code, retire):
    """Retire a code of a vocabulary in a territory, or offer it again."""
    def work():
        territory = _territory(territory_code)
        vocab_services.set_code_retired(None, territory, vocabulary, code, retire)
        return f"{territory.code} {vocabulary} {code}: {'retired' if retire else 'offered'}"
    _run(work)


@click.command("local-need")
@click.argument("territory_code")
@click.argument("code")
@click.option("--label", "labels", multiple=True, required=True,
              help="locale=label, at least it=...; repeatable.")
def local_need_command(territory_code, code, labels):
    """Add a need of this territory only, with its labels."""
    def work():
        territory = _territory(territory_code)
        row = vocab_services.add_local_need(None, territory, code, _pairs(labels, "--label"))
        return f"{territory.code} need {row.code}: {row.labels}"
    _run(work)


def _territory(code: str):
    territory = territory_services.territory_by_code(code)
    if territory is None:
        raise click.ClickException(f"No territory with the code {code}.")
    return territory



def _organisation_list() -> str:
    return "\n".join(
        f"  {o.id}\t{o.province}\t{o.name}"
        + ("" if partner_services.is_active(o) else "\t(no active service)")
        for o in partner_services.organisations(None))


@click.command("partner-attach")
@click.argument("email")
@click.argument("organisation_id", required=False)
@click.option("--detach", is_flag=True, help="Take the account out of its organisation.")
def partner_attach_command(email, organisation_id, detach):
    """Make the partner account EMAIL a member of the organisation ORGANISATION_ID (the id
    shown by running the command without it), or of none with --detach. Audited."""
    user = find_user_by_email(email)
    if user is None:
        raise click.ClickException(f"No account with the e-mail {email}.")
    if not detach and not organisation_id:
        raise click.ClickException("Give the organisation's id, or --detach. Organisations:\n"
                                   + _organisation_list())
    if organisation_id and not organisation_id.isdigit():
        raise click.ClickException(f"The organisation id must be a number, not {organisation_id!r}.")
    try:
        organisation = partner_services.attach_partner(
            None, user, None if detach else int(organisation_id))
        db.session.commit()
    except AccountError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from error
    if organisation is None:
        click.echo(f"{user.email} belongs to no organisation now.")
    else:
        click.echo(f"{user.email} now receives the referrals sent to {organisation.name} "
                   f"({organisation.province}, id {organisation.id}).")


COMMANDS = (territory_command, site_command, team_command, vocab_command, local_need_command,
            partner_attach_command)
