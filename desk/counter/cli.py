"""`flask people reindex-names`: rebuild the name search index (after an upgrade that added
it to a database with people already in it, or after changing the sound-key rules)."""

import click
from sqlalchemy import select

from ..extensions import db
from ..models.people import Person
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
