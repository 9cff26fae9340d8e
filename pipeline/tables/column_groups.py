"""Indicator rows an exporter printed in groups of columns, its header cells among them.

Poppler's ``pdftotext`` may write a table's first rows one group of columns at a time, each
group after its own header cells: "Indikator", "Årsmål", the rows' names and targets, then
"KF:s årsmål år 2026", "Periodicitet", the rows' KF values and periods. An empty cell prints
nothing, so a lone value cannot tell its column by itself, but where it was printed does:
a value printed before the KF column's header cell is a target (``Årsmål``), one printed
after it is a KF value. The segmenter records where each such line stood among the header
cells (``TableBlock.lead_columns``). Within the first group each value belongs to the name
printed before it; in the second, the values before each period are that row's KF value,
the periods closing the rows in order.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.model import TableBlock
from pipeline.rules import Rules
from pipeline.tables.blocks import BlockRow, is_value_cell
from pipeline.tables.cells import COMMENT, SENTENCE_END, Fragment, join_fragments
from pipeline.tables.values import split_period, take_values


@dataclass
class GroupedRow:
    row: BlockRow
    target: str | None = None
    kf_target: str | None = None


def _kf_column(table: TableBlock, rules: Rules) -> int | None:
    fields = [column.field for column in rules.table_columns[table.kind]]
    return fields.index("kf_target_raw") if "kf_target_raw" in fields else None


def _cell(unit: list[Fragment], rules: Rules, marks_word_cuts: bool) -> tuple[str, list[str], str | None]:
    """(text left when values and period are taken off, the values, the period)."""
    text = join_fragments(unit, marks_word_cuts)
    body, period, _ = split_period(text, rules)
    if period is not None and body.strip() and not period[:1].isupper():
        body, period = text, None  # "per vecka": a name's last words
    rest, values, _ = take_values(body, rules)
    return rest.strip(), values, period


def column_group_rows(
    table: TableBlock, frags: list[Fragment], rules: Rules, marks_word_cuts: bool
) -> tuple[int, list[GroupedRow], int] | None:
    """The rows printed in column groups after the table's (first or repeated) header, as
    (where in ``frags`` they start, the rows, where they end); None when there are none (or
    the groups do not read cleanly)."""
    kf = _kf_column(table, rules)
    if kf is None or not frags:
        return None
    index = {id(line): k for k, line in enumerate(table.lines)}
    # Lines printed before the KF column's header cell (when at most the columns before it were).
    before_kf = [table.lead_columns.get(index.get(id(f.line), -1), kf + 1) <= kf for f in frags]
    if True not in before_kf:
        return None
    start = before_kf.index(True)
    end = before_kf.index(False, start) if False in before_kf[start:] else len(frags)
    found = _grouped(frags[start:end], frags[end:], rules, marks_word_cuts)
    return None if found is None else (start, found[0], end + found[1])


def _grouped(
    first: list[Fragment], later: list[Fragment], rules: Rules, marks_word_cuts: bool
) -> tuple[list[GroupedRow], int] | None:
    """Rows from the cells printed before the KF header cell (names, targets) and those after
    it (KF values, periods); how many of ``later`` they took."""
    rows: list[GroupedRow] = []
    for frag in first:
        rest, values, period = _cell([frag], rules, marks_word_cuts)
        if period is not None:
            return None
        if rest:
            # A name, or its wrapped line (lower case) while its row has no target yet.
            if rows and not frag.text[:1].isupper() and rows[-1].target is None:
                rows[-1].row.name.append(frag.text)
            else:
                rows.append(GroupedRow(BlockRow(name=[frag.text])))
            rows[-1].row.fragments.append(frag)
            continue
        if not rows or rows[-1].target is not None or len(values) != 1:
            return None
        rows[-1].target = values[0]
        rows[-1].row.fragments.append(frag)
    if not rows:
        return None
    taken = 0
    pending: list[str] = []
    closing = 0
    for unit in _value_units(later, rules):
        rest, values, period = _cell(unit, rules, marks_word_cuts)
        if rest or len(pending) + len(values) > 1:
            return None
        pending += values
        taken += len(unit)
        rows[closing].row.fragments += unit
        if period is not None:
            rows[closing].kf_target = pending[0] if pending else None
            rows[closing].row.period = period
            pending = []
            closing += 1
            if closing == len(rows):
                return rows, taken + _comment(later[taken:], rows[-1].row)
    return None


def _value_units(frags: list[Fragment], rules: Rules) -> list[list[Fragment]]:
    """The value and period cells as printed: a line, with the lower-case lines after it that
    are no cell by themselves ("Tas fram av" / "nämnd"; but "öka" is a value of its own)."""
    units: list[list[Fragment]] = []
    for frag in frags:
        if units and frag.text[:1].islower() and not is_value_cell(frag.text, rules):
            units[-1].append(frag)
        else:
            units.append([frag])
    return units


def _comment(frags: list[Fragment], row: BlockRow) -> int:
    """A "Kommentar" right after the rows is the last row's: its lines, to a full stop, go to
    it; how many fragments it took."""
    if not frags or (match := COMMENT.match(frags[0].text)) is None:
        return 0
    row.comment = [match["rest"]] if match["rest"] else []
    for n, frag in enumerate(frags):
        if n:
            row.comment.append(frag.text)
        if SENTENCE_END.search(frag.text):
            return n + 1
    return len(frags)
