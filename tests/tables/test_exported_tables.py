"""Tables as other exporters write them, read to the same rows: cases as data.

``cases/exported_tables.json`` holds one table per case (its lines, the header lines where
the layout matters, and the rows expected); ``cases/known_failures.json`` names the cases
that do not read right yet, each with its reason in the case's ``why``, so that what does
not work stays visible (they run as strict xfails: fixing one fails the test until the
file is updated).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.model import Goal, Line, ParsedPlan, SourceDocument, TableBlock
from pipeline.rules import load_rules
from pipeline.tables import parse_tables

CASES_DIR = Path(__file__).parent / "cases"
CASES = json.loads((CASES_DIR / "exported_tables.json").read_text(encoding="utf-8"))
KNOWN_FAILURES = set(json.loads((CASES_DIR / "known_failures.json").read_text(encoding="utf-8")))
RULES = load_rules()


def _plan(case: dict) -> ParsedPlan:
    lines = [Line(text, n + 1) for n, text in enumerate(case["lines"])]
    header = [Line(text, 0) for text in case.get("header", [])]
    source = SourceDocument("case.txt", "0" * 64, "text", "text", lines)
    plan = ParsedPlan(source=source)
    plan.goals.append(Goal("G1", None, "enhetsmal", None, None, "Ett mål", ordinal=1))
    plan.tables.append(TableBlock("G1", case["kind"], lines, 1, header))
    return plan


def _rows(plan: ParsedPlan, kind: str) -> list[list]:
    if kind == "activity":
        return [
            [a.text, a.start_raw, a.end_raw] + (["incomplete"] if a.incomplete else [])
            for a in plan.activities
        ]
    return [
        [r.name, r.target_raw, r.kf_target_raw, r.period_raw] + (["incomplete"] if r.incomplete else [])
        for r in plan.indicators
    ]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_exported_table_reads_to_its_rows(case):
    if case["name"] in KNOWN_FAILURES:
        pytest.xfail(case.get("why", "known failure"))
    plan = parse_tables(_plan(case), RULES)
    assert _rows(plan, case["kind"]) == case["rows"]


def test_known_failures_name_cases_that_exist():
    assert {c["name"] for c in CASES} >= KNOWN_FAILURES


def test_an_incomplete_row_keeps_its_raw_text_and_the_warning():
    case = next(c for c in CASES if c["name"].startswith("a row that never gets its period"))
    plan = parse_tables(_plan(case), RULES)
    partial = [r for r in plan.indicators if r.incomplete]
    assert [r.raw_text for r in partial] == ["Andel brukare som har en aktuell plan"]
    assert [p.code.value for p in plan.problems] == ["indicator_row_incomplete"]
