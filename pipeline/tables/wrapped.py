"""Value cells that wrap inside their cell, put back together before a table is read.

A narrow value column wraps "2,4 ton CO2e per årsarbetare" after "per", and "Tas fram av
nämnd" after "av". An export that writes the table line by line then prints the row's line
("… 2,4 ton CO2e per 2,4 ton CO2e per År") and, below it, the cut-off ends of both cells
("årsarbetare" and "årsarbetare", on one line or two). Evidence that a value was cut: it
ends in a word no value ends in but a value can go on from (the value pattern still matches
it partially). The lower-case lines right after such a line are its values' ends, in
column order; they are moved back into the values. A line without a cut value is untouched.
A value cut after its number ("Max 14" / "personer") reads whole, so the evidence there is
its neighbour: a row's two targets count in one unit, and when one lacks the unit the
other has and the line below ends in it, that word is the cut value's end.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import regex

from pipeline.rules import Rules
from pipeline.tables.cells import Fragment
from pipeline.tables.values import peel_values, quantity_unit, split_period

# A short lower-case word a cut value may end in ("per", "av"), and where a value may start.
_JOINING = regex.compile(r"(?<=\s)\p{Ll}{2,3}(?=\s|$)")
_VALUE_START = regex.compile(r"(?:^|(?<=\s))[\p{Lu}\d<>≥≤]")


@cache
def _value(rules: Rules) -> regex.Pattern:
    alternatives = "|".join([f"(?:{rules.target_number})", *(f"(?:{p})" for p in rules.target_phrases)])
    return regex.compile(rf"(?:{alternatives})", regex.I | regex.V1)


def _cut_values(text: str, rules: Rules) -> list[tuple[int, int]]:
    """(start, end) in ``text`` (a row's text before its period) of each cut value: one that
    ends in a joining word and can be read only partially ("2,4 ton CO2e per")."""
    pattern = _value(rules)
    starts = [m.start() for m in _VALUE_START.finditer(text)]
    cuts = []
    for joining in _JOINING.finditer(text):
        for start in starts:
            if start >= joining.start():
                break
            match = pattern.fullmatch(text, pos=start, endpos=joining.end(), partial=True)
            if match is not None and match.partial:
                cuts.append((start, joining.end()))
                break
    return cuts


def _completes(text: str, cuts: list[tuple[int, int]], ends: list[str], rules: Rules) -> bool:
    """Does each end complete its cut value into a whole value?"""
    pattern = _value(rules)
    return all(
        pattern.fullmatch(f"{text[start:end]} {tail}") is not None
        for (start, end), tail in zip(cuts, ends, strict=False)
    )


def _unit_tail(frag: Fragment, below: Fragment, rules: Rules) -> tuple[Fragment, Fragment | None] | None:
    """A row line whose two targets differ only in that one lacks the other's unit, and the
    line below (lower case, a name's wrapped line) ending in that unit: the unit is the bare
    value's cut-off end ("Max 14" / "personer" beside "Max 11 personer"), as a row's two
    targets count in one unit. (The row line, the line below without it or None.)"""
    before, period, _ = split_period(frag.text, rules)
    rest, values, empty = peel_values(before, rules)
    if period is None or len(values) != 2 or empty or not below.text[:1].islower():
        return None
    units = [quantity_unit(v, rules) for v in values]
    if None in units or sorted(units)[0] != "" or not (unit := sorted(units)[1]):  # type: ignore[type-var]
        return None
    words = below.text.split()
    size = len(unit.split())
    if len(words) < size or " ".join(words[-size:]).casefold() != unit:
        return None
    bare = units.index("")
    grown = f"{values[bare]} {' '.join(words[-size:])}"
    if quantity_unit(grown, rules) != unit:
        return None
    values[bare] = grown
    text = " ".join([rest, *values, period])
    left = " ".join(words[:-size])
    rest_below = replace(below, text=left, raw=f"{left} ") if left else None
    return replace(frag, text=text, raw=f"{text} "), rest_below


def heal_wrapped_values(frags: list[Fragment], rules: Rules) -> list[Fragment]:
    """The fragments with the ends of cut value cells moved back into their values."""
    out: list[Fragment] = []
    i = 0
    while i < len(frags):
        frag = frags[i]
        tail = _unit_tail(frag, frags[i + 1], rules) if i + 1 < len(frags) else None
        if tail is not None:
            out += [f for f in tail if f is not None]
            i += 2
            continue
        before, period, _ = split_period(frag.text, rules)
        cuts = _cut_values(before, rules) if _JOINING.search(before) else []
        ends: list[str] = []
        rest: Fragment | None = None
        j = i + 1
        while cuts and j < len(frags) and len(ends) < len(cuts) and frags[j].text[:1].islower():
            words = frags[j].text.split()
            need = len(cuts) - len(ends)
            if len(words) > need:
                # A name's wrapped line with the values' ends after it (a line-by-line export).
                ends += words[-need:]
                text = " ".join(words[:-need])
                rest = replace(frags[j], text=text, raw=f"{text} ")
            else:
                ends += words if len(words) == need else [frags[j].text]
            j += 1
            if rest is not None:
                break
        if not ends or not _completes(before, cuts, ends, rules):
            out.append(frag)
            i += 1
            continue
        text = before
        for (_, cut), end in sorted(zip(cuts, ends, strict=False), reverse=True):
            text = f"{text[:cut]} {end}{text[cut:]}"
        text = f"{text} {period}" if period else text
        # The joined cell ends at a cell's end, not inside a cut word: a space after it.
        out.append(replace(frag, text=text, raw=f"{text} "))
        if rest is not None:
            out.append(rest)
        i = j
    return out
