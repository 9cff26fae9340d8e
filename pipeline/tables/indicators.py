"""Indicator tables: ``Indikator | Årsmål | KF:s årsmål år YYYY | Periodicitet``.

A row ends at its period word ("År", "Tertial", ...) when what stands before it ends in a
value or an empty cell. The name usually wraps over several lines and stands apart (a blank
line) from the values; when it does, the values are read from the later lines only, so a
name ending in a number keeps it. A row whose values never reached their own line is read
from the right.

Which column a lone value belongs to is decided, in this order, from the layout (a double
space marks the empty cell), from its meaning ("Tas fram av nämnd" is only ever the city's
value), and otherwise it is taken as the target, as a unit's own indicators have no KF
value; that last guess is flagged ``uncertain`` when the table stands under a KF goal.
"""

from __future__ import annotations

import regex

from pipeline.model import Indicator, Line, TableBlock
from pipeline.rules import Rules
from pipeline.tables.cells import Fragment, fragments, join_fragments, strip_glyph
from pipeline.tables.values import ends_with_value, parses_as_values, split_period, split_row
from pipeline.text import collapse_ws, join_lines

_COMMENT = regex.compile(r"^Kommentar\s*:?\s*(?P<rest>.*)$", regex.I)
_SENTENCE_END = regex.compile(r"[.!?]$")


def _row_complete(text: str, rules: Rules) -> bool:
    before, period, empty_before = split_period(text, rules)
    if period is None:
        return False
    return not before.strip() or empty_before or ends_with_value(before, rules)


def _assign(values: list[str], empty_before_period: bool, empty_after_name: bool, rules: Rules):
    """(target, kf_target, uncertain) from 0-2 values and the layout hints."""
    if len(values) >= 2:
        return values[0], values[1], False
    if not values:
        return None, None, False
    value = values[0]
    if empty_before_period:
        return value, None, False
    if empty_after_name:
        return None, value, False
    if rules.kf_only.search(value):
        return None, value, False
    return value, None, True


def _indicator(
    frags: list[Fragment],
    marks_word_cuts: bool,
    rules: Rules,
    table: TableBlock,
    goal_is_kf: bool,
    ordinal: int,
) -> Indicator:
    blocks = sorted({f.block for f in frags})
    name_text = None
    if len(blocks) > 1:
        first = [f for f in frags if f.block == blocks[0]]
        rest = [f for f in frags if f.block != blocks[0]]
        rest_text = join_fragments(rest, marks_word_cuts)
        first_text = join_fragments(first, marks_word_cuts)
        # The name stands apart when the later lines hold the values, unless the first
        # line already ends in a value and the later lines hold only the period.
        if parses_as_values(rest_text, rules) and (
            split_row(rest_text, rules).values or not ends_with_value(first_text, rules)
        ):
            name_text = first_text
            cells = split_row(rest_text, rules)
    if name_text is None:
        cells = split_row(join_fragments(frags, marks_word_cuts), rules)
        name_text = cells.name
    target, kf_target, uncertain = _assign(
        cells.values, cells.empty_before_period, cells.empty_after_name, rules
    )
    return Indicator(
        goal_id=table.goal_id,
        ordinal=ordinal,
        name=collapse_ws(strip_glyph(collapse_ws(name_text), rules)),
        target_raw=collapse_ws(target) if target else None,
        kf_target_raw=collapse_ws(kf_target) if kf_target else None,
        period_raw=cells.period,
        page=frags[0].line.page,
        uncertain=uncertain and goal_is_kf,
    )


def parse_indicator_table(
    table: TableBlock, rules: Rules, marks_word_cuts: bool, goal_is_kf: bool, first_ordinal: int = 1
) -> tuple[list[Indicator], list[Line]]:
    """The table's rows, and the lines that made no row (for the record)."""
    rows: list[Indicator] = []
    pending: list[Fragment] = []
    comment: list[str] | None = None
    for frag in fragments(table.lines):
        match = _COMMENT.match(frag.text)
        if match and rows and not pending:
            comment = [match["rest"]] if match["rest"] else []
            continue
        if comment is not None:
            comment.append(frag.text)
            if _SENTENCE_END.search(frag.text):
                rows[-1].comment = join_lines(comment)
                comment = None
            continue
        pending.append(frag)
        if _row_complete(join_fragments(pending, marks_word_cuts), rules):
            rows.append(
                _indicator(pending, marks_word_cuts, rules, table, goal_is_kf, first_ordinal + len(rows))
            )
            pending = []
    if comment and rows:
        rows[-1].comment = join_lines(comment)
    leftover: list[Line] = []
    if pending:
        cells = split_row(join_fragments(pending, marks_word_cuts), rules)
        if cells.values and cells.name:
            rows.append(
                _indicator(pending, marks_word_cuts, rules, table, goal_is_kf, first_ordinal + len(rows))
            )
        else:
            leftover = [f.line for f in pending]
    return rows, leftover
