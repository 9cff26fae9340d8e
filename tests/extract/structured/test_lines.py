"""The lines every structured reader hands on: headings bold, table rows with their cells."""

from __future__ import annotations

from pipeline.extract.structured.lines import Cell, LineBuilder


def rows(*texts: tuple[str, ...]) -> list[list[Cell]]:
    return [[Cell(t) for t in row] for row in texts]


def test_blocks_become_lines_without_pages() -> None:
    out = LineBuilder()
    out.heading("Inledning")
    out.paragraph("Första   stycket.")
    out.paragraph("Andra stycket.")
    out.paragraph("Nämndmål: Trygghet", bold=True)
    assert [(ln.text, ln.bold, ln.page) for ln in out.lines] == [
        ("Inledning", True, None),
        ("Första stycket.", False, None),
        ("", False, None),
        ("Andra stycket.", False, None),
        ("", False, None),
        ("Nämndmål: Trygghet", True, None),
    ]


def test_tables_joined_by_a_converter_are_cut_where_the_borders_change() -> None:
    """LibreOffice joins adjacent tables of a .doc into one: an indicator table of four cells
    a row, then an activity table of three spanning two grid columns each."""
    joined = rows(
        ("Indikator", "Årsmål", "KF:s årsmål år 2026", "Periodicitet"), ("Sjukfrånvaro", "6 %", "", "År")
    )
    joined += [[Cell("Aktivitet", 2), Cell("Startdatum", 2), Cell("Slutdatum", 2)]]
    joined += [[Cell("Utbilda personal", 2), Cell("2026-01-01", 2), Cell("2026-12-31", 2)]]
    out = LineBuilder()
    out.table(joined)
    assert [ln.cells for ln in out.lines] == [
        ("Indikator", "Årsmål", "KF:s årsmål år 2026", "Periodicitet"),
        ("Sjukfrånvaro", "6 %", "", "År"),
        ("Aktivitet", "Startdatum", "Slutdatum"),
        ("Utbilda personal", "2026-01-01", "2026-12-31"),
    ]


def test_a_comment_row_is_a_plain_line_and_an_icon_column_is_dropped() -> None:
    table = rows(
        ("", "Indikator", "Årsmål", "KF:s årsmål år 2026", "Periodicitet"), ("", "Nöjdhet", "90 %", "", "År")
    )
    table.append([Cell(""), Cell("Kommentar  Mäts årligen.", 4)])
    out = LineBuilder()
    out.table(table)
    assert [(ln.text, ln.cells) for ln in out.lines] == [
        (
            "Indikator  Årsmål  KF:s årsmål år 2026  Periodicitet",
            ("Indikator", "Årsmål", "KF:s årsmål år 2026", "Periodicitet"),
        ),
        ("Nöjdhet  90 %    År", ("Nöjdhet", "90 %", "", "År")),
        ("Kommentar Mäts årligen.", None),
    ]


def test_a_vertically_merged_cell_repeats_its_text() -> None:
    table = [
        [Cell("Aktivitet"), Cell("Startdatum"), Cell("Slutdatum")],
        [Cell("A"), Cell("2026-01-01"), Cell("2026-12-31")],
        [Cell("B"), Cell("2026-02-01"), Cell("", continued=True)],
    ]
    out = LineBuilder()
    out.table(table)
    assert out.lines[-1].cells == ("B", "2026-02-01", "2026-12-31")


def test_a_table_of_texts_is_collapsed_padded_and_loses_its_empty_leading_column() -> None:
    out = LineBuilder()
    out.paragraph("Indikatorer")
    out.text_table(
        [["", "Indikator", "Årsmål"], ["", " Nöjdhet\n i  hemtjänsten ", "90 %"], ["", "Sjukfrånvaro"]]
    )
    assert [(ln.text, ln.cells) for ln in out.lines] == [
        ("Indikatorer", None),
        ("", None),
        ("Indikator  Årsmål", ("Indikator", "Årsmål")),
        ("Nöjdhet i hemtjänsten  90 %", ("Nöjdhet i hemtjänsten", "90 %")),
        ("Sjukfrånvaro  ", ("Sjukfrånvaro", "")),
    ]


def test_a_table_of_cells_without_merges_reads_as_a_table_of_texts() -> None:
    texts = [["Aktivitet", "Startdatum"], ["Utbilda  personal", " 2026-01-01"]]
    as_cells, as_texts = LineBuilder(), LineBuilder()
    as_cells.table([[Cell(t) for t in row] for row in texts])
    as_texts.text_table(texts)
    assert as_cells.lines == as_texts.lines
    assert [ln.cells for ln in as_texts.lines] == [
        ("Aktivitet", "Startdatum"),
        ("Utbilda personal", "2026-01-01"),
    ]
