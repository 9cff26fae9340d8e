"""Property tests for the table parsers: rows laid out either way are read back exactly, and
random or mutated tables never crash them or make rows out of nothing."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.model import Line, TableBlock
from pipeline.rules import load_rules
from pipeline.tables.activities import read_activity_table
from pipeline.tables.indicators import read_indicator_table
from pipeline.tables.values import quantity_unit
from tests.strategies import mutated_lines

RULES = load_rules()
# Words that are neither numbers, values ("öka", "ja") nor periods, so rows are unambiguous.
WORDS = (
    "andel", "barn", "elever", "brukare", "som", "anser", "att", "personalen", "bemöter", "dem", "väl",
    "inom", "förskolan", "enheten", "deltar", "i", "utbildning", "kring", "språk", "och", "läsning",
    "med", "stöd", "från", "biblioteket", "samt", "föräldrarna",
)  # fmt: skip
PERIODS = ("År", "Tertial", "Halvår", "Kvartal", "Månad")
VALUES = ("85 %", "12", "7,5 %", "Max 10 personer", "Tas fram av nämnd", "30 st")


def _lines(texts: list[str]) -> list[Line]:
    return [Line(t, i + 1) for i, t in enumerate(texts)]


def _wrap(words: list[str], width: int) -> list[str]:
    out = [words[0]]
    for w in words[1:]:
        if len(out[-1]) + 1 + len(w) <= width:
            out[-1] += " " + w
        else:
            out.append(w)
    return out


text_st = st.lists(st.sampled_from(WORDS), min_size=1, max_size=14).map(
    lambda ws: " ".join([ws[0].capitalize(), *ws[1:]])
)


@st.composite
def activity_rows(draw):
    rows = []
    for _ in range(draw(st.integers(1, 5))):
        month = draw(st.integers(1, 6))
        rows.append((draw(text_st), f"2026-{month:02d}-01", f"2026-{month + 6:02d}-30"))
    return rows


@st.composite
def indicator_rows(draw):
    rows = []
    for _ in range(draw(st.integers(1, 5))):
        target = draw(st.sampled_from(VALUES[:4] + VALUES[5:]))
        # The KF target counts in the target's unit, or is a phrase: a number of another unit
        # before the target is read as the end of the name.
        unit = quantity_unit(target, RULES)
        kfs = [v for v in VALUES if quantity_unit(v, RULES) in (unit, None)]
        kf = draw(st.none() | st.sampled_from(kfs))
        rows.append((draw(text_st), target, kf, draw(st.sampled_from(PERIODS))))
    return rows


def _render(rows, cells, first_line: bool, width: int, gaps: bool, apart: bool, trailing: str) -> list[str]:
    """Rows laid out with their cells closing the first line (OCR) or the last (text export)."""
    out: list[str] = []
    for k, row in enumerate(rows):
        if k and apart:
            out.append("")
        parts = _wrap(row[0].split(), width)
        cell = cells(row)
        if first_line:
            out.append(f"{parts[0]} {cell}")
            for p in parts[1:]:
                out += [""] * gaps + [p]
        elif len(parts) == 1:
            out.append(f" {parts[0]} {cell}")
        else:
            out += [" " + parts[0], *parts[1:], "", cell]
    return [ln + trailing if ln else ln for ln in out]


layout_st = st.tuples(st.booleans(), st.integers(12, 60), st.booleans(), st.booleans(), st.booleans())


@settings(max_examples=300, deadline=None)
@given(activity_rows(), layout_st)
def test_activity_rows_read_back_in_either_layout(rows, layout):
    first_line, width, gaps, apart, trailing = layout
    apart = apart or not first_line  # a text export separates its rows
    texts = _render(rows, lambda r: f"{r[1]} {r[2]}", first_line, width, gaps, apart, " " if trailing else "")
    reading = read_activity_table(TableBlock("G1", "activity", _lines(texts)), RULES, trailing)
    assert [(a.text, a.start_raw, a.end_raw) for a in reading.rows] == rows
    assert reading.leftover == []


@settings(max_examples=300, deadline=None)
@given(indicator_rows(), layout_st)
def test_indicator_rows_read_back_in_either_layout(rows, layout):
    first_line, width, gaps, apart, trailing = layout
    apart = apart or not first_line

    def cells(row):
        return " ".join(v for v in row[1:] if v)

    texts = _render(rows, cells, first_line, width, gaps, apart, " " if trailing else "")
    reading = read_indicator_table(TableBlock("G1", "indicator", _lines(texts)), RULES, trailing, False)
    assert [(i.name, i.target_raw, i.kf_target_raw, i.period_raw) for i in reading.rows] == rows
    assert reading.leftover == []


# --- random and mutated input -------------------------------------------------------------------

OCR_TABLE = [
    "c Andel brukare som 91 % 90 % År",
    "¢ anser att personalen",
    "",
    "kommer i tid",
    "Kommentar",
    "Mäts i enkäten.",
    "| samtliga grupper finns 100 % År",
    "ett ombud",
    "Enheten ska pröva nya 2026-01-01 2026-12-31",
    "arbetssätt",
]
TEXT_TABLE = [
    " Andel brukare som ",
    "anser att personalen ",
    "",
    "91 %  År ",
    "",
    " Utbildning i brandskydd 2025-03-01 2025-03-31 ",
    "Tas fram av ",
    "nämnd ",
    "",
    "Tertial ",
]


@st.composite
def mutated_table(draw):
    table = draw(st.sampled_from((OCR_TABLE, TEXT_TABLE)))
    return draw(mutated_lines(table, 8, ("strip", "glyph")))


def _check(reading, texts: list[str]) -> None:
    linenos = {ln.lineno for ln in reading.leftover}
    assert len(linenos) == len(reading.leftover)  # each line left over once
    assert all(1 <= n <= len(texts) and texts[n - 1].strip() for n in linenos)
    assert reading.flaws >= len(reading.leftover)
    assert [r.ordinal for r in reading.rows] == list(range(1, len(reading.rows) + 1))


@settings(max_examples=400, deadline=None)
@given(mutated_table(), st.booleans(), st.booleans())
def test_mutated_tables_never_crash(texts, marks_word_cuts, goal_is_kf):
    lines = _lines(texts)
    indicators = read_indicator_table(
        TableBlock("G1", "indicator", lines), RULES, marks_word_cuts, goal_is_kf
    )
    _check(indicators, texts)
    for row in indicators.rows:
        assert row.period_raw is None or row.period_raw.casefold() in RULES.periods
    activities = read_activity_table(TableBlock("G1", "activity", lines), RULES, marks_word_cuts)
    _check(activities, texts)
    for row in activities.rows:  # dates come from the text, both or neither
        assert (row.start_raw is None) == (row.end_raw is None)
        assert row.start_raw is None or row.start_raw in "\n".join(texts)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=80), max_size=30), st.booleans())
def test_random_lines_never_crash(texts, marks_word_cuts):
    lines = _lines(texts)
    _check(read_indicator_table(TableBlock(None, "indicator", lines), RULES, marks_word_cuts, True), texts)
    _check(read_activity_table(TableBlock(None, "activity", lines), RULES, marks_word_cuts), texts)


GROUPED_TABLE = [
    "Antal öppna kvällar per vecka", "", "Andel besökare som är nöjda med", "utbudet", "", "88 %", "",
    "4", "", "Kvartal", "", "Tas fram av", "nämnd", "", "År", "", "Kommentar", "Mäts i enkäten.",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    mutated_lines(GROUPED_TABLE, 6),
    st.dictionaries(st.integers(0, 20), st.integers(0, 4), max_size=12),
    st.booleans(),
)
def test_tables_printed_in_column_groups_never_crash(texts, lead, goal_is_kf):
    """Any lines, with any record of where they stood among the header cells."""
    table = TableBlock("G1", "indicator", _lines(texts), lead_columns=lead)
    reading = read_indicator_table(table, RULES, False, goal_is_kf)
    assert [r.ordinal for r in reading.rows] == list(range(1, len(reading.rows) + 1))
    for row in reading.rows:
        assert row.period_raw is None or row.period_raw.casefold() in RULES.periods
        for value in (row.target_raw, row.kf_target_raw):
            assert value is None or all(word in " ".join(texts) for word in value.split())
