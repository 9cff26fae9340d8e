"""Table headers split over lines, or printed around the first row's cells."""

from __future__ import annotations

from pipeline.model import Line
from pipeline.rules import load_rules
from pipeline.segment.outline import build_outline
from pipeline.segment.table_header import split_header

RULES = load_rules()


def test_header_cells_on_lines_of_their_own_with_the_first_row_between_them():
    texts = [
        "Indikator", "Årsmål", "Andel besökare som upplever att de kan", "påverka verksamheten", "81 %",
        "KF:s årsmål år", "2025", "Periodicitet", "Kvartal",
    ]  # fmt: skip
    span = split_header(texts, RULES)
    assert span is not None and span.kind == "indicator"
    assert span.header == (0, 1, 5, 6, 7) and span.body == (2, 3, 4)


def test_the_year_of_a_wrapped_header_cell_printed_after_the_header_line():
    span = split_header(["Indikator Årsmål KF:s årsmål år Periodicitet", "2025", "Andel nöjda"], RULES)
    assert span is not None and span.header == (0, 1)


def test_prose_that_starts_with_a_header_word_is_no_header():
    assert split_header(["Indikatorerna följs upp varje tertial.", "Årsmål", "Periodicitet"], RULES) is None
    assert split_header(["Aktivitet", "är viktigt för alla.", "Mer text"], RULES) is None


def test_the_outline_keeps_the_rows_printed_among_the_header_cells():
    texts = [
        "Enhetsmål: Fler besökare deltar", "", "Indikator", "", "Årsmål", "",
        "Andel besökare som upplever att de kan", "påverka verksamheten", "", "81 %", "",
        "KF:s årsmål år", "2025", "", "Periodicitet", "", "Kvartal", "", "Aktivitet", "", "Startdatum", "",
        "Slutdatum", "", "Alla ska gå en utbildning.", "", "2025-01-01", "", "2025-12-31",
    ]  # fmt: skip
    outline = build_outline([Line(t, n + 1) for n, t in enumerate(texts)], RULES)
    kinds = [(t.kind, [ln.text for ln in t.lines if ln.text]) for t in outline.tables]
    assert kinds == [
        ("indicator", ["Andel besökare som upplever att de kan", "påverka verksamheten", "81 %", "Kvartal"]),
        ("activity", ["Alla ska gå en utbildning.", "2025-01-01", "2025-12-31"]),
    ]
    header = [ln.text for ln in outline.tables[0].header]
    assert header == ["Indikator", "Årsmål", "KF:s årsmål år", "2025", "Periodicitet"]
