"""Generations of the plans' template, as the generator prints them.

``kf_labelled`` is the current one (``GoalNode.heading``). ``numbered`` is an older one of our
own design, read by ``rules/templates/numbered.toml`` alone: KF goals numbered without a
label ("1. Ett Stockholm ...", "1.3 Stockholm är ..."), "Nämndens mål:" and
"Verksamhetsområdets mål:" for the nämnd's and the unit's goals, other goal sub-headings,
"Indikatorer" and "Aktiviteter" as headings above their tables, and one "Målvärde" column
where the current tables have Årsmål and KF:s årsmål. In that generation some plans are the
district's own, holding the goals of many units: such a plan has no unit (its gold says
null). ``random_older_plan`` draws such plans; the gold is read off the spec as for every plan.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field, replace

from plans_dev.synth.spec import GoalNode, IndicatorRow, PlanSpec, Section, random_plan

DEFAULT = "kf_labelled"
NUMBERED = "numbered"


@dataclass(frozen=True)
class Generation:
    """How one generation prints what the spec holds; ``None`` fields: as the current one."""

    name: str
    goal_labels: dict[str, str] = field(default_factory=dict)  # level -> label before the title
    section_headings: dict[str, str] = field(default_factory=dict)  # goal-section kind -> heading
    indicator_header: str | None = None
    activity_header: str | None = None
    table_labels: dict[str, str] = field(default_factory=dict)  # table kind -> heading above it

    def goal_heading(self, node: GoalNode) -> str:
        if not self.goal_labels:
            return node.heading
        if node.level == "kf_inriktningsmal":
            return f"{node.code}. {node.title}"
        if node.level == "kf_verksamhetsomradesmal":
            return f"{node.code} {node.title}"
        return f"{self.goal_labels[node.level]}: {node.title}"


GENERATIONS: dict[str, Generation] = {
    DEFAULT: Generation(DEFAULT),
    NUMBERED: Generation(
        NUMBERED,
        goal_labels={"namndmal": "Nämndens mål", "enhetsmal": "Verksamhetsområdets mål"},
        section_headings={
            "beskrivning": "Bakgrund",
            "forvantat_resultat": "Önskat resultat",
            "arbetssatt": "Så här arbetar vi",
            "samverkan": "Samverkan",
            "medarbetarskap": "Medarbetarskap",
            "resursanvandning": "Resurser",
            "uppfoljning": "Uppföljning",
            "utveckling": "Utvecklingsarbete",
            "kommentar": "Kommentar",
        },
        indicator_header="Indikator Målvärde Periodicitet",
        activity_header="Aktivitet Start Slut",
        table_labels={"indicator": "Indikatorer", "activity": "Aktiviteter"},
    ),
}


def generation_of(spec: PlanSpec) -> Generation:
    return GENERATIONS[spec.generation]


# A numbered list item: printed with a dash in the older generation, whose goal headings
# are numbered.
_NUMBERED_ITEM = re.compile(r"^\d+\. ")


def _dashes(paragraphs: list[str]) -> list[str]:
    return [_NUMBERED_ITEM.sub("- ", p) for p in paragraphs]


def _section(section: Section) -> Section:
    return replace(
        section, paragraphs=_dashes(section.paragraphs), children=[_section(c) for c in section.children]
    )


def _indicator(row: IndicatorRow) -> IndicatorRow | None:
    """The row with one target column (Målvärde): the unit's target, else the KF's number."""
    target = row.target if row.target is not None else row.kf_target
    if target is None or target.startswith("Tas fram"):
        return None
    return replace(row, target=target, kf_target=None)


def _goal(node: GoalNode, generation: Generation) -> GoalNode:
    sections = [
        replace(s, heading=generation.section_headings[s.kind], paragraphs=_dashes(s.paragraphs))
        for s in node.sections
    ]
    indicators = [r for r in (_indicator(row) for row in node.indicators) if r is not None]
    return replace(
        node,
        prefix=None,
        sections=sections,
        indicators=indicators,
        children=[_goal(child, generation) for child in node.children],
    )


def as_generation(spec: PlanSpec, name: str) -> PlanSpec:
    """``spec`` as a plan of generation ``name`` (laid out as a text export, not as OCR)."""
    generation = GENERATIONS[name]
    if name == DEFAULT:
        return spec
    return replace(
        spec,
        generation=name,
        layout=replace(spec.layout, ocr=False),
        intro=[_section(s) for s in spec.intro],
        outro=[_section(s) for s in spec.outro],
        goals=[_goal(g, generation) for g in spec.goals],
    )


_DISTRICT_UPPDRAG = (
    "Stadsdelsnämnden ansvarar för förskola, äldreomsorg, stöd och service, ekonomiskt bistånd "
    "samt kultur och fritid inom stadsdelsområdet {district}. I stadsdelsområdet finns bland annat "
    "{unit} och ett tjugotal andra enheter."
)


def as_district_plan(spec: PlanSpec) -> PlanSpec:
    """``spec`` as the district's own plan: its introduction speaks for the nämnd and the
    units it holds, so the plan has no unit of its own (no cover page naming one)."""
    lead = _DISTRICT_UPPDRAG.format(district=spec.district, unit=spec.unit)

    def restate(section: Section) -> Section:
        children = [restate(child) for child in section.children]
        if section.title != "Enhetens uppdrag":
            return replace(section, children=children)
        return replace(section, heading="Nämndens uppdrag", paragraphs=[lead], children=children)

    layout = replace(spec.layout, cover_page=False, toc=False)
    return replace(spec, unit=None, dnr=None, layout=layout, intro=[restate(s) for s in spec.intro])


def random_older_plan(seed: int, district_share: float = 0.3, **overrides: object) -> PlanSpec:
    """A plan of the older, numbered generation, from the years it was in use; a share
    ``district_share`` of them are district plans (``as_district_plan``)."""
    rng = random.Random(seed)
    year = rng.randint(2015, 2019)
    district_plan = rng.random() < district_share
    overrides = {"plan_year": year, "ocr": False, **overrides}
    spec = as_generation(random_plan(seed, **overrides), NUMBERED)
    return as_district_plan(spec) if district_plan else spec
