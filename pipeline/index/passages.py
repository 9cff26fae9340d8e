"""The searchable text of a plan, one passage per row of the tables that hold text, named by
that row's own ids as the tables give them (``output_id``), so a term or theme joins back to
its row."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.model import ParsedPlan
from pipeline.store.rows import output_id


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

    def out(local_id: str | None) -> str | None:
        return output_id(plan.doc_id, local_id)

    found = [Passage("goals", g.title, out(g.goal_id), None, g.ordinal, g.page) for g in plan.goals]
    found += [
        Passage("goal_sections", s.text, out(s.goal_id), None, s.ordinal, s.page) for s in plan.goal_sections
    ]
    found += [Passage("indicators", i.name, out(i.goal_id), None, i.ordinal, i.page) for i in plan.indicators]
    found += [Passage("activities", a.text, out(a.goal_id), None, a.ordinal, a.page) for a in plan.activities]
    found += [Passage("sections", s.text, None, out(s.section_id), None, s.page) for s in plan.sections]
    return [p for p in found if p.text]
