"""Tables whose cells the extract stage read from the page geometry (ruling lines or the
columns of the header): no guessing which column a value stands in. Which field each column
fills is rules data (``Rules.table_columns``).

A row whose value cells are all empty continues the previous row's first cell (a name or
activity text that ran on past a page break). Plain lines in the table after a row are
its "Kommentar" when they follow that label, else they complete no row.
"""

from __future__ import annotations

import regex

from pipeline.model import Activity, Indicator, Line, TableBlock, union_box
from pipeline.rules import Rules
from pipeline.tables.cells import COMMENT, strip_glyph
from pipeline.text import collapse_ws

# After a number in a target cell: one or two digits (no number: thousands come in threes) or
# one or two capitals (no unit is written so) can only be a misread per cent sign.
_MISREAD_MARK = regex.compile(r"\d{1,2}|\p{Lu}{1,2}")
_NUMBER_AND_MARK = regex.compile(r"^(?P<number>\d+(?:[,.]\d+)?)\s+(?P<mark>\S{1,3})$")
_NUMBER_GLUED = regex.compile(r"^(?P<number>\d+(?:[,.]\d+)?)(?P<mark>\D{1,2})$")


def _value(cell: str, rules: Rules) -> str | None:
    """A target cell as printed; the per cent sign restored where OCR misread it: one of
    the forms in rules/values.toml, or a mark no value has ("100 2", "80 NM"), or a quote
    mark glued to the number ("81\"")."""
    match = _NUMBER_AND_MARK.match(cell)
    if match and (match["mark"] in rules.ocr_percent_forms or _MISREAD_MARK.fullmatch(match["mark"])):
        return f"{match['number']} %"
    glued = _NUMBER_GLUED.match(cell)
    if glued and glued["mark"] in rules.ocr_percent_glued:
        return f"{glued['number']} %"
    return cell or None


def has_cells(table: TableBlock) -> bool:
    return any(line.cells is not None for line in table.lines)


def _rows(
    table: TableBlock, rules: Rules
) -> tuple[list[tuple[dict[str, str], list[Line]]], list[tuple[int, str]], list[Line]]:
    """(rows as {model field: cell} with their lines, comments as (row index, text), lines
    that make no row); the columns and the field each fills are the rules' (``table_columns``)."""
    fields = [column.field for column in rules.table_columns[table.kind]]
    width = len(fields)
    rows: list[tuple[list[str], list[Line]]] = []
    comments: list[tuple[int, str]] = []
    leftover: list[Line] = []
    in_comment = False
    for line in table.lines:
        if line.cells is None:
            text = collapse_ws(line.text)
            if not text:
                continue
            match = COMMENT.match(text)
            if rows and (match or in_comment):
                in_comment = True
                comments.append((len(rows) - 1, match["rest"] if match else text))
            else:
                leftover.append(line)
            continue
        in_comment = False
        cells = [collapse_ws(c) for c in line.cells][:width] + [""] * max(0, width - len(line.cells))
        if not any(cells):
            continue
        if rows and cells[0] and not any(cells[1:]):
            rows[-1][0][0] = f"{rows[-1][0][0]} {cells[0]}".strip()
            rows[-1][1].append(line)
            continue
        rows.append((cells, [line]))
    return [(dict(zip(fields, cells, strict=True)), lines) for cells, lines in rows], comments, leftover


def grid_indicators(
    table: TableBlock, rules: Rules, goal_is_kf: bool, first_ordinal: int = 1
) -> tuple[list[Indicator], list[Line]]:
    rows, comments, leftover = _rows(table, rules)
    out = [
        Indicator(
            goal_id=table.goal_id,
            ordinal=first_ordinal + n,
            name=strip_glyph(cell["name"], rules),
            target_raw=_value(cell["target_raw"], rules),
            # A generation whose tables have one target column ("Målvärde") has no KF cell.
            kf_target_raw=_value(cell.get("kf_target_raw", ""), rules),
            period_raw=cell["period_raw"] or None,
            page=lines[0].page,
            box=union_box(lines)[1],
        )
        for n, (cell, lines) in enumerate(rows)
    ]
    for index, text in comments:
        row = out[index]
        row.comment = f"{row.comment} {text}".strip() if row.comment else text or None
    return out, leftover


def grid_activities(
    table: TableBlock, rules: Rules, first_ordinal: int = 1
) -> tuple[list[Activity], list[Line]]:
    rows, _, leftover = _rows(table, rules)
    return [
        Activity(
            goal_id=table.goal_id,
            ordinal=first_ordinal + n,
            text=strip_glyph(cell["text"], rules),
            start_raw=cell["start_raw"] or None,
            end_raw=cell["end_raw"] or None,
            page=lines[0].page,
            box=union_box(lines)[1],
        )
        for n, (cell, lines) in enumerate(rows)
    ], leftover
