"""Finding people: indexed candidate lookup in SQL, then ranking of the few candidates.

Names: each query word is turned into its sound key and one-typo variants
(search_key.search_keys) and matched by indexed equality against person_name_token; words
of three letters or more also match as prefixes. At most CANDIDATES people come back from
SQL, best first; rapidfuzz then ranks them. Dates, phone numbers, tax codes and document
numbers are exact, indexed comparisons. Every query is limited by the access rules.
"""

import bisect
import heapq
import operator
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from itertools import repeat

from rapidfuzz import fuzz
from sqlalchemy import Select, and_, bindparam, case, func, literal, or_, select, text, union_all
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models.cases import Access, Case
from ..models.people import Person, PersonNameToken, ResidenceDocument
from ..policy import access_condition, case_condition, person_condition
from .search_keys import name_key, phonetic, search_keys
from .search_parse import ParsedQuery, parse_query

CANDIDATES = 200
PRECANDIDATES = 2000
EXACT_CHUNK = 400
MIN_SCORE = 70.0


@dataclass
class SearchHit:
    person: Person
    score: float
    open_case: Case | None = None
    last_access: datetime | None = None


def _word_candidates(index: int, prefixed: bool, typos: bool):
    """Statements of the index rows (person, weight, `index`) matching query word `index`
    (bound as w<i>, its sound key as k<i>, its prefix end as e<i>, its sound keys with
    one-typo variants as v<i>): same word, same sound, a prefix of it, or (with typos) one
    letter away in sound. Each way of matching is its own indexed lookup (UNION ALL): an OR of
    them makes the database fetch every matching row from the table instead of reading the
    indexes alone."""
    token = PersonNameToken
    word, exact_key = bindparam(f"w{index}"), bindparam(f"k{index}")
    end = bindparam(f"e{index}")
    if typos:
        weight = case((token.token == word, 3),
                      (and_(token.key == exact_key, token.is_variant.is_(False)), 2),
                      (and_(token.token >= word, token.token < end), 2), else_=1)
        branches = [select(token.person_id, weight.label("weight"))
                    .where(token.key.in_(bindparam(f"v{index}", expanding=True)))]
    else:
        # The word itself and the words that sound the same: one range of the key index.
        # Every indexed word has a row under its own sound key (not a variant), so this finds
        # everyone the word's own rows would, once each; those rows (token, person) repeat
        # for each one-typo variant of the key and were read four times over (issue 21).
        branches = [
            select(token.person_id, case((token.token == word, 3), else_=2).label("weight"))
            .where(token.key == exact_key, token.is_variant.is_(False)),
        ]
        if prefixed:  # tokens are [a-z0-9]: "{" sorts after every continuation
            branches.append(select(token.person_id, literal(2).label("weight"))
                            .where(token.token > word, token.token < end))
    return [branch.add_columns(literal(index).label("w")) for branch in branches]


@lru_cache(maxsize=256)
def _best_candidates(prefixed: tuple[bool, ...], typos: bool, narrowed: bool,
                     anchored: bool = False):
    """The people matching the words, with their summed weight: one statement per shape of
    query (how many words, which are long enough to match as prefixes), built once per
    process; the words are bound parameters (see _word_params). Building it cost as much as
    running it (issue 21).

    `anchored` (without typos): only the words of three letters or more bring people in; a
    shorter word ("el", "li", "de") adds its weight only to the people they bring. Such a
    word is shared by thousands ("el" and the words that sound like it: a tenth of the
    register here), and grouping all of them cost more than the rest of the search (see
    _anchored_candidates for when that is the same answer)."""
    words = range(len(prefixed))
    if anchored:
        brought = union_all(*(branch for i in words if prefixed[i]
                              for branch in _word_candidates(i, True, typos))).cte("brought")
        parts = union_all(
            select(brought.c.person_id, brought.c.weight, brought.c.w),
            *(branch.where(PersonNameToken.person_id.in_(select(brought.c.person_id)))
              for i in words if not prefixed[i]
              for branch in _word_candidates(i, False, typos))).subquery()
    else:
        parts = union_all(*(branch for i, long in enumerate(prefixed)
                            for branch in _word_candidates(i, long, typos))).subquery()
    # One grouping of every row: per word the highest weight a person has, added up.
    total = sum(func.coalesce(func.max(case((parts.c.w == i, parts.c.weight))), 0)
                for i in words).label("total")
    best = select(parts.c.person_id, total).group_by(parts.c.person_id)
    if not narrowed:
        # Without a date or number to narrow by, rank on the index alone first, so the
        # person table is read by primary key for a few thousand rows, never scanned.
        best = best.order_by(total.desc()).limit(PRECANDIDATES)
    return best.subquery()


def _word_params(words: list[str], typos: bool) -> dict:
    params = {}
    for index, word in enumerate(words):
        params.update({f"w{index}": word, f"k{index}": phonetic(word), f"e{index}": word + "{"})
        if typos:
            params[f"v{index}"] = sorted(search_keys(word) or {word})
    return params


def _candidate_statement(user, words: list[str], extra, typos: bool,
                         anchored: bool = False) -> tuple[Select, dict]:
    words = words[:6]
    best = _best_candidates(tuple(len(w) >= 3 for w in words), typos, bool(extra), anchored)
    statement = (
        # With what the ranking compares, so the candidates are read once.
        select(best.c.person_id, best.c.total, Person.name_key, Person.family_name)
        .join(Person, Person.id == best.c.person_id)
        .where(person_condition(user), *extra)
        .order_by(best.c.total.desc(), best.c.person_id)
        .limit(CANDIDATES)
    )
    return statement, _word_params(words, typos)


def _candidate_query(user, words: list[str], extra, typos: bool,
                     anchored: bool = False) -> Select:
    """The candidates' statement with the words bound (for reading it whole, as tests do)."""
    statement, params = _candidate_statement(user, words, extra, typos, anchored)
    return statement.params(params)


def _exact_word_candidates(user, word: str) -> list[tuple[int, str, str]]:
    """For a one-word query without a date or number: the first CANDIDATES people (by id)
    the user may see who have the word itself. They carry the highest weight there is (3),
    so when there are that many they are exactly the candidates the weighted query would
    choose. Read from the index in id order, EXACT_CHUNK people at a time: a name that
    thousands share costs a few hundred index rows, not thousands (issue 21). Fewer than
    CANDIDATES after PRECANDIDATES rows: the caller asks the weighted query instead."""
    token = PersonNameToken
    found: list[tuple[int, str, str]] = []
    after = 0
    for _ in range(PRECANDIDATES // EXACT_CHUNK):
        # One statement per chunk: the chunk's ids, each with the person's id when the policy
        # lets the user see them, so the cursor moves on the index, not on who is seen. The
        # policy is a column here (a CASE), not a filter: a filter would hide the cursor.
        chunk = (select(token.person_id).where(token.token == word, token.person_id > after)
                 .distinct().order_by(token.person_id).limit(EXACT_CHUNK).subquery())
        rows = db.session.execute(
            select(Person.id, case((person_condition(user), Person.id)), Person.name_key,
                   Person.family_name)
            .join(chunk, chunk.c.person_id == Person.id).order_by(Person.id)).all()
        if not rows:
            break
        found += [(row[1], row[2], row[3]) for row in rows if row[1] is not None]
        if len(found) >= CANDIDATES or len(rows) < EXACT_CHUNK:
            break
        after = rows[-1][0]
    return found[:CANDIDATES]


def _anchored_candidates(user, words: list[str], extra) -> list | None:
    """The candidates read with only the long words bringing people in (_best_candidates,
    `anchored`), when that chooses as the whole query would: CANDIDATES people came back,
    and the last of them weighs at least what someone matching every short word and no long
    one can (3 a word), so no one left out would have ranked above anyone chosen. Among equal
    weights the whole query took the lowest ids, short-word-only people included; this takes
    those who also match a long word. Otherwise None: the caller asks the whole query (a
    small desk, where the short word's people are few and all of them come in)."""
    words = words[:6]
    short = sum(len(word) < 3 for word in words)
    if not short or short == len(words):
        return None
    rows = db.session.execute(*_candidate_statement(user, words, extra, False, True)).all()
    if len(rows) < CANDIDATES or rows[-1].total < 3 * short:
        return None
    return rows


def _name_candidates(user, words: list[str], extra) -> list[tuple[int, str, str]]:
    """(id, name key, family name) of the candidates. Exact spellings and sounds first;
    one-typo variants only when those are few, so a common name does not drag in every name
    one letter away."""
    if len(words) == 1 and not extra:
        exact = _exact_word_candidates(user, words[0])
        if len(exact) == CANDIDATES:
            return exact
    rows = _anchored_candidates(user, words, extra)
    if rows is None:
        rows = db.session.execute(*_candidate_statement(user, words, extra, False))
    found = {row.person_id: (row.person_id, row.name_key, row.family_name) for row in rows}
    if len(found) < CANDIDATES // 3:
        for row in db.session.execute(*_candidate_statement(user, words, extra, True)):
            found.setdefault(row.person_id, (row.person_id, row.name_key, row.family_name))
    return list(found.values())[:CANDIDATES]


# Names repeat (a few thousand words make most of a desk's register): the same pairs of words
# are compared again and again, by the ranking of every search and of every imported row.
@lru_cache(maxsize=1 << 17)
def _word_similarity(query_word: str, person_word: str) -> float:
    if query_word == person_word:
        return 100.0
    spelling = fuzz.ratio(query_word, person_word)
    q_key, p_key = phonetic(query_word), phonetic(person_word)
    sound = 95.0 if q_key == p_key else 0.9 * fuzz.ratio(q_key, p_key)
    prefix = 90.0 if len(query_word) >= 3 and person_word.startswith(query_word) else 0.0
    return max(spelling, sound, prefix)


def name_score(words: list[str], key: str) -> float:
    """How well the query words match a person's name key (0-100)."""
    person_words = key.split() or [""]
    best = [max(_word_similarity(w, p) for p in person_words) for w in words]
    return sum(best) / len(best)


def _date_conditions(parsed: ParsedQuery) -> list:
    if parsed.birth_date:
        return [or_(Person.birth_date == parsed.birth_date,
                    and_(Person.birth_date.is_(None), Person.birth_year == parsed.birth_year))]
    if parsed.birth_year:
        return [Person.birth_year == parsed.birth_year]
    return []


def _identifier_ids(parsed: ParsedQuery):
    """People with this phone, tax code or document number: one indexed lookup each."""
    lookups = []
    if parsed.phones:
        lookups.append(select(Person.id).where(Person.phone.in_(parsed.phones)))
    if parsed.identifiers:
        lookups.append(select(Person.id).where(Person.tax_code.in_(parsed.identifiers)))
        lookups.append(select(ResidenceDocument.person_id)
                       .where(ResidenceDocument.number.in_(parsed.identifiers)))
    return union_all(*lookups) if lookups else None


def _load(user, ids: list[int]) -> dict[int, Person]:
    if not ids:
        return {}
    return {p.id: p for p in db.session.scalars(
        select(Person).where(Person.id.in_(ids), person_condition(user))
        .options(selectinload(Person.language_rows)))}


def _attach_context(user, hits: list[SearchHit]) -> None:
    """Open case and last access of each hit: two small queries, not one per person."""
    ids = [hit.person.id for hit in hits]
    if not ids:
        return
    cases = db.session.scalars(
        select(Case).where(Case.person_id.in_(ids), Case.status != "closed", case_condition(user))
    )
    open_cases = {c.person_id: c for c in cases}
    last = dict(db.session.execute(
        select(Access.person_id, func.max(Access.occurred_at))
        .where(Access.person_id.in_(ids), access_condition(user)).group_by(Access.person_id)
    ).all())
    for hit in hits:
        hit.open_case = open_cases.get(hit.person.id)
        hit.last_access = last.get(hit.person.id)


def run_search(user, parsed: ParsedQuery, limit: int = 30, min_score=MIN_SCORE, after=None):
    if parsed.empty:
        return []
    extra = _date_conditions(parsed)
    identifier = _identifier_ids(parsed)
    if identifier is not None:
        extra.append(Person.id.in_(identifier))
    if parsed.words:
        candidates = _name_candidates(user, parsed.words, extra)
    else:
        candidates = [tuple(row) for row in db.session.execute(
            select(Person.id, Person.name_key, Person.family_name)
            .where(person_condition(user), *extra).limit(CANDIDATES))]
    ranked = _rank(parsed.words, candidates, min_score, after)[:limit]
    people = _load(user, [person_id for person_id, _score in ranked])
    hits = [SearchHit(people[person_id], score) for person_id, score in ranked
            if person_id in people]
    _attach_context(user, hits)
    return hits


def hit_order(hit: SearchHit) -> tuple:
    """Where a hit stands in the results (best first), as `after` takes it."""
    return (-hit.score, hit.person.family_name.casefold(), hit.person.id)


def _rank(words: list[str], candidates: list[tuple[int, str, str]], min_score: float,
          after: tuple | None = None) -> list[tuple[int, float]]:
    """Score the candidates, (id, name key, family name), on their name keys only; full
    records are loaded for the best (those that come after `after`, a hit_order, when the
    results are read page by page)."""
    ordered = []
    for person_id, key, family_name in candidates:
        score = name_score(words, key) if words else 100.0
        if score >= min_score:
            ordered.append((-score, family_name.casefold(), person_id))
    ordered.sort()
    if after is not None:
        ordered = [item for item in ordered if item > tuple(after)]
    return [(person_id, -negative) for negative, _name, person_id in ordered]


def search_people(user, text: str | None, limit: int = 30,
                  after=None) -> tuple[ParsedQuery, list[SearchHit]]:
    parsed = parse_query(text)
    return parsed, run_search(user, parsed, limit, after=after)


DUPLICATE_SCORE = 85.0


def likely_duplicates(user, data, limit: int = 10) -> list[SearchHit]:
    """People who may be the one being registered: same identifiers, or a very similar
    name with a compatible birth year."""

    found: dict[int, SearchHit] = {}
    identifiers = [v for v in (data.tax_code, data.doc_number) if v]
    if data.phone or identifiers:
        by_id = ParsedQuery(phones=[data.phone] if data.phone else [], identifiers=identifiers)
        for hit in run_search(user, by_id, limit):
            found[hit.person.id] = hit
    words = name_key(data.given_name, data.family_name,
                     data.given_name_original, data.family_name_original).split()
    if words:
        for hit in run_search(user, ParsedQuery(words=words), limit, DUPLICATE_SCORE):
            other = hit.person.birth_year
            if data.birth_year and other and abs(other - data.birth_year) > 1:
                continue
            found.setdefault(hit.person.id, hit)
    return sorted(found.values(), key=lambda h: -h.score)[:limit]


# Words looked up as prefixes in one statement (under SQLite's 500 terms of a compound).
PREFIX_BATCH = 400


def _identifier_matches(user, many: list) -> dict[str, int]:
    """{phone or tax code or document number: a person I see who has it}."""
    phones = {d.phone for d in many if d.phone}
    codes = {v for d in many for v in (d.tax_code, d.doc_number) if v}
    found: dict[str, int] = {}
    if phones or codes:
        rows = db.session.execute(select(Person.id, Person.phone, Person.tax_code).where(
            or_(Person.phone.in_(phones), Person.tax_code.in_(codes)), person_condition(user)))
        for person_id, phone, tax_code in rows:
            for value in (phone, tax_code):
                if value:
                    found.setdefault(value, person_id)
    if codes:
        rows = db.session.execute(
            select(ResidenceDocument.number, ResidenceDocument.person_id)
            .join(Person, Person.id == ResidenceDocument.person_id)
            .where(ResidenceDocument.number.in_(codes), person_condition(user)))
        for number, person_id in rows:
            found.setdefault(number, person_id)
    return found


def _token_matches(words: set[str]):
    """(person, token, key, is_variant) of every index row that matches one of `words` the way
    the search matches a word: its sound keys and one-typo variants (one statement), or as a
    prefix (words of three letters or more, a statement per batch). Read from the index alone:
    who may see the people is asked afterwards, of the few that become candidates
    (NameMatches.visible)."""
    token = PersonNameToken
    keys = set().union(*(search_keys(w) for w in words))
    statements = [select(token.person_id, token.token, token.key, token.is_variant)
                  .where(token.key.in_(keys))] if keys else []
    long_words = sorted(w for w in words if len(w) >= 3)
    for start in range(0, len(long_words), PREFIX_BATCH):
        # One indexed range per word (UNION ALL): an OR of ranges would scan the index whole.
        # A prefix weighs the same whatever the key: one row per person and word (the sound
        # key's), not one per typo variant as well.
        statements.append(union_all(*(
            select(token.person_id, token.token, token.key, token.is_variant)
            .where(token.token > w, token.token < w + "{", token.is_variant.is_(False))
            for w in long_words[start:start + PREFIX_BATCH])))
    connection = db.session.connection()  # plain rows: the ORM's loading cost a third
    for statement in statements:
        yield from connection.execute(statement)


def _weight(word: str, token: str, key: str, is_variant: bool, prefixed: set[str]) -> int:
    """The search's weight of an index row for a query word it matches (by key or prefix)."""
    if token == word:
        return 3
    if word in prefixed or (key == phonetic(word) and not is_variant):
        return 2
    return 1


# Every distinct word of the index, one indexed step each (no scan of the whole index).
_DISTINCT_TOKENS = text("""
WITH RECURSIVE vocabulary(token) AS (
    SELECT min(token) FROM person_name_token
    UNION ALL
    SELECT (SELECT min(t.token) FROM person_name_token t WHERE t.token > v.token)
    FROM vocabulary v WHERE v.token IS NOT NULL
)
SELECT token FROM vocabulary WHERE token IS NOT NULL
""")


class _Vocabulary:
    """The distinct words of the name index, with their keys, to match query words against
    in memory as the index would match them."""

    def __init__(self, tokens: list[str]):
        self.tokens = sorted(tokens)
        self.sound = {token: phonetic(token) for token in self.tokens}
        self.tokens_of_key: dict[str, list[str]] = {}
        for token in self.tokens:
            for key in search_keys(token):
                self.tokens_of_key.setdefault(key, []).append(token)

    @classmethod
    def read(cls) -> "_Vocabulary":
        return cls([token for (token,) in db.session.connection().execute(_DISTINCT_TOKENS)])

    def weights(self, word: str) -> dict[str, int]:
        """{word of the index: the search's weight of it for `word`}: the same word 3; a word
        it starts (three letters or more) or that sounds the same 2; one typo away 1."""
        sound, long_word = phonetic(word), len(word) >= 3
        found = {}
        for key in search_keys(word):
            for token in self.tokens_of_key.get(key, ()):
                found[token] = 3 if token == word else 2 if (
                    self.sound[token] == sound or (long_word and token.startswith(word))) else 1
        if long_word:
            at = bisect.bisect_right(self.tokens, word)
            while at < len(self.tokens) and self.tokens[at].startswith(word):
                found[self.tokens[at]] = 2
                at += 1
        return found


class NameMatches:
    """The people each query word matches in the name index (with the search's weight), read
    once per word for a whole register: a common given name or surname is shared by thousands
    of rows and its index rows are read a single time, not once per chunk of rows."""

    WORDS_PER_READ = 300
    IDS_PER_READ = 5000

    def __init__(self, user):
        self.user = user
        self.by_word: dict[str, dict[int, int]] = {}
        self.names: dict[int, tuple[str, int | None]] = {}
        self.seen: set[int] = set()  # those of `names` the user may see
        self._vocabulary: _Vocabulary | None = None
        self._people_of_token: dict[str, list[int]] = {}

    def visible(self, ids: set[int]) -> None:
        """Name key and birth year of those of `ids` the user may see (None for the others),
        through the access policy, for the ids not asked before."""
        new = sorted(ids - self.names.keys())
        for start in range(0, len(new), self.IDS_PER_READ):
            chunk = new[start:start + self.IDS_PER_READ]
            self.names.update(dict.fromkeys(chunk))
            for person_id, key, year in db.session.execute(
                    select(Person.id, Person.name_key, Person.birth_year)
                    .where(Person.id.in_(chunk), person_condition(self.user))):
                self.names[person_id] = (key, year)
                self.seen.add(person_id)

    # From this many words asked at once, the index's vocabulary is read instead (a register's
    # check): a row per person and word matched, where the index has one per key and variant.
    VOCABULARY_FROM = 500
    TOKENS_PER_READ = 400

    def read(self, words: set[str]) -> None:
        new = sorted(words - self.by_word.keys())
        if self._vocabulary is not None or len(new) >= self.VOCABULARY_FROM:
            self._read_by_vocabulary(new)
            return
        for start in range(0, len(new), self.WORDS_PER_READ):
            self._read_rows(set(new[start:start + self.WORDS_PER_READ]))

    def _read_by_vocabulary(self, words: list[str]) -> None:
        """Each word's weight is the search's for the word of the index it matches (the same
        for everyone who has that word), so the matching is done once per distinct word of the
        index, here; the database then gives the people of each matched word, once per
        import."""
        if self._vocabulary is None:
            self._vocabulary = _Vocabulary.read()
        weights_of = {word: self._vocabulary.weights(word) for word in words}
        wanted = sorted({token for weights in weights_of.values() for token in weights}
                        - self._people_of_token.keys())
        self._read_people_of(wanted)
        people_of = self._people_of_token
        for word, weights in weights_of.items():
            people: dict[int, int] = {}
            # Lowest weight first, so that a person's highest one stays.
            for token, weight in sorted(weights.items(), key=operator.itemgetter(1)):
                people.update(dict.fromkeys(people_of[token], weight))
            self.by_word[word] = people

    def _read_people_of(self, tokens: list[str]) -> None:
        token = PersonNameToken
        connection = db.session.connection()
        for start in range(0, len(tokens), self.TOKENS_PER_READ):
            chunk = tokens[start:start + self.TOKENS_PER_READ]
            for word in chunk:
                self._people_of_token[word] = []
            # A word's own row (its sound key, not a variant): one per person, read from the
            # covering index of the keys.
            rows = connection.execute(select(token.person_id, token.token).where(
                token.key.in_({phonetic(word) for word in chunk}), token.is_variant.is_(False),
                token.token.in_(chunk)))
            for person_id, word in rows:
                self._people_of_token[word].append(person_id)

    def _read_rows(self, batch: set[str]) -> None:
        words_of_key: dict[str, set[str]] = {}
        for word in batch:
            self.by_word[word] = {}
            for key in search_keys(word):
                words_of_key.setdefault(key, set()).add(word)
        prefixes_of: dict[str, set[str]] = {}
        by_word = self.by_word
        nothing: set[str] = set()
        for person_id, token, key, is_variant in _token_matches(batch):
            if (prefixed := prefixes_of.get(token)) is None:
                prefixed = prefixes_of[token] = {
                    token[:n] for n in range(3, len(token) + 1)} & batch
            # A word matched both ways is weighed twice: the higher weight stays.
            for matched in (words_of_key.get(key, nothing), prefixed):
                for word in matched:
                    weight = _weight(word, token, key, is_variant, prefixed)
                    people = by_word[word]
                    if people.get(person_id, 0) < weight:
                        people[person_id] = weight


def registered_duplicates(user, many: list, matches: NameMatches | None = None) -> list[int | None]:
    """For each PersonData of `many`, a person already registered (and seen by `user`) who
    is probably the same, as likely_duplicates finds them, in a few statements for the whole
    batch instead of several per person: the same identifiers, else the CANDIDATES best
    candidates by the search's weights, scored on their name keys, DUPLICATE_SCORE or more
    with a compatible birth year. `matches` carries the index rows read for earlier batches
    (an import's chunks share one)."""
    by_identifier = _identifier_matches(user, many)
    keyed = [name_key(d.given_name, d.family_name, d.given_name_original,
                      d.family_name_original).split()[:6] for d in many]
    matches = matches or NameMatches(user)
    matches.read({w for words in keyed for w in words})
    found: list[int | None] = []
    by_name = []  # (row, its words, its candidates) of the rows no identifier settles
    for data, words in zip(many, keyed, strict=True):
        match = next((by_identifier[v] for v in (data.phone, data.tax_code, data.doc_number)
                      if v and v in by_identifier), None)
        found.append(match)
        if match is None and words:
            by_name.append((len(found) - 1, data, words, _candidates(words, matches.by_word)))
    matches.visible(set().union(*(candidates for *_rest, candidates in by_name)))
    for index, data, words, candidates in by_name:
        found[index] = _best_by_name(data, words, candidates, matches)
    return found


def _candidates(words, by_word) -> set[int]:
    """People who match at least two of the words, and everyone matching a word that at most
    CANDIDATES people match (the one word of a one-word name: all of them). A likely
    duplicate (DUPLICATE_SCORE, an average over the words) shares most of its words; someone
    who shares only a word thousands share was among the CANDIDATES best only by the luck of
    their id. The sets are intersected in C, where summing every match of a common surname
    cost milliseconds a row."""
    sets = [by_word.get(word, {}).keys() for word in dict.fromkeys(words)]
    if len(sets) == 1:
        return set(sets[0])
    found: set[int] = set()
    for i, first in enumerate(sets):
        if len(first) <= CANDIDATES:
            found |= first
        for second in sets[i + 1:]:
            found |= first & second
    return found


def _best_by_name(data, words, candidates: set[int], matches: NameMatches) -> int | None:
    by_word, names = matches.by_word, matches.names
    best = list(candidates & matches.seen)
    if len(best) > CANDIDATES:  # the best by the search's weights; fewer are all scored
        # Each word's weights of every candidate, added up column by column (loops in C:
        # a row of two common words has thousands of candidates).
        totals = [0] * len(best)
        for word in words:
            weight = by_word.get(word, {})
            totals = list(map(operator.sub, totals, map(weight.get, best, repeat(0))))
        best = [person_id for _total, person_id in
                heapq.nsmallest(CANDIDATES, zip(totals, best, strict=True))]
    scored = []
    for person_id in best:
        key, year = names[person_id]
        if data.birth_year and year and abs(year - data.birth_year) > 1:
            continue
        score = name_score(words, key)
        if score >= DUPLICATE_SCORE:
            scored.append((-score, person_id))
    return min(scored)[1] if scored else None
