"""Metadata found in the document itself: district, unit, plan type, year and Dnr.

The cover page is the best source when there is one; otherwise the unit is the subject of
the first sentence of the introduction ("Enheten för X är ...", "I Resursenheten ingår
..."), and the year the one that headings, table headers and activity dates agree on. The
district is taken only where the text says the plan belongs to it (``rules/metadata.toml``,
``[district]``): a place mentioned in passing is no evidence, and where the evidence
disagrees there is no district. A wrong value is worse than none: what the text does not
support stays null, for the archive's catalogue or paths to supply
(``pipeline.ingestion.archive_metadata``). Each value found is marked ``document``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache

import regex

from pipeline.model import GOAL_LEVELS, Line, Metadata
from pipeline.rules import Rules
from pipeline.segment.outline import Outline
from pipeline.text import collapse_ws

_DNR = regex.compile(r"\bDnr\.?:?\s*(?P<dnr>[\p{Lu}]{1,5}\s?\d{4}[/:-]\d{1,6}(?:[-:/.]\d{1,4})*)", regex.I)
_PLAN_TYPE = regex.compile(r"\b(Verksamhetsplan|Verksamhetsberättelse)(?:en)?\b", regex.I)
_PLAN_TITLE = regex.compile(
    r"^(Verksamhetsplan|Verksamhetsberättelse)\s+(?:år\s+)?(?P<year>(?:19|20)\d{2})\b", regex.I
)
# A district's name: capitalised words joined by hyphens; the genitive -s is taken off after.
_NAME = r"(?P<name>\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+){0,2})"
DOCUMENT = "document"
_YEAR_HINTS = regex.compile(
    r"(?:Utvecklingsområden|Budget|årsmål år|Verksamhetsplan|under)\s+(?:år\s+)?(?P<year>(?:19|20)\d{2})\b",
    regex.I,
)
_ISO_YEAR = regex.compile(r"\b(?P<year>(?:19|20)\d{2})-\d{2}-\d{2}\b")
_COVER_NOT_UNIT = regex.compile(r"^(?:Dnr|Sid|Handläggare|Till|Telefon|Tjänsteutlåtande)\b|\d", regex.I)


@cache
def _subject_pattern(rules: Rules) -> regex.Pattern:
    verbs = "|".join(regex.escape(v) for v in rules.metadata["subject_verbs"])
    return regex.compile(rf"^(?:I\s+)?(?P<unit>\p{{Lu}}[\p{{L}}\- /]{{2,70}}?)\s+(?:{verbs})\b")


def _is_unit_name(candidate: str, rules: Rules) -> bool:
    """A unit's name: not a generic subject, and either a unit word or a proper name in it."""
    words = candidate.split()
    generic = rules.metadata["generic_subjects"]
    if candidate in generic or words[0] in rules.metadata["generic_openers"]:
        return False
    # "Enheten för ekonomiskt bistånd", "Fritidsgården Rågsved" name a unit; "Enheten deltar
    # i ...", "Förskolans uppdrag" do not.
    if words[0].endswith("s") and words[0][:-1] in generic:
        return False
    if words[0] in generic and not (words[1] in rules.metadata["name_joiners"] or words[1][:1].isupper()):
        return False
    has_proper_name = any(w[:1].isupper() for w in words[1:])
    return has_proper_name or regex.search(rules.metadata["unit_words"], candidate, regex.I) is not None


def _text(lines: list[Line]) -> list[str]:
    return [collapse_ws(ln.text) for ln in lines if ln.text.strip()]


def _unit_from_cover(front: list[str]) -> str | None:
    """The cover's letterhead names the administration, then the unit on the next line;
    the plan's title line may be followed by the unit too."""
    found: Counter[str] = Counter()
    for i, text in enumerate(front[:-1]):
        if regex.search(r"stadsdelsförvaltning$", text, regex.I) or _PLAN_TITLE.match(text):
            candidate = front[i + 1]
            if len(candidate) < 80 and candidate[:1].isupper() and not _COVER_NOT_UNIT.search(candidate):
                found[candidate] += 1
        match = regex.match(r"^Verksamhetsplan\s+(?:år\s+)?\d{4}\s+för\s+(?P<unit>.+)$", text, regex.I)
        if match:
            found[match["unit"]] += 2
    return found.most_common(1)[0][0] if found else None


def _intro_sentences(outline: Outline) -> list[str]:
    """The sentences of the first narrative sections, where a plan introduces its unit."""
    return [
        sentence
        for section in outline.sections[:3]
        for sentence in regex.split(r"(?<=[.!?])\s+(?=\p{Lu})", section.text)
    ]


def _unit_from_intro(outline: Outline, rules: Rules) -> str | None:
    """The first sentence of the introduction whose subject is a unit's name."""
    for sentence in _intro_sentences(outline):
        match = _subject_pattern(rules).match(sentence)
        if match and _is_unit_name(match["unit"].strip(), rules):
            return match["unit"].strip()
    return None


@dataclass(frozen=True, eq=False)
class _DistrictRules:
    cover: tuple[regex.Pattern, ...]
    belonging: tuple[regex.Pattern, ...]
    goal_title: tuple[regex.Pattern, ...]
    unit_sentence: regex.Pattern


@cache
def _district_rules(rules: Rules) -> _DistrictRules:
    table = rules.metadata["district"]

    def compiled(pattern: str, name: str = _NAME) -> regex.Pattern:
        return regex.compile(pattern.replace("{name}", name), regex.VERSION1)

    known = (
        "(?P<name>" + "|".join(regex.escape(d) for d in sorted(rules.districts, key=len, reverse=True)) + ")"
    )
    return _DistrictRules(
        cover=tuple(compiled(p) for p in table["cover"]),
        belonging=tuple(compiled(p) for p in table["belonging"]),
        goal_title=tuple(compiled(p) for p in table["goal_title"]),
        unit_sentence=compiled(table["unit_sentence"], known),
    )


def _district_name(name: str, rules: Rules) -> str:
    """The name without its genitive -s ("Farstas stadsdelsförvaltning" -> "Farsta")."""
    return name[:-1] if name.endswith("s") and name[:-1] in rules.districts else name


def _agreed(names: list[str], rules: Rules) -> str | None:
    """The one district all evidence names; None when there is none or it disagrees."""
    found = {_district_name(name, rules) for name in names}
    return found.pop() if len(found) == 1 else None


def _find_all(patterns: tuple[regex.Pattern, ...], texts: list[str]) -> list[str]:
    return [m["name"] for text in texts for p in patterns for m in p.finditer(text)]


def _district(front: list[str], outline: Outline, unit: str | None, rules: Rules) -> str | None:
    """The district the plan says it belongs to, strongest evidence first: the cover page,
    the text placing the plan in a district, the sentence that introduces the unit."""
    drules = _district_rules(rules)
    cover = _find_all(drules.cover, front)
    if cover:
        return _agreed(cover, rules)
    # Running text joined over its line breaks (a name may wrap), without the tables.
    texts = [s.text for s in outline.sections] + [s.text for s in outline.goal_sections]
    titles = [g.title for g in outline.goals]
    belonging = _find_all(drules.belonging, texts) + _find_all(drules.goal_title, titles)
    if belonging:
        return _agreed(belonging, rules)
    if unit is None:
        return None
    named = [
        m["name"]
        for sentence in _intro_sentences(outline)
        if sentence.startswith((unit, f"I {unit}"))
        for m in drules.unit_sentence.finditer(sentence)
    ]
    return _agreed(named, rules) if named else None


def find_metadata(front: list[Line], body: list[Line], outline: Outline, rules: Rules) -> Metadata:
    front_text = _text(front)
    body_text = _text(body)
    all_text = front_text + body_text
    joined = "\n".join(all_text)

    dnr_match = _DNR.search(joined)
    plan_type = None
    year = None
    for text in front_text:
        match = _PLAN_TITLE.match(text)
        if match:
            plan_type, year = match[1].capitalize(), int(match["year"])
            break
    if plan_type is None:
        types = Counter(m[1].capitalize() for m in _PLAN_TYPE.finditer(joined))
        if types:
            plan_type = types.most_common(1)[0][0]
        elif any(g.level == GOAL_LEVELS[0].name for g in outline.goals):
            # The city council's outermost goals (KF:s inriktningsmål) head the template's plans.
            plan_type = rules.metadata["default_plan_type"]
    if year is None:
        years = Counter(int(m["year"]) for m in _YEAR_HINTS.finditer(joined))
        years.update(int(m["year"]) for m in _ISO_YEAR.finditer(joined))
        year = years.most_common(1)[0][0] if years else None

    unit = _unit_from_cover(front_text) or _unit_from_intro(outline, rules)
    district = _district(front_text, outline, unit, rules)
    return Metadata.found(
        DOCUMENT,
        district=district,
        unit=unit,
        plan_type=plan_type,
        plan_year=year,
        dnr=collapse_ws(dnr_match["dnr"]) if dnr_match else None,
    )
