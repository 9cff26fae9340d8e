"""Metadata found in the document itself: district, unit, plan type, year and Dnr.

The cover page is the best source when there is one; otherwise the unit is the subject of
the first sentence of the introduction ("Enheten för X är ...", "I Resursenheten ingår
..."), the year the one that headings, table headers and activity dates agree on, and the
district the one named most often.
"""

from __future__ import annotations

from collections import Counter

import regex

from pipeline.model import Line, Metadata
from pipeline.rules import Rules
from pipeline.segment.outline import Outline
from pipeline.text import collapse_ws

_DNR = regex.compile(r"\bDnr\.?:?\s*(?P<dnr>[\p{Lu}]{1,5}\s?\d{4}[/:-]\d{1,6}(?:[-:/.]\d{1,4})*)", regex.I)
_PLAN_TYPE = regex.compile(r"\b(Verksamhetsplan|Verksamhetsberättelse)(?:en)?\b", regex.I)
_PLAN_TITLE = regex.compile(r"^(Verksamhetsplan|Verksamhetsberättelse)\s+(?:år\s+)?(?P<year>(?:19|20)\d{2})\b", regex.I)
_DISTRICT = regex.compile(
    r"\b(?P<name>\p{Lu}[\p{Ll}]+(?:-\p{Lu}[\p{Ll}]+){0,2})\s+(?:stadsdelsförvaltning|stadsdelsnämnd|stadsdelsområde)",
)
_DISTRICT_IN = regex.compile(r"\bi\s+(?P<name>\p{Lu}[\p{Ll}]+(?:-\p{Lu}[\p{Ll}]+){1,2})\b")
_YEAR_HINTS = regex.compile(
    r"(?:Utvecklingsområden|Budget|årsmål år|Verksamhetsplan|under)\s+(?:år\s+)?(?P<year>(?:19|20)\d{2})\b", regex.I
)
_ISO_YEAR = regex.compile(r"\b(?P<year>(?:19|20)\d{2})-\d{2}-\d{2}\b")
_SUBJECT = regex.compile(
    r"^(?:I\s+)?(?P<unit>\p{Lu}[\p{L}\- /]{2,70}?)\s+(?:är|erbjuder|ingår|består|bedriver|arbetar|utför|ansvarar|har|"
    r"vänder|driver|ger|tillhandahåller|omfattar|riktar|leds|utgör|finns)\b"
)
_UNIT_WORD = regex.compile(r"enhet|hemtjänst|boende|förskol|gård|verksamhet|team|mottagning|center", regex.I)


def _text(lines: list[Line]) -> list[str]:
    return [collapse_ws(ln.text) for ln in lines if ln.text.strip()]


def _unit_from_cover(front: list[str]) -> str | None:
    for i, text in enumerate(front):
        if regex.search(r"stadsdelsförvaltning$", text, regex.I) and i + 1 < len(front):
            candidate = front[i + 1]
            # The cover's letterhead: administration, then the unit on the next line.
            if len(candidate) < 80 and candidate[:1].isupper() and not _PLAN_TITLE.match(candidate):
                return candidate
    for i, text in enumerate(front):
        match = _PLAN_TITLE.match(text)
        if match and i + 1 < len(front):
            candidate = front[i + 1]
            if len(candidate) < 80 and _UNIT_WORD.search(candidate):
                return candidate
    return None


def _unit_from_intro(outline: Outline) -> str | None:
    for section in outline.sections[:3]:
        match = _SUBJECT.match(section.text)
        if match and _UNIT_WORD.search(match["unit"]):
            return match["unit"].strip()
    return None


def _district(text: str, rules: Rules) -> str | None:
    """The name before 'stadsdelsförvaltning' (or -nämnd, -område); else the known district named most often."""
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
        plan_type = types.most_common(1)[0][0] if types else None
    if year is None:
        years = Counter(int(m["year"]) for m in _YEAR_HINTS.finditer(joined))
        years.update(int(m["year"]) for m in _ISO_YEAR.finditer(joined))
        year = years.most_common(1)[0][0] if years else None

    district = _district(joined, rules)

    unit = _unit_from_cover(front_text) or _unit_from_intro(outline)
    return Metadata(
        district=district,
        unit=unit,
        plan_type=plan_type,
        plan_year=year,
        dnr=collapse_ws(dnr_match["dnr"]) if dnr_match else None,
    )
