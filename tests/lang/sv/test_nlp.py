"""The Swedish spaCy pipeline: lemmas of inflected words, compounds and unknown words (cases
as data in cases/), stop words, and that it is built once per process and offline."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.lang.sv.nlp import lemma_of, lemmas, lookup_table, stop_words, swedish

CASES = Path(__file__).parent / "cases"


def _cases(name: str) -> list[tuple[str, str, str]]:
    data = tomllib.loads((CASES / name).read_text(encoding="utf-8"))
    return [(group, word, lemma) for group, words in data.items() for word, lemma in words.items()]


@pytest.mark.parametrize(("group", "word", "lemma"), _cases("lemmas.toml"), ids=lambda v: str(v))
def test_lemma(group: str, word: str, lemma: str):
    doc = swedish()(f"Enheten och {word}.")
    assert doc[2].lemma_ == lemma, group


@pytest.mark.parametrize(
    ("group", "word", "lemma"), _cases("lemmas_known_failures.toml"), ids=lambda v: str(v)
)
def test_known_failure_still_fails(group: str, word: str, lemma: str):
    assert lemma_of(word) != lemma, f"{word} now lemmatises right: move it to lemmas.toml"


def test_the_pipeline_is_built_once_with_spacy_lookups_datas_lemma_table():
    nlp = swedish()
    assert nlp is swedish()
    assert nlp.lang == "sv"
    assert nlp.pipe_names == ["plans_sv_lemmas"]
    table = lemmas().table
    assert table is lookup_table() and len(table) > 100_000
    assert table["tryggheten"] == "trygghet"  # an inflected form, as the package lists it


def test_compound_checks():
    table = lemmas()
    assert table.compound_head("välfärdsteknik", "teknik")
    assert not table.compound_head("digitalisering", "ring")  # "digitalise" is no word
    assert table.compound_start("klimatsmart", "klimat")
    assert not table.compound_start("vårdnadshavare", "vård")  # "nadshavare" is no word


def test_stop_words_are_spacys():
    assert {"och", "att", "ska"} <= stop_words()
    assert "trygghet" not in stop_words()


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gets_lower_case_lemmas(text: str):
    for token in swedish()(text):
        assert token.lemma_ == token.lemma_.lower() or not token.lemma_.isalpha()
