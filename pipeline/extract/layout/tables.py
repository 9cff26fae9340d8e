"""A table's rows, from the lines under its header.

Rows come from the drawn horizontal lines, else from the lines that put text in a value
column (cells are top-aligned). Each row gets its words cell by cell, so an empty cell is
known to be empty. A line that spans the columns ("Kommentar" and its text, in a row of its
own) stays in the table as a plain line when it stands inside the drawn grid, or follows
the label "Kommentar"; rows go on after it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

import regex

from pipeline.extract.layout.grid import (
    Grid,
    header_goes_on,
    header_kind,
    header_word,
    row_bounds,
)
from pipeline.extract.layout.lines import TextLine, lines_box
from pipeline.extract.page import PageWords
from pipeline.model import Box
from pipeline.rules import Rules
from pipeline.template.lines import Kind, classify

_COMMENT = regex.compile(r"^Kommentar\b", regex.IGNORECASE)
# Without drawn rows, a gap above a line wider than this share of the line height is the
# padding between two rows (the lines of one cell stand closer).
_ROW_GAP = 0.6


@dataclass
class TableRow:
    cells: list[list[str]] = field(default_factory=list)  # the words of each cell
    page: int = 0
    top: float = 0.0
    lines: list[TextLine] = field(default_factory=list)

    @property
    def box(self) -> Box:
        """Where the row's lines stand, in points."""
        return lines_box(self.lines)


def is_comment(line: TextLine) -> bool:
    return _COMMENT.match(line.text) is not None


def ends_table(line: TextLine, rules: Rules) -> bool:
    """A heading or another table's header ends a table ("Kommentar" belongs to it): a
    heading of any template in the rules, as the page is read before the plan's template
    is known."""
    if is_comment(line):
        return False
    if header_kind(line, rules) is not None:
        return True
    kinds = (classify(line.text, each).kind for each in _every_template(rules))
    return any(kind not in (Kind.TEXT, Kind.BLANK) for kind in kinds)


@cache
def _every_template(rules: Rules) -> tuple[Rules, ...]:
    """The rules of each template, the current one first."""
    others = (rules.for_template(t.name) for t in rules.templates if t.name != rules.template)
    return (rules, *others)


def header_row(lines: list[TextLine], i: int, grid: Grid) -> tuple[tuple[str, ...], int]:
    """The header's cell texts (a wrapped header cell included), and the index after it."""
    cells: list[list[str]] = [[] for _ in grid.starts]
    j = i
    # A header cell that wraps ("KF:s årsmål år" / "2026") puts a second line under it.
    while j < len(lines) and (j == i or header_goes_on(lines[j - 1], lines[j], grid)):
        for word in lines[j].words:
            cells[grid.column(word)].append(header_word(word.text, grid.headers))
        j += 1
    return tuple(" ".join(c) for c in cells), j


def _in_comment(line: TextLine, grid: Grid, bounds: list[float], comment: bool) -> bool:
    """Is ``line`` part of a comment: "Kommentar" starts one, a line that keeps to the columns
    ends it (without drawn rows, only one with text in a value column), unless its text runs
    on over a column boundary as the comment's own lines do."""
    if is_comment(line):
        return True
    if comment and grid.flows_across(line):
        return True
    if grid.fits(line) and (bounds or not comment or any(grid.column(w) > 0 for w in line.words)):
        return False
    return comment


def _starts_row(
    line: TextLine, above: TextLine, rows: list[TableRow], last: TableRow | TextLine | None,
    grid: Grid, bounds: list[float], pitch: float,
) -> bool:  # fmt: skip
    """Does ``line`` start a new row: a drawn rule above it, else a gap above it wider than
    between the lines of a cell, else text in a value column, unless the line only goes on
    with the cells of the row above (a value that wraps, "Tas fram av" / "nämnd/styrelse"):
    then it must open the last column again (a period or end date seldom wraps)."""
    if not rows or not isinstance(last, TableRow):
        return True
    if bounds:
        return any(rows[-1].top < b < line.top for b in bounds)
    if line.top - above.bottom > _ROW_GAP * pitch:
        return True
    columns = {grid.column(w) for w in line.words}
    if not columns - {0}:
        return False
    row = rows[-1]
    if all(row.cells[c] for c in columns):
        last_column = len(grid.starts) - 1
        return last_column in columns
    return True


def _add_words(row: TableRow, line: TextLine, grid: Grid) -> None:
    row.lines.append(line)
    for k, word in enumerate(line.words):
        if not grid.is_icon(line.words, k):
            row.cells[grid.column(word)].append(word.text)


def _drawn_rows(lines: list[TextLine], i: int, grid: Grid, bounds: list[float], rules: Rules) -> list[float]:
    """The rules that draw the rows, or none when no rule stands between two lines of the
    table: a table without lines may have a rule under its header, and the page one under
    its footer or another table, which draw none of its rows."""
    tops = []
    for line in lines[i:]:
        if ends_table(line, rules) or not (grid.fits(line) or is_comment(line)):
            break
        tops.append(line.top)
    inside = any(a < b < c for a, c in pairwise(tops) for b in bounds)
    return bounds if inside else []


def _row_below_shading(
    line: TextLine, above: TextLine, grid: Grid, bounds: list[float], pitch: float
) -> bool:
    """Is ``line`` below the last drawn edge still a row? Row shading draws edges round the
    shaded rows only, so an unshaded last row stands below them: a line that keeps to the
    columns and fills the last one, or goes on closely from such a line."""
    if not grid.fits(line):
        return False
    last_column = len(grid.starts) - 1
    if any(grid.column(w) == last_column for w in line.words):
        return True
    return above.top > bounds[-1] + 2 and line.top - above.bottom < _ROW_GAP * pitch


def table_items(
    page: PageWords, lines: list[TextLine], i: int, grid: Grid, pitch: float, rules: Rules
) -> tuple[list[TableRow | TextLine], int]:
    """The table's rows and plain lines from line i on, and the index of the first line after it."""
    bounds = _drawn_rows(lines, i, grid, row_bounds(page, grid, lines[i - 1].bottom if i else 0.0), rules)
    items: list[TableRow | TextLine] = []
    rows: list[TableRow] = []
    comment = False
    j = i
    while j < len(lines):
        line = lines[j]
        if ends_table(line, rules):
            break  # a heading
        if (
            bounds
            and line.top > bounds[-1] + 2
            and not _row_below_shading(line, lines[j - 1], grid, bounds, pitch)
        ):
            break  # below the grid's last rule
        comment = _in_comment(line, grid, bounds, comment)
        if comment or not grid.fits(line):
            if not (comment or bounds):
                break  # running text after the table
            items.append(line)
        else:
            if _starts_row(line, lines[j - 1], rows, items[-1] if items else None, grid, bounds, pitch):
                rows.append(TableRow([[] for _ in grid.starts], page.number, line.top))
                items.append(rows[-1])
            _add_words(rows[-1], line, grid)
        j += 1
    return items, j
