"""Vocabulary of the synthetic plans: our own Swedish text, loaded from the data files in
``vocabulary/`` (package data), so that editing the words is editing data, not code.

Nothing there is copied from the real corpus; the point is to have realistic municipal-plan
language (with plenty of å/ä/ö) that the generator can recombine into thousands of different
documents. Strings may hold ``{placeholders}`` that the sampler fills per document:
``unit``, ``district``, ``district_gen``, ``area``, ``year``, ``prev``, ``next``, ``staff``,
``users``, ``chefs``, ``budget``, ``pct``.

The names below are what the generator reads (``C.TOPICS``, ``C.ARBETSSATT``, ...); the pools
are tuples, the mappings keep the order of their file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class District:
    """A stadsdelsområde with the bits the generator needs to make it look real."""

    name: str
    genitive: str
    dnr_prefix: str
    areas: tuple[str, ...]
    streets: tuple[str, ...]


@dataclass(frozen=True)
class IndicatorDef:
    """An indicator name with the kind of values it usually carries.

    ``kind``: pct, dec (decimal without unit), int, kr, max (``Max N <unit_word>``), dir (öka/minska).
    ``kf``: what the KF column usually holds: same (a value of the same kind), namnd ("Tas fram av
    nämnd"), dir (öka/minska), none (a nämnd/enhet indicator without a KF value).
    """

    name: str
    kind: str
    lo: float
    hi: float
    periods: tuple[str, ...] = ("År",)
    kf: str = "none"
    unit_word: str = "personer"
    better: str = "öka"  # the direction written as "öka"/"minska" where no number is set


@dataclass(frozen=True)
class Topic:
    """Everything that belongs to one policy area of the goal tree."""

    namnd: tuple[str, ...]
    enhet: tuple[str, ...]
    beskrivning: tuple[str, ...]
    resultat: tuple[str, ...]
    indicators: tuple[IndicatorDef, ...]
    activities: tuple[str, ...]


@dataclass(frozen=True)
class Domain:
    """A kind of unit (förskola, äldreomsorg, ...): its names and how it describes itself."""

    topic: str
    units: tuple[str, ...]
    uppdrag_first: tuple[str, ...]
    uppdrag: tuple[str, ...]
    utveckling: tuple[str, ...]


def _load(name: str) -> dict[str, Any]:
    """One file of ``vocabulary/``, parsed."""
    return tomllib.loads((resources.files(__package__) / "vocabulary" / name).read_text(encoding="utf-8"))


# --- places and people ---------------------------------------------------------------------

DISTRICTS: tuple[District, ...] = tuple(
    District(d["name"], d["genitive"], d["dnr_prefix"], tuple(d["areas"]), tuple(d["streets"]))
    for d in _load("districts.toml")["district"]
)

_names = _load("names.toml")
FIRST_NAMES: tuple[str, ...] = tuple(_names["first_names"])
LAST_NAMES: tuple[str, ...] = tuple(_names["last_names"])
GARDEN_NAMES: tuple[str, ...] = tuple(_names["garden_names"])

# --- domains -------------------------------------------------------------------------------

DOMAINS: dict[str, Domain] = {
    name: Domain(
        topic=d["topic"],
        units=tuple(d["units"]),
        uppdrag_first=tuple(d["uppdrag_first"]),
        uppdrag=tuple(d["uppdrag"]),
        utveckling=tuple(d["utveckling"]),
    )
    for name, d in _load("domains.toml").items()
}

# --- topics (policy areas of the goal tree) ------------------------------------------------

_topics = _load("topics.toml")
_LOWER_IS_BETTER: tuple[str, ...] = tuple(_topics["lower_is_better"])


def _indicator(d: dict[str, Any]) -> IndicatorDef:
    """An indicator of the data (fields left out keep their defaults); its ``better``
    direction follows from its name."""
    given = {k: tuple(v) if isinstance(v, list) else v for k, v in d.items()}
    low = d["name"].lower()
    return IndicatorDef(**given, better="minska" if any(w in low for w in _LOWER_IS_BETTER) else "öka")


TOPICS: dict[str, Topic] = {
    name: Topic(
        namnd=tuple(t["namnd"]),
        enhet=tuple(t["enhet"]),
        beskrivning=tuple(t["beskrivning"]),
        resultat=tuple(t["resultat"]),
        indicators=tuple(_indicator(d) for d in t["indicators"]),
        activities=tuple(t["activities"]),
    )
    for name, t in _topics["topics"].items()
}

# --- KF goals: number -> title variants; code -> (topic, title variants) -------------------

_kf = _load("kf_goals.toml")
KF_INRIKTNINGSMAL: dict[str, tuple[str, ...]] = {n: tuple(t) for n, t in _kf["inriktningsmal"].items()}
KF_VERKSAMHETSMAL: dict[str, tuple[str, tuple[str, ...]]] = {
    code: (g["topic"], tuple(g["titles"])) for code, g in _kf["verksamhetsmal"].items()
}

# --- goal-section text that fits any topic -------------------------------------------------

_goal_sections = _load("goal_sections.toml")
GOAL_SECTION_HEADINGS: dict[str, str] = dict(_goal_sections["headings"])
_goal_pools = _goal_sections["pools"]
ARBETSSATT: tuple[str, ...] = tuple(_goal_pools["arbetssatt"])
UPPFOLJNING: tuple[str, ...] = tuple(_goal_pools["uppfoljning"])
UTVECKLING: tuple[str, ...] = tuple(_goal_pools["utveckling"])
RESURSANVANDNING: tuple[str, ...] = tuple(_goal_pools["resursanvandning"])
KOMMENTAR: tuple[str, ...] = tuple(_goal_pools["kommentar"])
SAMVERKAN: tuple[str, ...] = tuple(_goal_pools["samverkan"])
MEDARBETARSKAP: tuple[str, ...] = tuple(_goal_pools["medarbetarskap"])

#: Fragments for sentences built on the fly: "Under {year} ska <subject> <action> för att <purpose>."
_fragments = _goal_sections["fragments"]
SUBJECTS: tuple[str, ...] = tuple(_fragments["subjects"])
ACTIONS: tuple[str, ...] = tuple(_fragments["actions"])
PURPOSES: tuple[str, ...] = tuple(_fragments["purposes"])

# --- narrative sections --------------------------------------------------------------------

_narrative = _load("narrative.toml")
_narrative_pools = _narrative["pools"]
ORGANISATION: tuple[str, ...] = tuple(_narrative_pools["organisation"])
RESURS_NARRATIVE: tuple[str, ...] = tuple(_narrative_pools["resurs_narrative"])
BUDGET: tuple[str, ...] = tuple(_narrative_pools["budget"])
KVALITET: tuple[str, ...] = tuple(_narrative_pools["kvalitet"])
SYNPUNKTER: tuple[str, ...] = tuple(_narrative_pools["synpunkter"])
AVVIKELSER: tuple[str, ...] = tuple(_narrative_pools["avvikelser"])
AGENDA: tuple[str, ...] = tuple(_narrative_pools["agenda"])
MEDVERKAN: tuple[str, ...] = tuple(_narrative_pools["medverkan"])
FORUTSATTNINGAR: tuple[str, ...] = tuple(_narrative_pools["forutsattningar"])
DELAKTIGHET: tuple[str, ...] = tuple(_narrative_pools["delaktighet"])
INLEDNING_EXTRA: tuple[str, ...] = tuple(_narrative_pools["inledning_extra"])

#: Level-3 headings under "Systematiskt kvalitetsarbete", with the name of their text's pool.
KVALITET_CHILDREN: tuple[tuple[str, str], ...] = tuple(
    (child["heading"], child["pool"]) for child in _narrative["kvalitet_children"]
)

COMMENTS: tuple[str, ...] = tuple(_narrative_pools["comments"])
ACTIVITY_TAILS: tuple[str, ...] = tuple(_narrative_pools["activity_tails"])
