"""Search by concept on the bundled samples: inflected forms and derivations find the same
passages, compounds rank below whole words, several words must all be there, and any query
text is answered without a crash."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pipeline
from pipeline.catalog.search import COLUMNS, COMPOUND, EXACT, query_lemmas, search


@pytest.fixture(scope="module")
def con(parsed_samples: Path):
    return pipeline.connect(parsed_samples, link=False)


def _passages(hits) -> set[tuple]:
    return {(h.doc_id, h.source, h.goal_id, h.section_id, h.ordinal) for h in hits.itertuples()}


def test_an_inflected_query_finds_what_its_lemma_finds(con):
    lemma = search(con, "trygghet", limit=None)
    inflected = search(con, "Tryggheten", limit=None)
    assert len(lemma) > 5
    assert _passages(inflected) == _passages(lemma)
    forms = {form for matched in lemma.matched for form in matched}
    assert {"trygghet", "tryggheten"} <= forms  # inflected forms of the noun
    assert "tryggare" in forms  # the adjective it derives from, "trygg"


def test_hits_have_plan_place_snippet_and_page(con):
    hits = search(con, "förskola")
    assert list(hits.columns) == COLUMNS
    assert list(hits["rank"]) == list(range(1, len(hits) + 1))
    for hit in hits.itertuples():
        assert hit.unit and hit.plan_year and hit.page is not None
        assert "«" in hit.snippet and "»" in hit.snippet
        assert hit.path is not None and len(hit.path) >= 1


def test_compound_hits_rank_below_whole_word_hits(con):
    hits = search(con, "miljö", limit=None)
    whole = hits[hits.score >= EXACT]
    compound_only = hits[hits.score <= COMPOUND]
    assert len(whole) and len(compound_only)
    assert whole["rank"].max() < compound_only["rank"].min()
    compound_forms = {form for matched in compound_only.matched for form in matched}
    assert any(form.startswith("arbetsmiljö") for form in compound_forms)  # "miljö" as the head


def test_every_word_of_a_query_is_in_each_hit(con):
    hits = search(con, "arbetsmiljö förebyggande", limit=None)
    assert len(hits)
    for matched in hits.matched:
        assert any(f.startswith("arbetsmiljö") for f in matched)
        assert any(f.startswith("förebygg") for f in matched)


def test_a_query_of_stop_words_only_still_searches_its_words():
    assert query_lemmas("och att") == ["och", "att"]
    assert query_lemmas("Öka tryggheten!") == ["öka", "trygghet"]


def test_cli_search_prints_ranked_hits(parsed_samples: Path):
    done = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "search", "klimatsmart", "--parsed", str(parsed_samples)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "  1. [" in done.stdout and "«" in done.stdout
    missing = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "search", "x", "--parsed", str(parsed_samples / "nothing")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert missing.returncode == 2 and "not a folder" in missing.stderr


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.text(max_size=60))
def test_any_query_is_answered(con, query: str):
    hits = search(con, query, limit=5)
    assert list(hits.columns) == COLUMNS
    assert len(hits) <= 5
