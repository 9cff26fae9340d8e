"""pipeline.connect: the views hold what the Parquet tables hold, joined the way the tree says."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

import pipeline
from pipeline.catalog import JOINED_VIEWS, TABLE_VIEWS
from pipeline.ingestion import ingest
from pipeline.store.schema import TABLES

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def con(parsed_samples: Path):
    return pipeline.connect(parsed_samples)


def test_a_view_per_table_with_the_schema_and_the_rows(con, parsed_samples: Path):
    for name in TABLE_VIEWS:
        frame = pipeline.read_table(parsed_samples, name)
        assert con.table(name).columns == TABLES[name].names, name
        assert _count(con, name) == len(frame), name
    views = {row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert set(JOINED_VIEWS) | {"goal_groups", "goal_links"} <= views


def _count(con, name: str) -> int:
    return con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0]


def _ancestors(goals: pd.DataFrame) -> dict[tuple[str, str], list[pd.Series]]:
    """Each goal's chain root .. goal, walked in Python from parent_goal_id."""
    by_id = {(r.doc_id, r.goal_id): r for r in goals.itertuples()}
    chains = {}
    for key, row in by_id.items():
        chain = [row]
        while chain[0].parent_goal_id is not None and not pd.isna(chain[0].parent_goal_id):
            chain.insert(0, by_id[(key[0], chain[0].parent_goal_id)])
        chains[key] = chain
    return chains


def test_goal_paths_follow_the_parent_links(con, parsed_samples: Path):
    goals = pipeline.read_table(parsed_samples, "goals")
    docs = pipeline.read_table(parsed_samples, "documents").set_index("doc_id")
    chains = _ancestors(goals)
    paths = con.sql("SELECT * FROM goal_paths").df()
    assert len(paths) == len(goals)
    for row in paths.itertuples():
        chain = chains[(row.doc_id, row.goal_id)]
        assert list(row.path) == [g.title for g in chain]
        assert row.depth == len(chain) - 1
        by_level = {g.level: g for g in chain}
        for level, column in (("kf_inriktningsmal", "kf_code"), ("kf_verksamhetsomradesmal", "kf_area_code")):
            expected = by_level[level].code if level in by_level else None
            assert (None if pd.isna(getattr(row, column)) else getattr(row, column)) == expected
        if "namndmal" in by_level:
            assert row.namndmal_key == by_level["namndmal"].goal_key
        assert row.unit == docs.loc[row.doc_id, "unit"]
        assert row.plan_year == docs.loc[row.doc_id, "plan_year"]


def test_indicators_full_puts_each_row_under_its_goal_and_document(con, parsed_samples: Path):
    indicators = pipeline.read_table(parsed_samples, "indicators")
    goals = pipeline.read_table(parsed_samples, "goals").set_index(["doc_id", "goal_id"])
    docs = pipeline.read_table(parsed_samples, "documents").set_index("doc_id")
    full = con.sql("SELECT * FROM indicators_full").df()
    assert len(full) == len(indicators)
    assert set(TABLES["indicators"].names) <= set(full.columns)
    for row in full.itertuples():
        assert row.unit == docs.loc[row.doc_id, "unit"]
        if row.goal_id is not None:
            assert row.goal_title == goals.loc[(row.doc_id, row.goal_id), "title"]
            assert row.goal_key == goals.loc[(row.doc_id, row.goal_id), "goal_key"]
    assert full.indicator_key.notna().all()


def test_activities_full_knows_which_activities_run_all_year(con, parsed_samples: Path):
    activities = pipeline.read_table(parsed_samples, "activities")
    full = con.sql("SELECT * FROM activities_full ORDER BY doc_id, ordinal").df()
    assert len(full) == len(activities)
    for row in full.itertuples():
        start, end = row.start_date, row.end_date
        expected = (
            isinstance(start, dt.date)
            and isinstance(end, dt.date)
            and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
            and start.year == end.year
        )
        assert bool(row.all_year) == expected, row
    assert 0 < full.all_year.sum() < len(full)


def test_document_quality_counts_what_the_tables_hold(con, parsed_samples: Path):
    quality = con.sql("SELECT * FROM document_quality").df().set_index("doc_id")
    for table, column in (("goals", "goals"), ("indicators", "indicators"), ("repairs", "repairs")):
        counts = pipeline.read_table(parsed_samples, table).groupby("doc_id").size()
        for doc_id in quality.index:
            assert quality.loc[doc_id, column] == counts.get(doc_id, 0), (table, doc_id)


def test_goal_groups_cover_every_goal_and_kf_goals_group_by_code(con):
    groups = con.sql("SELECT * FROM goal_groups").df()
    assert len(groups) == _count(con, "goals")
    kf = groups[groups.level.str.startswith("kf_")]
    assert (kf.group_id == kf.goal_key).all()
    assert kf.goal_key.str.match(r"^kf:\d+(\.\d+)?$").all()
    # the bundled samples repeat committee goals across units and years
    namnd = groups[groups.level == "namndmal"]
    assert (namnd.group_docs > 1).any()


def test_views_read_the_snapshot_current_at_connect(tmp_path: Path):
    raw = tmp_path / "raw"
    raw.mkdir()
    samples = sorted((ROOT / "data" / "raw").glob("*.txt"))
    shutil.copy(samples[0], raw)
    out = tmp_path / "parsed"
    ingest(raw, out, progress=False)
    con = pipeline.connect(out)
    assert _count(con, "documents") == 1
    shutil.copy(samples[1], raw)
    ingest(raw, out, progress=False)
    assert _count(con, "documents") == 1  # still the first run
    assert _count(pipeline.connect(out), "documents") == 2


def test_files_without_the_key_columns_still_connect(parsed_samples: Path, tmp_path: Path):
    """A folder written before goal_key/indicator_key existed: the views have the columns
    (null), and goal groups are computed from the titles."""
    old = tmp_path / "old"
    for name in TABLES:
        (old / name).mkdir(parents=True)
        table = pq.read_table(next((parsed_samples / name).glob("*.parquet")))
        for column in ("goal_key", "indicator_key"):
            if column in table.column_names:
                table = table.drop_columns([column])
        metadata = dict(table.schema.metadata or {})
        metadata[b"plans.schema_version"] = b"2"
        pq.write_table(table.replace_schema_metadata(metadata), old / name / "part-00000.parquet")
    con = pipeline.connect(old)
    assert con.execute("SELECT count(*) FROM goals WHERE goal_key IS NULL").fetchall()[0][0] > 0
    new = pipeline.connect(parsed_samples)
    query = "SELECT doc_id, goal_id, group_id FROM goal_groups ORDER BY ALL"
    assert con.sql(query).fetchall() == new.sql(query).fetchall()


def test_a_folder_that_is_not_parsed_output_is_refused(tmp_path: Path):
    with pytest.raises(FileNotFoundError, match="no table 'documents'"):
        pipeline.connect(tmp_path)
