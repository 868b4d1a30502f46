"""`flask desk partner-attach EMAIL ORGANISATION_ID`. Registered by desk/cli.py register_cli."""

import click

from ..auth.services import AccountError, find_user_by_email
from ..extensions import db
from . import partner_services


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
