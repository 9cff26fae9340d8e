"""Tables made across all documents of a run, after their rows are assembled.

- ``plans`` (``plans.py``): which documents hold the same plan (a text export and a PDF of
  it, a re-scan, a draft and the adopted version) and which copy the views count;
  ``documents.plan_id`` / ``preferred`` / ``copy_rank`` are filled here (``draft`` is read
  off each document at parse: ``pipeline.parse``);
- ``kf_goals`` (``kf_goals.py``): the council's goals keyed by code within a mandate period;
- ``indicators`` (``kf_targets.py``): an uncertain lone value placed in the target or the KF
  column by the KF value the other plans of its year print for the indicator.

All are recomputed from the whole output at every run (full or incremental), and their ids
are derived from content and metadata, never from row order, so they are stable across runs.
"""

from __future__ import annotations

import pyarrow as pa

from pipeline.derive.kf_goals import kf_goal_table
from pipeline.derive.kf_targets import place_lone_values
from pipeline.derive.plans import identify_plans

__all__ = ["derive_tables", "identify_plans", "kf_goal_table", "place_lone_values"]


def derive_tables(tables: dict[str, pa.Table]) -> dict[str, pa.Table]:
    """``tables`` with ``documents``' plan columns filled, lone indicator values placed, and
    ``plans`` and ``kf_goals`` made."""
    documents, plans = identify_plans(tables["documents"], tables["goals"], tables["indicators"])
    out = dict(tables)
    out["documents"] = documents
    out["plans"] = plans
    out["kf_goals"] = kf_goal_table(documents, tables["goals"])
    out["indicators"] = place_lone_values(documents, tables["indicators"])
    return out
