"""The pages of a merge: find the other record, compare the two side by side, confirm."""

from types import SimpleNamespace

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import or_

from .. import policy
from ..audit.services import audit
from ..common.formflow import attempt
from ..counter.search import likely_duplicates
from ..counter.search_keys import normalise_name
from ..extensions import db
from ..models.people import Person
from . import merge_services
from .blueprint import bp
from .merge_forms import FIELD_LABELS, FindOtherForm, merge_form

MAX_CANDIDATES = 20


def _two_people(person_id: int, other_id: int) -> tuple[Person, Person]:
    """Both records through the policy, and the merge rule on them (403 for who may not)."""
    policy.require_capability(current_user, "merge_people")
    survivor = policy.get_person_or_404(current_user, person_id)
    other = policy.get_person_or_404(current_user, other_id)
    # A supervisor of the survivor's desk; a pair the service refuses (the same record, two
    # desks) is shown with the reason.
    policy.require(policy.can_merge_people(current_user, survivor, survivor))
    return survivor, other


def _candidates(person: Person, text: str) -> list[Person]:
    query = policy.merge_candidates(current_user, person)
    words = normalise_name(text).split()
    if text.strip().isdigit():
        query = query.where(Person.id == int(text.strip()))
    elif words:
        query = query.where(or_(Person.tax_code == text.strip().upper(), *[
            Person.name_key.contains(word) for word in words[:1]]))
        for word in words[1:4]:
            query = query.where(Person.name_key.contains(word))
    return list(db.session.scalars(query.order_by(Person.family_name, Person.id)
                                   .limit(MAX_CANDIDATES)))


def _suggestions(person: Person) -> list[Person]:
    """The records of this desk the registration check would call the same person (similar
    name and birth year, or the same phone), most likely first."""
    data = SimpleNamespace(
        tax_code=person.tax_code, doc_number=None, phone=person.phone,
        given_name=person.given_name, family_name=person.family_name,
        given_name_original=person.given_name_original,
        family_name_original=person.family_name_original, birth_year=person.birth_year)
    people = [hit.person for hit in likely_duplicates(current_user, data)]
    if not people:
        return []
    allowed = set(db.session.scalars(policy.merge_candidates(current_user, person).where(
        Person.id.in_([p.id for p in people])).with_only_columns(Person.id)))
    return [p for p in people if p.id in allowed]


@bp.route("/people/<int:person_id>/merge")
@login_required
def merge_find(person_id):
    policy.require_capability(current_user, "merge_people")
    person = policy.get_person_or_404(current_user, person_id)
    policy.require(policy.can_merge_people(current_user, person, person))
    form = FindOtherForm(request.args)
    found = _candidates(person, form.q.data) if form.q.data and form.validate() else []
    suggested = [] if form.q.data else _suggestions(person)
    for other in found + suggested:
        audit("view", other, detail={"merge_candidate_for": person.id})
    audit("view", person, detail={"merge_find": True})
    return render_template("identity/merge_find.html", person=person, form=form, found=found,
                           suggested=suggested)


@bp.route("/people/<int:person_id>/merge/<int:other_id>", methods=["GET", "POST"])
@login_required
def merge_compare(person_id, other_id):
    survivor, other = _two_people(person_id, other_id)
    rows = merge_services.compare(survivor, other)
    form = merge_form([row.code for row in rows if row.differs])
    refusal = merge_services.merge_refusal(current_user, survivor, other)
    status = 200
    if form.is_submitted():
        status = 422
        if form.validate() and attempt(lambda: merge_services.merge_people(
                current_user, survivor, other, form.choices(), seen=form.seen.data)) is None:
            flash(_("The two records are now one. The other record's number leads here."),
                  "success")
            return redirect(url_for("counter.person_detail", person_id=survivor.id))
        survivor, other = _two_people(person_id, other_id)
        rows = merge_services.compare(survivor, other)
    form.seen.data = merge_services.fingerprint(survivor, other)
    for person in (survivor, other):
        audit("view", person, detail={"merge_compare": [survivor.id, other.id]})
    return render_template("identity/merge_compare.html", survivor=survivor, other=other,
                           rows=rows, form=form, labels=FIELD_LABELS, refusal=refusal), status
