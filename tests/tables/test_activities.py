"""Activity rows: text over lines, dates on the last line or on their own."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.model import Line, TableBlock
from pipeline.rules import load_rules
from pipeline.tables.activities import parse_activity_table

RULES = load_rules()


def rows(text: str):
    lines = [Line(t, i + 1) for i, t in enumerate(text.split("\n"))]
    found, leftover = parse_activity_table(TableBlock("G1", "activity", lines), RULES, True)
    return [(r.text, r.start_raw, r.end_raw) for r in found], leftover


def test_dates_on_their_own_line_and_at_line_end():
    got, leftover = rows(
        " Enheten inför digital \nsignering av \nscheman \n\n2025-01-01 2025-06-30 \n\n"
        " Utbildning i brandskydd 2025-03-01 2025-03-31 "
    )
    assert got == [
        ("Enheten inför digital signering av scheman", "2025-01-01", "2025-06-30"),
        ("Utbildning i brandskydd", "2025-03-01", "2025-03-31"),
    ]
    assert leftover == []


def test_dates_inside_the_text_are_kept_and_spaces_collapsed():
    got, _ = rows(" Klart senast  1 maj 2025 2025-01-01 2025-05-01 ")
    assert got == [("Klart senast 1 maj 2025", "2025-01-01", "2025-05-01")]


def test_row_without_dates_is_kept_and_reported():
    got, leftover = rows(" Ny rutin för nycklar ")
    assert got == [("Ny rutin för nycklar", None, None)]
    assert len(leftover) == 1


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_never_crashes_on_random_text(text):
    got, leftover = rows(text)
    assert all(isinstance(r[0], str) for r in got)
    assert all(line.text.strip() for line in leftover)
