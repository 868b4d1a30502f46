"""The counter: desk home, search, the person page, consent and the privacy notice."""

from datetime import timedelta

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import policy
from ..audit.services import audit
from ..common.clock import local_day, today
from ..common.pagination import paginate
from ..common.print_languages import print_choice, render_copies
from ..common.transactions import read_only
from ..identity.notice_services import look_elsewhere
from ..network import follow_up_services
from . import queries, services
from .blueprint import bp
from .forms import ConsentForm, SearchForm
from .search import search_people


@bp.route("/people/desk")
@login_required
def desk_home():
    policy.require_capability(current_user, "view_desk_home")
    cap = queries.DECLINED_COUNT_CAP
    declined, declined_total = queries.declined_awaiting_rerouting(current_user, cap=cap)
    return render_template(
        "counter/desk_home.html", form=SearchForm(),
        accesses=paginate(queries.todays_accesses(current_user), per_page=50),
        declined=declined, declined_total=declined_total, declined_cap=cap,
        follow_ups=follow_up_services.due_today(current_user), today=today(),
    )


@bp.route("/people/desk/appointments")
@login_required
@read_only
def desk_appointments():
    """Today's and tomorrow's appointments at my sites, to print for the counter."""
    policy.require_capability(current_user, "view_desk_home")
    first_day = today()
    rows = queries.site_appointments(current_user, first_day, days=2)
    days = [(first_day + timedelta(days=n), [a for a in rows if local_day(a.starts_at)
                                             == first_day + timedelta(days=n)]) for n in range(2)]
    return render_template("counter/desk_appointments.html", days=days)


@bp.route("/people/search")
@login_required
def search():
    policy.require_capability(current_user, "search_people")
    form = SearchForm(request.args)
    parsed, hits, elsewhere = (None, [], [])
    if form.q.data and form.validate():
        parsed, hits = search_people(current_user, form.q.data)
        elsewhere = look_elsewhere(current_user, where="search", identifiers=parsed.identifiers,
                                   words=parsed.words, birth_date=parsed.birth_date)
    return render_template("counter/search.html", form=form, parsed=parsed, hits=hits,
                           elsewhere=elsewhere)


@bp.route("/people/<int:person_id>")
@login_required
def person_detail(person_id):
    person = policy.get_person_or_survivor_id(current_user, person_id)
    if isinstance(person, int):  # a record merged into another: its id leads there
        return redirect(url_for("counter.person_detail", person_id=person))
    audit("view", person)
    return render_template(
        "counter/person.html", person=person, consent_form=ConsentForm(),
        accesses=queries.recent_accesses(current_user, person),
        open_cases=queries.open_cases(current_user, person),
        shared=services.has_consent(person),
        access_log=queries.access_log(current_user, person),
    )


@bp.route("/people/<int:person_id>/consent", methods=["POST"])
@login_required
def record_consent(person_id):
    person = policy.get_person_or_404(current_user, person_id)
    policy.require_capability(current_user, "edit_person")
    form = ConsentForm()
    if not form.validate_on_submit():
        return render_template(
            "counter/person.html", person=person, consent_form=form,
            accesses=queries.recent_accesses(current_user, person),
            open_cases=queries.open_cases(current_user, person),
            shared=services.has_consent(person)), 422
    for purpose in form.purposes.data:
        services.record_consent(current_user, person, purpose, form.language.data)
    audit("consent", person)
    flash(_("Consent recorded."), "success")
    return redirect(url_for("counter.person_detail", person_id=person.id))


@bp.route("/people/<int:person_id>/privacy-notice")
@login_required
def privacy_notice(person_id):
    person = policy.get_person_or_404(current_user, person_id)
    policy.require_capability(current_user, "print_slip")
    choice = print_choice(person, person.site)
    copies = render_copies("counter/_privacy_notice_body.html", choice.languages, person=person,
                           site=person.site, privacy=privacy_facts())
    audit("print_privacy_notice", person, detail={"languages": list(choice.languages)})
    return render_template("counter/privacy_notice.html", person=person, choice=choice,
                           copies=copies)


def privacy_facts() -> dict:
    """What GDPR art. 13 requires the notice to name, from the configuration (PRIVACY_*)."""
    config = current_app.config
    return {"controller": config["PRIVACY_CONTROLLER"],
            "controller_contact": config["PRIVACY_CONTROLLER_CONTACT"],
            "dpo_contact": config["PRIVACY_DPO_CONTACT"],
            "processors": config["PRIVACY_PROCESSORS"],
            "retention_years": config["RETENTION_YEARS"]}
