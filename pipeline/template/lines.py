"""What a single line is, judged from its own text and the heading rules."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from pipeline.rules import Rules
from pipeline.text import collapse_ws


class Kind(Enum):
    BLANK = "blank"
    GOAL = "goal"
    INDICATOR_HEADER = "indicator_header"
    ACTIVITY_HEADER = "activity_header"
    SECTION_KIND = "section_kind"  # Beskrivning, Förväntat resultat, ...
    NARRATIVE_1 = "narrative_1"  # Inledning, Redovisning av ekonomi, Övrigt
    NARRATIVE_2 = "narrative_2"  # Enhetens uppdrag, Budget 2026, ...
    TEXT = "text"


@dataclass(frozen=True)
class Classified:
    kind: Kind
    text: str  # whitespace-collapsed
    level: str | None = None  # goal level
    code: str | None = None
    prefix: str | None = None
    title: str | None = None
    section_kind: str | None = None


def heading_label(text: str) -> str:
    """A heading as printed, without a trailing colon."""
    return text.rstrip(":").rstrip()


def classify(raw: str, rules: Rules) -> Classified:
    text = collapse_ws(raw)
    if not text:
        return Classified(Kind.BLANK, text)
    for goal in rules.goal_patterns:
        match = goal.pattern.match(text)
        if match:
            groups = match.groupdict()
            return Classified(
                Kind.GOAL,
                text,
                level=goal.level,
                code=groups.get("code"),
                prefix=groups.get("prefix"),
                title=groups["title"].strip(),
            )
    if rules.indicator_header.match(text):
        return Classified(Kind.INDICATOR_HEADER, text)
    if rules.activity_header.match(text):
        return Classified(Kind.ACTIVITY_HEADER, text)
    label = heading_label(text)
    if not label[:1].isupper():  # headings are capitalised; "budget" in a wrapped title is not one
        return Classified(Kind.TEXT, text)
    section_kind = rules.goal_section_kinds.get(label.casefold())
    if section_kind:
        return Classified(Kind.SECTION_KIND, text, section_kind=section_kind)
    if rules.narrative_level1.match(label):
        return Classified(Kind.NARRATIVE_1, text)
    if rules.narrative_level2.match(label):
        return Classified(Kind.NARRATIVE_2, text)
    return Classified(Kind.TEXT, text)
