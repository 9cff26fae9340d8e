"""The cells of an indicator row: target, KF target and period, read from the right.

A row's text is ``name [target] [kf target] [period]``. The period word closes the row;
before it stand at most two values, each a number (with unit or comparator) or one of the
phrases in rules/values.toml. What is left is the name.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from pipeline.rules import Rules, load_rules


@dataclass(frozen=True)
class Cells:
    name: str
    values: list[str]  # 0, 1 or 2 values, left to right
    period: str | None
    empty_before_period: bool  # a double space between the last value and the period
    empty_after_name: bool  # a double space between the name and the first value


@cache
def _patterns(rules: Rules) -> tuple[regex.Pattern, regex.Pattern]:
    value = "|".join([f"(?:{rules.target_number})", *(f"(?:{p})" for p in rules.target_phrases)])
    periods = "|".join(regex.escape(p) for p in sorted(rules.periods, key=len, reverse=True))
    # A value at the end of the text, on a token boundary.
    trailing_value = regex.compile(rf"(?:^|(?<=\s))(?P<value>{value})(?P<gap>\s*)$", regex.I | regex.V1)
    trailing_period = regex.compile(rf"(?:^|(?<=\s))(?P<period>{periods})\s*$", regex.I | regex.V1)
    return trailing_value, trailing_period


def split_period(text: str, rules: Rules | None = None) -> tuple[str, str | None, bool]:
    """(text before the period, period or None, double space before the period)."""
    rules = rules or load_rules()
    _, trailing_period = _patterns(rules)
    match = trailing_period.search(text)
    if not match:
        return text, None, False
    before = text[: match.start()]
    return before.rstrip(), match["period"], before.endswith("  ")


def ends_with_value(text: str, rules: Rules | None = None) -> bool:
    rules = rules or load_rules()
    trailing_value, _ = _patterns(rules)
    return bool(trailing_value.search(text.rstrip()))


def peel_values(text: str, rules: Rules, limit: int = 2) -> tuple[str, list[str], bool]:
    """Up to ``limit`` values peeled off the end of text as they read, with no judgement of
    whether they belong together: (rest, values left to right, empty cell before them)."""
    trailing_value, _ = _patterns(rules)
    values: list[str] = []
    rest = text.rstrip()
    empty_before = False
    while len(values) < limit:
        match = trailing_value.search(rest)
        if not match:
            break
        values.insert(0, match["value"].strip())
        rest = rest[: match.start()]
        empty_before = rest.endswith("  ")
        rest = rest.rstrip()
        if not rest or empty_before:
            break
    return rest, values, empty_before


def take_values(text: str, rules: Rules | None = None, limit: int = 2) -> tuple[str, list[str], bool]:
    """Peel up to ``limit`` values off the end of text: (rest, values left to right, empty cell
    before them). A double space before a value is an empty cell: peeling stops there."""
    rules = rules or load_rules()
    rest, values, empty_before = peel_values(text, rules, limit)
    if len(values) == 2 and rest and not empty_before and _other_quantities(values, rules):
        # "Prognossäkerhet vid tertialrapport 2 98,1 %": a row's two targets measure one
        # quantity, so a number of another unit before the target ends the name.
        rest, values = f"{rest} {values[0]}", values[1:]
    if len(values) == 1 and not empty_before and limit == 2:
        values = _split_grouped(values[0])
    return rest, values, empty_before and bool(values)


def quantity_unit(value: str, rules: Rules) -> str | None:
    """The unit a numeric target counts in ("%", "personer", "" for a bare number), with its
    comparator left out; None for a phrase ("öka", "Tas fram av nämnd")."""
    if _number(rules).fullmatch(value) is None:
        return None
    unit = _NUMBER_PART.sub(" ", value.casefold(), count=1).split()
    return " ".join(_UNIT_ALIASES.get(word, word) for word in unit if word not in _COMPARATORS)


def _other_quantities(values: list[str], rules: Rules) -> bool:
    units = [quantity_unit(v, rules) for v in values]
    return None not in units and units[0] != units[1]


@cache
def _number(rules: Rules) -> regex.Pattern:
    return regex.compile(rules.target_number, regex.I | regex.V1)


_NUMBER_PART = regex.compile(r"[<>≥≤]?\s*\d{1,3}(?:[ \u00a0]\d{3})*(?:[,.]\d+)?")
_COMPARATORS = frozenset({"max", "minst", "högst", "lägst", "under", "över", "ca", "cirka"})
_UNIT_ALIASES = {"procent": "%"}


def _split_grouped(value: str) -> list[str]:
    """'157 103' is two cells, not a thousands-grouped number: a group of thousands never
    follows two or three leading digits in a target ('12 000' and '1 200' stay whole)."""
    match = regex.fullmatch(r"(\d{2,3}) ([1-9]\d{2})", value)
    return [match[1], match[2]] if match else [value]


def split_row(text: str, rules: Rules | None = None) -> Cells:
    body, period, empty_before_period = split_period(text, rules)
    # A double space before the period is the empty KF cell: one value at most is left.
    name, values, empty_after_name = take_values(body, rules, limit=1 if empty_before_period else 2)
    return Cells(name.strip(), values, period, empty_before_period, empty_after_name)


def parses_as_values(text: str, rules: Rules | None = None) -> bool:
    """Is the whole text nothing but values and a period (a row's value part)?"""
    body, period, _ = split_period(text, rules)
    rest, _, _ = take_values(body, rules)
    return period is not None and not rest.strip()
