"""Consent withdrawal: recorded from the person's page by the desk, and after it the consent
gate stops routing; retention: `flask desk retention --dry-run | --apply`."""

from datetime import timedelta

from sqlalchemy import func, select

from desk.common.clock import utcnow
from desk.extensions import db
from desk.models.audit import AuditLog
from desk.models.cases import Access, Case, Referral
from desk.models.people import Consent, Person

from .test_intake_flow import intake_data, token_of


def _share_consent(person_id):
    return db.session.scalar(select(Consent).where(
        Consent.person_id == person_id, Consent.purpose == "share_with_services"))


def test_withdrawn_consent_blocks_routing(make, auth, client):
    make.user(email="op@example.test", roles=("desk",), sites=("TO",), locale="en")
    auth.login("op@example.test")
    person = make.person(site=make.site("TO"))
    page = client.get(f"/people/{person.id}").get_data(as_text=True)
    consent = _share_consent(person.id)
    url = f"/privacy/people/{person.id}/consents/{consent.id}/withdraw"
    assert f'action="{url}"' in page
    response = client.post(url)
    assert response.status_code == 302
    assert _share_consent(person.id).withdrawn_at is not None
    page = client.get(f"/people/{person.id}").get_data(as_text=True)
    assert "withdrawn" in page and f'action="{url}"' not in page
    audit_row = db.session.scalar(select(AuditLog).where(AuditLog.action == "consent_withdrawn"))
    assert audit_row.person_id == person.id
    assert audit_row.detail["purpose"] == "share_with_services"

    intake = client.get(f"/people/{person.id}/intake")
    refused = client.post(f"/people/{person.id}/intake", data=intake_data(token_of(intake)))
    assert refused.status_code == 422
    assert "not agreed to share" in refused.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Referral)) == 0
    assert db.session.scalar(select(func.count()).select_from(Access)) == 0


def test_consent_given_again_after_withdrawal_allows_routing(make, auth, client):
    make.user(email="op@example.test", roles=("desk",), sites=("TO",), locale="en")
    auth.login("op@example.test")
    person = make.person(site=make.site("TO"))
    client.post(f"/privacy/people/{person.id}/consents/{_share_consent(person.id).id}/withdraw")
    client.post(f"/people/{person.id}/consent",
                data={"purposes": ["share_with_services"], "language": "fr"})
    intake = client.get(f"/people/{person.id}/intake")
    assert client.post(f"/people/{person.id}/intake",
                       data=intake_data(token_of(intake))).status_code == 302
    assert db.session.scalar(select(func.count()).select_from(Referral)) == 2


def test_withdrawal_is_for_desk_and_supervisors_of_the_site(make, auth, client):
    site = make.site("TO")
    make.site("CN")
    person = make.person(site=site)
    consent = _share_consent(person.id)
    url = f"/privacy/people/{person.id}/consents/{consent.id}/withdraw"
    make.user(email="cn@example.test", roles=("desk",), sites=("CN",))
    make.user(email="adm@example.test", roles=("admin",), sites=("TO",))
    for email in ("cn@example.test", "adm@example.test"):
        auth.login(email)
        assert client.post(url).status_code == 404
        auth.logout()
    make.user(email="op@example.test", roles=("desk",), sites=("TO",))
    auth.login("op@example.test")
    assert client.post(f"/privacy/people/{person.id}/consents/{consent.id + 99}/withdraw"
                       ).status_code == 404
    assert _share_consent(person.id).withdrawn_at is None


def _old_closed_case(make, site, given, years_ago, **person):
    person = make.person(site=site, given=given, family="Rossi", **person)
    long_ago = utcnow() - timedelta(days=365 * years_ago + 5)
    db.session.get(Person, person.id).created_at = long_ago
    make.case(site=site, person=person, status="closed")
    case = db.session.scalar(select(Case).where(Case.person_id == person.id))
    case.opened_at = case.closed_at = long_ago
    db.session.commit()
    return person


def test_retention_dry_run_lists_and_apply_pseudonymises_sparing_legal_holds(make, runner):
    site = make.site("TO")
    due = _old_closed_case(make, site, "Dovuto", 11)
    held = _old_closed_case(make, site, "Trattenuto", 12, legal_hold=True,
                            legal_hold_reason="Procedimento penale")
    recent = _old_closed_case(make, site, "Recente", 3)
    reopened = _old_closed_case(make, site, "Riaperto", 11)
    make.case(site=site, person=reopened, status="open")

    result = runner.invoke(args=["desk", "retention", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert f"{due.id}\tTO\t" in result.output
    assert f"legal hold, not pseudonymised: {held.id}\tTO" in result.output
    for other in (recent, reopened):
        assert f"{other.id}\tTO" not in result.output
    assert db.session.get(Person, due.id).pseudonymised_at is None

    result = runner.invoke(args=["desk", "retention", "--apply"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert db.session.get(Person, due.id).given_name == "Persona"
    for other in (held, recent, reopened):
        assert db.session.get(Person, other.id).pseudonymised_at is None
    row = db.session.scalar(select(AuditLog).where(AuditLog.action == "pseudonymise"))
    assert row.person_id == due.id and row.detail["basis"] == "retention"
    again = runner.invoke(args=["desk", "retention", "--dry-run"])
    assert f"{due.id}\tTO" not in again.output.split("legal hold")[0]


def test_retention_period_comes_from_the_configuration(app, make, runner):
    site = make.site("TO")
    person = _old_closed_case(make, site, "Quasi", 3)
    assert f"{person.id}\tTO" not in runner.invoke(args=["desk", "retention"]).output
    app.config["RETENTION_YEARS"] = 2
    assert f"{person.id}\tTO" in runner.invoke(args=["desk", "retention"]).output
