"""A name that hundreds share (issue 21): the one-word search reads the people who have the
word itself from the index, a few hundred rows deep, and chooses exactly the candidates the
weighted query chooses; people of another desk never come in."""

import random

import pytest

from desk.counter import search
from desk.extensions import db


@pytest.fixture
def crowd(make):
    """Mohamed at Torino and at Cuneo, interleaved by id, and sound-alikes at Torino."""
    turin, cuneo = make.site("TO"), make.site("CN")
    rng = random.Random(21)
    families = ["Ali", "Haddad", "Traore", "Diallo", "Kone", "Ben Salah", "Amrani"]
    people = {"TO": [], "CN": [], "alike": []}
    for number in range(400):  # 240 at Torino, 80 at Cuneo, 80 sound-alikes at Torino
        kind = ("TO", "TO", "TO", "CN", "alike")[number % 5]
        given = "Mohammed" if kind == "alike" else "Mohamed"
        person = make.person(site=cuneo if kind == "CN" else turin, given=given,
                             family=f"{rng.choice(families)}", birth_year=1960 + number % 40)
        people[kind].append(person.id)
    return people


def test_the_exact_path_chooses_what_the_weighted_query_chooses(make, crowd):
    operator = make.user(email="op@example.test", roles=("desk",), sites=("TO",))
    assert len(crowd["TO"]) > search.CANDIDATES  # enough for the exact path to answer
    exact = search._exact_word_candidates(operator, "mohamed")
    weighted = [tuple(row)[:1] + tuple(row)[2:] for row in db.session.execute(
        search._candidate_query(operator, ["mohamed"], [], typos=False))]
    assert exact == weighted
    assert [person_id for person_id, *_ in exact] == sorted(crowd["TO"])[:search.CANDIDATES]


def test_a_common_name_finds_only_that_name_and_only_at_the_users_desk(make, crowd):
    operator = make.user(email="op@example.test", roles=("desk",), sites=("TO",))
    _, hits = search.search_people(operator, "Mohamed")
    assert len(hits) == 30
    assert {hit.person.id for hit in hits} <= set(crowd["TO"])
    assert all(hit.person.given_name == "Mohamed" and hit.score == 100.0 for hit in hits)
    assert [h.person.family_name for h in hits] == sorted(h.person.family_name for h in hits)


def test_at_a_small_desk_the_sound_alikes_come_in_after_the_exact_spelling(make, crowd):
    """Cuneo has fewer than CANDIDATES Mohamed: the weighted query answers, spellings that
    sound the same included (none at Cuneo: Torino's Mohammed stay out)."""
    operator = make.user(email="cn@example.test", roles=("desk",), sites=("CN",))
    assert len(crowd["CN"]) < search.CANDIDATES
    assert len(search._exact_word_candidates(operator, "mohamed")) == len(crowd["CN"])
    _, hits = search.search_people(operator, "Mohammed", limit=500)
    assert {hit.person.id for hit in hits} == set(crowd["CN"])
