"""Expired and expiring residence documents are seen: on the legal team's list (expired first,
with how long ago), as a warning on the person and case pages, and on the dashboard."""

from datetime import timedelta

from desk.extensions import db
from desk.models.people import ResidenceDocument

from .casework import build_world, tr


def trn(singular: str, plural: str, num: int, locale: str = "it") -> str:
    """A counted message as a reader with `locale` sees it."""
    from flask import current_app
    from flask_babel import force_locale, ngettext

    with current_app.test_request_context(), force_locale(locale):
        return ngettext(singular, plural, num)


def _document(person, doc_type, expiry):
    doc = ResidenceDocument(person_id=person.id, doc_type=doc_type, expiry_date=expiry)
    db.session.add(doc)
    db.session.commit()
    return doc


def _world_with_documents(make, today):
    w = build_world(make)
    _document(w.case.person, "asylum_pending", today - timedelta(days=183))
    renewed = make.person(site=w.site, given="Olena", family="Renewed")
    make.case(site=w.site, person=renewed, referrals=("legal",))
    _document(renewed, "study", today - timedelta(days=30))   # replaced by the next one
    _document(renewed, "work_employed", today + timedelta(days=400))
    soon = make.person(site=w.site, given="Rahim", family="Soon")
    make.case(site=w.site, person=soon, referrals=("legal",))
    _document(soon, "family", today + timedelta(days=20))
    recent = make.person(site=w.site, given="Meiling", family="Recent")
    make.case(site=w.site, person=recent, referrals=("legal",))
    _document(recent, "refugee", today - timedelta(days=1))
    return w


def test_the_legal_list_shows_expired_documents_first_with_how_long_ago(make, auth, client, today):
    _world_with_documents(make, today)
    auth.login("legal@example.test")
    html = client.get("/teams/legal/expiring").get_data(as_text=True)
    assert "Olena Renewed" not in html, "a document replaced by a newer one is not listed"
    recent, old, soon = (html.index(name) for name in ("Meiling Recent", "Yusuf Haddad", "Rahim Soon"))
    assert recent < old < soon, "expired first (the most recent at the top), then expiring"
    assert "183" in html.split("Yusuf Haddad")[0].rsplit("<tr", 1)[1]


def test_the_person_and_case_pages_warn_of_an_expired_permit(make, auth, client, today):
    w = _world_with_documents(make, today)
    auth.login("desk@example.test")
    warning = trn("%(num)d residence document has expired: check whether it has been renewed.",
                  "%(num)d residence documents have expired: check whether they have been renewed.", 1)
    case_page = client.get(f"/cases/{w.case.id}").get_data(as_text=True)
    assert warning in case_page
    assert tr("expired on %(date)s", date="").strip() in case_page
    person_page = client.get(f"/people/{w.case.person_id}").get_data(as_text=True)
    assert warning in person_page


def test_a_replaced_permit_raises_no_warning(make, auth, client, today):
    w = build_world(make)
    _document(w.case.person, "study", today - timedelta(days=30))
    _document(w.case.person, "work_employed", today + timedelta(days=400))
    auth.login("desk@example.test")
    page = client.get(f"/cases/{w.case.id}").get_data(as_text=True)
    assert trn("%(num)d residence document has expired: check whether it has been renewed.",
               "%(num)d residence documents have expired: check whether they have been renewed.", 1) not in page


def test_the_dashboard_counts_expired_and_expiring_documents(make, auth, client, today):
    _world_with_documents(make, today)
    auth.login("supervisor@example.test")
    html = client.get("/supervision/").get_data(as_text=True)
    section = html.split('id="permits"', 1)[1].split("</section>", 1)[0]
    cells = [c.split("</td>")[0] for c in section.split("<td")[1:]]
    assert any(">2<" in c for c in cells), cells  # Yusuf, Meiling expired
    assert any(">1<" in c for c in cells), cells  # Rahim expiring
    headline = html.split('class="sv-headline"', 1)[1].split("</ul>", 1)[0]
    assert "<strong>2</strong>" in headline
