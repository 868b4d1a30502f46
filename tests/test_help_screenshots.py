"""The guide shows, in each role's part, the screenshots taken from the real app
(docs/screenshots), served by the app itself to signed-in readers only: whitelisted names,
kept a year by the browser (the address changes with the picture), nothing else reachable."""

import re

import pytest

from desk.main.guide_screenshots import ALT, OF_SECTION


@pytest.fixture
def operator(make, auth):
    user = make.user(email="op@example.test", roles=("desk",), locale="en")
    auth.login("op@example.test")
    return user


def _section(html: str, name: str) -> str:
    return html.split(f'id="{name}"')[1].split("</section>")[0]


def test_each_roles_part_shows_its_screenshots(operator, client, app):
    from desk.main.guide_screenshots import _path

    html = client.get("/help").get_data(as_text=True)
    for section, names in OF_SECTION.items():
        part = _section(html, section)
        images = re.findall(r"<img [^>]*>", part)
        with app.app_context():
            present = [n for n in names if _path(n).is_file()]
        assert len(images) == len(present), section
        assert present, f"no screenshot on disk for the {section} part"
        for name, img in zip(present, images, strict=True):
            assert f'src="/help/screenshots/{name}.png?v=' in img
            assert 'loading="lazy"' in img
            assert re.search(r'width="\d+" height="\d+"', img)
            assert re.search(r'alt="[^"]{20,}"', img), "each picture says what it shows"


def test_the_keyboard_part_has_no_picture(operator, client):
    html = client.get("/help").get_data(as_text=True)
    assert "<img" not in _section(html, "keys")


def test_a_whitelisted_picture_is_served_as_png_and_kept(operator, client):
    html = client.get("/help").get_data(as_text=True)
    src = re.search(r'src="(/help/screenshots/team-queue\.png\?v=\w+)"', html).group(1)
    response = client.get(src)
    assert response.status_code == 200
    assert response.mimetype == "image/png"
    assert response.data.startswith(b"\x89PNG\r\n\x1a\n")
    assert response.cache_control.max_age == 365 * 24 * 3600
    assert response.cache_control.private and not response.cache_control.public
    again = client.get(src, headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304 and not again.data
    # Without the fingerprint (an old address): served, but kept a day only.
    plain = client.get("/help/screenshots/team-queue.png")
    assert plain.status_code == 200 and plain.cache_control.max_age == 24 * 3600


@pytest.mark.parametrize("path", [
    "/help/screenshots/unknown.png",
    "/help/screenshots/../../config.py",
    "/help/screenshots/..%2F..%2Fconfig.py",
    "/help/screenshots/%2e%2e%2f%2e%2e%2fpyproject.toml",
    "/help/screenshots/team-queue.PNG",
    "/help/screenshots/team-queue",
    "/help/screenshots/team-queue.png/../../../pyproject.toml",
    "/help/screenshots/",
])
def test_anything_else_is_not_found(operator, client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert b"[tool" not in response.data and b"SECRET" not in response.data


def test_signed_out_readers_get_no_picture(client):
    response = client.get("/help/screenshots/team-queue.png")
    assert response.status_code in (302, 401)
    assert not response.data.startswith(b"\x89PNG")
    assert client.get("/help").status_code in (302, 401), "as the page itself"


def test_every_picture_has_an_alt_text_and_a_section():
    listed = {name for names in OF_SECTION.values() for name in names}
    assert listed == set(ALT)
