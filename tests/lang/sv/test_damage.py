from __future__ import annotations

from pathlib import Path

from pipeline.lang.sv.damage import measure

ROOT = Path(__file__).resolve().parents[3]
CLEAN = (ROOT / "tests" / "fixtures" / "fritidsgard_2025.txt").read_text(encoding="utf-8")
LOST = CLEAN.translate(str.maketrans("åäöÅÄÖ", "aaoAAO"))
STANDINS = CLEAN.translate(str.maketrans("åäöÅÄÖ", "&é6A@0"))


def test_clean_swedish_scores_zero():
    assert measure(CLEAN).score == 0.0


def test_lost_letters_are_damage():
    assert measure(LOST).damaged
    assert measure(STANDINS).score == 1.0


def test_english_is_not_swedish_damage():
    english = "The committee shall report on the progress of the plan every year. " * 20
    assert measure(english).score == 0.0


def test_too_short_to_judge_without_standins():
    assert not measure("Malet ska nas").damaged
