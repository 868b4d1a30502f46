"""The anonymised territory report counts referrals to outside services by kind of
organisation, need and outcome, with the same small-cell rule as the rest of the report."""

import csv
import io
import sqlite3
from datetime import datetime, time, timedelta

from desk.extensions import db
from desk.models.external_referrals import ExternalReferral
from desk.supervision import anonymised

from .casework import build_world
from .network_world import build_network
from .test_supervision_data import scope_for


def _sent(case, service, *, at, reason="housing", outcome=None, n=1):
    for _i in range(n):
        db.session.add(ExternalReferral(
            case_id=case.id, service_id=service.id, organisation_id=service.organisation_id,
            reason=reason, urgency="normal", follow_up_on=at.date() + timedelta(days=14),
            status="closed" if outcome else "sent", outcome=outcome, sent_at=at,
            outcome_at=at if outcome else None))
    db.session.commit()


def _world(make, today):
    w = build_world(make)
    n = build_network(make)
    at = datetime.combine(today.replace(day=1), time(10))
    # Third Sector shelter, housing: 6 taken in charge, 3 not eligible (small), 2 waiting.
    _sent(w.case, n.shelter, at=at, outcome="taken_in_charge", n=6)
    _sent(w.case, n.shelter, at=at, outcome="not_eligible", n=3)
    _sent(w.case, n.shelter, at=at, n=2)
    # Public clinic, health access: 5 taken in charge. Last year: outside the period.
    _sent(w.case, n.clinic, at=at, reason="health_access", outcome="taken_in_charge", n=5)
    _sent(w.case, n.clinic, at=at - timedelta(days=400), reason="health_access",
          outcome="taken_in_charge", n=7)
    return w, n


def _cells(table):
    names = [c.key for c in table.columns]
    return {(row[0].code, row[1].code): dict(zip(names[2:], [c.value for c in row[2:]], strict=True))
            for row in table.rows}


def test_outside_referrals_by_kind_need_and_outcome_with_small_cells_hidden(make, today):
    w, _n = _world(make, today)
    month = today.replace(day=1)
    scope = anonymised.territory_scope(scope_for(w.users["supervisor"], start=month, end=today),
                                       w.site.territory)
    table = {t.key: t for t in anonymised.report_tables(scope)}["external_referrals"]
    cells = _cells(table)
    assert cells[("third_sector", "housing")] == {
        "taken_in_charge": 6, "not_eligible": "<5", "did_not_go": "<5", "other": "<5",
        "awaiting": "<5"}
    assert cells[("public", "health_access")]["taken_in_charge"] == 5  # last year's 7 left out
    assert cells[("public", "housing")] == dict.fromkeys(cells[("public", "housing")], "<5")
    values = [c.value for row in table.rows for c in row[2:]]
    assert all(v == "<5" or v >= 5 for v in values)
    assert not any("total" in c.title.lower() for c in table.columns)


def test_another_sites_supervisor_counts_none_of_them(make, today):
    w, _n = _world(make, today)
    other = w.users["other"]  # supervisor of Cuneo
    scope = anonymised.territory_scope(scope_for(other, start=today.replace(day=1), end=today),
                                       "Territory CN")
    table = {t.key: t for t in anonymised.report_tables(scope)}["external_referrals"]
    assert {c.value for row in table.rows for c in row[2:]} == {"<5"}


def test_the_csv_page_and_sqlite_file_carry_the_table_without_small_counts(make, auth, client,
                                                                            today, tmp_path):
    w, _n = _world(make, today)
    auth.login(w.email("supervisor"))
    args = f"territory={w.site.territory}&start={today.replace(day=1)}&end={today}"
    body = client.get(f"/supervision/anonymised.csv?lang=en&{args}").get_data()
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    housing = next(r for r in rows if r[:1] == ["third_sector"] and r[2] == "housing")
    assert housing[4:] == ["6", "<5", "<5", "<5", "<5"]
    assert not any(cell in ("3", "2") for row in rows for cell in row[4:])
    page = client.get(f"/supervision/anonymised?{args}")
    assert page.status_code == 200 and 'id="external_referrals-title"' in page.get_data(
        as_text=True)
    path = tmp_path / "report.sqlite"
    path.write_bytes(client.get(f"/supervision/anonymised.sqlite?{args}").get_data())
    with sqlite3.connect(path) as con:
        found = dict(con.execute(
            "select breakdown, shown from external_referrals "
            "where category = 'third_sector:housing'").fetchall())
    con.close()
    assert found == {"taken_in_charge": "6", "not_eligible": "<5", "did_not_go": "<5",
                     "other": "<5", "awaiting": "<5"}


def test_a_desk_operator_gets_no_territory_report(make, auth, client, today):
    w, _n = _world(make, today)
    auth.login(w.email("desk"))
    assert client.get("/supervision/anonymised").status_code == 403
    auth.logout()
    auth.login(w.email("partner"))
    assert client.get("/supervision/anonymised").status_code == 403
