"""Activity tables: ``Aktivitet | Startdatum | Slutdatum``.

A row ends at its pair of dates, whether they close the row's last line of text or stand
on a line of their own; everything since the previous row is the activity's text.
"""

from __future__ import annotations

import regex

from pipeline.model import Activity, Line, TableBlock
from pipeline.rules import Rules
from pipeline.tables.cells import Fragment, fragments, join_fragments, strip_glyph
from pipeline.text import collapse_ws

_DATE = r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{4}|\d{4}/\d{1,2}/\d{1,2}|\d{4}\.\d{1,2}\.\d{1,2}"
_DATES_AT_END = regex.compile(rf"(?:^|\s)(?P<start>{_DATE})\s+(?P<end>{_DATE})\s*$")


def _activity(
    frags: list[Fragment], marks_word_cuts: bool, rules: Rules, table: TableBlock, ordinal: int
) -> Activity:
    text = join_fragments(frags, marks_word_cuts)
    match = _DATES_AT_END.search(text)
    start = end = None
    if match:
        start, end = match["start"], match["end"]
        text = text[: match.start()]
    return Activity(
        goal_id=table.goal_id,
        ordinal=ordinal,
        text=collapse_ws(strip_glyph(collapse_ws(text), rules)),
        start_raw=start,
        end_raw=end,
        page=frags[0].line.page,
    )


def parse_activity_table(
    table: TableBlock, rules: Rules, marks_word_cuts: bool, first_ordinal: int = 1
) -> tuple[list[Activity], list[Line]]:
    rows: list[Activity] = []
    pending: list[Fragment] = []
    for frag in fragments(table.lines):
        pending.append(frag)
        if _DATES_AT_END.search(join_fragments(pending, marks_word_cuts)):
            rows.append(_activity(pending, marks_word_cuts, rules, table, first_ordinal + len(rows)))
            pending = []
    leftover: list[Line] = []
    if pending:
        # Text after the last pair of dates: an activity without dates.
        rows.append(_activity(pending, marks_word_cuts, rules, table, first_ordinal + len(rows)))
        leftover = [f.line for f in pending]
    return rows, leftover
