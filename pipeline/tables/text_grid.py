"""Cells cut from a table's text where the text shows them: tabs, or columns aligned in a
layout export.

Word's "save as plain text" writes a table row on one line with its cells between tabs.
A layout-keeping export (``pdftotext -layout``, Acrobat's text with columns) prints each
cell at its column's place, so the header's words give the columns and the runs of text
between wide gaps are the cells; a cell that wraps continues on the next lines at its
column. Either way the table is then read as a grid (``pipeline.tables.grid``), with no
guessing from the order of the text. A table that shows neither is left to the readers of
running text.
"""

from __future__ import annotations

from dataclasses import replace

import regex

from pipeline.lang.sv.fold import skeleton
from pipeline.model import Line, TableBlock
from pipeline.rules import Rules
from pipeline.text import join_wrapped

# A run of text inside a layout line: words separated by single spaces (two or more end it).
_RUN = regex.compile(r"\S+(?: \S+)*")
_COMMENT = regex.compile(r"^Kommentar\b", regex.IGNORECASE)


def _runs(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in _RUN.finditer(text.expandtabs(8))]


def _cell_line(cells: list[str], first: Line) -> Line:
    return Line("  ".join(cells), first.lineno, first.page, tuple(cells))


def _tab_lines(table: TableBlock, width: int) -> list[Line] | None:
    """Rows of a tab-separated table, or None when the table has no tabbed row."""
    if not any(line.text.count("\t") >= 1 for line in table.lines):
        return None
    out = []
    for line in table.lines:
        if "\t" not in line.text:
            out.append(line)
            continue
        cells = [c.strip() for c in line.text.strip("\n").split("\t")][:width]
        out.append(_cell_line(cells + [""] * (width - len(cells)), line))
    return out


def _column_starts(table: TableBlock, rules: Rules) -> list[int] | None:
    """Where each column starts in the header line, found by its header word; None when the
    header does not print its cells apart (then this is not a layout export)."""
    words = rules.header_words(table.kind)
    for line in table.header:
        runs = _runs(line.text)
        if len(runs) < len(words) - 1:
            continue
        starts: list[int | None] = []
        for word in words:
            found = [pos for pos, run in runs if skeleton(run.split(" ", 1)[0]) == word]
            starts.append(found[0] if found else None)
        if starts[0] is None or sum(s is not None for s in starts) < len(words) - 1:
            continue
        # A header word not found (damaged): its column starts midway between its neighbours.
        for k, start in enumerate(starts):
            if start is None:
                before = starts[k - 1] if k else 0
                after = next((s for s in starts[k + 1 :] if s is not None), None)
                starts[k] = (before + after) // 2 if before is not None and after is not None else None
        if None in starts or starts != sorted(starts):
            continue
        return [s for s in starts if s is not None]
    return None


def _layout_cells(text: str, starts: list[int]) -> list[str]:
    cells = [""] * len(starts)
    for pos, run in _runs(text):
        # The nearest column: a page of a layout export may set its columns a little apart
        # from the page the header stands on.
        column = min(range(len(starts)), key=lambda k: (abs(starts[k] - pos), k))
        cells[column] = f"{cells[column]}\n{run}" if cells[column] else run
    return cells


def _layout_lines(table: TableBlock, starts: list[int], marks_word_cuts: bool) -> list[Line]:
    """One cell line per row: a row opens at a line with its last cell (period, end date)
    filled, or after a blank line; the lines after it continue its cells."""
    out: list[Line] = []
    row: list[list[str]] | None = None
    first: Line | None = None
    blank = True
    in_comment = False

    def close() -> None:
        if row is not None and first is not None:
            cells = [join_wrapped(parts, marks_word_cuts) for parts in row]
            out.append(_cell_line(cells, first))

    for line in table.lines:
        text = line.text.strip()
        if not text:
            blank = True
            continue
        cells = _layout_cells(line.text, starts)
        if _COMMENT.match(text) or (in_comment and not blank and not cells[-1]):
            # A row's comment spans the columns: plain lines, which the grid reader attaches.
            close()
            row, first, in_comment, blank = None, None, True, False
            out.append(line)
            continue
        in_comment = False
        opens = row is None or (cells[-1] and any(row[-1])) or (blank and any(cells[1:]))
        if opens:
            close()
            row, first = [[] for _ in starts], line
        assert row is not None
        for k, cell in enumerate(cells):
            if cell:
                row[k].extend(cell.split("\n"))
        blank = False
    close()
    return out


def text_grid(table: TableBlock, rules: Rules, marks_word_cuts: bool) -> TableBlock | None:
    """The table with its rows as cell lines, when its text shows the cells; else None."""
    width = len(rules.table_columns[table.kind])
    lines = _tab_lines(table, width)
    if lines is None:
        starts = _column_starts(table, rules)
        if starts is None:
            return None
        lines = _layout_lines(table, starts, marks_word_cuts)
    return replace(table, lines=lines, lead_columns={})
