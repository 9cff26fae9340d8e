"""Metadata found in the document itself: district, unit, plan type, year and Dnr.

The cover page is the best source when there is one; otherwise the unit is the subject of
the first sentence of the introduction ("Enheten för X är ...", "I Resursenheten ingår
..."), the year the one that headings, table headers and activity dates agree on, and the
district the one named most often.
"""

from __future__ import annotations

from collections import Counter
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
# Name and word on one line: across a line break the capitalised word may be a table cell
# ("... 92 % Halvår" over "stadsdelsnämndens lokaler", a row's first line and the next).
_DISTRICT = regex.compile(
    r"\b(?P<name>\p{Lu}[\p{Ll}]+(?:-\p{Lu}[\p{Ll}]+){0,2})[^\S\n]+"
    r"(?:stadsdelsförvaltning|stadsdelsnämnd|stadsdelsområde)",
)
_DISTRICT_IN = regex.compile(r"\bi\s+(?P<name>\p{Lu}[\p{Ll}]+(?:-\p{Lu}[\p{Ll}]+){1,2})\b")
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
    if candidate in rules.metadata["generic_subjects"] or words[0] in rules.metadata["generic_openers"]:
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


def _unit_from_intro(outline: Outline, rules: Rules) -> str | None:
    """The first sentence of the introduction whose subject is a unit's name."""
    for section in outline.sections[:3]:
        for sentence in regex.split(r"(?<=[.!?])\s+(?=\p{Lu})", section.text):
            match = _subject_pattern(rules).match(sentence)
            if match and _is_unit_name(match["unit"].strip(), rules):
                return match["unit"].strip()
    return None


def _district(text: str, rules: Rules) -> str | None:
    """The name before 'stadsdelsförvaltning' (-nämnd, -område); else the known district named most."""
    named = Counter(m["name"] for m in _DISTRICT.finditer(text))
    if named:
        name = named.most_common(1)[0][0]
        return name[:-1] if name.endswith("s") and name[:-1] in rules.districts else name
    known = Counter()
    for name in rules.districts:
        count = len(regex.findall(rf"(?<![\p{{L}}-]){regex.escape(name)}s?(?![\p{{L}}-])", text))
        if count:
            known[name] = count
    if known:
        return known.most_common(1)[0][0]
    found = Counter(m["name"] for m in _DISTRICT_IN.finditer(text))
    return found.most_common(1)[0][0] if found else None


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

    district = _district(joined, rules)

    unit = _unit_from_cover(front_text) or _unit_from_intro(outline, rules)
    return Metadata(
        district=district,
        unit=unit,
        plan_type=plan_type,
        plan_year=year,
        dnr=collapse_ws(dnr_match["dnr"]) if dnr_match else None,
    )
