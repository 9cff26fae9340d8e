"""PDF tables without ruling lines (a shaded header, a rule under it, rows shaded in turn)
read to the same rows as the ruled ones: our own plans rendered both ways in the test."""

from __future__ import annotations

import pytest

pytest.importorskip("reportlab")

from pipeline.parse import parse_document
from plans_dev.synth.gold import gold_of
from plans_dev.synth.pdf import render_pdf
from plans_dev.synth.spec import random_plan
from plans_dev.synth.templates import random_older_plan
from plans_dev.synth.unruled import render_unruled_pdf

SEEDS = (7, 1311, 2024)


def _rows(path):
    plan = parse_document(path)
    indicators = [(r.name, r.target_raw, r.kf_target_raw, r.period_raw) for r in plan.indicators]
    activities = [(a.text, a.start_raw, a.end_raw) for a in plan.activities]
    return indicators, activities


def _gold(spec, name):
    gold = gold_of(spec, name)
    indicators = [(r["name"], r["target"], r["kf_target"], r["period"]) for r in gold["indicators"]]
    activities = [(a["text"], a["start"], a["end"]) for a in gold["activities"]]
    return indicators, activities


@pytest.mark.parametrize("seed", SEEDS)
def test_unruled_tables_read_like_ruled_ones(tmp_path, seed):
    spec = random_plan(seed, ocr=False)
    ruled, unruled = tmp_path / "ruled.pdf", tmp_path / "unruled.pdf"
    render_pdf(spec, ruled, seed)
    render_unruled_pdf(spec, unruled, seed)
    expected = _gold(spec, "unruled.pdf")
    assert _rows(unruled) == expected
    assert _rows(ruled) == expected


@pytest.mark.parametrize("seed", SEEDS[:2])
def test_an_older_generation_reads_from_pdf_by_its_rules(tmp_path, seed):
    """The numbered generation ("Nämndens mål:", one "Målvärde" column) printed to PDF, ruled
    and unruled: read by rules/templates/numbered.toml, with the gold's goals and rows."""
    spec = random_older_plan(seed, district_share=0.0)
    expected = _gold(spec, "plan.pdf")
    titles = [g["title"] for g in gold_of(spec, "plan.pdf")["goals"]]
    for render in (render_pdf, render_unruled_pdf):
        path = tmp_path / f"{render.__name__}.pdf"
        render(spec, path, seed)
        plan = parse_document(path)
        assert plan.template == "numbered"
        assert [g.title for g in plan.goals] == titles
        assert _rows(path) == expected


def test_a_comment_whose_lines_keep_to_the_columns_stays_a_comment(tmp_path):
    """In a table of three columns a comment's line may fall between the column edges by
    chance ("Utfallet 2014 var minska. Enheten har som mål | att förbättra ..."): its text
    runs on over the edge with a word space, so it is the comment, not a row."""
    from plans_dev.synth.__main__ import doc_seed

    seed = doc_seed(4242, 0)
    spec = random_older_plan(seed)
    expected = _gold(spec, "plan.pdf")
    comments = [r["comment"] for r in gold_of(spec, "plan.pdf")["indicators"] if r["comment"]]
    assert comments  # the case needs a comment
    for render in (render_pdf, render_unruled_pdf):
        path = tmp_path / f"{render.__name__}.pdf"
        render(spec, path, seed)
        assert _rows(path) == expected
        assert [r.comment for r in parse_document(path).indicators if r.comment] == comments
