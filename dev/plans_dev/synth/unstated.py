"""Plans whose text does not state their metadata: no cover page, an introduction that names
the unit only by a common noun ("Inom förskoleenheten arbetar ..."), and other districts
mentioned in passing ("en samverkan som leds av Skärholmens stadsdelsförvaltning").

The gold keeps the plan's true district and unit (an archive knows them); a parser should
give null for what the text does not support, never another place or a sentence start.
"""

from __future__ import annotations

import random
from dataclasses import replace

from plans_dev.synth import content as C
from plans_dev.synth.spec import PlanSpec, Section

# The unit as its own staff write of it without its name, by domain.
_COMMON_NOUN = {
    "forskola": "förskoleenheten",
    "aldre": "hemtjänsten",
    "fritid": "fritidsgården",
    "bistand": "enheten",
    "stod": "verksamheten",
}
_OPENERS = (
    "Inom {noun} arbetar omkring {staff} medarbetare med att ge invånarna ett gott stöd.",
    "Inom {noun} finns flera arbetslag som planerar verksamheten tillsammans.",
    "Under året arbetar {noun} vidare med att utveckla kvaliteten i det dagliga arbetet.",
    "I {noun} arbetar medarbetare med olika yrkesbakgrund tillsammans.",
)
_PASSING = (
    "Enheten deltar i en samverkan som leds av {other_gen} stadsdelsförvaltning.",
    "Erfarenheter utbyts i ett nätverk tillsammans med {other_gen} stadsdelsförvaltning.",
    "Flera besökare kommer också från {other}.",
    "Metoden har tidigare prövats i {other} med goda resultat.",
)


def _other_district(rng: random.Random, district: str) -> C.District:
    return rng.choice([d for d in C.DISTRICTS if d.name != district])


def unstated(spec: PlanSpec, seed: int) -> PlanSpec:
    """``spec`` as a plan that states neither its district nor, exactly, its unit."""
    rng = random.Random(seed * 31 + 7)
    other = _other_district(rng, spec.district)
    ctx = {
        "noun": _COMMON_NOUN.get(spec.domain, "enheten"),
        "staff": rng.randint(18, 160),
        "other": other.name,
        "other_gen": other.genitive,
    }
    opener = rng.choice(_OPENERS).format_map(ctx)
    opener = opener[0].upper() + opener[1:]
    passing = rng.choice(_PASSING).format_map(ctx)
    intro = [_restate(section, opener, passing) for section in spec.intro]
    layout = replace(spec.layout, cover_page=False, toc=False)
    return replace(spec, intro=intro, layout=layout, dnr=None)


def _restate(section: Section, opener: str, passing: str) -> Section:
    """The section with the unit's own introduction (Enhetens uppdrag) rewritten."""
    children = [_restate(child, opener, passing) for child in section.children]
    paragraphs = list(section.paragraphs)
    if section.title == "Enhetens uppdrag":
        paragraphs = [f"{opener} {passing}", *paragraphs[1:]]
    return replace(section, paragraphs=paragraphs, children=children)
