"""Tables read from page geometry: cells are taken as they are."""

from __future__ import annotations

from pipeline.model import Line, TableBlock
from pipeline.rules import load_rules
from pipeline.tables.grid import grid_activities, grid_indicators

RULES = load_rules()


def cell_line(n: int, *cells: str, page: int = 1) -> Line:
    return Line("  ".join(cells), n, page, tuple(cells))


def test_empty_cells_stay_empty_and_names_continue_over_a_page_break():
    table = TableBlock(
        "G2",
        "indicator",
        [
            cell_line(1, "Andel nöjda besökare", "", "85 %", "År"),
            cell_line(2, "Antal öppettimmar per", "25", "", "Tertial"),
            cell_line(3, "vecka", "", "", "", page=2),
            Line("Kommentar: mäts i enkäten.", 4, 2),
        ],
    )
    rows, leftover = grid_indicators(table, RULES, goal_is_kf=True)
    assert [(r.name, r.target_raw, r.kf_target_raw, r.period_raw, r.page) for r in rows] == [
        ("Andel nöjda besökare", None, "85 %", "År", 1),
        ("Antal öppettimmar per vecka", "25", None, "Tertial", 1),
    ]
    assert rows[1].comment == "mäts i enkäten." and leftover == []


def test_activity_cells():
    table = TableBlock(
        "G3", "activity", [cell_line(1, "¢ Införa digital signering", "2025-01-01", "2025-06-30")]
    )
    rows, _ = grid_activities(table, RULES)
    assert [(a.text, a.start_raw, a.end_raw) for a in rows] == [
        ("Införa digital signering", "2025-01-01", "2025-06-30")
    ]


def test_misread_per_cent_signs_are_restored_and_numbers_left_alone():
    table = TableBlock(
        "G1",
        "indicator",
        [
            cell_line(1, "Andel a", "7,9 Yo", "100 2", "År"),
            cell_line(2, "Andel c", "80 NM", "", "År"),
            cell_line(3, "Index b", "82", "1 200 kr", "År"),
        ],
    )
    rows, _ = grid_indicators(table, RULES, goal_is_kf=False)
    assert [(r.target_raw, r.kf_target_raw) for r in rows] == [
        ("7,9 %", "100 %"),
        ("80 %", None),
        ("82", "1 200 kr"),
    ]


def test_a_per_cent_sign_read_as_a_quote_mark_is_restored():
    # tif_5353_0: the scan's "81 %" came out of Tesseract as '81"'.
    table = TableBlock(
        "G1",
        "indicator",
        [
            cell_line(1, "Andel fossilfria tjänsteresor", '81"', "99,2 %", "År"),
            cell_line(2, "Andel b", '7,5 "', "12", "År"),
        ],
    )
    rows, _ = grid_indicators(table, RULES, goal_is_kf=False)
    assert [(r.target_raw, r.kf_target_raw) for r in rows] == [("81 %", "99,2 %"), ("7,5 %", "12")]
