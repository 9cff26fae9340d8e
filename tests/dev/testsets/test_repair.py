"""The OCR repair harness: test sets, damage model and mojibake (word error rate: tests/dev/measure)."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from pipeline.lang.sv.mojibake import fix_mojibake
from pipeline.rules import load_rules
from plans_dev.measure.wer import compare, total, wer
from plans_dev.synth.damage import (
    MOJIBAKE_PATTERNS,
    char_alignment,
    committed_model,
    damage_text,
    fit,
    load_model,
    mojibake,
    to_toml,
)
from plans_dev.testsets.repair import (
    MIN_EQUAL,
    fold,
    furniture,
    pair_paragraphs,
    paragraphs,
    read_lines,
    real_pairs,
    size,
    skeleton,
    synthetic_pairs,
    synthetic_set,
)

CLEAN = (
    "Målet nås genom att stadsdelsnämndens verksamheter inom äldreomsorgen bygger på ett\n"
    "salutogent förhållningssätt, där trygghet, hälsa och välbefinnande står i fokus. Äldre i behov\n"
    "av stöd erbjuds insatser av god kvalitet. Uppföljning sker varje år; ökad delaktighet är målet.\n"
    "Öppenhet och jämställdhet 2024–2029 gäller. I varje verksamhet finns möjlighet till dialog."
)


# --- skeletons, paragraphs, pairing ----------------------------------------------------


@pytest.mark.parametrize(
    ("damaged", "clean"),
    [
        ("6kad", "ökad"),
        ("Uppfbljning", "Uppföljning"),
        ("&r", "är"),
        ("dldreomsorgen", "äldreomsorgen"),
        ("@ldreomsorgens", "äldreomsorgens"),
        ("|", "I"),
        ("hemtjéanst", "hemtjänst"),
        ("Hégerstens", "Hägerstens"),
        ("Malet", "Målet"),
        ("mOjligt", "möjligt"),
        ("20242029", "2024–2029"),
        ("I6sningar", "lösningar"),
        ("¢kar", "ökar"),
    ],
)
def test_skeleton_of_damaged_and_clean_word_agree(damaged, clean):
    assert skeleton(damaged) == skeleton(clean)


def test_skeleton_tells_different_words_apart():
    assert skeleton("hemtjänst") != skeleton("trygghet")
    assert skeleton("Stadsdelsnämnden") != skeleton("Stadsdelsnämndens")


def test_furniture_also_in_damaged_forms():
    lines = [
        "Tjänsteutlåtande",
        "Sid 12 (22)",
        "start.stockholm",
        "ety Tjansteutlatande",
        "gEnghOlmS Sid 15 (31)",
    ]
    lines += [
        "Riksdalervagen 4",
        "Målet nås genom att",
        "Enheten har sina lokaler på Riksdalervägen 4 i Hägersten.",
    ]
    assert furniture(lines) == [True] * 6 + [False, False]
    assert fold("Tjänsteutlåtande Öppen") == "Tjansteutlatande Oppen"


def test_paragraphs_blank_separated_with_a_page_break_inside_one():
    text = (
        "Beskrivning\n\n"
        "Stadsdelsnämnden ska arbeta utifrån ett genomgripande perspektiv så att parkvägarna är\n"
        "välskötta i hela stadsdelsområdet, att vägarna hålls öppna, och att snöröjning\n\n"
        "start.stockholm\n\nety Tjansteutlatande\ngEnghOlmS Sid 15 (31)\n\n"
        "och halkbekämpning effektiv och snabb.\n\n"
        "Till nämndens arbetsplatser ska det vara lätt att välja cykel och att gå till fots med mera.\n"
    )
    assert paragraphs(text.split("\n")) == [
        "Beskrivning",
        "Stadsdelsnämnden ska arbeta utifrån ett genomgripande perspektiv så att parkvägarna är "
        "välskötta i hela stadsdelsområdet, att vägarna hålls öppna, och att snöröjning och "
        "halkbekämpning effektiv och snabb.",
        "Till nämndens arbetsplatser ska det vara lätt att välja cykel och att gå till fots med mera.",
    ]


def test_paragraphs_of_an_export_with_an_empty_line_after_every_line():
    body = [
        "Enhetens uppdrag ",
        "Enheten för personligt stöd är en kommunal verksamhet som utför beställningar från ",
        "stadsdelens beställarenhet gällande assistans, ledsagning och avlösarservice enligt ",
        "LSS och SOL. ",
        " ",
        "Den huvudsakliga verksamheten bedrivs i och/eller utgår ifrån brukarens hem, där brukarens ",
        "självbestämmande står i centrum och där personalen arbetar nära brukaren och anhöriga. ",
        " ",
    ] * 2
    lines = [x for line in body for x in (line, "")]
    paras = paragraphs(lines)
    assert paras[:3] == [
        "Enhetens uppdrag",
        "Enheten för personligt stöd är en kommunal verksamhet som utför beställningar från stadsdelens "
        "beställarenhet gällande assistans, ledsagning och avlösarservice enligt LSS och SOL.",
        "Den huvudsakliga verksamheten bedrivs i och/eller utgår ifrån brukarens hem, där brukarens "
        "självbestämmande står i centrum och där personalen arbetar nära brukaren och anhöriga.",
    ]


def test_pairing_finds_the_twin_across_clean_paragraph_breaks():
    clean = {
        "a.txt": [
            "Inledning",
            "Målet nås genom att nämnden arbetar strategiskt.",
            "Äldre har ett tryggt liv.",
        ],
        "b.txt": ["Helt annan text om förskolan och dess barn."],
    }
    damaged = [
        "Malet nas genom att namnden arbetar strategiskt. Aldre har",  # spans two clean paragraphs
        "Helt annan text om forskolan och dess vuxna.",  # 7 of 8 words: below 90 %
        "Nagot som inte finns.",
    ]
    pairs = pair_paragraphs(damaged, clean, "d.txt")
    assert [(p.clean, p.source_clean, p.source_damaged) for p in pairs] == [
        ("Målet nås genom att nämnden arbetar strategiskt. Äldre har", "a.txt", "d.txt")
    ]
    assert MIN_EQUAL == 0.9


def test_pairing_drops_ambiguous_twins_and_respects_capitals():
    clean = {"a.txt": ["Vi ser över året.", "Vi ser över aret.", "stadens kvalitetsprogram gäller"]}
    assert pair_paragraphs(["Vi ser 6ver aret."], clean, "d") == []  # "året" or "aret"?
    assert pair_paragraphs(["Stadens kvalitetsprogram"], clean, "d") == []


# --- damage model ----------------------------------------------------------------------


def test_committed_model_has_the_swedish_letters_and_sums_to_one():
    model = load_model()
    for ch in "åäö":
        assert ch in model.chars["any"], ch
    for tables in model.chars.values():
        for dist in tables.values():
            assert sum(p for _, p in dist) == pytest.approx(1.0, abs=1e-4)
    assert 0 < model.pipe_for_i <= 1 and 0 < model.row_glyph <= 1
    assert abs(sum(p for _, p in model.glyphs) - 1) < 1e-4


def test_damage_is_deterministic_and_keeps_lines_and_word_skeletons():
    model = load_model()
    first = damage_text(CLEAN, model, seed=7)
    assert first == damage_text(CLEAN, model, seed=7)
    assert first != damage_text(CLEAN, model, seed=8)
    assert first != CLEAN
    assert first.count("\n") == CLEAN.count("\n")
    for seed in range(20):
        damaged = damage_text(CLEAN, model, seed)
        pairs = list(zip(CLEAN.split(), damaged.split(), strict=True))
        assert all(skeleton(c) == skeleton(d) for c, d in pairs), seed


def test_damage_rate_is_in_the_range_003_shows():
    model = load_model()
    text = "\n".join([CLEAN] * 10)
    rate = wer(text, damage_text(text, model, seed=1)).rate
    assert 0.2 < rate < 0.5


def test_damage_puts_glyphs_before_indicator_rows_only():
    model = load_model()
    rows = [damage_text("Andel nöjda omsorgstagare 87 % 87 % År", model, s) for s in range(40)]
    glyphs = {dict(model.glyphs).get(r.split()[0]) is not None for r in rows}
    assert glyphs == {True, False}
    plain = [damage_text("Kontinuerliga möten med dietist.", model, s) for s in range(40)]
    assert all(len(p.split()) == 4 for p in plain)


def test_char_alignment_attaches_insertions_to_the_damaged_letter():
    assert char_alignment("hälsa", "héalsa")[1] == ("ä", "éa")
    assert char_alignment("ökad", "6kad")[0] == ("ö", "6")
    assert char_alignment("är", "&")[:1] == [("ä", "&")]


def test_synthetic_pairs_are_deterministic_and_keep_the_clean_text():
    model = load_model()
    paras = CLEAN.split("\n")
    pairs = synthetic_pairs(paras, model, seed=3, source="x.txt")
    assert [p.clean for p in pairs] == paras
    assert pairs == synthetic_pairs(paras, model, seed=3, source="x.txt")
    assert all(p.source_clean == "x.txt" for p in pairs)


# --- mojibake --------------------------------------------------------------------------


def _fixed(text: str) -> str:
    return "\n".join(fix_mojibake(line)[0] for line in text.split("\n"))


@pytest.mark.parametrize("pattern", MOJIBAKE_PATTERNS)
def test_mojibake_patterns_are_undone_by_the_mojibake_repair(pattern):
    broken = mojibake(CLEAN, pattern, seed=1)
    assert broken != CLEAN
    assert broken.count("\n") == CLEAN.count("\n")
    assert _fixed(broken) == CLEAN


def test_mojibake_shapes():
    assert mojibake("för", "cp1252") == "fÃ¶r"
    assert mojibake("Å", "latin-1") == "Ã\x85"
    assert mojibake("ä", "double") == "ÃƒÂ¤"
    mixed = mojibake(CLEAN, "mixed", seed=2).split("\n")
    changed = [a != b for a, b in zip(mixed, CLEAN.split("\n"), strict=True)]
    assert any(changed) and not all(changed)
    with pytest.raises(ValueError):
        mojibake("x", "utf-7")


# --- on the real plans (../shared) -----------------------------------------------------


@pytest.fixture(scope="module")
def set1(shared: Path):
    return real_pairs(shared)


def test_set1_pairs_follow_the_rule(set1):
    n_pairs, n_words = size(set1)
    assert n_pairs >= 150 and n_words >= 2000
    for pair in set1:
        clean, damaged = pair.clean.split(), pair.damaged.split()
        assert len(clean) == len(damaged)
        equal = sum(skeleton(c) == skeleton(d) for c, d in zip(clean, damaged, strict=True))
        assert equal >= MIN_EQUAL * len(clean)
        assert pair.source_damaged.startswith("003_") and pair.source_clean[:3] in ("000", "001")


def test_set1_has_no_page_furniture(set1):
    for pair in set1:
        for text in (pair.clean, pair.damaged):
            assert "Sid " not in text and "start.stockholm" not in text
            assert not regex.search(r"(?i)\btj\S{1,2}nsteutl\S{1,2}tande\b", text)


def test_set1_is_damaged_text_against_clean_text(set1):
    before = total([compare(p.clean, p.damaged, p.damaged) for p in set1])
    assert 0.2 < before.wer_before < 0.5
    assert all(not any(ch in p.damaged for ch in "åäÅÄ") for p in set1)


def test_set2_damages_another_plan_and_year(shared: Path):
    pairs = synthetic_set(shared, seed=5)
    assert pairs == synthetic_set(shared, seed=5)
    assert all(p.source_clean.startswith("002_") for p in pairs)
    n_pairs, n_words = size(pairs)
    assert n_pairs >= 100 and n_words >= 3000
    before = total([compare(p.clean, p.damaged, p.damaged) for p in pairs])
    assert 0.15 < before.wer_before < 0.5


def test_committed_model_is_the_fit_of_the_shared_corpus(shared: Path, set1):
    """dev/plans_dev/synth/damage_model_ocr.toml is generated; refit it (--fit) when the harness changes."""
    from plans_dev.testsets.repair import corpus_file

    damaged = corpus_file("003", shared)
    model = fit(set1, read_lines(damaged), load_rules().glyphs)
    expected = to_toml(model, f"{damaged.name} against 000/001 (test set 1)")
    assert committed_model().read_text(encoding="utf-8") == expected


def test_model_reproduces_the_real_damage_rate(set1):
    real = total([compare(p.clean, p.damaged, p.damaged) for p in set1]).wer_before
    synthetic = synthetic_pairs([p.clean for p in set1], load_model(), seed=11)
    made = total([compare(p.clean, p.damaged, p.damaged) for p in synthetic]).wer_before
    assert abs(made - real) < 0.03
