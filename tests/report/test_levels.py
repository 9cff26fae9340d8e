"""Each goal in the report wears its level's label and colour, as the model declares them."""

from __future__ import annotations

import re

from pipeline.model import GOAL_LEVELS
from pipeline.report.html import LEVEL_COLOURS, STYLE, DocumentView, Renderer


def _goal(n: int, level: str) -> dict:
    return {
        "goal_id": f"G{n}",
        "parent_goal_id": None,
        "level": level,
        "code": None,
        "prefix": None,
        "title": f"Mål {n}",
        "goal_key": None,
    }


def test_each_goal_shows_its_level_label_and_class():
    goals = [_goal(n, level.name) for n, level in enumerate(GOAL_LEVELS)]
    renderer = Renderer(DocumentView({"doc_id": "d"}, goals=goals))
    for goal, level in zip(goals, GOAL_LEVELS, strict=True):
        page = renderer.goal(goal)
        assert f'class="goal {level.name}"' in page
        assert re.search(rf'<span class="badge">{re.escape(level.label)}</span>', page)


def test_each_level_has_its_colour_in_the_style_sheet():
    assert len(set(LEVEL_COLOURS)) == len(GOAL_LEVELS)
    for level, colour in zip(GOAL_LEVELS, LEVEL_COLOURS, strict=True):
        assert f"details.{level.name} {{ border-left-color: {colour}; }}" in STYLE
        assert f"details.{level.name} > summary .badge {{ background: {colour}; }}" in STYLE
    # after the rule for every goal, so that it wins
    assert STYLE.index("details.goal {") < STYLE.index(f"details.{GOAL_LEVELS[0].name} {{")


def test_an_undeclared_level_shows_its_name():
    renderer = Renderer(DocumentView({"doc_id": "d"}, goals=[_goal(1, "okand_niva")]))
    assert '<span class="badge">okand_niva</span>' in renderer.goal(_goal(1, "okand_niva"))
