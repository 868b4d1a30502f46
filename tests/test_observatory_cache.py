"""A quarter's figures are counted once and then read from the cache (Flask-Caching): every
page, report and file shows the same numbers, and no two databases share an entry."""

import pytest
from sqlalchemy import select

from desk import create_app
from desk.extensions import cache, db
from desk.models.users import User
from desk.observatory import cubes
from desk.sampledata.generate import generate

from .conftest import recorded_statements, redis_or_skip
from .test_observatory_story import PERIOD, QUERY, Tables

EMAIL = "regione@example.test"


@pytest.fixture
def region(app, make, now):
    cache.init_app(app, config={"CACHE_TYPE": "SimpleCache"})
    generate(people=300, seed=21, site_codes=["TO", "CN"], now=now)
    db.session.commit()
    make.user(email=EMAIL, roles=("coordinator",), sites=())
    db.session.scalar(select(User).where(User.email == EMAIL)).observatory_scope = "region"
    db.session.commit()
    yield
    cache.init_app(app, config={"CACHE_TYPE": "NullCache", "CACHE_NO_NULL_WARNING": True})


def _statements(client, url):
    with recorded_statements() as seen:
        response = client.get(url)
    assert response.status_code == 200
    return len(seen), response.get_data(as_text=True)


def test_the_quarter_is_counted_once_and_read_back_the_same(region, auth, client, today):
    auth.login(EMAIL)
    first, page = _statements(client, f"/observatory/region?{QUERY}")
    again, page_again = _statements(client, f"/observatory/region?{QUERY}")
    assert again < first - 10  # the counts of two quarters are not run again
    assert Tables(page_again).tables == Tables(page).tables
    # What the cache gives back is what counting afresh gives.
    coordinator = db.session.scalar(select(User).where(User.email == EMAIL))
    kept = cubes.quarter(coordinator, PERIOD, today)
    cache.clear()
    fresh = cubes.quarter(coordinator, PERIOD, today)
    assert kept.published.shown == fresh.published.shown
    assert {n: c.counts for n, c in kept.cubes.items()} == {
        n: c.counts for n, c in fresh.cubes.items()}


def test_two_databases_never_read_each_others_figures(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    shared = {"CONFIG": "testing", "CACHE_TYPE": "FileSystemCache",
              "CACHE_DIR": str(tmp_path / "cache")}
    desk_a, desk_b = (create_app({**shared, "SQLALCHEMY_DATABASE_URI":
                                  f"sqlite:///{tmp_path / name}.sqlite"}) for name in "ab")
    with desk_a.app_context():
        cache.set("observatory-quarter/2026-Q1", {"TO": 12})
    with desk_b.app_context():
        assert cache.get("observatory-quarter/2026-Q1") is None
    with desk_a.app_context():
        assert cache.get("observatory-quarter/2026-Q1") == {"TO": 12}


REDIS_URL = "redis://127.0.0.1:6379/12"


def test_instances_on_one_database_share_the_figures_through_redis(tmp_path, monkeypatch):
    redis_or_skip(REDIS_URL, "RedisCache")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("CACHE_REDIS_URL", REDIS_URL)
    url = f"sqlite:///{tmp_path / 'region.sqlite'}"
    first, second = (create_app({"CONFIG": "development", "SQLALCHEMY_DATABASE_URI": url})
                     for _ in range(2))
    other = create_app({"CONFIG": "development",
                        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'other.sqlite'}"})
    key = f"observatory-quarter/{tmp_path.name}"
    with first.app_context():
        assert type(cache.cache).__name__ == "RedisCache"
        cache.set(key, {"CN": 40}, timeout=60)
    try:
        with second.app_context():
            assert cache.get(key) == {"CN": 40}
        with other.app_context():
            assert cache.get(key) is None
    finally:
        with first.app_context():
            cache.delete(key)
