"""Tables stage: rows of the indicator and activity tables the segment stage found."""

from __future__ import annotations

from pipeline.errors import Code
from pipeline.model import LEVELS_BY_NAME, ParsedPlan, Problem
from pipeline.rules import Rules, load_rules
from pipeline.tables.activities import parse_activity_table
from pipeline.tables.grid import grid_activities, grid_indicators, has_cells
from pipeline.tables.indicators import parse_indicator_table
from pipeline.tables.text_grid import text_grid

_ROW_INCOMPLETE = {"indicator": Code.INDICATOR_ROW_INCOMPLETE, "activity": Code.ACTIVITY_ROW_INCOMPLETE}


def parse_tables(plan: ParsedPlan, rules: Rules | None = None) -> ParsedPlan:
    rules = rules or load_rules()
    marks_word_cuts = plan.source.marks_word_cuts
    kf_goals = {g.goal_id for g in plan.goals if LEVELS_BY_NAME[g.level].is_kf}
    for table in plan.tables:
        is_kf = table.goal_id in kf_goals
        if not has_cells(table):
            table = text_grid(table, rules, marks_word_cuts) or table
        if has_cells(table):
            if table.kind == "indicator":
                rows, leftover = grid_indicators(table, rules, is_kf, len(plan.indicators) + 1)
                plan.indicators.extend(rows)
            else:
                rows, leftover = grid_activities(table, rules, len(plan.activities) + 1)
                plan.activities.extend(rows)
        elif table.kind == "indicator":
            rows, leftover = parse_indicator_table(
                table,
                rules,
                marks_word_cuts,
                is_kf,
                first_ordinal=len(plan.indicators) + 1,
            )
            plan.indicators.extend(rows)
        else:
            rows, leftover = parse_activity_table(table, rules, marks_word_cuts, len(plan.activities) + 1)
            plan.activities.extend(rows)
        for row in rows:
            row.table_id = table.table_id
        if leftover:
            where = f"lines {leftover[0].lineno}-{leftover[-1].lineno}"
            plan.problems.append(
                Problem(
                    plan.source.source_path,
                    "tables",
                    "warning",
                    _ROW_INCOMPLETE[table.kind],
                    f"{where}: {table.kind} table text that completes no row: "
                    f"{' '.join(ln.text.strip() for ln in leftover)[:120]!r}",
                    plan.doc_id,
                )
            )
    return plan
