"""One document through every stage: extract -> repair -> segment -> tables -> normalize.

Pure apart from reading the one input file, so it can run in any worker process.
"""

from __future__ import annotations

import time
from pathlib import Path

from pipeline.derive.rules import plan_rules
from pipeline.errors import Code, PlansError
from pipeline.extract import extract
from pipeline.model import GOAL_LEVELS, ParsedPlan, Problem, SourceDocument
from pipeline.normalize import normalize
from pipeline.repair import RepairContext, repair
from pipeline.rules import Rules, load_rules
from pipeline.segment import segment
from pipeline.tables import parse_tables

#: The stages in order, by name, so that a benchmark can time each one.
STAGES = ("extract", "repair", "segment", "tables", "normalize")


class NotAPlanError(PlansError, ValueError):
    """The file was read, but holds nothing that looks like a plan."""

    code = Code.NOT_A_PLAN


def parse_source(
    source: SourceDocument,
    rules: Rules | None = None,
    timings: dict[str, float] | None = None,
    context: RepairContext | None = None,
) -> ParsedPlan:
    """Every stage after extraction, on an already extracted document."""

    rules = rules or load_rules()
    clock = time.perf_counter
    t0 = clock()
    repaired = repair(source, rules, context)
    t1 = clock()
    plan = segment(repaired.source, rules)
    if plan.template is not None:  # the later stages read the tables of the plan's template
        rules = rules.for_template(plan.template)
    plan.repairs = repaired.repairs
    plan.damage_score = repaired.damage.score
    plan.draft = _says_draft(repaired.source)
    t2 = clock()
    parse_tables(plan, rules)
    t3 = clock()
    normalize(plan, rules)
    t4 = clock()
    if timings is not None:
        for name, seconds in zip(STAGES[1:], (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
            timings[name] = timings.get(name, 0.0) + seconds
    if not plan.goals and not _has_known_heading(plan, rules):
        raise NotAPlanError("no goal headings and none of a plan's section headings found: not a plan?")
    if not plan.goals:
        plan.problems.append(
            Problem(
                source.source_path,
                "segment",
                "warning",
                Code.NO_GOALS,
                f"no goal headings ({', '.join(level.label for level in GOAL_LEVELS)}) found",
                source.doc_id,
            )
        )
    return plan


def _says_draft(source: SourceDocument) -> bool:
    """Does the file's name or its opening (the cover, which the segments leave out) say the
    plan is a draft ("Utkast", "Förslag till verksamhetsplan")?"""
    drafts = plan_rules()
    opening, size = [], 0
    for line in source.lines:
        if size >= drafts.opening_chars:
            break
        opening.append(line.text)
        size += len(line.text) + 1
    return drafts.is_draft(source.source_path, "\n".join(opening))


def _has_known_heading(plan: ParsedPlan, rules: Rules) -> bool:
    return any(
        rules.narrative_level1.match(heading) or rules.narrative_level2.match(heading)
        for section in plan.sections
        for heading in section.path
    )


def parse_document(
    path: Path,
    rules: Rules | None = None,
    timings: dict[str, float] | None = None,
    context: RepairContext | None = None,
) -> ParsedPlan:
    """Parse one file. Raises ExtractError or NotAPlanError for input that is not a readable plan."""

    start = time.perf_counter()
    source = extract(Path(path))
    if timings is not None:
        timings["extract"] = timings.get("extract", 0.0) + time.perf_counter() - start
    return parse_source(source, rules, timings, context)
