"""The OCR-damaged plan in ../shared (003) after repair: its structure found as completely as
in a clean plan. Expectations written by hand from reading 003 (42 goals, 12 indicator rows,
18 activity rows); titles checked against the clean plans of the same year where the same
city and committee goals recur."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from pipeline.ingestion import ingest

SAME_YEAR_CLEAN = ("000_", "001_")


@pytest.fixture(scope="module")
def parsed(shared: Path, tmp_path_factory) -> tuple[Path, str]:
    raw = tmp_path_factory.mktemp("raw")
    for path in (shared / "corpus" / "text").glob("*.txt"):
        if path.name.startswith((*SAME_YEAR_CLEAN, "003_")):
            shutil.copy(path, raw)
    out = tmp_path_factory.mktemp("parsed")
    assert ingest(raw, out, progress=False).exit_code == 0
    docs = pd.read_parquet(out / "documents")
    (doc_id,) = docs.loc[docs.source_path.str.contains("003_"), "doc_id"]
    return out, doc_id


def rows(parsed, table: str) -> pd.DataFrame:
    out, doc_id = parsed
    frame = pd.read_parquet(out / table)
    return frame[frame.doc_id == doc_id]


def test_document_is_recognised_as_damaged(parsed):
    (doc,) = rows(parsed, "documents").itertuples()
    assert doc.damage_score == 1.0
    assert (doc.unit, doc.district, doc.plan_year, doc.n_pages) == (
        "Hägerstens hemtjänst",
        "Hägersten-Älvsjö",
        2026,
        31,
    )


def test_goal_tree_is_complete(parsed):
    goals = rows(parsed, "goals")
    assert len(goals) == 42
    assert Counter(goals.level) == {
        "kf_inriktningsmal": 3,
        "kf_verksamhetsomradesmal": 9,
        "namndmal": 10,
        "enhetsmal": 20,
    }
    assert Counter(goals.prefix.dropna()) == {"Områdesmål": 3, "Avdelningsmål": 1}
    ids = set(goals.goal_id)
    assert all(p in ids for p in goals.parent_goal_id.dropna())


def test_titles_match_the_same_goals_in_clean_plans(shared: Path, parsed):
    kf_titles, namnd_titles = {}, set()
    for prefix in SAME_YEAR_CLEAN:
        (gold,) = (shared / "gold").glob(f"{prefix}*.gold.json")
        for goal in json.loads(gold.read_text(encoding="utf-8"))["goals"]:
            if goal["code"]:
                kf_titles[goal["code"]] = goal["title"]
            elif goal["level"] == "namndmal":
                namnd_titles.add(goal["title"])
    goals = rows(parsed, "goals")
    kf = goals[goals.code.notna()]
    shared_codes = [code for code in kf.code if code in kf_titles]
    assert len(shared_codes) == 9
    for goal in kf[kf.code.isin(shared_codes)].itertuples():
        # OCR printed the en dash as an em dash; the words must be the same.
        assert goal.title.replace("—", "–") == kf_titles[goal.code]
    # The committee's goals recur word for word across the units of one year.
    recurring = set(goals.loc[goals.level == "namndmal", "title"]) & namnd_titles
    assert len(recurring) == 7, sorted(recurring)


def test_tables_are_complete(parsed):
    indicators, activities = rows(parsed, "indicators"), rows(parsed, "activities")
    assert len(indicators) == 12
    assert len(activities) == 18
    assert activities.start_date.notna().all() and activities.end_date.notna().all()
    assert set(indicators.period) == {"år", "tertial"}
    by_name = indicators.set_index(indicators.name.str[:25])
    assert by_name.loc["Aktivt Medskapandeindex", ["target_raw", "kf_target_raw"]].tolist() == ["72", "82"]
    assert by_name.loc["I varje verksamhet finns ", "target_raw"] == "100 %"


def test_repairs_are_recorded(parsed):
    repairs = rows(parsed, "repairs")
    assert len(repairs) > 1500
    assert set(repairs.rule) <= {"ocr_word", "ocr_year_span", "mojibake_ftfy", "character_map"}
    assert (repairs.original != repairs.replacement).all()
