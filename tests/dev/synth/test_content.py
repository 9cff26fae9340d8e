"""The vocabulary files hold what the generator expects: the checks Python's syntax used to give
the tuples in code, and the references between files that nothing else would catch."""

from __future__ import annotations

import dataclasses
import string
from collections.abc import Iterator

from plans_dev.synth import content as C

# What the sampler fills in (``random_plan``'s ctx, and ``value`` in indicator comments).
PLACEHOLDERS = {
    "unit", "district", "district_gen", "area", "area_gen", "garden", "year", "prev", "next",
    "staff", "users", "chefs", "budget", "pct", "value",
}  # fmt: skip
POOL_NAMES = [n for n in dir(C) if n.isupper()]


def strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            yield from strings(getattr(value, f.name))
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, tuple):
        for v in value:
            yield from strings(v)


def test_every_pool_is_a_non_empty_tuple_of_strings():
    for name in POOL_NAMES:
        value = getattr(C, name)
        assert isinstance(value, tuple | dict) and value, name
        if isinstance(value, tuple) and isinstance(value[0], str):
            assert all(isinstance(s, str) for s in value), name


def test_placeholders_are_ones_the_sampler_fills():
    for name in POOL_NAMES:
        for text in strings(getattr(C, name)):
            fields = {field for _, field, _, _ in string.Formatter().parse(text) if field}
            assert fields <= PLACEHOLDERS, (name, text)


def test_references_between_files_resolve():
    assert all(domain.topic in C.TOPICS for domain in C.DOMAINS.values())
    assert all(topic in C.TOPICS for topic, _ in C.KF_VERKSAMHETSMAL.values())
    for _, pool in C.KVALITET_CHILDREN:
        assert isinstance(getattr(C, pool), tuple) and getattr(C, pool), pool


def test_indicators_are_well_formed():
    indicators = [d for topic in C.TOPICS.values() for d in topic.indicators]
    assert len({d.name for d in indicators}) == len(indicators)
    for d in indicators:
        assert d.kind in {"pct", "dec", "int", "kr", "max", "dir"}, d
        assert d.kf in {"same", "namnd", "dir", "none"}, d
        assert d.lo <= d.hi and isinstance(d.periods, tuple) and d.periods, d


def test_the_direction_follows_the_name():
    sick_leave = next(d for t in C.TOPICS.values() for d in t.indicators if "sjukfrånvaro" in d.name.lower())
    assert sick_leave.better == "minska"
    assert any(d.better == "öka" for t in C.TOPICS.values() for d in t.indicators)
