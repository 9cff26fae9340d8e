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

After an OCR pass the values and period close the row's *first* line ("Andel brukare som
88 % År") and the name goes on below, blank lines and all, until the next such line or a
"Kommentar" (see ``pipeline.tables.layout`` for which layout a table is read in).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import regex

from pipeline.model import Indicator, Line, TableBlock
from pipeline.rules import Rules
from pipeline.tables.blocks import block_rows
from pipeline.tables.cells import (
    COMMENT,
    SENTENCE_END,
    Fragment,
    fragments,
    join_fragments,
    strip_glyph,
    strip_stray_glyph,
)
from pipeline.tables.column_groups import GroupedRow, column_group_rows
from pipeline.tables.layout import BLOCKS, FIRST_LINE, LAST_LINE, Reading, choose, count_flaws
from pipeline.tables.values import Cells, ends_with_value, parses_as_values, split_period, split_row
from pipeline.tables.wrapped import heal_wrapped_values
from pipeline.text import collapse_ws, join_lines, join_wrapped


def _row_complete(text: str, rules: Rules) -> bool:
    before, period, empty_before = split_period(text, rules)
    if period is None:
        return False
    return not before.strip() or empty_before or ends_with_value(before, rules)


def _opens_row(text: str, rules: Rules) -> bool:
    """Could this line open a first-line row? It ends in a period as the cell prints it,
    capitalised ("År", "Tertial"; a name that wraps after "per år" does not), whatever stands
    before it: values, an empty cell, or only the name where the OCR pass lost the values."""
    _, period, _ = split_period(text, rules)
    return period is not None and period[:1].isupper()


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
    name_text: str,
    cells: Cells,
    rules: Rules,
    table: TableBlock,
    goal_is_kf: bool,
    ordinal: int,
    page: int | None,
) -> Indicator:
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
        page=page,
        uncertain=uncertain and goal_is_kf,
    )


def _last_line_row(
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
    return _indicator(name_text, cells, rules, table, goal_is_kf, ordinal, frags[0].line.page)


def _last_line_reading(
    frags: list[Fragment],
    marks_word_cuts: bool,
    rules: Rules,
    table: TableBlock,
    goal_is_kf: bool,
    first_ordinal: int,
) -> Reading[Indicator]:
    rows: list[Indicator] = []
    pending: list[Fragment] = []
    comment: list[str] | None = None
    for frag in frags:
        match = COMMENT.match(frag.text)
        if match and rows and not pending:
            comment = [match["rest"]] if match["rest"] else []
            continue
        if comment is not None:
            comment.append(frag.text)
            if SENTENCE_END.search(frag.text):
                rows[-1].comment = join_lines(comment)
                comment = None
            continue
        pending.append(frag)
        if _row_complete(join_fragments(pending, marks_word_cuts), rules):
            ordinal = first_ordinal + len(rows)
            rows.append(_last_line_row(pending, marks_word_cuts, rules, table, goal_is_kf, ordinal))
            pending = []
    if comment and rows:
        rows[-1].comment = join_lines(comment)
    leftover: list[Line] = []
    if pending:
        cells = split_row(join_fragments(pending, marks_word_cuts), rules)
        if cells.values and cells.name:
            ordinal = first_ordinal + len(rows)
            rows.append(_last_line_row(pending, marks_word_cuts, rules, table, goal_is_kf, ordinal))
        else:
            leftover = [f.line for f in pending]
    return Reading(LAST_LINE, rows, leftover, count_flaws([r.name for r in rows], leftover))


def _first_line_row(
    group: list[Fragment],
    marks_word_cuts: bool,
    rules: Rules,
    table: TableBlock,
    goal_is_kf: bool,
    ordinal: int,
) -> Indicator:
    head, *rest = group
    cells = split_row(head.text, rules)
    parts = [cells.name + " ", *(strip_stray_glyph(f.raw, rules) for f in rest)]
    name_text = join_wrapped(parts, marks_word_cuts)
    return _indicator(name_text, cells, rules, table, goal_is_kf, ordinal, head.line.page)


def _first_line_reading(
    frags: list[Fragment],
    marks_word_cuts: bool,
    rules: Rules,
    table: TableBlock,
    goal_is_kf: bool,
    first_ordinal: int,
) -> Reading[Indicator]:
    """Rows that open at a line ending in their period; a "Kommentar" closes the row, and its
    text runs to a full stop or to the next row."""
    rows: list[Indicator] = []
    group: list[Fragment] = []
    leftover: list[Line] = []
    comment: list[str] | None = None

    def close_row() -> None:
        if group:
            ordinal = first_ordinal + len(rows)
            rows.append(_first_line_row(group, marks_word_cuts, rules, table, goal_is_kf, ordinal))
            group.clear()

    for frag in frags:
        opens = _opens_row(frag.text, rules)
        if comment is not None and not opens:
            comment.append(frag.text)
            if SENTENCE_END.search(frag.text):
                rows[-1].comment = join_lines(comment)
                comment = None
            continue
        if comment is not None:
            rows[-1].comment = join_lines(comment) or None
            comment = None
        match = COMMENT.match(frag.text)
        if match and (group or rows) and not opens:
            close_row()
            comment = [match["rest"]] if match["rest"] else []
        elif opens:
            close_row()
            group.append(frag)
        elif group:
            group.append(frag)
        else:
            leftover.append(frag.line)
    close_row()
    if comment and rows:
        rows[-1].comment = join_lines(comment)
    return Reading(FIRST_LINE, rows, leftover, count_flaws([r.name for r in rows], leftover))


def parse_indicator_table(
    table: TableBlock, rules: Rules, marks_word_cuts: bool, goal_is_kf: bool, first_ordinal: int = 1
) -> tuple[list[Indicator], list[Line]]:
    """The table's rows, and the lines that made no row (for the record)."""
    reading = read_indicator_table(table, rules, marks_word_cuts, goal_is_kf, first_ordinal)
    return reading.rows, reading.leftover


def read_indicator_table(
    table: TableBlock, rules: Rules, marks_word_cuts: bool, goal_is_kf: bool, first_ordinal: int = 1
) -> Reading[Indicator]:
    """The table read in the layout that fits it best."""
    frags = heal_wrapped_values(fragments(table.lines), rules)
    grouped = column_group_rows(table, frags, rules, marks_word_cuts) if table.lead_columns else None
    if grouped is None:
        return _read_fragments(frags, rules, marks_word_cuts, table, goal_is_kf, first_ordinal)
    start, lead, end = grouped
    before = _read_fragments(frags[:start], rules, marks_word_cuts, table, goal_is_kf, first_ordinal)
    ordinal = first_ordinal + len(before.rows)
    head = [_grouped_indicator(g, rules, table, ordinal + n) for n, g in enumerate(lead)]
    after = _after(table, frags, end)
    rest = read_indicator_table(after, rules, marks_word_cuts, goal_is_kf, ordinal + len(head))
    rows = [*before.rows, *head, *rest.rows]
    return Reading(rest.layout, rows, before.leftover + rest.leftover, before.flaws + rest.flaws)


def _after(table: TableBlock, frags: list[Fragment], end: int) -> TableBlock:
    """The table from fragment ``end`` on (blank lines and printed places kept)."""
    if end >= len(frags):
        return replace(table, lines=[], lead_columns={})
    offset = next(k for k, line in enumerate(table.lines) if line is frags[end].line)
    lead = {k - offset: v for k, v in table.lead_columns.items() if k >= offset}
    return replace(table, lines=table.lines[offset:], lead_columns=lead)


def _grouped_indicator(grouped: GroupedRow, rules: Rules, table: TableBlock, ordinal: int) -> Indicator:
    """A row read from column groups: each value's column is known from where it was printed."""
    block = grouped.row
    return Indicator(
        goal_id=table.goal_id,
        ordinal=ordinal,
        name=collapse_ws(strip_glyph(collapse_ws(" ".join(block.name)), rules)),
        target_raw=collapse_ws(grouped.target) if grouped.target else None,
        kf_target_raw=collapse_ws(grouped.kf_target) if grouped.kf_target else None,
        period_raw=block.period,
        page=block.fragments[0].line.page if block.fragments else None,
        comment=join_lines([c for c in block.comment if c]) or None,
    )


def _read_fragments(
    frags: list[Fragment],
    rules: Rules,
    marks_word_cuts: bool,
    table: TableBlock,
    goal_is_kf: bool,
    first_ordinal: int,
) -> Reading[Indicator]:
    if not frags:
        return Reading(LAST_LINE, [], [], 0)
    args = (frags, marks_word_cuts, rules, table, goal_is_kf, first_ordinal)
    last = _last_line_reading(*args)
    opens = bool(frags) and _opens_row(frags[0].text, rules)
    reading = choose(last, (lambda: _first_line_reading(*args)) if opens else None)
    flaws = reading.flaws + sum(1 for row in reading.rows if _merged_rows(row.name, rules))
    if flaws:
        blocks = _block_reading(*args)
        if blocks.flaws < flaws:
            return blocks
    return _keep_partial(reading, *args)


@cache
def _inner_value(rules: Rules) -> regex.Pattern:
    value = "|".join([f"(?:{rules.target_number})", *(f"(?:{p})" for p in rules.target_phrases)])
    return regex.compile(rf"(?:^|(?<=\s))(?:{value})\s+(?-i:\p{{Lu}})", regex.I | regex.V1)


def _merged_rows(name: str, rules: Rules) -> bool:
    """Does a name hold a value followed by a capitalised word ("… 96 % Ekologiska …")? Then
    the text of two rows ran together: a flaw of the reading."""
    return _inner_value(rules).search(name) is not None


def _block_reading(
    frags: list[Fragment],
    marks_word_cuts: bool,
    rules: Rules,
    table: TableBlock,
    goal_is_kf: bool,
    first_ordinal: int,
) -> Reading[Indicator]:
    """The table rebuilt from its cell blocks (``pipeline.tables.blocks``); each row left
    without a period or a name is a flaw, and is kept marked ``incomplete``."""
    rows: list[Indicator] = []
    leftover: list[Line] = []
    flaws = 0
    for n, block in enumerate(block_rows(frags, rules, marks_word_cuts)):
        name = " ".join(block.name)
        # A lone value printed before its name stood in the right-hand flow: the KF column
        # (measured on the exports harness: every such value was the KF's, every lone value
        # printed after its name the unit's target).
        kf_only = len(block.values) == 1 and block.values_before_name == 1
        cells = Cells(name, block.values[:2], block.period, False, kf_only)
        page = block.fragments[0].line.page if block.fragments else None
        row = _indicator(name, cells, rules, table, goal_is_kf, first_ordinal + n, page)
        row.comment = join_lines(block.comment) or None
        if block.period is None or not name:
            flaws += max(1, len(block.fragments))  # as many as the lines it leaves over
            row.incomplete = True
            row.raw_text = join_fragments(block.fragments, marks_word_cuts)
            leftover += [f.line for f in block.fragments]
        elif name[0].islower():
            flaws += 1
        rows.append(row)
    return Reading(BLOCKS, rows, leftover, flaws)


def _keep_partial(
    reading: Reading[Indicator],
    frags: list[Fragment],
    marks_word_cuts: bool,
    rules: Rules,
    table: TableBlock,
    goal_is_kf: bool,
    first_ordinal: int,
) -> Reading[Indicator]:
    """Text that completes no row is kept as a row marked ``incomplete``, with what can be
    read of it, so that a lost row shows in the table; its lines stay in ``leftover`` for
    the warning."""
    leftover = [collapse_ws(line.text) for line in reading.leftover]
    text = " ".join(t for t in leftover if t)
    if not regex.search(r"\p{L}{3}", text):
        return reading
    cells = split_row(text, rules)
    ordinal = first_ordinal + len(reading.rows)
    row = _indicator(cells.name, cells, rules, table, goal_is_kf, ordinal, reading.leftover[0].page)
    row.incomplete = True
    row.raw_text = text
    return Reading(reading.layout, [*reading.rows, row], reading.leftover, reading.flaws)
