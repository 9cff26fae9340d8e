"""Pages of positioned words to the lines every later stage reads.

Each page's words are grouped into lines (``lines``), its furniture left out
(``furniture``); running text is emitted line by line with paragraph breaks where the gap
is wide, and a table (``grid``, ``tables``) row by row with its cells. A table that runs
off the bottom of a page goes on at the top of the next one.
"""

from __future__ import annotations

import statistics

from pipeline.extract.layout.furniture import furniture_keys, is_page_furniture
from pipeline.extract.layout.grid import Grid, grid_for, header_columns
from pipeline.extract.layout.lines import TextLine, lines_box, page_lines
from pipeline.extract.layout.tables import TableRow, ends_table, header_row, table_items
from pipeline.extract.page import PageWords
from pipeline.model import Box, Line
from pipeline.rules import Rules


def _line_pitch(lines: list[TextLine]) -> float:
    heights = [line.bottom - line.top for line in lines]
    return statistics.median(heights) if heights else 10.0


class _DocumentLayout:
    def __init__(self, pages: list[PageWords], rules: Rules):
        self.pages = pages
        self.rules = rules
        self.lines_by_page = [page_lines(p) for p in pages]
        self.furniture = furniture_keys(pages, self.lines_by_page)
        self.out: list[Line] = []
        self.grid: Grid | None = None  # a table still open at the end of the previous page

    def emit(
        self, text: str, page: int, cells: tuple[str, ...] | None = None, bold: bool = False,
        box: Box | None = None,
    ) -> None:  # fmt: skip
        self.out.append(Line(text, len(self.out) + 1, page, cells, bold, box))

    def run(self) -> list[Line]:
        for page, lines in zip(self.pages, self.lines_by_page, strict=True):
            body = [line for line in lines if not is_page_furniture(line, page, self.furniture, self.rules)]
            self.layout_page(page, body)
        return self.out

    def continues_table(self, lines: list[TextLine], i: int) -> bool:
        """Does the page's first line carry on the table open at the end of the last page?"""
        grid = self.grid
        return grid is not None and i == 0 and grid.fits(lines[i]) and not ends_table(lines[i], self.rules)

    def layout_page(self, page: PageWords, lines: list[TextLine]) -> None:
        i = 0
        pitch = _line_pitch(lines)
        while i < len(lines):
            line = lines[i]
            header = header_columns(line, self.rules)
            if header is not None:
                grid = grid_for(*header, line, page)
                start = i
                texts, i = header_row(lines, i, grid)
                box = lines_box(lines[start:i])
                self.emit(" ".join(t for t in texts if t), page.number, texts, box=box)
                i = self.table(page, lines, i, grid, pitch)
                continue
            if self.grid is not None and self.continues_table(lines, i):
                i = self.table(page, lines, i, self.grid, pitch)
                continue
            self.grid = None
            if i and line.top - lines[i - 1].bottom > 1.2 * pitch:
                self.emit("", page.number)  # a paragraph break
            self.emit(line.text, page.number, bold=all(w.bold for w in line.words), box=line.box)
            i += 1

    def table(self, page: PageWords, lines: list[TextLine], i: int, grid: Grid, pitch: float) -> int:
        """Emit the table's rows from line i on; the index of the first line after it."""
        items, j = table_items(page, lines, i, grid, pitch, self.rules)
        for item in items:
            if isinstance(item, TableRow):
                cells = tuple(" ".join(c) for c in item.cells)
                self.emit("  ".join(cells), item.page, cells, box=item.box)
            else:
                self.emit(item.text, item.page, box=item.box)
        # Open at the page's end: the next page may carry on with more rows.
        self.grid = grid if j == len(lines) else None
        return j


def document_lines(pages: list[PageWords], rules: Rules) -> list[Line]:
    """Every page's lines in reading order, furniture out, table rows with their cells."""
    return _DocumentLayout(pages, rules).run()
