"""Indicator rows: wrapped names, empty cells, broken cells, glyphs, comments."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.model import Line, TableBlock
from pipeline.rules import load_rules
from pipeline.tables.indicators import parse_indicator_table

RULES = load_rules()


def rows(text: str, marks_word_cuts: bool = True, goal_is_kf: bool = False):
    lines = [Line(t, i + 1) for i, t in enumerate(text.split("\n"))]
    found, leftover = parse_indicator_table(
        TableBlock("G1", "indicator", lines), RULES, marks_word_cuts, goal_is_kf
    )
    return [(r.name, r.target_raw, r.kf_target_raw, r.period_raw) for r in found], leftover, found


def test_name_over_lines_values_after_blank_line():
    got, leftover, _ = rows(" Andel elever som \nnår målen i \nsvenska \n\n92 % 90 % År ")
    assert got == [("Andel elever som når målen i svenska", "92 %", "90 %", "År")]
    assert leftover == []


def test_double_space_marks_the_empty_kf_cell():
    got, _, found = rows(" Antal hembesök \n\n12  Tertial ", goal_is_kf=True)
    assert got == [("Antal hembesök", "12", None, "Tertial")]
    assert found[0].uncertain is False


def test_lone_kf_phrase_goes_to_the_kf_column():
    got, _, _ = rows("Sjukfrånvaro Tas fram av nämnd Halvår ")
    assert got == [("Sjukfrånvaro", None, "Tas fram av nämnd", "Halvår")]


def test_lone_value_without_hint_is_target_and_uncertain_under_kf_goal():
    _, _, found = rows("Nöjd kund-index 78 År ", goal_is_kf=True)
    assert (found[0].target_raw, found[0].kf_target_raw, found[0].uncertain) == ("78", None, True)


def test_cell_cut_inside_a_word_is_healed():
    got, _, _ = rows("Personalomsättning 9 % Tas fram av \nnämnd/styrel\n\nse \n\nTertial ")
    assert got == [("Personalomsättning", "9 %", "Tas fram av nämnd/styrelse", "Tertial")]


def test_one_line_rows_with_number_in_the_name():
    got, _, _ = rows(" \n \nFrånvaro dag 1-14 2,8 % Tas fram av nämnd Tertial \n \nIndex 82 80 År ")
    assert got == [
        ("Frånvaro dag 1-14", "2,8 %", "Tas fram av nämnd", "Tertial"),
        ("Index", "82", "80", "År"),
    ]


def test_name_ending_in_a_number_keeps_it_when_values_stand_apart():
    got, _, _ = rows(" Antal platser enligt plan 2025 \n\n40 38 År ")
    assert got == [("Antal platser enligt plan 2025", "40", "38", "År")]


def test_icon_glyph_before_a_row_is_dropped():
    got, _, _ = rows("¢ Andel nöjda brukare 90 % öka År ")
    assert got == [("Andel nöjda brukare", "90 %", "öka", "År")]


def test_comment_under_an_indicator():
    got, _, found = rows("Besök per vecka 300 År \n\nKommentar \n\nRäknas vid entrén. \n\nIndex 5 4 År ")
    assert [g[0] for g in got] == ["Besök per vecka", "Index"]
    assert found[0].comment == "Räknas vid entrén."
    assert found[1].comment is None


def test_text_that_completes_no_row_is_kept_as_an_incomplete_row():
    _, leftover, found = rows(" Andel som \nsvarat ")
    assert [ln.lineno for ln in leftover] == [1, 2]  # still reported
    assert [(r.name, r.period_raw, r.incomplete, r.raw_text) for r in found] == [
        ("Andel som svarat", None, True, "Andel som svarat")
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400))
def test_never_crashes_on_random_text(text):
    found, leftover, _ = rows(text)
    assert isinstance(found, list) and isinstance(leftover, list)
