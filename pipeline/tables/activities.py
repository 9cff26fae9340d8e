"""Activity tables: ``Aktivitet | Startdatum | Slutdatum``.

In a text export a row ends at its pair of dates, whether they close the row's last line of
text or stand on a line of their own; everything since the previous row is the activity's
text. After an OCR pass the dates close the row's *first* line and the text goes on below
until the next line that ends in dates (see ``pipeline.tables.layout`` for which is which).
"""

from __future__ import annotations

import regex

from pipeline.model import Activity, Line, TableBlock
from pipeline.rules import Rules
from pipeline.tables.cells import Fragment, fragments, join_fragments, strip_glyph, strip_stray_glyph
from pipeline.tables.layout import FIRST_LINE, LAST_LINE, Reading, choose, count_flaws
from pipeline.text import collapse_ws, join_wrapped

_DATE = r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{4}|\d{4}/\d{1,2}/\d{1,2}|\d{4}\.\d{1,2}\.\d{1,2}"
_DATES_AT_END = regex.compile(rf"(?:^|\s)(?P<start>{_DATE})\s+(?P<end>{_DATE})\s*$")


def _activity(
    text: str,
    start: str | None,
    end: str | None,
    rules: Rules,
    table: TableBlock,
    ordinal: int,
    page: int | None,
) -> Activity:
    return Activity(
        goal_id=table.goal_id,
        ordinal=ordinal,
        text=collapse_ws(strip_glyph(collapse_ws(text), rules)),
        start_raw=start,
        end_raw=end,
        page=page,
    )


def _last_line_row(
    frags: list[Fragment], marks_word_cuts: bool, rules: Rules, table: TableBlock, ordinal: int
) -> Activity:
    text = join_fragments(frags, marks_word_cuts)
    match = _DATES_AT_END.search(text)
    start = end = None
    if match:
        start, end = match["start"], match["end"]
        text = text[: match.start()]
    return _activity(text, start, end, rules, table, ordinal, frags[0].line.page)


def _last_line_reading(
    frags: list[Fragment], marks_word_cuts: bool, rules: Rules, table: TableBlock, first_ordinal: int
) -> Reading[Activity]:
    rows: list[Activity] = []
    pending: list[Fragment] = []
    for frag in frags:
        pending.append(frag)
        if _DATES_AT_END.search(join_fragments(pending, marks_word_cuts)):
            rows.append(_last_line_row(pending, marks_word_cuts, rules, table, first_ordinal + len(rows)))
            pending = []
    leftover: list[Line] = []
    if pending:
        # Text after the last pair of dates: an activity without dates, kept and marked so
        # that the lost dates show in the table (its lines stay in leftover for the warning).
        row = _last_line_row(pending, marks_word_cuts, rules, table, first_ordinal + len(rows))
        row.incomplete = True
        row.raw_text = collapse_ws(join_fragments(pending, marks_word_cuts))
        rows.append(row)
        leftover = [f.line for f in pending]
    return Reading(LAST_LINE, rows, leftover, count_flaws([r.text for r in rows], leftover))


def _first_line_reading(
    frags: list[Fragment], marks_word_cuts: bool, rules: Rules, table: TableBlock, first_ordinal: int
) -> Reading[Activity]:
    heads: list[tuple[regex.Match, list[Fragment]]] = []  # a row's dates and its lines
    leftover: list[Line] = []
    for frag in frags:
        match = _DATES_AT_END.search(frag.text)
        if match:
            heads.append((match, [frag]))
        elif heads:
            heads[-1][1].append(frag)
        else:
            leftover.append(frag.line)
    rows: list[Activity] = []
    for match, (head, *rest) in heads:
        parts = [head.text[: match.start()] + " ", *(strip_stray_glyph(f.raw, rules) for f in rest)]
        text = join_wrapped(parts, marks_word_cuts)
        ordinal = first_ordinal + len(rows)
        rows.append(_activity(text, match["start"], match["end"], rules, table, ordinal, head.line.page))
    return Reading(FIRST_LINE, rows, leftover, count_flaws([r.text for r in rows], leftover))


def parse_activity_table(
    table: TableBlock, rules: Rules, marks_word_cuts: bool, first_ordinal: int = 1
) -> tuple[list[Activity], list[Line]]:
    """The table's rows, and the lines that made no dated row (for the record)."""
    reading = read_activity_table(table, rules, marks_word_cuts, first_ordinal)
    return reading.rows, reading.leftover


def read_activity_table(
    table: TableBlock, rules: Rules, marks_word_cuts: bool, first_ordinal: int = 1
) -> Reading[Activity]:
    """The table read in the layout that fits it best."""
    frags = fragments(table.lines)
    last = _last_line_reading(frags, marks_word_cuts, rules, table, first_ordinal)
    opens_with_dates = bool(frags) and _DATES_AT_END.search(frags[0].text) is not None
    first = (
        (lambda: _first_line_reading(frags, marks_word_cuts, rules, table, first_ordinal))
        if opens_with_dates
        else None
    )
    return choose(last, first)
