"""`python -m bench.import_register --people 20000 --rows 20000 [--database URL] [--keep]`:
time the import of a register (issue 18: 20,000 rows in under a minute at 100,000 people).

A generated database (bench.prepare, cached) and a register of `--rows` rows as an XLSX file:
names from the generator's own pools, so that each row's words meet many registered people
(the duplicate look-up's hard case), most with a third name of their own so that they are
new; some rows repeat a registered person with a typo, some repeat an earlier row. Timed as
the worker runs them: reading the file, the dry run, then the import job (read, check again,
write, commit). Without --keep the import is rolled back and the database stays as generated.
"""

import random
import time

import click
from sqlalchemy import func, select

from .prepare import BENCH_DIR, bench_app, prepare

SYLLABLES = ["ba", "ke", "lo", "mu", "ni", "ra", "so", "ti", "vu", "ze", "da", "fe", "gi",
             "ho", "ju", "pa", "qu", "se", "to", "wy"]
HEADER = ["Cognome", "Nome", "Data di nascita", "Nazionalità", "Telefono", "Ultimo accesso",
          "Bisogni"]


def register_rows(rows: int, registered: list, seed: int = 7) -> list[list[str]]:
    """`rows` rows: 2% a registered person with a typo, 1% an earlier row again, the rest new."""
    from desk.sampledata.names import MOBILE_PREFIXES, ORIGINS

    rng = random.Random(seed)
    table = [HEADER]
    for i in range(rows):
        if registered and i % 50 == 7:
            family, given, year = rng.choice(registered)
            table.append([family + "a", given, str(year or 1980), "", "", "", ""])
            continue
        if i % 100 == 13 and len(table) > 10:
            table.append(list(table[rng.randrange(1, len(table) - 1)]))
            continue
        origin = rng.choice(ORIGINS)
        given = rng.choice(origin.male + origin.female)[0]
        family = rng.choice(origin.family)[0]
        own = "".join(SYLLABLES[(i // 20 ** k) % 20] for k in range(4)).capitalize()
        table.append([f"{family} {own}", given, str(1940 + i % 65), origin.country,
                      f"+39 {MOBILE_PREFIXES[i % len(MOBILE_PREFIXES)]} {1000000 + i}",
                      "10/03/2026" if i % 3 == 0 else "",
                      "housing work" if i % 3 == 0 else ""])
    return table


def _timed(label: str, timings: dict, work):
    started = time.monotonic()
    result = work()
    timings[label] = round(time.monotonic() - started, 2)
    click.echo(f"{label}: {timings[label]} s")
    return result


@click.command()
@click.option("--people", default=20_000, show_default=True,
              help="People in the generated database.")
@click.option("--rows", default=20_000, show_default=True, help="Rows of the register.")
@click.option("--database", help="SQLite file URL or postgresql:// URL (default: a SQLite file "
                                 "in instance/bench/).")
@click.option("--keep", is_flag=True, help="Commit the import (default: roll it back).")
def main(people, rows, database, keep):
    url = database or f"sqlite:///{BENCH_DIR / f'import-{people}.sqlite'}"
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    prepare(url, people)
    app = bench_app(url)
    timings: dict = {}
    with app.app_context():
        from desk.common import tables
        from desk.counter import import_services as registers
        from desk.counter.import_upload_services import read_register
        from desk.extensions import db
        from desk.models.people import Person
        from desk.models.sites import Site
        from desk.models.users import User
        from desk.sampledata.generate import staff_email

        user = db.session.scalar(select(User).where(
            User.email == staff_email("supervisor", 1, "TO")))
        site = db.session.scalar(select(Site).where(Site.code == "TO"))
        sample = db.session.execute(select(Person.family_name, Person.given_name,
                                           Person.birth_year).where(Person.site_id == site.id)
                                    .limit(2000)).all()
        content = tables.to_xlsx(register_rows(rows, [tuple(r) for r in sample]))
        db.session.commit()
        click.echo(f"{people} people; register of {rows} rows, {len(content) // 1024} KiB XLSX")
        table = _timed("read the file (upload)", timings, lambda: read_register(content))
        mapping = registers.guess_mapping(table.rows[0])
        check = _timed("dry run", timings, lambda: registers.check_register(
            user, table.rows, mapping))
        db.session.rollback()
        click.echo(f"  would import {len(check.accepted)}, refused {len(check.invalid)}, "
                   f"duplicates {len(check.duplicates)}")
        before = db.session.scalar(select(func.count()).select_from(Person))

        def job():
            again = registers.check_register(user, read_register(content).rows, mapping)
            count = registers.import_register(user, site, again, filename="bench.xlsx")
            if keep:
                db.session.commit()
            else:
                db.session.flush()
            return count

        count = _timed("import job (read, check again, write, commit)", timings, job)
        if not keep:
            db.session.rollback()
        after = db.session.scalar(select(func.count()).select_from(Person))
        click.echo(f"  imported {count}; people {before} -> {after} "
                   f"({'kept' if keep else 'rolled back'})")
        click.echo(f"engine {db.engine.dialect.name}: {timings}")


if __name__ == "__main__":
    main()
