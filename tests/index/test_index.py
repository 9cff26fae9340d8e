"""The lemma index (``terms``) and goal themes (``goal_themes``) written at ingest: on a real
plan, every term points at its row and its place in the text, stop words are out, and the
themes come from our own example sentences."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import IDX, IS_ALPHA, LENGTH, LOWER

import pipeline
from pipeline.index.passages import Passage, PlanTokens
from pipeline.index.themes import goal_theme_rows, load_themes
from pipeline.lang.sv.nlp import lemma_hashes, stop_words, swedish
from pipeline.store.reader import current_snapshot
from pipeline.text import one_for_one

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "fritidsgard_2025.txt"


@pytest.fixture(scope="module")
def parsed(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("raw")
    shutil.copy(FIXTURE, raw)
    out = tmp_path_factory.mktemp("parsed")
    assert pipeline.ingest(raw, out, progress=False).exit_code == 0
    return out


def test_every_term_is_a_word_of_its_row_at_its_place(parsed: Path):
    con = pipeline.connect(parsed, link=False)
    rows = con.sql(
        """
        SELECT t.source, t.lemma, t.surface, t.start, t.page AS term_page, p.page, p.text
        FROM terms t LEFT JOIN passages p ON p.doc_id = t.doc_id AND p.source = t.source
            AND p.goal_id IS NOT DISTINCT FROM t.goal_id AND p.section_id IS NOT DISTINCT FROM t.section_id
            AND p.ordinal IS NOT DISTINCT FROM t.ordinal
        """
    ).fetchall()
    assert len(rows) > 100
    assert {r[0] for r in rows} >= {"goals", "goal_sections", "indicators", "activities", "sections"}
    stop = stop_words()
    for source, lemma, surface, start, term_page, page, text in rows:
        assert text is not None, (source, surface)  # the row exists
        assert text[start : start + len(surface)].lower() == surface
        assert surface.isalpha() and surface == surface.lower()
        assert surface not in stop and lemma not in stop
        assert term_page == page


def test_the_index_finds_an_inflected_word_of_the_plan(parsed: Path):
    con = pipeline.connect(parsed, link=False)
    forms = dict(con.sql("SELECT surface, lemma FROM terms").fetchall())
    assert forms.get("skolorna") == "skola"
    assert forms.get("fritidsledare") == "fritidsledare"


def test_terms_strings_are_dictionary_encoded_in_parquet(parsed: Path):
    [part] = (current_snapshot(parsed) / "terms").glob("*.parquet")
    meta = pq.ParquetFile(part).metadata.row_group(0)
    names = pq.read_schema(part).names
    for column in ("source", "lemma", "surface", "doc_id"):
        encodings = meta.column(names.index(column)).encodings
        assert any("DICT" in e for e in encodings), (column, encodings)


def _themes_of(*titles: str) -> dict[str, set[str]]:
    found = [Passage("goals", title, f"G{i}") for i, title in enumerate(titles)]
    tokens = PlanTokens.of(found)
    out: dict[str, set[str]] = {p.goal_id: set() for p in found}
    for row in goal_theme_rows("d", tokens):
        out[row["goal_id"]].add(row["theme"])
    return out


def test_themes_of_our_own_example_goals():
    themes = _themes_of(
        "Stadsdelsnämndens verksamheter är klimatsmarta",
        "Tryggheten ska öka genom förebyggande insatser",
        "Medarbetarna har rätt kompetens för uppdraget",
        "Välfärdstekniken används i hemtjänsten",
        "Brukarna har inflytande över sin vardag",
        "Lokalerna städas varje vecka",
    )
    assert "climate" in themes["G0"]  # a compound on "klimat", inflected
    assert "safety" in themes["G1"]  # "tryggheten" is "trygghet"
    assert "children_youth" not in themes["G1"]  # "ska" is no form of "skola" here
    assert "staff" in themes["G2"]
    assert "digitalisation" in themes["G3"]  # a compound ending in "teknik"
    assert "participation" in themes["G4"]
    assert themes["G5"] == set()


def test_a_phrase_of_two_words_matches_inflected():
    themes = _themes_of("Den biologiska mångfalden ska öka", "Mångfalden i personalgruppen")
    assert "climate" in themes["G0"]
    assert "climate" not in themes["G1"]


def test_every_theme_has_a_label_and_words():
    themes = load_themes()
    assert len(themes) >= 6
    for theme in themes:
        assert theme.label and (theme.phrases or theme.starts or theme.ends), theme.name


def test_goal_themes_name_goals_of_the_plan(parsed: Path):
    con = pipeline.connect(parsed, link=False)
    orphans = con.execute(
        "SELECT count(*) FROM goal_themes t ANTI JOIN goals g USING (doc_id, goal_id)"
    ).fetchall()[0][0]
    assert orphans == 0
    assert con.execute("SELECT count(*) FROM goal_themes").fetchall()[0][0] > 0


def _alone(text: str) -> np.ndarray:
    """A passage's tokens as the tokenizer gives it alone: LOWER, LEMMA, IS_ALPHA, IDX, LENGTH."""
    values = swedish().tokenizer(one_for_one(text)).to_array([LOWER, LOWER, IS_ALPHA, IDX, LENGTH])
    values = values.reshape(-1, 5)
    values[:, PlanTokens.LEMMA] = lemma_hashes(values[:, PlanTokens.LOWER])
    return values


_CHARS = st.sampled_from(list("abcåäöÅÄÖ -–.,:;()/%0123456789\n\t\u00a0\"'")) | st.characters()
_TEXT = st.text(_CHARS, min_size=1, max_size=60)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXT, max_size=6))
def test_a_plans_tokens_are_each_passages_tokens_alone(texts: list[str]):
    """One doc for the plan (a separator between passages) gives every passage the tokens,
    lemmas and offsets it has alone, whatever whitespace it begins or ends with."""
    tokens = PlanTokens.of([Passage("goals", text, f"G{i}") for i, text in enumerate(texts)])
    for i, text in enumerate(texts):
        mine = np.flatnonzero(tokens.passage == i)
        assert np.array_equal(tokens.values[mine], _alone(text)), text
        assert tokens.position[mine].tolist() == list(range(len(mine)))
        assert not len(mine) or mine[0] == tokens.first[i]


def test_a_phrase_does_not_match_across_two_passages():
    themes = _themes_of("Vi värnar den biologiska", "Mångfalden i gruppen", "Den biologiska mångfalden")
    assert "climate" not in themes["G0"] | themes["G1"]
    assert "climate" in themes["G2"]
