"""`flask people reindex-names`: rebuild the name search index (after an upgrade that added
it to a database with people already in it, or after changing the sound-key rules).

`flask desk import-people FILE --site CODE --user EMAIL [--dry-run] [--mapping ...]`: a
desk's existing register imported from the command line, with a progress line; the same
checks as counter.import_services, one transaction for the whole file."""

import sys
from pathlib import Path

import click
from sqlalchemy import func, select

from ..auth.services import find_user_by_email
from ..common import tables
from ..extensions import db
from ..models.people import Person
from ..models.sites import Site
from ..policy import sees_all_of_sites
from . import import_services as registers
from .blueprint import bp
from .services import index_names


@bp.cli.command("reindex-names")
@click.option("--batch-size", type=click.IntRange(min=1), default=1000, show_default=True)
def reindex_names_command(batch_size):
    """Rebuild person_name_token for every person."""
    last_id, done = 0, 0
    while True:
        people = db.session.scalars(
            select(Person).where(Person.id > last_id).order_by(Person.id).limit(batch_size)
        ).all()
        if not people:
            break
        for person in people:
            index_names(person)
        db.session.commit()
        done += len(people)
        last_id = people[-1].id
    click.echo(f"people indexed: {done}")


MAX_FILE_BYTES = 50_000_000


def _progress(label: str):
    def show(done: int, total: int) -> None:
        sys.stderr.write(f"\r{label}: {done}/{total} rows")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()
    return show


def _mapping(pairs: tuple[str, ...], header: list[str], remembered: dict) -> dict:
    mapping = registers.guess_mapping(header, remembered)
    for pair in pairs:
        name, sep, column = pair.partition("=")
        if not sep or name.strip() not in registers.FIELDS:
            raise click.ClickException(
                f"--mapping takes FIELD=COLUMN, FIELD one of {', '.join(registers.FIELDS)}.")
        mapping[name.strip()] = column.strip()
    return mapping


@click.command("import-people")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--site", "site_code", required=True, help="The desk's code, e.g. TO.")
@click.option("--user", "email", required=True,
              help="Whose import it is: a supervisor or desk operator of the site (duplicates "
                   "are looked for among the people this user sees).")
@click.option("--dry-run", is_flag=True, help="Check every row; write nothing.")
@click.option("--mapping", "pairs", multiple=True, metavar="FIELD=COLUMN",
              help="Which column holds a field (repeat); the rest is guessed from the headers "
                   "and the site's last import.")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the refused rows (CSV) to this file.")
def import_people_command(path, site_code, email, dry_run, pairs, report):
    """Import people (optionally their last access and needs) from a CSV or XLSX register."""
    site = db.session.scalar(select(Site).where(func.upper(Site.code) == site_code.upper()))
    if site is None:
        raise click.ClickException(f"No desk with the code {site_code}.")
    user = find_user_by_email(email)
    if user is None or not sees_all_of_sites(user, {site.id}):
        raise click.ClickException(f"{email} is not a supervisor or desk operator of {site.code}.")
    try:
        table = tables.read_table(path.name, path.read_bytes(), MAX_FILE_BYTES, strict=True)
        mapping = _mapping(pairs, table.rows[0] if table.rows else [],
                           registers.remembered_mapping(site))
        check = registers.check_register(user, table.rows, mapping, progress=_progress("checked"))
    except (tables.UnreadableFile, registers.MappingProblem) as problem:
        raise click.ClickException(str(problem)) from None
    click.echo(f"Read {path.name} as {table.encoding_name}: {len(check.accepted)} rows to "
               f"import, {len(check.duplicates)} likely duplicates left out, "
               f"{len(check.invalid)} rows refused.")
    if report:
        report.write_bytes(tables.to_csv(registers.refusal_rows(check)))
        click.echo(f"Refused rows written to {report}.")
    for refusal in check.refused[:20]:
        click.echo(f"  row {refusal.line}: {refusal.reason}")
    if check.invalid:
        raise click.ClickException("Nothing imported: correct the refused rows and run again.")
    if dry_run:
        click.echo("Dry run: nothing written.")
        return
    try:
        registers.remember_mapping(user, site, mapping)
        count = registers.import_register(user, site, check, filename=path.name,
                                          progress=_progress("imported"))
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    click.echo(f"Imported {count} people into {site.code} in one transaction.")
