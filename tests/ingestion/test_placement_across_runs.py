"""Lone indicator values placed by the other plans of their year (``pipeline.derive.
kf_targets``) at ingest, with partitioned output: the placement follows the archive as it is
now, also in the parts an incremental run carries over unchanged.

Plans of our generator exported by ``pdftotext``, which drops empty cells: a row with one
value under a KF goal is uncertain until the archive shows that year's KF value."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from archives import assert_same_tables

from pipeline.ingestion import ingest
from pipeline.store import read_table

pytest.importorskip("reportlab")
from plans_dev.exports import generate

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def _placed(out: Path):
    rows = read_table(out, "indicators")
    return rows[rows.placed_by_plans.fillna(False)]


def test_a_placement_is_undone_when_its_evidence_leaves_and_made_again_when_it_returns(tmp_path: Path):
    generate(tmp_path / "gen", 12, 5151, ("pdftotext",), workers=1)
    archive, out = tmp_path / "gen" / "pdftotext", tmp_path / "out"
    assert ingest(archive, out, progress=False).exit_code == 0
    placed = _placed(out)
    assert len(placed), "no lone value placed: the seed's plans no longer make one"
    docs = read_table(out, "documents").set_index("doc_id")
    row = placed.iloc[0]
    year = docs.loc[row.doc_id, "plan_year"]
    evidence = docs[(docs.plan_year == year) & (docs.index != row.doc_id)].source_path.tolist()
    assert evidence

    aside = tmp_path / "aside"
    aside.mkdir()
    for name in evidence:
        shutil.move(archive / name, aside / name)
    assert ingest(archive, out, progress=False, prune=True).exit_code == 0
    now = read_table(out, "indicators").set_index("indicator_id").loc[row.indicator_id]
    assert not now.placed_by_plans and now.uncertain  # the plan's own part was carried over
    lone = row.kf_target_raw if pd.isna(row.target_raw) else row.target_raw
    assert now.target_raw == lone and pd.isna(now.kf_target_raw)  # back in the column the parse gave it
    alone = tmp_path / "alone"
    assert ingest(archive, alone, progress=False, full=True).exit_code == 0
    assert_same_tables(out, alone)

    for name in evidence:
        shutil.move(aside / name, archive / name)
    assert ingest(archive, out, progress=False, prune=True).exit_code == 0
    again = tmp_path / "again"
    assert ingest(archive, again, progress=False, full=True).exit_code == 0
    assert_same_tables(out, again)
    assert _placed(out).indicator_id.tolist() == placed.indicator_id.tolist()
