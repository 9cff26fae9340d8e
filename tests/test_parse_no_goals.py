"""A plan without goal headings is parsed, with a warning that names every goal level."""

from __future__ import annotations

from pipeline.model import GOAL_LEVELS, Line, SourceDocument
from pipeline.parse import parse_source

TEXT = """Inledning
Enheten för fritid är en del av stadsdelsförvaltningen.

Ekonomi
Budgeten är i balans.
"""


def test_a_plan_without_goals_warns_naming_every_level():
    lines = [Line(text, n) for n, text in enumerate(TEXT.splitlines(), start=1)]
    plan = parse_source(SourceDocument("plan.txt", "0" * 64, "text", "text", lines))
    (problem,) = [p for p in plan.problems if p.code == "no_goals"]
    assert plan.goals == [] and problem.severity == "warning"
    for level in GOAL_LEVELS:
        assert level.label in problem.message
