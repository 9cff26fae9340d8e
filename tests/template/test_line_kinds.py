"""``template``: what a plan's line is under the rules, as extract and segment both read it."""

from __future__ import annotations

from pipeline.model import Line
from pipeline.rules import load_rules
from pipeline.template.furniture import furniture_flags, is_furniture
from pipeline.template.lines import Kind, classify

RULES = load_rules()


def test_lines_are_classified_by_the_heading_rules() -> None:
    goal = classify("KF:s mål för verksamhetsområdet: 1.4 Unga i Stockholm har en meningsfull fritid", RULES)
    assert goal.kind is Kind.GOAL and goal.code == "1.4"
    assert goal.title == "Unga i Stockholm har en meningsfull fritid"
    assert classify("Indikator Årsmål KF:s årsmål år 2025 Periodicitet", RULES).kind is Kind.INDICATOR_HEADER
    assert classify("Aktivitet Startdatum Slutdatum", RULES).kind is Kind.ACTIVITY_HEADER
    assert classify("Inledning", RULES).kind is Kind.NARRATIVE_1
    assert classify("   ", RULES).kind is Kind.BLANK
    assert classify("budget för året", RULES).kind is Kind.TEXT  # not capitalised: no heading


def test_page_headers_and_numbers_are_furniture() -> None:
    assert is_furniture("Sid 3 (9)", RULES)
    assert not is_furniture("Fritidsgården har öppet fem kvällar i veckan.", RULES)


def test_a_line_repeated_between_furniture_at_page_breaks_is_furniture() -> None:
    page = ["Sid {n} (3)", "Götgatan 1", "Tjänsteutlåtande"]
    texts: list[str] = []
    for n in (1, 2, 3):
        texts += [t.format(n=n) for t in page] + [f"Löptext på sidan {n} som inte är sidhuvud."]
    lines = [Line(t, i + 1) for i, t in enumerate(texts)]
    flags = furniture_flags(lines, RULES)
    assert [t for t, f in zip(texts, flags, strict=True) if not f] == [t for t in texts if "Löptext" in t]
