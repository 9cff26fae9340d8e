"""Property tests for the readers of exported tables: random and mutated input may be
rejected, never crash or hang them, and a table split into cells by tabs or columns reads
back to the rows it was built from."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.model import Line, TableBlock
from pipeline.rules import load_rules
from pipeline.segment.table_header import split_header
from pipeline.tables.blocks import block_rows
from pipeline.tables.cells import fragments
from pipeline.tables.grid import grid_indicators
from pipeline.tables.text_grid import text_grid
from pipeline.tables.wrapped import heal_wrapped_values
from tests.strategies import mutated_lines

RULES = load_rules()
TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=120)
NAMES = ("Andel nöjda brukare", "Antal besök per vecka", "Utsläpp från tjänsteresor", "Medarbetarindex")
VALUES = ("", "85 %", "12", "2,4 ton CO2e per årsarbetare", "Tas fram av nämnd/styrelse", "öka")
PERIODS = ("År", "Tertial", "Kvartal")
HEADER = "Indikator  Årsmål  KF:s årsmål år 2026  Periodicitet"


def _lines(texts: list[str]) -> list[Line]:
    return [Line(t, i + 1) for i, t in enumerate(texts)]


@settings(max_examples=200, deadline=None)
@given(st.lists(TEXT, max_size=20))
def test_random_text_never_crashes_the_export_readers(texts):
    lines = _lines(texts)
    split_header(texts or [""], RULES)
    frags = fragments(lines)
    block_rows(heal_wrapped_values(frags, RULES), RULES, marks_word_cuts=False)
    table = TableBlock("G1", "indicator", lines, header=[Line(HEADER.replace("  ", "      "), 0)])
    text_grid(table, RULES, marks_word_cuts=False)


EXPORTED = [
    "Utsläpp från tjänsteresor 2,4 ton CO2e per 2,4 ton CO2e per År", "årsarbetare årsarbetare", "",
    "Andel kunder som är nöjda", "som helhet", "", "91 %", "", "Andel äldre", "", "86 %", "", "Månad", "",
    "Tas fram av", "nämnd", "", "År", "Andel nöjda\t88 %\t\tÅr",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(mutated_lines(EXPORTED, 8, ("strip", "glyph")))
def test_mutated_tables_never_crash_the_export_readers(texts):
    lines = _lines(texts)
    split_header(texts or [""], RULES)
    block_rows(heal_wrapped_values(fragments(lines), RULES), RULES, marks_word_cuts=True)
    text_grid(TableBlock("G1", "activity", lines), RULES, marks_word_cuts=True)


ROWS = st.lists(
    st.tuples(
        st.sampled_from(NAMES), st.sampled_from(VALUES), st.sampled_from(VALUES), st.sampled_from(PERIODS)
    ),
    min_size=1,
    max_size=5,
)


@settings(max_examples=100, deadline=None)
@given(ROWS)
def test_tab_separated_rows_read_back(rows):
    lines = _lines(["\t".join(row) for row in rows])
    table = text_grid(TableBlock("G1", "indicator", lines), RULES, marks_word_cuts=False)
    assert table is not None
    got, leftover = grid_indicators(table, RULES, goal_is_kf=False)
    assert [(r.name, r.target_raw or "", r.kf_target_raw or "", r.period_raw) for r in got] == rows
    assert leftover == []


@settings(max_examples=100, deadline=None)
@given(ROWS, st.integers(min_value=3, max_value=8))
def test_layout_columns_read_back(rows, gap):
    widths = [max(len(r[k]) for r in rows) + gap for k in range(3)]
    widths[0] = max(widths[0], len("Indikator") + gap)
    widths[1] = max(widths[1], len("Årsmål") + gap)
    widths[2] = max(widths[2], len("KF:s årsmål år") + gap)
    heads = ("Indikator", "Årsmål", "KF:s årsmål år")
    header = "".join(h.ljust(w) for h, w in zip(heads, widths, strict=True))
    texts = ["", *("".join(c.ljust(w) for c, w in zip(r[:3], widths, strict=True)) + r[3] for r in rows)]
    table = TableBlock("G1", "indicator", _lines(texts), header=[Line(header + "Periodicitet", 0)])
    read = text_grid(table, RULES, marks_word_cuts=False)
    assert read is not None
    got, _ = grid_indicators(read, RULES, goal_is_kf=False)
    assert [(r.name, r.target_raw or "", r.kf_target_raw or "", r.period_raw) for r in got] == rows
