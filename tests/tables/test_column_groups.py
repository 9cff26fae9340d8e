"""Rows an exporter printed in column groups among the header cells: each lone value's
column is read from where it was printed (before or after the KF column's header cell)."""

from __future__ import annotations

from pipeline.model import Line
from pipeline.rules import load_rules
from pipeline.segment.outline import build_outline
from pipeline.tables.indicators import read_indicator_table

RULES = load_rules()


def _rows(texts: list[str]) -> list[tuple]:
    outline = build_outline([Line(t, n + 1) for n, t in enumerate(texts)], RULES)
    table = next(t for t in outline.tables if t.kind == "indicator")
    reading = read_indicator_table(table, RULES, False, True)
    return [(r.name, r.target_raw, r.kf_target_raw, r.period_raw, r.comment) for r in reading.rows]


def test_a_lone_value_printed_after_the_kf_header_cell_is_the_kf_value():
    texts = [
        "Enhetsmål: Fler besökare deltar", "", "Indikator", "", "Årsmål", "",
        "Antal öppna kvällar per vecka", "", "Andel besökare som är nöjda med", "utbudet", "", "88 %", "",
        "KF:s årsmål år", "2026", "", "Periodicitet", "", "4", "", "Kvartal", "", "86 %", "", "År", "",
        "Kommentar", "Mäts i enkäten.", "", "Andel nya besökare", "", "30 %", "", "Halvår",
    ]  # fmt: skip
    assert _rows(texts) == [
        ("Antal öppna kvällar per vecka", None, "4", "Kvartal", None),
        ("Andel besökare som är nöjda med utbudet", "88 %", "86 %", "År", "Mäts i enkäten."),
        ("Andel nya besökare", "30 %", None, "Halvår", None),
    ]


def test_a_target_printed_before_the_kf_header_cell_stays_the_target():
    texts = [
        "Enhetsmål: Fler besökare deltar", "", "Indikator", "", "Årsmål", "",
        "Antal föreläsningar för", "föräldrar", "", "öka", "", "KF:s årsmål år", "2026", "",
        "Periodicitet", "", "Tertial",
    ]  # fmt: skip
    assert _rows(texts) == [("Antal föreläsningar för föräldrar", "öka", None, "Tertial", None)]


def test_rows_printed_in_column_groups_after_a_repeated_header():
    texts = [
        "Enhetsmål: Fler besökare deltar", "", "Indikator", "Årsmål", "KF:s årsmål år", "2026",
        "Periodicitet", "", "Andel nya besökare", "", "30 %", "", "Halvår", "", "Indikator", "", "Årsmål", "",
        "Antal öppna kvällar per vecka", "", "KF:s årsmål år", "2026", "", "Periodicitet", "", "4", "",
        "Kvartal",
    ]  # fmt: skip
    assert _rows(texts) == [
        ("Andel nya besökare", "30 %", None, "Halvår", None),
        ("Antal öppna kvällar per vecka", None, "4", "Kvartal", None),
    ]
