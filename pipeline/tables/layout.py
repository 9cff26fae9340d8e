"""Which line of a table row carries its dates or values: the last one or the first one.

A text export prints a row's cells one after the other, so the dates or values close the row
(``last_line``). An OCR pass reads the page line by line, so they stand at the end of the
row's first line and its text goes on below (``first_line``). The two cannot be told apart
by the document (both come from the same template) but they can by the table: a first-line
table opens with a line that ends in dates or values, and read the other way it leaves
lines over, rows that start in the middle of a sentence, or rows without text. So a table
whose first line could open a first-line row is read both ways and the reading with fewer
such flaws is kept; a tie keeps the last-line reading, the usual layout.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from pipeline.model import Line

LAST_LINE = "last_line"
FIRST_LINE = "first_line"
BLOCKS = "blocks"  # rebuilt from cell blocks an exporter interleaved (pipeline.tables.blocks)

Row = TypeVar("Row")


@dataclass(frozen=True)
class Reading(Generic[Row]):
    """One way of reading a table: its rows, the lines that made no row, and how many flaws."""

    layout: str
    rows: list[Row]
    leftover: list[Line]
    flaws: int


def count_flaws(texts: Sequence[str], leftover: Sequence[Line]) -> int:
    """Signs that a table was cut into rows at the wrong lines: each line that made no row, each
    row without text, each row whose text starts in lower case (the tail of another row)."""
    return len(leftover) + sum(1 for text in texts if not text or text[0].islower())


def choose(last: Reading[Row], first: Callable[[], Reading[Row]] | None) -> Reading[Row]:
    """The last-line reading unless the first-line one (computed only when offered) has fewer flaws."""
    if first is None or last.flaws == 0:
        return last
    other = first()
    return other if other.flaws < last.flaws else last


__all__ = ["BLOCKS", "FIRST_LINE", "LAST_LINE", "Reading", "choose", "count_flaws"]
