"""The layout finds a table by the header words of the rules (rules/headings.toml)."""

from __future__ import annotations

import dataclasses

from pipeline.extract.layout.document import document_lines
from pipeline.extract.page import PageWords, Word
from pipeline.rules import TableColumn, load_rules

RULES = load_rules()


def _page(rows: list[list[tuple[str, float]]]) -> PageWords:
    words = []
    for i, row in enumerate(rows):
        top = 200 + 20 * i
        words += [Word(text, x0, x0 + 6 * len(text), top, top + 10) for text, x0 in row]
    return PageWords(1, 600, 850, words, [])


PAGE = _page(
    [
        [("Uppgift", 100), ("Början", 300), ("Slut", 450)],
        [("Införa", 100), ("e-tjänst", 140), ("2025-01-01", 300), ("2025-06-30", 450)],
    ]
)


def test_a_header_of_other_words_is_a_table_when_the_rules_say_so():
    assert [line.cells for line in document_lines([PAGE], RULES) if line.cells] == []
    columns = dict(RULES.table_columns)
    columns["activity"] = (
        TableColumn("text", "uppgift"),
        TableColumn("start_raw", "borjan"),
        TableColumn("end_raw", "slut"),
    )
    lines = document_lines([PAGE], dataclasses.replace(RULES, table_columns=columns))
    assert [line.cells for line in lines if line.cells] == [
        ("Uppgift", "Början", "Slut"),
        ("Införa e-tjänst", "2025-01-01", "2025-06-30"),
    ]
