"""What every view with a form does the same way: run a service from a valid form, say what
was refused, redirect after success (post/redirect/get).
"""

from flask import flash, redirect, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from ..extensions import db
from .redirects import safe_next
from .refusals import ActionRefused, EditConflict
from .unique_clash import clash_of

CONFLICT_MESSAGE = _l("Someone else changed this record while you were working. The page now "
                      "shows their version; what you typed is still in the form: check it and "
                      "save again.")
ALREADY_SAVED = _l("This form had already been sent, and it was saved once: here is what it "
                   "saved.")


def next_url(form, default: str) -> str:
    return safe_next(getattr(form, "next", None) and form.next.data, default)


def prefill_next(form) -> None:
    if hasattr(form, "next") and not form.is_submitted():
        form.next.data = request.args.get("next", "")


def attempt(run, form=None, versioned=None) -> int | None:
    """Run a service; None when it worked, else 422 (refused) or 409 (changed meanwhile).

    On a refusal the transaction is rolled back and the form keeps what was typed; on a
    conflict the form is given the current version so that saving again is a choice. A
    strong identifier taken at the same moment by another form (common.unique_clash) is a
    refusal too.
    """
    try:
        run()
        return None
    except ActionRefused as refused:
        db.session.rollback()
        flash(refused.message, "error")
        field = getattr(form, refused.field, None) if refused.field and form else None
        if field is not None:
            field.errors = [*field.errors, refused.message]
        return 422
    except IntegrityError as error:
        clash = clash_of(error)
        if clash is None:
            raise
        db.session.rollback()
        flash(str(clash[1]), "error")
        if form is not None and hasattr(form, clash[0]):
            getattr(form, clash[0]).errors = [*getattr(form, clash[0]).errors, clash[1]]
        return 422
    except (EditConflict, StaleDataError):
        db.session.rollback()
        flash(str(CONFLICT_MESSAGE), "error")
        if versioned is not None and form is not None and hasattr(form, "version"):
            db.session.refresh(versioned)
            form.version.data = versioned.version
        return 409


def handle_form(form, run, *, done: str, success_url, template: str, versioned=None,
                once=None, **context):
    """GET shows the form; a valid POST runs the service and redirects (post/redirect/get).

    `success_url` may be a callable, for URLs known only after the service ran. A form that
    creates a record (common.forms.OnceForm) passes `once=receipts` (models.receipts): sent
    again with the same token, it leads where the first sending went and creates nothing.
    """
    prefill_next(form)
    status = 200
    if form.is_submitted():
        status = 422
        token = getattr(getattr(form, "form_token", None), "data", None) if once else None
        if token and (first := once.receipt_url(current_user, token)):
            return _already_saved(first)
        if form.validate():
            target = []

            def run_and_keep():
                run()
                url = success_url() if callable(success_url) else success_url
                target.append(next_url(form, url))
                if token:
                    once.keep_receipt(current_user, token, target[0])

            try:
                status = attempt(run_and_keep, form, versioned)
            except IntegrityError:
                db.session.rollback()
                if token and (first := once.receipt_url(current_user, token)):
                    return _already_saved(first)  # its twin, sent at the same moment, won
                raise
            if status is None:
                flash(done, "success")
                return redirect(target[0])
    return render_template(template, form=form, **context), status


def _already_saved(url: str):
    flash(str(ALREADY_SAVED), "info")
    return redirect(url)
