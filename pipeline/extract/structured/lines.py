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
from pipeline.text import all_collapsed, collapse_ws


@dataclass(frozen=True)
class Cell:
    """One cell as the document stores it; ``span`` is how many grid columns it covers, and
    ``continued`` marks the lower part of a vertically merged cell (its text is above)."""

    text: str
    span: int = 1
    continued: bool = False

    def __init__(self, text: str, span: int = 1, continued: bool = False) -> None:
        """Writes the fields straight into the instance's dict, as ``pipeline.model.Line`` does
        (one per table cell of a document; the frozen dataclass's own is several times slower)."""
        fields = self.__dict__
        fields["text"] = text
        fields["span"] = span
        fields["continued"] = continued


@dataclass
class LineBuilder:
    """Collects a structured document's blocks, in reading order, as ``Line``s.

    Every line of a document passes here, so the paragraph and heading paths make their
    ``Line``s in place (no call per blank line) and collapse whitespace once."""

    lines: list[Line] = field(default_factory=list)

    def _emit(self, text: str, cells: tuple[str, ...] | None = None, bold: bool = False) -> None:
        lines = self.lines
        lines.append(Line(text, len(lines) + 1, None, cells, bold))

    def heading(self, text: str) -> None:
        text = collapse_ws(text)
        if text:
            lines = self.lines
            if lines and lines[-1].text:
                lines.append(Line("", len(lines) + 1))
            lines.append(Line(text, len(lines) + 1, None, None, True))

    def paragraph(self, text: str, bold: bool = False) -> None:
        """A paragraph; ``bold``: set bold throughout (a heading in the plans' template)."""
        text = collapse_ws(text)
        if not text:
            return
        lines = self.lines
        if lines:
            last = lines[-1]
            # A blank line before a heading and between paragraphs or after a table, none
            # between a heading and its text.
            if last.cells is not None or (last.text and (bold or not last.bold)):
                lines.append(Line("", len(lines) + 1))
        lines.append(Line(text, len(lines) + 1, None, None, bold))

    def table(self, rows: list[list[Cell]]) -> None:
        """A table's rows; a table right after another one goes on as one table (a table that
        Word split at a page break)."""
        if not any(c.span > 1 or c.continued for row in rows for c in row):
            self.text_table([[c.text for c in row] for row in rows])
            return
        if self.lines and self.lines[-1].cells is None and self.lines[-1].text:
            self._emit("")
        clean = all_collapsed([c.text for row in rows for c in row])  # one check, not one a cell
        cells = [
            [(c.text if clean else collapse_ws(c.text), max(c.span, 1), c.continued) for c in row]
            for row in rows
        ]
        for part in _parts(cells):
            self._rows(part)

    def text_table(self, rows: list[list[str]]) -> None:
        """A table without merged cells (most tables), each cell its text, as ``table`` reads
        it but in one pass: its rows' borders never differ (no ``_parts``), no row is a comment
        across the columns, and the grid is the rows, padded to the widest."""
        lines = self.lines
        if lines and lines[-1].cells is None and lines[-1].text:
            lines.append(Line("", len(lines) + 1))
        clean = all_collapsed([c for row in rows for c in row])  # one check, not one a cell
        grid = rows if clean else [[collapse_ws(c) for c in row] for row in rows]
        width = max(map(len, grid), default=0)
        first = 0  # leading columns that hold no text in any row (an icon column) are left out
        while first < width and not any([row[first] for row in grid if first < len(row)]):
            first += 1
        for row in grid:
            if any(row):
                if len(row) < width:
                    row = row + [""] * (width - len(row))
                kept = tuple(row[first:]) if first else tuple(row)
                lines.append(Line("  ".join(kept), len(lines) + 1, None, kept))

    def _rows(self, rows: list[list[_Cell]]) -> None:
        grid = _grid(rows)
        width = max((len(r) for r in grid), default=0)
        first = next((k for k in range(width) if any(r[k] for r in grid)), width)
        for row, cells in zip(rows, grid, strict=True):
            filled = [(text, span) for text, span, continued in row if text and not continued]
            if not filled:
                continue
            if len(filled) == 1 and filled[0][1] >= max(2, width - 1):
                self._emit(filled[0][0])  # a comment row, across the columns
                continue
            kept = tuple(cells[first:]) if first else tuple(cells)
            self._emit("  ".join(kept), kept)


#: A cell as the builder keeps it: (whitespace-collapsed text, span, continued).
_Cell = tuple[str, int, bool]


def _parts(rows: list[list[_Cell]]) -> list[list[list[_Cell]]]:
    """The table cut where the rows' cell borders change (two tables a converter joined into
    one, as LibreOffice does with adjacent tables of a .doc); rows of one cell with text spanning
    the others (a comment) go with any part."""
    parts: list[list[list[_Cell]]] = [[]]
    last: set[int] | None = None
    for row in rows:
        if len(row) > 1:
            starts, column = set(), 0
            for _, span, _ in row:
                starts.add(column)
                column += span
            texts = [text for text, _, _ in row if text]
            comment = len(texts) == 1 and any(span > 1 and text for text, span, _ in row)
            if not comment:
                # Rows of one table share their borders, or one row splits a cell the other
                # spans (a merged cell): one set of starts holds the other.
                if last is not None and not (starts <= last or last <= starts) and parts[-1]:
                    parts.append([])
                last = starts
        parts[-1].append(row)
    return [part for part in parts if part]


def _grid(rows: list[list[_Cell]]) -> list[list[str]]:
    """The rows' texts on the table's grid: a cell spanning columns stands in its first one
    (the others are empty); the lower part of a vertically merged cell repeats the text
    above (one value for the rows it spans: the same end date). Grid columns where no cell
    starts are dropped: word processors split the grid where rows' borders differ, so a
    plain cell may span two grid columns."""
    if all(span == 1 and not continued for row in rows for _, span, continued in row):
        width = max((len(r) for r in rows), default=0)
        return [[text for text, _, _ in row] + [""] * (width - len(row)) for row in rows]
    grid: list[list[str]] = []
    starts: set[int] = set()
    for row in rows:
        out: list[str] = []
        for text, span, continued in row:
            column = len(out)
            starts.add(column)
            if continued:
                out.append(grid[-1][column] if grid and column < len(grid[-1]) else "")
            else:
                out.append(text)
            out.extend([""] * (span - 1))
        grid.append(out)
    width = max((len(r) for r in grid), default=0)
    kept = [k for k in range(width) if k in starts]
    return [[r[k] if k < len(r) else "" for k in kept] for r in grid]
