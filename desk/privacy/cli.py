"""`flask desk retention --dry-run | --apply`. Imported by desk/cli.py register_cli."""

import click

from ..extensions import db
from .retention import apply_retention, due_for_pseudonymisation


def _line(due) -> str:
    closed = due.last_closed.date().isoformat() if due.last_closed else "-"
    return f"{due.person.id}\t{due.person.site.code}\t{closed}"


@click.command("retention")
@click.option("--dry-run", "mode", flag_value="dry-run", default=True,
              help="List who would be pseudonymised (the default).")
@click.option("--apply", "mode", flag_value="apply", help="Pseudonymise them.")
def retention_command(mode):
    """Pseudonymise people whose retention period has ended (legal holds are kept)."""
    from flask import current_app


    years = current_app.config["RETENTION_YEARS"]
    if mode == "apply":
        done, held = apply_retention()
        db.session.commit()
    else:
        due = due_for_pseudonymisation()
        done = [d for d in due if not d.held]
        held = [d for d in due if d.held]
    verb = "pseudonymised" if mode == "apply" else "would be pseudonymised"
    click.echo(f"Retention {years} years: {len(done)} {verb}, {len(held)} kept by a legal hold.")
    if done:
        click.echo("person\tsite\tlast_case_closed")
        for due in done:
            click.echo(_line(due))
    for due in held:
        click.echo(f"legal hold, not pseudonymised: {_line(due)}")
