"""Pages of positioned words to the lines every later stage reads.

- Words are grouped into lines by their vertical position, lines ordered top to bottom.
- Page furniture is what stands in the top or bottom band of the page with the same text
  (digits aside) on most pages, or matches the furniture patterns of ``rules/``: it is left
  out, and the page number comes from the page itself.
- A table starts at a header line ("Indikator | Årsmål | KF:s årsmål år YYYY | Periodicitet",
  "Aktivitet | Startdatum | Slutdatum", found by its words, damaged or not). Its columns
  come from the drawn vertical lines where the page has them, else from where the header's
  words stand; its rows from the drawn horizontal lines, else from the lines that put text
  in a value column (cells are top-aligned). Each row becomes one ``Line`` with its cells,
  so an empty cell is known to be empty. A table that runs off the bottom of a page goes on
  at the top of the next one.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field, replace

import regex

from pipeline.extract.page import PageWords, Ruling, Word
from pipeline.model import Line
from pipeline.repair.lexicon import skeleton
from pipeline.rules import Rules
from pipeline.segment.lines import Kind, classify
from pipeline.segment.pages import is_furniture

# Grid strokes that OCR reads as characters: "|Periodicitet", "år = 2026".
_STROKES = regex.compile(r"^[|=_—–\[\]]+|[|=_\[\]]+$")
# Top and bottom bands of a page where headers and footers stand (share of the height).
BAND = 0.11
_DIGITS = regex.compile(r"\d+")
_COMMENT = regex.compile(r"^Kommentar\b", regex.IGNORECASE)


@dataclass
class TextLine:
    words: list[Word]
    page: int

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def _without_strokes(words: list[Word]) -> list[Word]:
    """Words with the grid strokes OCR glued to them removed; bare strokes dropped."""
    out = []
    for word in words:
        text = _STROKES.sub("", word.text)
        if text:
            out.append(word if text == word.text else replace(word, text=text))
    return out


def page_lines(page: PageWords) -> list[TextLine]:
    """Words grouped into lines: a word joins the line whose vertical middle it shares."""
    ocr = page.reader == "ocr"
    source = _without_strokes(page.words) if ocr else page.words
    words = sorted(source, key=lambda w: (w.top, w.x0))
    lines: list[list[Word]] = []
    for word in words:
        middle = (word.top + word.bottom) / 2
        for line in reversed(lines[-3:]):
            ref = line[0]
            if ref.top - 1 <= middle <= ref.bottom + 1:
                line.append(word)
                break
        else:
            lines.append([word])
    out = [TextLine(sorted(line, key=lambda w: w.x0), page.number) for line in lines]
    return [_typography(line) for line in out] if ocr else out


# OCR reads typography as plain characters: a bullet "•" as "«", a spaced en dash as "-".
_OCR_BULLETS = frozenset({"«", "»"})


def _typography(line: TextLine) -> TextLine:
    words = list(line.words)
    if words[0].text in _OCR_BULLETS and len(words) > 1:
        words[0] = replace(words[0], text="•")
    for i in range(1, len(words) - 1):
        if words[i].text == "-":
            words[i] = replace(words[i], text="–")
    return TextLine(words, line.page)


def _furniture_key(line: TextLine) -> str:
    return _DIGITS.sub("#", skeleton(line.text))


def furniture_keys(pages: list[PageWords], lines_by_page: list[list[TextLine]]) -> set[str]:
    """Texts (digits as #) that stand in a page's top or bottom band on most pages."""
    counts: Counter[str] = Counter()
    for page, lines in zip(pages, lines_by_page, strict=True):
        seen = {
            _furniture_key(line)
            for line in lines
            if line.bottom < BAND * page.height or line.top > (1 - BAND) * page.height
        }
        counts.update(seen)
    need = max(2, len(pages) // 2)
    return {key for key, n in counts.items() if n >= need} if len(pages) >= 2 else set()


@dataclass
class Grid:
    """An open table: its kind and column boundaries (x where each column starts)."""

    kind: str
    starts: list[float]
    right: float
    left: float | None = None  # the grid's left rule, where it is drawn
    text_left: float | None = None  # where the header's first word starts

    def is_icon(self, words: list[Word], k: int) -> bool:
        """Is ``words[k]`` (of a row) a mark left of where the first column's text starts?

        Icons printed before indicator rows come out of OCR as "O", "&", "Å" or a dash;
        the header's first word ("Indikator") shows where the text of that column starts,
        and a short token standing wholly left of it, before the row's text, is no text.
        """
        word = words[k]
        if self.text_left is None or len(word.text) > 2 or word.x1 > self.text_left - 2:
            return False
        rest = words[k + 1 :]
        return bool(rest) and (rest[0].x0 >= self.text_left - 3 or self.is_icon(words, k + 1))

    def column(self, word: Word) -> int:
        middle = (word.x0 + word.x1) / 2
        col = 0
        for i, start in enumerate(self.starts):
            if middle >= start:
                col = i
        return col

    def fits(self, line: TextLine) -> bool:
        """Does the line keep to the columns (no word across a column boundary)?"""
        for word in line.words:
            for start in self.starts[1:]:
                if word.x0 < start - 1 < word.x1 - 2:
                    return False
        # An icon column may stand left of the first named column, inside the grid's
        # left rule (its glyphs are dropped later).
        return line.words[0].x0 >= (self.left if self.left is not None else self.starts[0] - 6) - 2


@dataclass
class _Row:
    cells: list[list[str]] = field(default_factory=list)
    page: int = 0
    top: float = 0.0


def _header_kind(line: TextLine, rules: Rules) -> str | None:
    first = skeleton(line.words[0].text)
    for kind in rules.table_columns:
        columns = rules.header_words(kind)
        if first == columns[0] and len(line.words) >= len(columns) - 1:
            found = {skeleton(w.text) for w in line.words}
            if sum(c in found for c in columns[1:]) >= len(columns) - 2:
                return kind
    return None


def _grid_for(kind: str, header: TextLine, page: PageWords, rules: Rules) -> Grid:
    """Columns from the drawn vertical lines around the header, else from its words."""
    columns = rules.header_words(kind)
    anchors = []
    for col in columns:
        xs = [w.x0 for w in header.words if skeleton(_header_word(w.text, columns)) == col]
        if xs:
            anchors.append(xs[0])
    left = header.words[0].x0
    verticals = sorted(
        {round(r.x0, 1) for r in page.rulings if abs(r.x1 - r.x0) < 1 and r.top <= header.top + 2 <= r.bottom}
    )
    inner = [x for x in verticals if left + 5 < x]
    outer = [x for x in verticals if left - 60 < x <= left + 5]
    rule = min(outer) if outer else None
    if len(inner) >= len(columns):
        # Vertical rules: cell boundaries are the rules between the first and the last.
        starts = [left - 4, *[x for x in inner[: len(columns) - 1]]]
        return Grid(kind, starts, inner[len(columns) - 1], rule, left)
    if len(anchors) == len(columns):
        return Grid(kind, [a - 3 for a in anchors], page.width, rule, left)
    # Too damaged to place every column: spread the missing ones evenly.
    step = (page.width - left) / len(columns)
    return Grid(kind, [left - 3 + i * step for i in range(len(columns))], page.width)


def _row_bounds(page: PageWords, grid: Grid, top: float) -> list[float]:
    """The y of drawn horizontal lines across the table below ``top`` (row boundaries)."""
    width = grid.right - grid.starts[0]
    return sorted(
        r.top
        for r in page.rulings
        if abs(r.bottom - r.top) < 1 and r.top > top and (r.x1 - r.x0) > 0.6 * width
    )


class _DocumentLayout:
    def __init__(self, pages: list[PageWords], rules: Rules):
        self.pages = pages
        self.rules = rules
        self.lines_by_page = [page_lines(p) for p in pages]
        self.furniture = furniture_keys(pages, self.lines_by_page)
        self.out: list[Line] = []
        self.grid: Grid | None = None  # a table still open at the end of the previous page

    def emit(self, text: str, page: int, cells: tuple[str, ...] | None = None, bold: bool = False) -> None:
        self.out.append(Line(text, len(self.out) + 1, page, cells, bold))

    def is_furniture(self, line: TextLine, page: PageWords) -> bool:
        in_band = line.bottom < BAND * page.height or line.top > (1 - BAND) * page.height
        if in_band and _furniture_key(line) in self.furniture:
            return True
        return is_furniture(line.text.strip(), self.rules)

    def ends_table(self, line: TextLine) -> bool:
        """A heading or another table's header ends a table ("Kommentar" belongs to it)."""
        if _COMMENT.match(line.text):
            return False
        kind = classify(line.text, self.rules).kind
        return kind not in (Kind.TEXT, Kind.BLANK) or _header_kind(line, self.rules) is not None

    def run(self) -> list[Line]:
        for page, lines in zip(self.pages, self.lines_by_page, strict=True):
            body = [line for line in lines if not self.is_furniture(line, page)]
            self.layout_page(page, body)
        return self.out

    def layout_page(self, page: PageWords, lines: list[TextLine]) -> None:
        i = 0
        pitch = _line_pitch(lines)
        while i < len(lines):
            line = lines[i]
            kind = _header_kind(line, self.rules)
            if kind is not None:
                grid = _grid_for(kind, line, page, self.rules)
                i = self.header(page, lines, i, grid)
                i = self.table(page, lines, i, grid, pitch)
                continue
            if self.grid is not None and i == 0 and self.grid.fits(line) and not self.ends_table(line):
                i = self.table(page, lines, i, self.grid, pitch)  # the table goes on from the last page
                continue
            self.grid = None
            if i and line.top - lines[i - 1].bottom > 1.2 * pitch:
                self.emit("", page.number)  # a paragraph break
            self.emit(line.text, page.number, bold=all(w.bold for w in line.words))
            i += 1

    def header(self, page: PageWords, lines: list[TextLine], i: int, grid: Grid) -> int:
        """Emit the header row (a wrapped header cell included); index after it."""
        cells: list[list[str]] = [[] for _ in grid.starts]
        j = i
        # A header cell that wraps ("KF:s årsmål år" / "2026") puts a second line under it.
        while j < len(lines) and (j == i or _header_goes_on(lines[j - 1], lines[j], grid)):
            for word in lines[j].words:
                cells[grid.column(word)].append(_header_word(word.text, self.rules.header_words(grid.kind)))
            j += 1
        texts = tuple(" ".join(c) for c in cells)
        self.emit(" ".join(t for t in texts if t), page.number, texts)
        return j

    def table(self, page: PageWords, lines: list[TextLine], i: int, grid: Grid, pitch: float) -> int:
        """Emit the table's rows from line i on; the index of the first line after it.

        A line that spans the columns ("Kommentar" and its text, in a row of its own) stays
        in the table as a plain line when it stands inside the drawn grid, or follows the
        label "Kommentar"; rows go on after it.
        """
        bounds = _row_bounds(page, grid, lines[i - 1].bottom if i else 0.0)
        items: list[_Row | TextLine] = []
        rows: list[_Row] = []
        comment = False
        j = i
        while j < len(lines):
            line = lines[j]
            if self.ends_table(line) or (bounds and line.top > bounds[-1] + 2):
                break  # a heading, or below the grid's last rule
            if _COMMENT.match(line.text):
                comment = True
            elif grid.fits(line) and (bounds or not comment or any(grid.column(w) > 0 for w in line.words)):
                comment = False
            if comment or not grid.fits(line):
                if not (comment or bounds):
                    break  # running text after the table
                items.append(line)
                j += 1
                continue
            new_row = not rows or not isinstance(items[-1], _Row)
            if not new_row:
                if bounds:
                    new_row = any(rows[-1].top < b < line.top for b in bounds)
                else:
                    in_values = any(grid.column(w) > 0 for w in line.words)
                    new_row = in_values or line.top - lines[j - 1].bottom > 1.6 * pitch
            if new_row:
                rows.append(_Row([[] for _ in grid.starts], page.number, line.top))
                items.append(rows[-1])
            for k, word in enumerate(line.words):
                if not grid.is_icon(line.words, k):
                    rows[-1].cells[grid.column(word)].append(word.text)
            j += 1
        for item in items:
            if isinstance(item, TextLine):
                self.emit(item.text, item.page)
            else:
                cells = tuple(" ".join(c) for c in item.cells)
                self.emit("  ".join(cells), item.page, cells)
        # Open at the page's end: the next page may carry on with more rows.
        self.grid = grid if j == len(lines) else None
        return j


def _header_word(text: str, columns: tuple[str, ...]) -> str:
    """A header word without the grid stroke OCR glued to its front ("FPeriodicitet")."""
    key = skeleton(text)
    for column in columns:
        if key != column and key.endswith(column) and len(key) - len(column) <= 2:
            return text[len(text) - len(column) :]
    return text


def _header_goes_on(above: TextLine, line: TextLine, grid: Grid) -> bool:
    return line.top - above.bottom < 4 and all(grid.column(w) > 0 for w in line.words)


def _line_pitch(lines: list[TextLine]) -> float:
    heights = [line.bottom - line.top for line in lines]
    return statistics.median(heights) if heights else 10.0


def document_lines(pages: list[PageWords], rules: Rules) -> list[Line]:
    """Every page's lines in reading order, furniture out, table rows with their cells."""
    return _DocumentLayout(pages, rules).run()


__all__ = ["Grid", "Ruling", "TextLine", "document_lines", "page_lines"]
