"""The lines a structured document gives the later stages, built the same way for every
structured format, so segment, tables and normalize never learn which one it was.

A heading is a bold line, a paragraph one line, a table row one line with its ``cells``
(an empty cell is ""), as the PDF layout emits them. A row that is one cell spanning the
table ("Kommentar" and its text) is a plain line, as in a PDF. Leading columns that hold no text in
any row (an icon column) are left out; an empty column further right stays, as the empty
cells of a table continued without its header must keep their place. Pages are unknown
(``None``): these formats have no fixed pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.model import Line
from pipeline.text import collapse_ws


@dataclass(frozen=True)
class Cell:
    """One cell as the document stores it; ``span`` is how many grid columns it covers, and
    ``continued`` marks the lower part of a vertically merged cell (its text is above)."""

    text: str
    span: int = 1
    continued: bool = False


@dataclass
class LineBuilder:
    """Collects a structured document's blocks, in reading order, as ``Line``s."""

    lines: list[Line] = field(default_factory=list)

    def _emit(self, text: str, cells: tuple[str, ...] | None = None, bold: bool = False) -> None:
        self.lines.append(Line(text, len(self.lines) + 1, None, cells, bold))

    def _break(self) -> None:
        if self.lines and self.lines[-1].text:
            self._emit("")

    def heading(self, text: str) -> None:
        text = collapse_ws(text)
        if text:
            self._break()
            self._emit(text, bold=True)

    def paragraph(self, text: str, bold: bool = False) -> None:
        """A paragraph; ``bold``: set bold throughout (a heading in the plans' template)."""
        text = collapse_ws(text)
        if not text:
            return
        if bold:
            self.heading(text)
            return
        if self.lines and self.lines[-1].cells is not None:
            self._emit("")  # text after a table
        elif self.lines and self.lines[-1].bold:
            pass
        else:
            self._break()
        self._emit(text)

    def table(self, rows: list[list[Cell]]) -> None:
        """A table's rows; a table right after another one goes on as one table (a table that
        Word split at a page break)."""
        if self.lines and self.lines[-1].cells is None and self.lines[-1].text:
            self._emit("")
        for part in _parts(rows):
            self._rows(part)

    def _rows(self, rows: list[list[Cell]]) -> None:
        grid = _grid(rows)
        width = max((len(r) for r in grid), default=0)
        first = next((k for k in range(width) if any(r[k] for r in grid)), width)
        keep = range(first, width)
        for row, cells in zip(rows, grid, strict=True):
            texts = [collapse_ws(row_cell.text) for row_cell in row if not row_cell.continued]
            filled = [t for t in texts if t]
            if not filled:
                continue
            if len(filled) == 1 and _spans_table(row, width):
                self._emit(filled[0])  # a comment row, across the columns
                continue
            kept = tuple(cells[k] for k in keep)
            self._emit("  ".join(kept), kept)


def _starts(row: list[Cell]) -> tuple[int, ...]:
    out, column = [], 0
    for cell in row:
        out.append(column)
        column += max(cell.span, 1)
    return tuple(out)


def _parts(rows: list[list[Cell]]) -> list[list[list[Cell]]]:
    """The table cut where the rows' cell borders change (two tables a converter joined into
    one, as LibreOffice does with adjacent tables of a .doc); rows of one cell with text spanning
    the others (a comment) go with any part."""
    parts: list[list[list[Cell]]] = []
    last: tuple[int, ...] | None = None
    for row in rows:
        starts = _starts(row)
        spanning = any(cell.span > 1 and collapse_ws(cell.text) for cell in row)
        own = len(starts) > 1 and not (spanning and sum(bool(collapse_ws(c.text)) for c in row) == 1)
        if own and last is not None and starts != last:
            parts.append([])
        if own:
            last = starts
        if not parts:
            parts.append([])
        parts[-1].append(row)
    return parts


def _grid(rows: list[list[Cell]]) -> list[list[str]]:
    """The rows' texts on the table's grid: a cell spanning columns stands in its first one
    (the others are empty); the lower part of a vertically merged cell repeats the text
    above (one value for the rows it spans: the same end date). Grid columns where no cell
    starts are dropped: word processors split the grid where rows' borders differ, so a
    plain cell may span two grid columns."""
    grid: list[list[str]] = []
    starts: set[int] = set()
    for row in rows:
        out: list[str] = []
        for cell in row:
            column = len(out)
            starts.add(column)
            if cell.continued:
                above = grid[-1][column] if grid and column < len(grid[-1]) else ""
                out.append(above)
            else:
                out.append(collapse_ws(cell.text))
            out.extend("" for _ in range(max(cell.span, 1) - 1))
        grid.append(out)
    width = max((len(r) for r in grid), default=0)
    kept = [k for k in range(width) if k in starts]
    return [[r[k] if k < len(r) else "" for k in kept] for r in grid]


def _spans_table(row: list[Cell], width: int) -> bool:
    """Is the row's one text in a cell covering (nearly) all of the table?"""
    for cell in row:
        if collapse_ws(cell.text) and not cell.continued:
            return cell.span >= max(2, width - 1)
    return False
