"""The case page's note form offers the author's teams, the one the case is referred to
first (the case page passes the referrals it has read; other forms read them)."""

import re


def _team_options(html: str) -> list[int]:
    select = re.search(r'<select[^>]*name="team"[^>]*>(.*?)</select>', html, re.S).group(1)
    return [int(value) for value in re.findall(r'value="(\d+)"', select)]


def test_the_team_the_case_is_referred_to_comes_first(make, auth, client):
    site = make.site("TO")
    make.user(email="two@example.test", roles=("team",), teams=("legal", "health"))
    legal, health = make.team(site, "legal"), make.team(site, "health")
    assert legal.id < health.id
    case = make.case(site=site, referrals=("health",))
    auth.login("two@example.test")
    page = client.get(f"/cases/{case.id}")
    assert page.status_code == 200
    assert _team_options(page.get_data(as_text=True)) == [health.id, legal.id]
    form = client.get(f"/cases/{case.id}/notes")
    assert _team_options(form.get_data(as_text=True)) == [health.id, legal.id]
