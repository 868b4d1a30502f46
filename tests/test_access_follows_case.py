"""An access, its slip and its needs follow the case they belong to: a team member who sees a
person through one case sees nothing of that person's other cases."""

from desk.extensions import db
from desk.models.cases import Access, AccessNeed

from .casework import build_world


def _access(world, case, need, description):
    access = Access(person_id=case.person_id, site_id=world.site.id, case_id=case.id,
                    channel="walk_in", operator_id=world.users["desk"].id,
                    description=description, outcome="routed",
                    need_rows=[AccessNeed(need=need)])
    db.session.add(access)
    db.session.commit()
    return access


def test_the_slip_of_a_case_not_referred_to_my_team_is_not_found(make, auth, client):
    world = build_world(make, referrals=("health",))
    person = world.case.person
    older = make.case(site=world.site, person=person, referrals=("legal",), status="closed")
    hidden = _access(world, older, "asylum", "Richiesta di asilo: documenti in Questura")
    shown = _access(world, world.case, "health", "Visita medica")
    auth.login(world.email("health"))
    assert client.get(f"/cases/{older.id}").status_code == 404
    assert client.get(f"/people/access/{hidden.id}/slip").status_code == 404
    assert client.get(f"/people/access/{hidden.id}/slip/print").status_code in (404, 405)
    assert client.get(f"/people/access/{shown.id}/slip").status_code == 200
    page = client.get(f"/people/{person.id}").get_data(as_text=True)
    assert "Richiesta di asilo" not in page and older.reference not in page
    auth.logout()
    auth.login(world.email("desk"))  # the desk sees both
    assert client.get(f"/people/access/{hidden.id}/slip").status_code == 200
