"""Linking: the same goal or indicator in different plans, across units and years.

``keys`` computes the stored keys (``goals.goal_key``, ``indicators.indicator_key``) from one
document alone; ``groups`` groups goals across documents at query time, where edited wording
needs other documents to compare with (``pipeline.catalog.link_goals`` runs it on a catalog).
"""

from __future__ import annotations

from pipeline.link.keys import canonical_indicator, fold, goal_key, indicator_key, wording_skeleton

__all__ = ["canonical_indicator", "fold", "goal_key", "indicator_key", "wording_skeleton"]
