"""The searchable text of a plan, one passage per row of the tables that hold text, named by
that row's own ids (so a term or theme joins back to its row)."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.model import ParsedPlan


@dataclass(frozen=True)
class Passage:
    source: str  # the table of the row: goals | goal_sections | indicators | activities | sections
    text: str
    goal_id: str | None = None
    section_id: str | None = None
    ordinal: int | None = None
    page: int | None = None


def passages(plan: ParsedPlan) -> list[Passage]:
    """Goal titles, goal sections, indicator names, activities and narrative sections."""
    found = [Passage("goals", g.title, g.goal_id, None, g.ordinal, g.page) for g in plan.goals]
    found += [
        Passage("goal_sections", s.text, s.goal_id, None, s.ordinal, s.page) for s in plan.goal_sections
    ]
    found += [Passage("indicators", i.name, i.goal_id, None, i.ordinal, i.page) for i in plan.indicators]
    found += [Passage("activities", a.text, a.goal_id, None, a.ordinal, a.page) for a in plan.activities]
    found += [Passage("sections", s.text, None, s.section_id, None, s.page) for s in plan.sections]
    return [p for p in found if p.text]
