"""Disclosure control for the observatory: small cells suppressed, with complementary
suppression that holds under differencing (docs/privacy.md, "The needs observatory").

A figure is a cube: counts over axes (territory, category, ..., month). Every combination of
an axis entry (a leaf, or a group: the region, all categories, January to month M) is a
published cell, the sum of the leaf counts under it. The linear relations between published
cells are exactly "a group equals the sum of its members" along each axis, for every choice on
the other axes; an attacker who knows every published number can recover a hidden cell only
through them. So:

1. primary suppression: every cell with 0 < n < K is hidden;
2. complementary suppression: while some hidden cell is determined by the relations and the
   numbers still shown (tested exactly: its unit vector lies in the row space of the relations
   restricted to the hidden cells), hide one more shown cell beside it, the smallest non-zero;
3. optional rounding of what remains shown, to a configured base.

The whole region is protected at once, for one calendar year at a time (no published figure
spans two years), so every page and file of that year shows the same pattern whoever asks.
Cubes that share cells (the three tables of needs expressed: by category, nationality and
language count the same mentions, so their totals are one cell) are protected together.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import product

K = 5
ALL = "*"


@dataclass(frozen=True)
class Axis:
    name: str
    leaves: tuple[str, ...]
    # Published sums of leaves: name -> members (an axis without groups has no totals).
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def entries(self) -> tuple[str, ...]:
        return self.leaves + tuple(name for name, _m in self.groups)

    def containing(self, leaf: str) -> tuple[str, ...]:
        return (leaf, *[name for name, members in self.groups if leaf in members])


def total_axis(name: str, leaves, total: str = ALL) -> Axis:
    leaves = tuple(leaves)
    return Axis(name, leaves, ((total, leaves),) if leaves else ())


@dataclass
class Cube:
    """`counts` maps a tuple of leaves (one per axis) to a count. `shared`: cells whose entry
    on axis `shared[0]` is ALL are the same cell as in other cubes of family `shared[1]`."""

    name: str
    axes: tuple[Axis, ...]
    counts: dict[tuple, int]
    shared: tuple[int, str] | None = None

    def key(self, coords: tuple) -> tuple:
        if self.shared and coords[self.shared[0]] == ALL:
            return (self.shared[1], *coords)
        return (self.name, *coords)

    def values(self) -> dict[tuple, int]:
        values = {self.key(c): 0 for c in product(*[a.entries for a in self.axes])}
        for leaves, count in self.counts.items():
            for coords in product(*[a.containing(leaf) for a, leaf in zip(self.axes, leaves, strict=True)]):
                values[self.key(coords)] += count
        return values

    def relations(self):
        """Each relation as a frozenset of (key, coefficient): group minus its members."""
        for index, axis in enumerate(self.axes):
            others = [a.entries for a in self.axes]
            for group, members in axis.groups:
                others[index] = (None,)
                for coords in product(*others):
                    yield frozenset([(self._at(coords, index, group), 1),
                                     *[(self._at(coords, index, m), -1) for m in members]])

    def _at(self, coords: tuple, index: int, entry: str) -> tuple:
        return self.key(coords[:index] + (entry,) + coords[index + 1:])


@dataclass
class Published:
    """What may be shown: each cell's value, or None where it is hidden."""

    shown: dict[tuple, int | None]
    hidden: set = field(default_factory=set)
    primary: set = field(default_factory=set)

    def get(self, cube: Cube, coords: tuple) -> int | None:
        return self.shown.get(cube.key(coords))


def determined(relations, hidden: set) -> set:
    """The hidden cells an attacker can work out exactly from the relations and the shown
    cells: those whose unit vector lies in the row space of the relations restricted to the
    hidden cells (Gauss-Jordan elimination over the rationals)."""
    pivots: dict[object, dict] = {}
    for relation in relations:
        row = {key: Fraction(c) for key, c in relation if key in hidden}
        if not row:
            continue
        for col in [c for c in row if c in pivots]:
            factor = row.get(col)
            if factor:
                for key, value in pivots[col].items():
                    row[key] = row.get(key, 0) - factor * value
        row = {k: v for k, v in row.items() if v}
        if not row:
            continue
        col = min(row, key=repr)
        lead = row[col]
        row = {k: v / lead for k, v in row.items()}
        for other in pivots.values():
            factor = other.get(col)
            if factor:
                for key, value in row.items():
                    other[key] = other.get(key, 0) - factor * value
                    if not other[key]:
                        del other[key]
        pivots[col] = row
    return {col for col, row in pivots.items() if len(row) == 1}


def protect(cubes: list[Cube], k: int = K, rounding: int | None = None) -> Published:
    values: dict[tuple, int] = {}
    relations: set[frozenset] = set()
    for cube in cubes:
        values.update(cube.values())
        relations.update(cube.relations())
    relations = sorted(relations, key=lambda r: sorted(map(repr, r)))
    touching = defaultdict(list)
    for relation in relations:
        for key, _c in relation:
            touching[key].append(relation)
    primary = {key for key, value in values.items() if 0 < value < k}
    hidden = set(primary)
    while True:
        _one_per_relation(relations, touching, values, hidden, primary)
        exposed = determined(relations, hidden)
        if not exposed:
            break
        for key in sorted(exposed, key=repr):
            _hide_beside(key, touching, values, hidden)
    shown = {key: (None if key in hidden else _rounded(value, rounding))
             for key, value in values.items()}
    return Published(shown=shown, hidden=hidden, primary=primary)


def _rounded(value: int, base: int | None) -> int:
    if not base or base <= 1:
        return value
    return base * int((value + base / 2) // base)


def _one_per_relation(relations, touching, values, hidden, primary) -> None:
    """The quick part: no relation may hide exactly one of its cells."""
    queue = list(relations)
    while queue:
        relation = queue.pop()
        keys = [key for key, _c in relation]
        if sum(1 for key in keys if key in hidden) == 1:
            added = _complement(keys, values, hidden)
            if added is not None:
                queue.extend(touching[added])


def _complement(keys, values, hidden):
    """Hide the smallest non-zero shown cell among `keys` (a zero hides nothing)."""
    candidates = [key for key in keys if key not in hidden]
    if not candidates:
        return None
    positive = [key for key in candidates if values[key] > 0] or candidates
    chosen = min(positive, key=lambda key: (values[key], repr(key)))
    hidden.add(chosen)
    return chosen


def _hide_beside(key, touching, values, hidden) -> None:
    near = [other for relation in touching[key] for other, _c in relation]
    if _complement(near, values, hidden) is None:
        far = [other for h in sorted(hidden, key=repr) for relation in touching[h]
               for other, _c in relation]
        _complement(far, values, hidden)
