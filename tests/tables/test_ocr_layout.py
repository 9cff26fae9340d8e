"""Tables as an OCR pass lays them out: a row's dates or values close its first line and the
text goes on below; no line ends in a space. Rows are our own, written for these tests."""

from __future__ import annotations

from pipeline.model import Line, TableBlock
from pipeline.parse import parse_source
from pipeline.rules import load_rules
from pipeline.tables.activities import read_activity_table
from pipeline.tables.indicators import read_indicator_table
from pipeline.tables.layout import FIRST_LINE, LAST_LINE
from tests.conftest import source_from_text

RULES = load_rules()


def _lines(text: str) -> list[Line]:
    return [Line(t, i + 1) for i, t in enumerate(text.split("\n"))]


def indicators(text: str, marks_word_cuts: bool = False, goal_is_kf: bool = False):
    reading = read_indicator_table(
        TableBlock("G1", "indicator", _lines(text)), RULES, marks_word_cuts, goal_is_kf
    )
    rows = [(r.name, r.target_raw, r.kf_target_raw, r.period_raw) for r in reading.rows]
    return reading, rows


def activities(text: str, marks_word_cuts: bool = False):
    reading = read_activity_table(TableBlock("G1", "activity", _lines(text)), RULES, marks_word_cuts)
    return reading, [(r.text, r.start_raw, r.end_raw) for r in reading.rows]


# --- activities ----------------------------------------------------------------------------------


def test_activity_dates_on_the_first_line_text_below_with_blank_lines():
    reading, rows = activities(
        "Förvaltningen ska utveckla samarbetet med 2026-01-01 2026-12-31\n"
        "skolorna i området kring barn som\n\n"
        "behöver särskilt stöd.\n\n"
        "Enheten ska pröva digitala nycklar i 2026-03-01 2026-09-30\n"
        "hemtjänstens två västra grupper"
    )
    assert reading.layout == FIRST_LINE and reading.leftover == []
    assert rows == [
        (
            "Förvaltningen ska utveckla samarbetet med skolorna i området kring barn som "
            "behöver särskilt stöd.",
            "2026-01-01",
            "2026-12-31",
        ),
        ("Enheten ska pröva digitala nycklar i hemtjänstens två västra grupper", "2026-03-01", "2026-09-30"),
    ]


def test_activity_rows_without_blank_lines_between_them():
    _, rows = activities(
        "Alla chefer ska gå kursen i 2025-01-01 2025-12-31\n"
        "arbetsrätt\n"
        "Kansliet ska se över rutinen för 2025-02-01 2025-05-31\n"
        "inkommande post\n"
        "Samtliga enheter ska ha en krisplan. 2025-01-01 2025-12-31"
    )
    assert rows == [
        ("Alla chefer ska gå kursen i arbetsrätt", "2025-01-01", "2025-12-31"),
        ("Kansliet ska se över rutinen för inkommande post", "2025-02-01", "2025-05-31"),
        ("Samtliga enheter ska ha en krisplan.", "2025-01-01", "2025-12-31"),
    ]


def test_activity_one_line_first_row_of_a_text_export_stays_last_line():
    reading, rows = activities(
        " Utbildning i brandskydd 2025-03-01 2025-03-31 \n\n"
        " Enheten inför digital \nsignering av \nscheman \n\n2025-01-01 2025-06-30 ",
        marks_word_cuts=True,
    )
    assert reading.layout == LAST_LINE and reading.leftover == []
    assert rows == [
        ("Utbildning i brandskydd", "2025-03-01", "2025-03-31"),
        ("Enheten inför digital signering av scheman", "2025-01-01", "2025-06-30"),
    ]


def test_first_line_layout_in_an_export_that_marks_word_cuts():
    """Trailing spaces and the first-line layout are independent: a bare line end still cuts a word."""
    _, rows = activities("Förvaltningen ska utveckla 2026-01-01 2026-12-31 \nsam\nverkan med skolorna ", True)
    assert rows == [("Förvaltningen ska utveckla samverkan med skolorna", "2026-01-01", "2026-12-31")]
    _, rows = indicators("Andel elever med 80 % År \nbehörig\nhet till gymnasiet ", marks_word_cuts=True)
    assert rows == [("Andel elever med behörighet till gymnasiet", "80 %", None, "År")]


def test_activity_stray_glyph_before_a_later_line_is_dropped():
    _, rows = activities("€ Parkerna ska få fler 2026-04-01 2026-10-31\n© sittplatser längs gångvägarna")
    assert rows == [("Parkerna ska få fler sittplatser längs gångvägarna", "2026-04-01", "2026-10-31")]


# --- indicators ----------------------------------------------------------------------------------


def test_indicator_values_on_the_first_line_name_below_with_blank_lines():
    reading, rows = indicators(
        "Andel brukare som 91 % År\nanser att personalen\n\nkommer på utsatt\n\ntid\n\n"
        "Antal hembesök per 40 35 Tertial\nmånad och team",
        goal_is_kf=True,
    )
    assert reading.layout == FIRST_LINE and reading.leftover == []
    assert rows == [
        ("Andel brukare som anser att personalen kommer på utsatt tid", "91 %", None, "År"),
        ("Antal hembesök per månad och team", "40", "35", "Tertial"),
    ]
    assert reading.rows[0].uncertain  # a lone value under a KF goal: its column is a guess


def test_indicator_glyphs_pipe_for_i_and_kf_phrase():
    _, rows = indicators(
        "c Andel elever med 88 % 85 % År\n¢ godkända betyg i\n\nmatematik\n\n"
        "| samtliga gruppbostäder 100 % År\nfinns ett kostombud\n\n"
        "v Personalomsättning Tas fram av nämnd Halvår"
    )
    assert rows == [
        ("Andel elever med godkända betyg i matematik", "88 %", "85 %", "År"),
        ("I samtliga gruppbostäder finns ett kostombud", "100 %", None, "År"),
        ("Personalomsättning", None, "Tas fram av nämnd", "Halvår"),
    ]


def test_indicator_comment_after_a_row_and_a_row_whose_values_were_lost():
    reading, rows = indicators(
        "Andel nöjda besökare 80 % År\ni mötesplatsen\n\nKommentar\n"
        "Utfallet förra året var 76 %. Målet höjs stegvis.\n\n"
        "Minskning av inköpta Tertial\nplastpåsar"
    )
    assert rows == [
        ("Andel nöjda besökare i mötesplatsen", "80 %", None, "År"),
        ("Minskning av inköpta plastpåsar", None, None, "Tertial"),
    ]
    assert reading.rows[0].comment == "Utfallet förra året var 76 %. Målet höjs stegvis."
    assert reading.rows[1].comment is None


def test_indicator_comment_without_full_stop_ends_at_the_next_row():
    reading, rows = indicators("Antal utflykter 12 År\nper grupp\nKommentar\nSom förra året\nIndex 70 72 År")
    assert [r[0] for r in rows] == ["Antal utflykter per grupp", "Index"]
    assert reading.rows[0].comment == "Som förra året"


def test_indicator_name_that_wraps_after_a_lower_case_period_word():
    _, rows = indicators("Antal barn per 14 Halvår\nbarngrupp för barn under 3 år\ni förskolan")
    assert rows == [("Antal barn per barngrupp för barn under 3 år i förskolan", "14", None, "Halvår")]


def test_text_export_table_with_one_line_first_row_stays_last_line():
    reading, rows = indicators(
        "Index 82 80 År \n\n Andel elever som \nnår målen i \nsvenska \n\n92 % 90 % År ", marks_word_cuts=True
    )
    assert reading.layout == LAST_LINE
    assert rows == [
        ("Index", "82", "80", "År"),
        ("Andel elever som når målen i svenska", "92 %", "90 %", "År"),
    ]


# --- through the whole parser --------------------------------------------------------------------

PLAN = """Inledning

Enhetens uppdrag

Äldreboendet Solgläntan ger vård och omsorg till äldre i stadsdelen.

KF:s inriktningsmål: 1. En stad som håller samman

KF:s mål för verksamhetsområdet: 1.4 Stockholm ska vara en bra stad att åldras i

Indikator Arsmal KF:s arsmal ar 2026 Periodicitet

€ Andel boende som 90 % 88 % År
känner sig trygga på

boendet

Nämndmål: Äldre har en trygg och meningsfull vardag

Beskrivning

Målet nås genom att verksamheterna arbetar personcentrerat.

Aktivitet Startdatum Slutdatum
Boendet ska erbjuda utevistelse varje 2026-01-01 2026-12-31
dag till alla som vill
Storgatan 12
start.stockholm

xo Tjansteutlatande
rQk Sid 4 (9)
 Personalen ska gå en kurs om 2026-02-01 2026-05-31
demenssjukdomar

Övrigt
"""


def test_ocr_plan_through_the_parser():
    plan = parse_source(source_from_text(PLAN))
    assert not plan.source.marks_word_cuts
    assert [(i.name, i.target_raw, i.kf_target_raw) for i in plan.indicators] == [
        ("Andel boende som känner sig trygga på boendet", "90 %", "88 %")
    ]
    assert [(a.text, a.start_raw) for a in plan.activities] == [
        ("Boendet ska erbjuda utevistelse varje dag till alla som vill", "2026-01-01"),
        ("Personalen ska gå en kurs om demenssjukdomar", "2026-02-01"),
    ]
    assert plan.activities[1].page == 4
    assert not [p for p in plan.problems if p.stage == "tables"]
