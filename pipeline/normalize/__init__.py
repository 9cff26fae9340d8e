"""Normalize stage: typed values from raw cells (numbers, units, periods, dates), and the
linking keys of goals and indicators (computed from this document alone)."""

from __future__ import annotations

from pipeline.lang.sv.keys import goal_key, indicator_key
from pipeline.model import ParsedPlan, Problem
from pipeline.normalize.dates import parse_date
from pipeline.normalize.numbers import parse_number
from pipeline.rules import Rules, load_rules


def normalize(plan: ParsedPlan, rules: Rules | None = None) -> ParsedPlan:
    rules = rules or load_rules()
    for goal in plan.goals:
        goal.goal_key = goal_key(goal.level, goal.code, goal.title)
    for ind in plan.indicators:
        ind.indicator_key = indicator_key(ind.name)
        ind.target_value, ind.target_unit = parse_number(ind.target_raw)
        ind.kf_target_value, ind.kf_target_unit = parse_number(ind.kf_target_raw)
        if ind.period_raw:
            ind.period = rules.periods.get(ind.period_raw.casefold(), ind.period_raw.casefold())
    for act in plan.activities:
        act.start_date = parse_date(act.start_raw)
        act.end_date = parse_date(act.end_raw)
        bad = [
            raw
            for raw, parsed in ((act.start_raw, act.start_date), (act.end_raw, act.end_date))
            if raw and parsed is None
        ]
        if bad:
            plan.problems.append(
                Problem(
                    plan.source.source_path,
                    "normalize",
                    "warning",
                    "bad_date",
                    f"activity {act.ordinal}: not a date: {', '.join(bad)}",
                    plan.doc_id,
                )
            )
        elif act.start_date and act.end_date and act.end_date < act.start_date:
            plan.problems.append(
                Problem(
                    plan.source.source_path,
                    "normalize",
                    "warning",
                    "date_order",
                    f"activity {act.ordinal}: ends {act.end_date} before it starts {act.start_date}",
                    plan.doc_id,
                )
            )
    return plan
