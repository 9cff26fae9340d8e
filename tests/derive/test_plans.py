"""Plan identity on our own generated plans: a text export and a PDF of one plan are one plan,
counted once in every view; different plans stay apart; plan ids survive incremental runs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st

import pipeline
from pipeline.catalog.views import JOINED_VIEWS
from pipeline.derive.plans import META, _Cluster, compatible_pairs, shared_share
from pipeline.derive.rules import plan_rules
from pipeline.ingestion import ingest
from plans_dev.synth import random_plan, render_text
from plans_dev.synth.pdf import render_pdf

# Seeds no other test or measurement uses; one district, domain and year, so the plans share
# the council's and the committee's goals and the template, as neighbouring units' plans do.
SEEDS = (93101, 93102, 93103)
SAME = {"district": "Farsta", "domain": "forskola", "plan_year": 2025}


def _write(archive: Path, seed: int, suffix: str) -> Path:
    spec = random_plan(seed, **SAME)
    path = archive / f"plan_{seed}.{suffix}"
    if suffix == "pdf":
        render_pdf(spec, path, seed)
    else:
        path.write_text(render_text(spec, seed), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def parsed(tmp_path_factory) -> Path:
    archive = tmp_path_factory.mktemp("archive")
    for seed in SEEDS:
        _write(archive, seed, "txt")
    _write(archive, SEEDS[0], "pdf")
    out = tmp_path_factory.mktemp("parsed") / "out"
    ingest(archive, out, workers=0, progress=False)
    return out


def _documents(parsed: Path):
    return pq.read_table(parsed / "documents").to_pandas().set_index("source_path")


def test_a_text_and_a_pdf_of_one_plan_are_one_plan_with_the_pdf_preferred(parsed):
    docs = _documents(parsed)
    plans = pq.read_table(parsed / "plans").to_pandas()
    assert len(docs) == 4 and len(plans) == 3
    txt, pdf = docs.loc[f"plan_{SEEDS[0]}.txt"], docs.loc[f"plan_{SEEDS[0]}.pdf"]
    assert txt.plan_id == pdf.plan_id
    assert (pdf.preferred, pdf.copy_rank, txt.preferred, txt.copy_rank) == (True, 1, False, 2)
    (row,) = plans[plans.plan_id == pdf.plan_id].itertuples()
    assert (row.copies, row.preferred_doc_id, list(row.doc_ids)) == (2, pdf.doc_id, [pdf.doc_id, txt.doc_id])


def test_different_plans_written_on_one_template_do_not_merge(parsed):
    docs = _documents(parsed)
    ids = {docs.loc[f"plan_{seed}.txt"].plan_id for seed in SEEDS}
    assert len(ids) == len(SEEDS)


def test_every_view_counts_each_plan_once_and_the_copies_are_one_flag_away(parsed):
    con = pipeline.connect(parsed)
    every = pipeline.connect(parsed, all_copies=True)
    pdf = _documents(parsed).loc[f"plan_{SEEDS[0]}.pdf"]
    one_copy = con.execute("SELECT count(*) FROM goals_all WHERE doc_id = ?", [pdf.doc_id]).fetchall()[0][0]
    assert one_copy > 0
    for view in ("goals", "indicators", "activities", "goal_sections", "sections", *JOINED_VIEWS):
        ((plain,),) = con.execute(f"SELECT count(*) FROM {view}").fetchall()
        ((all_,),) = every.execute(f"SELECT count(*) FROM {view}").fetchall()
        if view in ("goals", "goal_paths"):
            assert all_ - plain == one_copy, view
        assert plain <= all_, view
    ((docs,),) = con.execute("SELECT count(DISTINCT plan_id) = count(*) FROM documents").fetchall()
    assert docs
    ((right,),) = con.execute(
        "SELECT count(*) = (SELECT count(*) FROM indicators) FROM indicators JOIN goals USING (goal_id)"
    ).fetchall()
    assert right, "a join on goal_id alone must match each indicator to its one goal"


def test_an_incremental_run_keeps_the_plan_ids(parsed, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(parsed, out, symlinks=True)
    before = _documents(out).plan_id.to_dict()
    archive = tmp_path / "archive"
    archive.mkdir()
    for seed in SEEDS:
        _write(archive, seed, "txt")
    _write(archive, SEEDS[0], "pdf")
    _write(archive, 93104, "txt")  # a new plan arrives
    summary = ingest(archive, out, workers=0, progress=False)
    assert summary.parsed == 1
    after = _documents(out).plan_id.to_dict()
    assert {path: after[path] for path in before} == before
    assert after["plan_93104.txt"] not in before.values()


def test_content_share_tolerates_ocr_damage_but_not_another_units_goals():
    rules = plan_rules()
    clean = frozenset({"alla barn ska kanna sig trygga", "andel nojda vardnadshavare", "sjukfranvaro"})
    scanned = frozenset({"alla barn ska kanna sig tryqga", "andel n0jda vardnadshavare", "sjukfranvaro"})
    other = frozenset({"alla barn ska kanna sig trygga", "barnens sprakutveckling", "utomhuspedagogik"})
    assert shared_share(clean, scanned, rules.title_ratio) == 1.0
    assert shared_share(clean, other, rules.title_ratio) < rules.min_shared
    assert shared_share(clean, frozenset(), rules.title_ratio) == 0.0


@pytest.mark.parametrize(
    ("path", "opening", "draft"),
    [
        ("2025/utkast_verksamhetsplan.pdf", "", True),
        ("plan_forslag.txt", "", True),
        ("plan.txt", "Förslag till verksamhetsplan 2025\nFarsta", True),
        ("plan.txt", "Förslag till beslut\nNämnden godkänner verksamhetsplanen", False),
        ("forslagslada.txt", "Verksamhetsplan 2025", False),
    ],
)
def test_drafts_are_recognised_by_what_their_name_or_opening_says(path, opening, draft):
    assert plan_rules().is_draft(path, opening) is draft


def test_mandate_periods_are_four_years_from_the_year_after_an_election():
    period = plan_rules().period
    assert [period(y) for y in (2018, 2019, 2022, 2023, 2026, 2027)] == [
        (2015, 2018),
        (2019, 2022),
        (2019, 2022),
        (2023, 2026),
        (2023, 2026),
        (2027, 2030),
    ]


def test_the_adopted_plan_is_preferred_over_its_draft(tmp_path):
    archive = tmp_path / "archive"
    archive.mkdir()
    spec = random_plan(93105, **SAME)
    text = render_text(spec, 93105)
    (archive / "plan.txt").write_text(text, encoding="utf-8")
    (archive / "plan_v2.txt").write_text("Utkast till verksamhetsplan\n\n" + text, encoding="utf-8")
    out = tmp_path / "out"
    ingest(archive, out, workers=0, progress=False)
    docs = _documents(out)
    assert docs.plan_id.nunique() == 1
    assert (docs.loc["plan.txt"].preferred, docs.loc["plan_v2.txt"].preferred) == (True, False)
    assert (docs.loc["plan.txt"].draft, docs.loc["plan_v2.txt"].draft) == (False, True)


_META_VALUE = {
    "district": st.sampled_from(["farsta", "skarholmen", None]),
    "unit": st.sampled_from(["a", "b", None]),
    "plan_type": st.sampled_from(["verksamhetsplan", None]),
    "plan_year": st.sampled_from([2024, 2025, None]),
}


@given(st.lists(st.fixed_dictionaries(_META_VALUE), max_size=40))
def test_compatible_pairs_are_every_pair_that_agrees_where_both_state_a_value(metas):
    """The pairs found by grouping are the pairs the plain definition gives, each once."""
    clusters = [_Cluster([], dict(m)) for m in metas]
    every = {
        (i, j)
        for i in range(len(metas))
        for j in range(i + 1, len(metas))
        if clusters[i].compatible(clusters[j])
    }
    found = list(compatible_pairs(metas))
    assert len(found) == len(set(found))
    assert set(found) == every
    assert set(META) == set(_META_VALUE)
