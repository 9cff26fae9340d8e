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


def test_the_last_header_cell_printed_after_several_whole_rows():
    # pdftotext may print "Periodicitet" after the rows whose periods came in place: the
    # header is still found, though its cells span more lines than a row or two.
    rows = [
        ["Antal deltagare i öppna aktiviteter per", "vecka", "120", "Kvartal"],
        ["Andel besökare som känner sig trygga på", "gården", "90 %", "Halvår"],
        ["Andel medarbetare med introduktion", "100 %", "95 %"],
    ]
    texts = ["Enhetsmål: Fler unga deltar", "Indikator", "Årsmål", "KF:s årsmål år", "2026"]
    texts += [cell for row in rows for cell in row] + ["Periodicitet", "År", "Beskrivning", "Text."]
    outline = build_outline([Line(t, n + 1) for n, t in enumerate(texts)], RULES)
    (table,) = outline.tables
    assert table.kind == "indicator"
    header = ["Indikator", "Årsmål", "KF:s årsmål år", "2026", "Periodicitet"]
    assert [ln.text for ln in table.header] == header
    assert [ln.text for ln in table.lines][:3] == rows[0][:3]
    assert "År" in [ln.text for ln in table.lines]


def test_a_split_header_does_not_reach_over_a_goal():
    texts = ["Indikator", "Årsmål", "Andel nöjda", "Nämndmål: Alla är trygga", "KF:s årsmål år 2026"]
    texts.append("Periodicitet")
    outline = build_outline([Line(t, n + 1) for n, t in enumerate(texts)], RULES)
    assert not outline.tables and outline.goals[-1].title.startswith("Alla är trygga")


def test_two_tables_side_by_side_printed_in_column_order():
    # An indicator table and an activity table printed next to each other: the exporter
    # writes the activity header's first cell among the indicator header's cells.
    texts = [
        "Enhetsmål: Mindre matsvinn", "Indikator", "Årsmål", "Matsvinn per portion i gram", "15",
        "Aktivitet", "KF:s årsmål år", "2026", "Periodicitet", "Tertial", "Startdatum", "Slutdatum",
        "Kartlägga matsvinnet i alla kök", "2026-02-01", "2026-05-31",
    ]  # fmt: skip
    outline = build_outline([Line(t, n + 1) for n, t in enumerate(texts)], RULES)
    tables = [(t.kind, [ln.text for ln in t.lines]) for t in outline.tables]
    assert tables == [
        ("indicator", ["Matsvinn per portion i gram", "15", "Tertial"]),
        ("activity", ["Kartlägga matsvinnet i alla kök", "2026-02-01", "2026-05-31"]),
    ]
