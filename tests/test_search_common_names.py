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


@pytest.fixture
def particles(make):
    """At Torino, 120 Fatima El Amrani, 240 people with one or two of its long words and 360
    with only its short word "El" (El Idrissi); at Cuneo, one of each."""
    turin, cuneo = make.site("TO"), make.site("CN")
    rng = random.Random(22)
    made = {"all": [], "long": [], "short": [], "CN": []}
    for number in range(720):
        kind = ("all", "long", "long", "short", "short", "short")[number % 6]
        given, family = {"all": ("Fatima", "El Amrani"),
                         "long": (rng.choice(["Fatima", "Samira"]), rng.choice(["Amrani", "Haddad"])),
                         "short": (rng.choice(["Youssef", "Karim"]), "El Idrissi")}[kind]
        made[kind].append(make.person(site=turin, given=given, family=family).id)
    for given, family in (("Fatima", "El Amrani"), ("Samira", "Amrani"), ("Youssef", "El Idrissi")):
        made["CN"].append(make.person(site=cuneo, given=given, family=family).id)
    return made


def _whole_query_only(monkeypatch):
    monkeypatch.setattr(search, "_anchored_candidates", lambda *args: None)


@pytest.mark.parametrize("query", ["Fatima El Amrani", "Karim el Idrissi"])
def test_a_short_word_adds_to_the_long_ones_and_finds_what_the_whole_query_finds(
        make, particles, monkeypatch, query):
    """At a desk with more than CANDIDATES people for the long words, "El" weighs only on the
    people those words bring; they outweigh anyone with "El" alone, so the candidates, and the
    hits, are the whole query's."""
    operator = make.user(email="op@example.test", roles=("desk",), sites=("TO",))
    anchored = search._anchored_candidates(operator, query.lower().split(), [])
    assert anchored is not None and len(anchored) == search.CANDIDATES
    _, hits = search.search_people(operator, query, limit=search.CANDIDATES)
    _whole_query_only(monkeypatch)
    _, whole = search.search_people(operator, query, limit=search.CANDIDATES)
    assert [(h.person.id, h.score) for h in hits] == [(h.person.id, h.score) for h in whole]
    if query == "Fatima El Amrani":
        assert {h.person.id for h in hits[:len(particles["all"])]} == set(particles["all"])


def test_among_equal_weights_a_long_word_comes_before_the_short_word_alone(
        make, particles, monkeypatch):
    """"El Amrani": someone with Amrani and someone with El alone weigh the same (3). The whole
    query took the lowest ids of both; now those with Amrani come first: everyone the whole
    query found through Amrani is still found, in the same order, and El Idrissi, who was
    there only by the luck of an id, is left out."""
    operator = make.user(email="op@example.test", roles=("desk",), sites=("TO",))
    assert search._anchored_candidates(operator, ["el", "amrani"], []) is not None
    _, hits = search.search_people(operator, "El Amrani", limit=search.CANDIDATES)
    _whole_query_only(monkeypatch)
    _, whole = search.search_people(operator, "El Amrani", limit=search.CANDIDATES)
    short_only = set(particles["short"])
    assert short_only & {h.person.id for h in whole}  # the tie the whole query broke by id
    assert not short_only & {h.person.id for h in hits}
    kept = [h.person.id for h in whole if h.person.id not in short_only]
    assert [h.person.id for h in hits if h.person.id in set(kept)] == kept


def test_at_a_small_desk_the_short_word_still_brings_its_people(make, particles):
    """Cuneo has three people: fewer than CANDIDATES for the long words, so the whole query
    answers and El Idrissi, who matches only "el", is among the candidates ranked."""
    operator = make.user(email="cn@example.test", roles=("desk",), sites=("CN",))
    assert search._anchored_candidates(operator, ["el", "amrani"], []) is None
    candidates = search._name_candidates(operator, ["el", "amrani"], [])
    assert {person_id for person_id, *_ in candidates} == set(particles["CN"])
