"""The linking vocabulary and thresholds, as data: ``rules/linking.toml`` and
``rules/link_stopwords.txt`` (changing them changes ``parser_version``, as every rule does)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from pipeline.lang.sv.fold import fold
from pipeline.rules import rules_dir


@dataclass(frozen=True)
class GoalLinking:
    """How goals are grouped across documents at query time (by ``pipeline.link.groups``)."""

    fuzzy_levels: tuple[str, ...]
    threshold: float
    same_kf_threshold: float


@dataclass(frozen=True)
class Vocabulary:
    goals: GoalLinking
    indicator_synonyms: dict[str, str]  # folded name -> folded canonical name
    stopwords: frozenset[str]  # folded words left out when wordings are compared


@cache
def load_vocabulary() -> Vocabulary:
    with open(rules_dir() / "linking.toml", "rb") as fh:
        data = tomllib.load(fh)
    lines = (rules_dir() / "link_stopwords.txt").read_text(encoding="utf-8").splitlines()
    stopwords = frozenset(fold(w) for w in lines if w.strip() and not w.lstrip().startswith("#"))
    goals = data["goals"]
    synonyms = {}
    for canonical, variants in data["indicators"]["synonyms"].items():
        for variant in variants:
            synonyms[fold(variant)] = fold(canonical)
    return Vocabulary(
        goals=GoalLinking(
            fuzzy_levels=tuple(goals["fuzzy_levels"]),
            threshold=float(goals["threshold"]),
            same_kf_threshold=float(goals["same_kf_threshold"]),
        ),
        indicator_synonyms=synonyms,
        stopwords=stopwords,
    )
