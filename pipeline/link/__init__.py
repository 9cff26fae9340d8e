"""Linking: the same goal or indicator in different plans, across units and years.

The stored keys (``goals.goal_key``, ``indicators.indicator_key``) are computed from one
document alone by the normalize stage (``pipeline.lang.sv.keys``, shared with this stage);
``groups`` groups goals across documents at query time, where edited wording needs other
documents to compare with (``pipeline.catalog.link_goals`` runs it on a catalog).
"""
