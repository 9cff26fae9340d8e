"""Segment stage: from repaired lines to the plan's structure (goals, sections, raw tables)."""

from __future__ import annotations

from pipeline.model import ParsedPlan, SourceDocument
from pipeline.rules import Rules, load_rules
from pipeline.segment.front_matter import split_front_matter
from pipeline.segment.metadata import find_metadata
from pipeline.segment.outline import build_outline
from pipeline.segment.pages import strip_page_furniture
from pipeline.template.recognise import recognise


def segment(source: SourceDocument, rules: Rules | None = None) -> ParsedPlan:
    """Find the structure of one document, read by the rules of the template it follows
    (``ParsedPlan.template``). Tables come out as raw lines for the tables stage."""
    rules = recognise(source.lines, rules or load_rules())
    paged = strip_page_furniture(source.lines, rules, estimate_pages=source.has_pages)
    split = split_front_matter(paged.lines, rules)
    outline = build_outline(split.body, rules, source.marks_word_cuts)
    for problem in outline.problems:
        problem.source_path = source.source_path
        problem.doc_id = source.doc_id
    if source.n_pages is None:
        source.n_pages = paged.n_pages
    # The cover is read with its furniture: the letterhead names the unit.
    body_start = split.body[0].lineno if split.body else None
    front = [ln for ln in source.lines if body_start is None or ln.lineno < body_start] if split.front else []
    return ParsedPlan(
        source=source,
        metadata=find_metadata(front, split.body, outline, rules),
        goals=outline.goals,
        goal_sections=outline.goal_sections,
        tables=outline.tables,
        sections=outline.sections,
        problems=outline.problems,
        template=rules.template,
    )
