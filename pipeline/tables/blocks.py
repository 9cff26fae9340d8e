"""Indicator rows rebuilt from cell blocks, when an exporter interleaved the cells of rows.

An exporter that writes a table cell by cell (poppler's ``pdftotext``) puts each cell in a
block of its own, separated by blank lines, but not always row by row: where rows stand
close it may print the first row's name and target, the second row's name and target, then
the first row's period, the second's KF value and period. Each block still says what it
is (a period, values, or text), and the cells of one column come in row order, so the rows
are rebuilt from that evidence: text opens a row (or continues a name that has no value
yet), values go to the latest row still without its period, a period closes the earliest
open row. Where a row's right-hand cells (KF value, period) came before its name, as
``pdftotext`` prints a row whose Årsmål cell is empty, the values after the name are its
left-hand cells, and a lone value before it is the KF value. A row that never gets its
period is kept, marked ``incomplete``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.rules import Rules
from pipeline.tables.cells import COMMENT, SENTENCE_END, Fragment, join_fragments
from pipeline.tables.values import split_period, take_values


@dataclass
class BlockRow:
    name: list[str] = field(default_factory=list)
    values: list[str] = field(default_factory=list)
    period: str | None = None
    comment: list[str] = field(default_factory=list)
    fragments: list[Fragment] = field(default_factory=list)
    # Its name came after some of its cells: an exporter that writes column flows (pdftotext)
    # prints the right-hand cells (KF value, period) of a row whose target cell is empty with
    # the flow above, before the name; ``values_before_name`` counts the values among them.
    named_late: bool = False
    values_before_name: int = 0


def is_value_cell(text: str, rules: Rules) -> bool:
    """Is a line a cell of values by itself ("öka", "81 %"), or a period cell ("Tertial")?"""
    body, period, _ = split_period(text, rules)
    if period is not None:
        return not body.strip() and period[:1].isupper()
    rest, values, _ = take_values(body, rules)
    return bool(values) and not rest.strip()


def _units(frags: list[Fragment], rules: Rules) -> list[list[Fragment]]:
    """The cells as printed: a line, with the lines after it in its block that go on with it
    (lower case: "Tas fram av" / "nämnd", a name's second line). A capitalised line opens a
    cell of its own, as exporters also print cells on consecutive lines without a gap, and so
    does a lower-case value ("Tertial" / "minska": a period cell, then a KF value)."""
    out: list[list[Fragment]] = []
    for frag in frags:
        if (
            out
            and out[-1][-1].block == frag.block
            and frag.text[:1].islower()
            and not is_value_cell(frag.text, rules)
        ):
            out[-1].append(frag)
        else:
            out.append([frag])
    return out


def block_rows(frags: list[Fragment], rules: Rules, marks_word_cuts: bool) -> list[BlockRow]:
    """The table's rows rebuilt from its blocks; rows without a period are left open."""
    rows: list[BlockRow] = []
    named: BlockRow | None = None  # the row that took the last name
    commenting = False
    filled: BlockRow | None = None  # the row that took the values printed last
    for unit in _units(frags, rules):
        text = join_fragments(unit, marks_word_cuts)
        last_filled, filled = filled, None
        comment = COMMENT.match(text)
        if comment and rows:
            # A comment row stands under its row: the latest row with a name (a later row's
            # right-hand cells may have been printed before it, their name not yet).
            (named or rows[-1]).comment.append(comment["rest"])
            commenting = SENTENCE_END.search(text) is None
            continue
        body, period, _ = split_period(text, rules)
        if period is not None and body.strip() and not period[:1].isupper():
            # "per vecka", "och månad": a name's last words; a period cell is capitalised.
            body, period = text, None
        rest, values, _ = take_values(body, rules)
        rest = rest.strip()
        if rest and period is None:
            # A cell of text: a name may end in what reads as a value ("under 14 dagar").
            rest, values = text, []
        if commenting and not values and period is None:
            (named or rows[-1]).comment.append(text)
            commenting = SENTENCE_END.search(text) is None  # a comment ends at a full stop
            continue
        commenting = False
        open_rows = [r for r in rows if r.period is None]
        if rest:
            waiting = next((r for r in rows if not r.name and (r.values or r.period)), None)
            if named is not None and not rest[:1].isupper():
                named.name.append(rest)
            elif waiting is not None and not values and period is None:
                # Values printed before their name: the name goes to the earliest row
                # still without one.
                waiting.named_late = True
                waiting.values_before_name = len(waiting.values)
                waiting.name.append(rest)
                named = waiting
            else:
                rows.append(BlockRow(name=[rest]))
                named = rows[-1]
            if values or period:
                named.values += values
                named.period = period
                filled = named if values else None
            named.fragments += unit
            continue
        if values and period is not None:
            # Values and period on one line: one row's value cells, the earliest still open.
            target = open_rows[0] if open_rows else None
            if target is None:
                rows.append(BlockRow())
                target = rows[-1]
            target.values += values
            target.period = period
            target.fragments += unit
            continue
        if values:
            # The earliest open row without values yet (the column's cells come in row
            # order), else the latest open row with room (its second value cell).
            target = next((r for r in open_rows if not r.values), None)
            if target is None:
                fits = [r for r in open_rows if len(r.values) + len(values) <= 2]
                target = fits[-1] if fits else None
            late = named is not None and named.named_late
            if target is None and late and len(named.values) + len(values) <= 2:
                # Every row has its period: these are the cells of the row whose right-hand
                # cells were printed before its name, in the columns left of them.
                named.values[:0] = values
                named.fragments += unit
                filled = named
                continue
            if target is None:
                rows.append(BlockRow())
                target = rows[-1]
            target.values += values
            target.fragments += unit
            filled = target
            continue
        if period is not None:
            # The period of the row whose two value cells were printed right before it (a
            # row printed whole); else of the earliest open row (its column's cells in order).
            whole = last_filled is not None and last_filled.period is None and len(last_filled.values) == 2
            target = last_filled if whole else open_rows[0] if open_rows else None
            if target is None:
                rows.append(BlockRow())
                target = rows[-1]
            target.period = period
            target.fragments += unit
    return rows
