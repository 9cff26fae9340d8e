"""A table header that a text exporter split over lines or mixed with the table's first row.

Exporters that write a table cell by cell (poppler's ``pdftotext``) put each header cell on
its own line, a wrapped cell's second line ("2026") after the others, and sometimes the
cells of the first row between the header cells ("Indikator", "Årsmål", *the row's name*,
*its value*, "KF:s årsmål år 2026", "Periodicitet"). The header is found by the rules'
header pattern, matched incrementally: from a line that could open a header, each following
line is taken into the header when the header read so far can still be completed with it,
and is otherwise a body line the header was printed around. A lone number (the year of a
wrapped header cell) may have been printed after the rest and is tried in every place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from pipeline.rules import Rules
from pipeline.text import collapse_ws

#: How many lines after the first a split header may reach over (header cells and the rows'
#: cells between them: ``pdftotext`` may print the last header cell, "Periodicitet", after
#: several whole rows). The search also ends at the next heading.
MAX_SPAN = 40
_LONE_NUMBER = regex.compile(r"^\d{1,4}$")


@dataclass(frozen=True)
class HeaderSpan:
    kind: str  # "indicator" | "activity"
    header: tuple[int, ...]  # indices (into the texts given) of the header's lines
    body: tuple[int, ...]  # lines between them that belong to the table's first row


def _patterns(rules: Rules) -> tuple[tuple[str, regex.Pattern], ...]:
    return (("indicator", rules.indicator_header), ("activity", rules.activity_header))


def _readings(parts: Sequence[str]) -> list[str]:
    """The header text as printed, and with each lone number moved to each word gap."""
    text = " ".join(parts)
    readings = [text]
    lone = [p for p in parts if _LONE_NUMBER.match(p)]
    if len(lone) == 1:
        words = " ".join(p for p in parts if p is not lone[0]).split()
        readings += [" ".join([*words[:k], lone[0], *words[k:]]) for k in range(1, len(words) + 1)]
    return readings


def _state(pattern: regex.Pattern, parts: Sequence[str]) -> str | None:
    """'full' when the parts read as the whole header, 'partial' when they can still become it."""
    partial = False
    for text in _readings(parts):
        match = pattern.match(text, partial=True)
        if match is None:
            continue
        if not match.partial:
            return "full"
        partial = True
    return "partial" if partial else None


def split_header(texts: Sequence[str], rules: Rules) -> HeaderSpan | None:
    """The header that starts at ``texts[0]`` (non-blank lines, in order), if one does."""
    first = collapse_ws(texts[0]) if texts else ""
    for kind, pattern in _patterns(rules):
        taken, body, parts = [0], [], [first]
        if _state(pattern, parts) is None:
            # The header line with its wrapped year printed on the next line.
            second = collapse_ws(texts[1]) if len(texts) > 1 else ""
            if not _LONE_NUMBER.match(second) or _state(pattern, [first, second]) is None:
                continue
            if _state(pattern, [first, second]) == "full":
                return HeaderSpan(kind, (0, 1), ())
            taken, parts = [0, 1], [first, second]
        for k in range(len(taken), min(len(texts), MAX_SPAN + 1)):
            text = collapse_ws(texts[k])
            state = _state(pattern, [*parts, text])
            if state is None:
                body.append(k)
                continue
            taken.append(k)
            parts.append(text)
            if state == "full":
                return HeaderSpan(kind, tuple(taken), tuple(body))
    return None
