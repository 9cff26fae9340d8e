"""Word repair on our own damaged Swedish sentences (the damage kinds of OCR without
Swedish data), with a context built from our own clean sentences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.repair.ocr import RepairContext, repair_text

CLEAN = [
    "Målet ska nås genom att nämnden stärker det förebyggande arbetet för äldre.",
    "Det är viktigt att alla får stöd och omsorg av god kvalitet.",
    "Enheten arbetar för ökad trygghet och delaktighet i vården.",
    "Under året ska medarbetarna få utbildning i våld i nära relationer.",
    "Uppföljning sker varje år i verksamhetsberättelsen.",
    "Indikatorn redovisas i procent 80 % År",
]


@pytest.fixture(scope="module")
def ctx() -> RepairContext:
    return RepairContext.build(CLEAN)


@pytest.mark.parametrize(
    ("damaged", "expected"),
    [
        (
            "Malet ska nas genom att namnden starker det forebyggande arbetet",
            "Målet ska nås genom att nämnden stärker det förebyggande arbetet",
        ),
        ("Enheten arbetar for 6kad trygghet", "Enheten arbetar för ökad trygghet"),
        ("Hégerstens hemtjéanst", "Hägerstens hemtjänst"),
        ("Uppfbljning sker varje ar", "Uppföljning sker varje år"),
        ("dldreomsorgen ska vara s&rbar", "äldreomsorgen ska vara sårbar"),
        ("Forvantat resultat", "Förväntat resultat"),
        ("| varje verksamhet", "I varje verksamhet"),
        ("under perioden 20242029", "under perioden 2024-2029"),
        ("det ar viktigt med stod och omsorg", "det är viktigt med stöd och omsorg"),
        ("Det är mOjligt", "Det är möjligt"),
        (
            "kompetensutvecklingsplanen for aldreomsorgens medarbetare",
            "kompetensutvecklingsplanen för äldreomsorgens medarbetare",
        ),
    ],
)
def test_damaged_words_are_restored(ctx, damaged, expected):
    assert repair_text(damaged, ctx)[0] == expected


@pytest.mark.parametrize(
    "clean",
    [
        "Målet ska nås genom att nämnden stärker det förebyggande arbetet för äldre.",
        "Han satt på bänken och åt en macka med ost.",  # 'satt' is right here: no context pulls to 'sätt'
        "Resursenheten har 43,92 helårsanställningar och 212 kunder 2026-01-01.",
        "Andel nöjda brukare 80 % 70 % År",
    ],
)
def test_correct_swedish_is_left_alone(ctx, clean):
    repaired, repairs = repair_text(clean, ctx)
    assert repaired == clean and repairs == []


def test_line_breaks_and_spacing_are_kept(ctx):
    text = "Malet ska nas\n\n  genom att  namnden\n"
    repaired, repairs = repair_text(text, ctx)
    assert repaired == "Målet ska nås\n\n  genom att  nämnden\n"
    assert [(r.lineno, r.original, r.replacement, r.rule) for r in repairs] == [
        (1, "Malet", "Målet", "ocr_word"),
        (1, "nas", "nås", "ocr_word"),
        (3, "namnden", "nämnden", "ocr_word"),
    ]


def test_every_repair_can_be_undone(ctx):
    text = "Malet ska nas genom 6kad trygghet for aldre"
    repaired, repairs = repair_text(text, ctx)
    undone = repaired
    for r in reversed(repairs):
        undone = undone.replace(r.replacement, r.original, 1)
    assert undone == text


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_repair_never_crashes_and_keeps_lines(text):
    ctx = RepairContext.build(CLEAN)
    repaired, _ = repair_text(text, ctx)
    assert repaired.count("\n") == text.count("\n")
