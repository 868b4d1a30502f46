"""The web process's garbage collector (desk.common.collector, issue 21): what survives the
first requests is frozen once they have been answered, and collections come less often."""

import gc

import pytest

from desk.common.collector import tune_collector


@pytest.fixture
def restored_collector():
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_survivors_of_the_first_requests_are_frozen_after_they_are_answered(
        app, client, restored_collector):
    tune_collector(app, threshold=(5000, 15, 15), freeze_after=(2,))
    assert gc.get_threshold() == (5000, 15, 15)
    gc.unfreeze()
    assert client.get("/auth/login").status_code == 200
    assert gc.get_freeze_count() == 0
    response = client.get("/auth/login")
    assert response.status_code == 200
    assert gc.get_freeze_count() == 0  # not while the response is still open
    response.close()
    frozen = gc.get_freeze_count()
    assert frozen > 0
    assert client.get("/auth/login").status_code == 200
    assert gc.get_freeze_count() <= frozen  # once only (freed frozen objects leave it)
