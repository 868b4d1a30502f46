"""The API validates with the desk's own forms: the same rules and the same translated
messages as the pages. A JSON body already checked for its shape (desk.api.schemas) becomes
the form data a browser would have sent."""

from flask import abort
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException

from ..common.refusals import ActionRefused, EditConflict
from ..common.unique_clash import clash_of
from ..extensions import db


def form_data(values: dict) -> MultiDict:
    pairs = []
    for name, value in values.items():
        if value is None or value is False:
            continue
        if value is True:
            pairs.append((name, "y"))
        elif isinstance(value, list):
            pairs.extend((name, str(item)) for item in value)
        else:
            pairs.append((name, str(value)))
    return MultiDict(pairs)


def validated(form_class, values: dict, names: dict | None = None, **kwargs):
    """The form, filled from `values` and validated; else 400 with each field's messages
    (under the JSON names of the fields: `names` maps form field names to them)."""
    form = form_class(formdata=form_data(values), meta={"csrf": False}, **kwargs)
    if not form.validate():
        refuse_fields(form.errors, names)
    return form


def refuse(code: int, detail=None, errors: dict | None = None):
    """Answer `code` (problem details: desk.common.error_pages), with a translated detail and
    the messages of each refused field."""
    try:
        abort(code, description=str(detail) if detail is not None else None)
    except HTTPException as error:
        if errors:
            error.data = {"messages": {"json": errors}}
        raise


def refuse_fields(errors: dict, names: dict | None = None):
    names = names or {}
    refuse(400, errors={names.get(field, field): [str(m) for m in found]
                        for field, found in errors.items()})


def run_service(run, conflict: int = 409):
    """Run a service: 422 when a rule refuses it, `conflict` (409, or 412 for a change sent
    with If-Match) when the record changed meanwhile."""
    try:
        return run()
    except ActionRefused as refused:
        db.session.rollback()
        refuse(422, refused.message)
    except (EditConflict, StaleDataError):
        db.session.rollback()
        refuse(conflict)
    except IntegrityError as error:
        clash = clash_of(error)
        if clash is None:
            raise
        db.session.rollback()
        refuse(422, clash[1])
