"""A table's grid: which header starts a table, and where its columns and rows are.

A table starts at a header line ("Indikator | Årsmål | KF:s årsmål år YYYY | Periodicitet",
"Aktivitet | Startdatum | Slutdatum", found by its words, damaged or not). Its columns
come from the drawn vertical lines where the page has them, else from where the header's
words stand; its row boundaries from the drawn horizontal lines, where there are any.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from pipeline.extract.layout.lines import TextLine
from pipeline.extract.page import PageWords, Word
from pipeline.lang.sv.fold import skeleton
from pipeline.rules import Rules

# The widest gap between two words of one line of text, as a share of their height: a word
# space is about a third of the type size; cells stand apart by their padding, wider.
_WORD_SPACE = 0.45


@dataclass
class Grid:
    """An open table: its kind and column boundaries (x where each column starts)."""

    kind: str
    headers: tuple[str, ...]  # the header word of each column (rules: ``[tables.columns]``)
    starts: list[float]
    right: float
    left: float | None = None  # the grid's left rule, where it is drawn
    text_left: float | None = None  # where the header's first word starts

    def is_icon(self, words: list[Word], k: int) -> bool:
        """Is ``words[k]`` (of a row) a mark left of where the first column's text starts?

        Icons printed before indicator rows come out of OCR as "O", "&", "Å", "OQO" or a dash;
        the header's first word ("Indikator") shows where the text of that column starts,
        and a short token standing wholly left of it, before the row's text, is no text.
        """
        word = words[k]
        if self.text_left is None or len(word.text) > 3 or word.x1 > self.text_left - 2:
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

    def flows_across(self, line: TextLine) -> bool:
        """Does the line's text run on over a column boundary with no more than a word space
        (a paragraph that spans the columns, as a comment does), where the cells of a row
        stand apart by their padding? A line may keep to the columns by chance and still
        be one paragraph."""
        for a, b in pairwise(line.words):
            if self.column(a) != self.column(b) and b.x0 - a.x1 < _WORD_SPACE * (a.bottom - a.top):
                return True
        return False


@cache
def _header_words(rules: Rules) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(table kind, its columns' header words) of every template the rules know, the current
    template's first: the page is read before the plan's template is known."""
    own = [(kind, rules.header_words(kind)) for kind in rules.table_columns]
    others = [
        (kind, tuple(column.header for column in columns))
        for template in rules.templates
        if template.name != rules.template
        for kind, columns in template.table_columns.items()
    ]
    return tuple(dict.fromkeys([*own, *others]))


@cache
def _first_words(rules: Rules) -> frozenset[str]:
    return frozenset(columns[0] for _, columns in _header_words(rules))


def header_columns(line: TextLine, rules: Rules) -> tuple[str, tuple[str, ...]] | None:
    """(kind, the header words of its columns) when ``line`` is a table header, else None."""
    first = skeleton(line.words[0].text)
    if first not in _first_words(rules):
        return None
    found: set[str] | None = None
    for kind, columns in _header_words(rules):
        if first == columns[0] and len(line.words) >= len(columns) - 1:
            found = found if found is not None else {skeleton(w.text) for w in line.words}
            if sum(c in found for c in columns[1:]) >= max(1, len(columns) - 2):
                return kind, columns
    return None


def header_kind(line: TextLine, rules: Rules) -> str | None:
    """The kind of table whose header ``line`` is ("indicator", "activity"), or None."""
    found = header_columns(line, rules)
    return found[0] if found else None


def grid_for(kind: str, columns: tuple[str, ...], header: TextLine, page: PageWords) -> Grid:
    """Columns from the drawn vertical lines around the header, else from its words."""
    anchors = []
    for col in columns:
        xs = [w.x0 for w in header.words if skeleton(header_word(w.text, columns)) == col]
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
        return Grid(kind, columns, starts, inner[len(columns) - 1], rule, left)
    if len(anchors) == len(columns):
        return Grid(kind, columns, [a - 3 for a in anchors], page.width, rule, left)
    # Too damaged to place every column: spread the missing ones evenly.
    step = (page.width - left) / len(columns)
    return Grid(kind, columns, [left - 3 + i * step for i in range(len(columns))], page.width)


def row_bounds(page: PageWords, grid: Grid, top: float) -> list[float]:
    """The y of drawn horizontal lines across the table below ``top`` (row boundaries)."""
    width = grid.right - grid.starts[0]
    return sorted(
        r.top
        for r in page.rulings
        if abs(r.bottom - r.top) < 1 and r.top > top and (r.x1 - r.x0) > 0.6 * width
    )


def header_word(text: str, columns: tuple[str, ...]) -> str:
    """A header word without the grid stroke OCR glued to its front ("FPeriodicitet")."""
    key = skeleton(text)
    for column in columns:
        if key != column and key.endswith(column) and len(key) - len(column) <= 2:
            return text[len(text) - len(column) :]
    return text


def header_goes_on(above: TextLine, line: TextLine, grid: Grid) -> bool:
    """Is ``line`` the wrapped second line of header cells ("KF:s årsmål år" / "2026")?"""
    return line.top - above.bottom < 4 and all(grid.column(w) > 0 for w in line.words)
