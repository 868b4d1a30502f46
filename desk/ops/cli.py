"""`flask desk generate | optimize | backup | restore | notify-run`. Imported by desk/cli.py register_cli, which adds
these commands to the `desk` group."""

import click

from ..audit.chain import verify
from .notify_worker import deliver_due, run_scheduled


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


@click.command("generate")
@click.option("--people", "people", type=click.IntRange(min=1), required=True,
              help="How many synthetic people to add.")
@click.option("--seed", type=int, default=1, show_default=True,
              help="Random seed: the same seed on an empty database gives the same data.")
@click.option("--sites", default="", help="Site codes, e.g. TO,CN (default: existing sites, "
              "or TO and CN when there are none).")
@click.option("--staff-password", default=None, envvar="SPORTELLO_STAFF_PASSWORD",
              help="Password of the generated staff accounts (desk1.to@generated.test, ...); "
              "random, so unusable, if not given.")
@click.option("--batch-size", type=click.IntRange(min=100), default=5000, show_default=True)
def generate_command(people, seed, sites, staff_password, batch_size):
    """Add synthetic people, cases, referrals, notes, appointments and timeline events."""
    from ..sampledata.generate import generate

    if staff_password is not None and len(staff_password) < 12:
        raise click.BadParameter("at least 12 characters", param_hint="--staff-password")
    from ..auth.services import AccountError

    try:
        with click.progressbar(length=people, label="Generating people") as bar:
            totals = generate(people, seed, _split(sites), staff_password, batch_size,
                              bar.update)
    except AccountError as error:  # e.g. the staff password fails the password policy
        raise click.ClickException(str(error)) from error
    for table, count in totals.items():
        click.echo(f"{table}: {count}")
    _optimize()


def _optimize(recount: bool = False) -> None:
    from ..extensions import db
    from .statistics import refresh_statistics

    db.session.commit()
    if recount:
        from ..supervision.tally import rebuild_all

        with db.engine.begin() as connection:
            rebuild_all(connection)
        click.echo("Dashboard tally counted again from the accesses, cases, referrals, "
                   "appointments and residence documents.")
    seconds = refresh_statistics(db.engine)
    click.echo(f"Planner statistics refreshed in {seconds:.1f} s.")


@click.command("optimize")
@click.option("--recount-tally", is_flag=True,
              help="Also count the dashboard's tallies again from the raw rows (after "
              "rows were written around the application, e.g. by hand in SQL).")
def optimize_command(recount_tally):
    """Refresh the query planner's statistics (after an upgrade, a restore or a bulk load)."""
    _optimize(recount_tally)


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
def backup_command(path, force):
    """Copy the database to PATH while the app keeps running (SQLite online backup)."""
    from .backup import BackupError, backup

    try:
        report = backup(path, overwrite=force)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(report)
    verdict = verify()
    if not verdict.intact:
        raise click.ClickException(
            f"backup written, but the audit chain is broken at audit row {verdict.broken_at}: "
            f"{verdict.reason}. Keep this copy and the previous ones; tell whoever looks after "
            "security.")
    click.echo(f"audit chain intact ({verdict.rows} rows)")


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--yes", is_flag=True, help="Confirm: the current database is replaced.")
@click.option("--force", is_flag=True, help="Restore even if another process has the database open.")
def restore_command(path, yes, force):
    """Replace the configured database with the backup at PATH (stop the app first)."""
    from .backup import BackupError, restore

    if not yes:
        raise click.ClickException("Restoring replaces every record in the configured database; "
                                   "stop the application, then run again with --yes.")
    try:
        report = restore(path, force=force)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(report)


@click.command("notify-run")
@click.option("--deliver/--no-deliver", default=True, help="Also send the e-mails that are due.")
def notify_run_command(deliver):
    """Run the scheduled notification jobs now (each once per slot), then deliver due e-mails."""
    done = run_scheduled()
    click.echo(f"Scheduled jobs: {done or 'nothing due'}.")
    if deliver:
        click.echo(f"Delivery: {deliver_due()}.")
