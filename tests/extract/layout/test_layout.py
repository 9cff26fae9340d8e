"""Table rows from positioned words: what OCR leaves around the cells is not cell text."""

from __future__ import annotations

from pipeline.extract.layout.document import document_lines
from pipeline.extract.page import PageWords, Ruling, Word
from pipeline.rules import load_rules

RULES = load_rules()


def line_of(words: list[tuple[str, float]], top: float) -> list[Word]:
    return [Word(text, x0, x0 + 6 * len(text), top, top + 10) for text, x0 in words]


def indicator_page(rows: list[list[tuple[str, float]]], header_last: str = "Periodicitet") -> PageWords:
    header = [("Indikator", 100), ("Årsmål", 300), ("KF:s", 380), ("årsmål", 410), ("år", 450)]
    words = line_of([*header, ("2026", 465), (header_last, 520)], 200)
    for i, row in enumerate(rows):
        words += line_of(row, 230 + 20 * i)
    left_rule = Ruling(70, 70, 195, 230 + 20 * len(rows))  # the grid's left border
    return PageWords(1, 600, 850, words, [left_rule])


def cells(page: PageWords) -> list[tuple[str, ...]]:
    return [line.cells for line in document_lines([page], RULES) if line.cells]


def test_icons_left_of_the_first_column_are_dropped() -> None:
    page = indicator_page(
        [
            [("O", 76), ("Sjukfrånvaro", 100), ("7,9", 300), ("%", 320), ("Tertial", 520)],
            [("Å", 76), ("—", 88), ("Minskning", 100), ("av", 160), ("plast", 180), ("10", 300), ("År", 520)],
        ]
    )
    assert cells(page)[1:] == [
        ("Sjukfrånvaro", "7,9 %", "", "Tertial"),
        ("Minskning av plast", "10", "", "År"),
    ]


def test_a_word_in_the_first_column_is_kept() -> None:
    # "I" starts the row's text where the header starts: a word, not an icon.
    page = indicator_page([[("I", 100), ("Stockholm", 110), ("80", 300), ("År", 520)]])
    assert cells(page)[1] == ("I Stockholm", "80", "", "År")


def test_a_grid_stroke_glued_to_a_header_word_is_cut_off() -> None:
    page = indicator_page([[("Sjukfrånvaro", 100), ("7,9", 300), ("Tertial", 520)]], "FPeriodicitet")
    lines = [line for line in document_lines([page], RULES) if line.cells]
    assert lines[0].cells == ("Indikator", "Årsmål", "KF:s årsmål år 2026", "Periodicitet")
    assert RULES.indicator_header.match(lines[0].text)
