"""A supervisor sees who has accessed a person's record, on the person page; others do not."""


def test_supervisor_sees_who_viewed_the_record(make, auth, client):
    site = make.site("TO")
    person = make.person(site=site)
    operator = make.user(email="op@example.test", roles=("desk",), locale="en")
    make.user(email="sup@example.test", roles=("supervisor",), locale="en")
    auth.login("op@example.test")
    assert client.get(f"/people/{person.id}").status_code == 200
    auth.logout()

    auth.login("sup@example.test")
    html = client.get(f"/people/{person.id}").get_data(as_text=True)
    assert "Who has accessed this record" in html
    assert operator.name in html
    assert "Viewed" in html


def test_desk_operator_does_not_see_the_access_log(make, auth, client):
    site = make.site("TO")
    person = make.person(site=site)
    make.user(email="op@example.test", roles=("desk",), locale="en")
    auth.login("op@example.test")
    client.get(f"/people/{person.id}")
    html = client.get(f"/people/{person.id}").get_data(as_text=True)
    assert "Who has accessed this record" not in html
