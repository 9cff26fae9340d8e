"""The linking vocabulary and thresholds, as data: ``rules/linking.toml`` and
``rules/link_stopwords.txt`` (changing them changes ``parser_version``, as every rule does)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pipeline.lang.sv.fold import fold
from pipeline.rules import rules_toml, rules_word_list


@dataclass(frozen=True)
class GoalLinking:
    """How goals are grouped across documents at query time (by ``pipeline.link.groups``)."""

    fuzzy_levels: tuple[str, ...]
    threshold: float
    same_kf_threshold: float
    same_kf_lemma_overlap: float = 101.0  # above 100: the lemma overlap rule is off


@dataclass(frozen=True)
class Vocabulary:
    goals: GoalLinking
    indicator_synonyms: dict[str, str]  # folded name -> folded canonical name
    stopwords: frozenset[str]  # folded words left out when wordings are compared


@cache
def load_vocabulary() -> Vocabulary:
    data = rules_toml("linking.toml")
    stopwords = frozenset(fold(w) for w in rules_word_list("link_stopwords.txt"))
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
            same_kf_lemma_overlap=float(goals.get("same_kf_lemma_overlap", 101.0)),
        ),
        indicator_synonyms=synonyms,
        stopwords=stopwords,
    )
