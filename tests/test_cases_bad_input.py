"""Bad input is refused next to the field, with the typed text kept and nothing written."""

import pytest
from sqlalchemy import func, select

from desk.extensions import db
from desk.models.history import TimelineEvent

from .casework import build_world

BAD_POSTS = [
    ("notes", {"body": "", "language": "it", "visibility": "all"}),
    ("notes", {"body": "Testo tenuto", "language": "xx", "visibility": "all"}),
    ("notes", {"body": "Testo tenuto", "language": "it", "visibility": "everyone"}),
    ("appointments/new", {"team": "abc", "day": "2026-12-01", "time": "10:00", "duration": 30}),
    ("appointments/new", {"team": "{legal}", "day": "31/31/2026", "time": "10:00",
                          "duration": 30, "place": "Testo tenuto"}),
    ("appointments/new", {"team": "{legal}", "day": "2026-12-01", "time": "25:99",
                          "duration": 30, "place": "Testo tenuto"}),
    ("appointments/new", {"team": "{legal}", "day": "2026-12-01", "time": "10:00",
                          "duration": 9999, "place": "Testo tenuto"}),
    ("appointments/new", {"team": "{cn_legal}", "day": "2026-12-01", "time": "10:00",
                          "duration": 30, "place": "Testo tenuto"}),
    ("goals/new", {"dimension": "astrology", "goal": "Testo tenuto", "status": "planned"}),
    ("goals/new", {"dimension": "legal", "goal": "Testo tenuto", "status": "planned",
                   "review_date": "domani"}),
    ("conferences/new", {"held_on": "2026-11-01", "decisions": "Testo tenuto"}),
    ("documents/new", {"doc_type": "golden_visa", "number": "Testo tenuto"}),
    ("documents/new", {"doc_type": "study", "number": "X" * 41}),
    ("close", {"outcome": "vanished", "version": "1"}),
]


@pytest.mark.parametrize("path,data", BAD_POSTS)
def test_bad_case_input_is_refused_and_kept(make, auth, client, path, data):
    w = build_world(make)
    cn_legal = next(t for t in make.site("CN").teams if t.kind == "legal").id
    data = {k: (v.format(legal=w.team("legal").id, cn_legal=cn_legal) if isinstance(v, str)
                else v) for k, v in data.items()}
    auth.login(w.email("supervisor"))
    before = db.session.scalar(select(func.count()).select_from(TimelineEvent))
    response = client.post(f"/cases/{w.case.id}/{path}", data=data)
    assert response.status_code == 422, response.status_code
    html = response.get_data(as_text=True)
    assert 'class="error"' in html or "flash-error" in html
    if "Testo tenuto" in data.values():
        assert "Testo tenuto" in html
    assert db.session.scalar(select(func.count()).select_from(TimelineEvent)) == before


@pytest.mark.parametrize("url", [
    "/cases/{case}?page=abc", "/cases/{case}?page=-4&kind=nonsense&team=%00",
    "/teams/legal/queue?assignee=abc&status=zzz&need=%3Cscript%3E&language=xx&page=0",
    "/teams/appointments?team=abc&day=2026-02-31&span=year",
    "/cases/99999999", "/referrals/99999999/accept", "/notes/99999999/translate",
    "/appointments/99999999/slip", "/cases/{case}/goals/99999999",
    "/cases/{case}/documents/99999999",
])
def test_odd_addresses_never_fail(make, auth, client, url):
    w = build_world(make)
    auth.login(w.email("supervisor"))
    assert client.get(url.format(case=w.case.id)).status_code in (200, 404)
