"""Linking: the same goal or indicator in different plans, across units and years.

Not a stage but a layer the stages and the query side share, like ``pipeline.lang``: the
stored keys (``goals.goal_key``, ``indicators.indicator_key``, ``keys`` with the vocabulary of
``rules/linking.toml``, ``vocabulary``) are computed from one document alone by the normalize
stage; ``groups`` groups goals across documents at query time, where edited wording needs
other documents to compare with (``pipeline.catalog.link_goals`` runs it on a catalog).
Linking builds on the Swedish folds of ``pipeline.lang.sv`` and imports no stage.
"""
