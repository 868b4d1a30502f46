"""The register import's name look-up (search.NameMatches): for a whole register it matches
the words against the index's vocabulary in memory; that must give each word the weights
that reading the index rows one by one gives (the search's own weights)."""

import random

import pytest

from desk.counter.search import NameMatches

FAMILIES = ["Kovalenko", "Kovalenkova", "Kowalenko", "Diallo", "Dialo", "Nguyen", "Nguyenova",
            "Mohamed", "Muhammad", "Mohammed", "Ali", "Alibek", "Rossi", "Rosso", "Ros"]
GIVEN = ["Olena", "Olenka", "Amina", "Amin", "Fatou", "Fatoumata", "Marco", "Marcos", "Wei",
         "Li", "Lina", "Omar", "Omari"]
# Whole words, prefixes of three letters and more, two letters, one typo, another sound.
ASKED = {"kovalenko", "koval", "kowalenko", "kovalenco", "dia", "diallo", "ng", "nguyen",
         "mohamed", "mhmd", "ali", "ros", "rossi", "olen", "amina", "fatou", "marc", "wei",
         "li", "om", "omar", "zzz", "1234"}


@pytest.fixture
def registered(make):
    seed = random.randrange(1 << 30)
    print(f"names drawn with seed {seed}")
    rng = random.Random(seed)
    site = make.site("TO")
    for _ in range(60):
        make.person(site=site, given=rng.choice(GIVEN), family=rng.choice(FAMILIES))
    return make.user(email="sup@example.test", roles=("supervisor",), sites=("TO",))


def test_the_vocabulary_weighs_each_word_as_the_index_rows_do(registered, monkeypatch):
    by_rows, by_vocabulary = NameMatches(registered), NameMatches(registered)
    by_rows.read(set(ASKED))
    monkeypatch.setattr(NameMatches, "VOCABULARY_FROM", 1)
    by_vocabulary.read(set(ASKED))
    assert sum(len(people) for people in by_rows.by_word.values()) > 100  # not trivially equal
    assert by_vocabulary.by_word == by_rows.by_word
    # Words asked later in the same import are read the same way, each word's people once.
    more = {"kovalenkov", "fatoumat", "omari"}
    by_rows.read(more)
    by_vocabulary.read(more)
    assert by_vocabulary.by_word == by_rows.by_word


@pytest.mark.parametrize("vocabulary_from", [1, 500])
def test_a_prefix_another_spelling_and_a_typo_each_find_kovalenko(registered, make, monkeypatch,
                                                                  vocabulary_from):
    monkeypatch.setattr(NameMatches, "VOCABULARY_FROM", vocabulary_from)
    kovalenko = make.person(given="Iryna", family="Kovalenko")
    matches = NameMatches(registered)
    matches.read({"koval", "kovalenco", "kowalenko", "kovalenko", "iry"})
    weights = {word: matches.by_word[word].get(kovalenko.id) for word in matches.by_word}
    assert weights == {"kovalenko": 3, "koval": 2, "iry": 2, "kowalenko": 1, "kovalenco": 2}
