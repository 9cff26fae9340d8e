"""Goal keys start with their level's declared prefix; KF levels are keyed by their code."""

from __future__ import annotations

from pipeline.link.keys import goal_key
from pipeline.model import GOAL_LEVELS

TITLE = "Invånarna kan ta del av ett brett kulturutbud"


def test_every_level_keys_its_goals_with_its_prefix():
    for level in GOAL_LEVELS:
        assert goal_key(level.name, None, TITLE).startswith(f"{level.key_prefix}:")
        if level.is_kf:
            assert goal_key(level.name, "1.3.", TITLE) == f"{level.key_prefix}:1.3"


def test_only_kf_levels_are_keyed_by_code():
    for level in GOAL_LEVELS:
        with_code, without = goal_key(level.name, "2", TITLE), goal_key(level.name, None, TITLE)
        assert (with_code != without) == level.is_kf, level
