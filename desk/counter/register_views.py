"""Registering a person (with the duplicate check) and correcting their record."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import policy
from ..common.formflow import attempt
from ..identity.identifier_services import identifier_clashes
from ..identity.notice_services import look_elsewhere
from . import services
from .blueprint import bp
from .forms import PersonForm, RegisterForm
from .helpers import new_form_token
from .search import likely_duplicates
from .search_keys import name_key, normalise_name


def _site_for(user):
    sites = sorted(user.sites, key=lambda s: s.id)
    chosen = request.form.get("site_id", type=int)
    return next((s for s in sites if s.id == chosen), sites[0] if sites else None)


def _prefill(form: RegisterForm) -> str | None:
    """Fill the name from the search text; the text, when its split into given and family
    name is a guess the operator must check (more than one word)."""
    text = request.args.get("q", "")
    words = normalise_name(text).split()
    form.form_token.data = new_form_token()
    if not words or any(c.isdigit() for c in text):
        return None
    form.given_name.data = text.split()[0][:120]
    form.family_name.data = " ".join(text.split()[1:])[:120]
    return " ".join(text.split())[:250] if len(text.split()) > 1 else None


def _render(form, duplicates=(), status=200, split_from=None, clashes=(), elsewhere=(),
            ask=None):
    return render_template("counter/register.html", form=form, duplicates=duplicates,
                           sites=current_user.sites, split_from=split_from,
                           clashes=clashes, elsewhere=elsewhere, ask=ask), status


def _elsewhere(data) -> dict:
    """Other desks holding someone with these identifiers, or this name and birth date; with
    what the look-up was given (for the request of a transfer)."""
    ask = {"identifiers": [v for v in (data.tax_code, data.doc_number) if v],
           "words": name_key(data.given_name, data.family_name, data.given_name_original,
                             data.family_name_original).split(),
           "birth_date": data.birth_date}
    return {"elsewhere": look_elsewhere(current_user, where="register", **ask), "ask": ask}


def _refuse_taken(form, clashes) -> bool:
    """Put a message on each field whose strong identifier someone else already holds."""
    for clash in clashes:
        field = getattr(form, clash.what)
        field.errors = [*field.errors, clash.message]
    return bool(clashes)


@bp.route("/people/new", methods=["GET", "POST"])
@login_required
def register():
    policy.require_capability(current_user, "register_person")
    form = RegisterForm()
    if request.method == "GET":
        return _render(form, split_from=_prefill(form))
    already = services.person_by_form_token(form.form_token.data)
    if already is not None:
        return redirect(url_for("counter.intake", person_id=already.id))
    site = _site_for(current_user)
    if not form.validate_on_submit() or site is None:
        return _render(form, status=422)
    data = form.person_data()
    clashes = identifier_clashes(current_user, tax_code=data.tax_code, doc_type=data.doc_type,
                                 doc_number=data.doc_number)
    elsewhere = _elsewhere(data)
    if _refuse_taken(form, clashes):
        return _render(form, status=422, clashes=clashes, **elsewhere)
    duplicates = likely_duplicates(current_user, data)
    if (duplicates or elsewhere["elsewhere"]) and not form.register_anyway.data:
        flash(_("Similar people are already registered. Check them below: open the right "
                "one, or tick “register anyway” if this is a different person."), "warning")
        return _render(form, duplicates, status=422, **elsewhere)
    registered = []
    status = attempt(lambda: registered.append(services.register_person(
        current_user, site, data, form.form_token.data or None)), form)
    if status is not None:
        return _render(form, status=status)
    flash(_("Registered. Now record what the person needs."), "success")
    return redirect(url_for("counter.intake", person_id=registered[0].id))


@bp.route("/people/<int:person_id>/edit", methods=["GET", "POST"])
@login_required
def edit(person_id):
    person = policy.get_person_or_404(current_user, person_id)
    policy.require_capability(current_user, "edit_person")
    form = PersonForm(obj=person)
    if request.method == "GET":
        form.languages.data = person.languages
        form.birth.data = (person.birth_date.strftime("%d/%m/%Y") if person.birth_date
                           else str(person.birth_year or ""))
    elif form.validate_on_submit():
        data = form.person_data()
        clashes = identifier_clashes(current_user, tax_code=data.tax_code,
                                     except_person_id=person.id)
        if not _refuse_taken(form, clashes) and attempt(
                lambda: services.update_person(current_user, person, data), form) is None:
            flash(_("Changes saved."), "success")
            return redirect(url_for("counter.person_detail", person_id=person.id))
        return render_template("counter/edit.html", form=form, person=person,
                               clashes=clashes), 422
    status = 422 if request.method == "POST" else 200
    return render_template("counter/edit.html", form=form, person=person), status
