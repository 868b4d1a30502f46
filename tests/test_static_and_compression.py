"""Text responses travel compressed; static files have fingerprinted addresses and may be
kept by the browser for a year, while a changed file gets a new address."""

import gzip
import re

from flask import url_for

from desk.common.static_files import ONE_YEAR


def _stylesheets(html: str) -> list[str]:
    return re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)


def test_pages_are_compressed_for_browsers_that_accept_it(client):
    plain = client.get("/auth/login")
    packed = client.get("/auth/login", headers={"Accept-Encoding": "gzip"})
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"]
    body = gzip.decompress(packed.get_data())
    assert b"<form" in body and len(packed.get_data()) < len(plain.get_data()) / 2
    assert "Content-Encoding" not in plain.headers


def test_static_addresses_carry_a_content_fingerprint_cached_for_a_year(client):
    sheets = _stylesheets(client.get("/auth/login").get_data(as_text=True))
    app_css = next(s for s in sheets if "/css/app.css" in s)
    assert re.search(r"\?v=[0-9a-f]{12}$", app_css)
    response = client.get(app_css)
    assert response.status_code == 200
    assert response.cache_control.max_age == ONE_YEAR
    assert response.cache_control.immutable and response.cache_control.public
    assert not response.cache_control.no_store
    response.close()


def test_a_changed_file_gets_a_new_address(app, tmp_path):
    static = tmp_path / "static"
    (static / "css").mkdir(parents=True)
    (static / "css" / "app.css").write_text("body { color: red }")
    app.static_folder = str(static)
    with app.test_request_context():
        before = url_for("static", filename="css/app.css")
        (static / "css" / "app.css").write_text("body { color: blue }")
        after = url_for("static", filename="css/app.css")
    assert before != after


def test_unfingerprinted_static_requests_are_not_kept_for_a_year(client):
    response = client.get("/static/css/app.css")
    assert response.status_code == 200
    assert response.cache_control.max_age != ONE_YEAR and not response.cache_control.immutable
    response.close()


def test_blueprint_stylesheet_of_a_signed_in_page_is_fingerprinted_and_cacheable(client, auth, make):

    with client.application.test_request_context():
        address = url_for("supervision.static", filename="supervision.css")
    assert "?v=" in address
    user = make.user(roles=["desk"])
    auth.login(user.email)
    response = client.get(address)
    assert response.status_code == 200
    assert response.cache_control.max_age == ONE_YEAR and not response.cache_control.no_store
    response.close()
