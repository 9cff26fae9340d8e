"""Synthetic Swedish plan documents with exact gold annotations, for tests and benchmarks.

``random_plan`` draws what a plan says, ``render_text`` lays it out like a PDF text export and
``gold_of`` annotates it; all three are deterministic for a given seed.
"""

from __future__ import annotations

from plans_dev.synth.gold import gold_of
from plans_dev.synth.render import Rendered, render_document, render_text
from plans_dev.synth.spec import PlanSpec, random_plan

__all__ = ["PlanSpec", "Rendered", "gold_of", "random_plan", "render_document", "render_text"]
