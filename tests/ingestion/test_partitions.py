"""Partitioned output: each table a folder of parts that pandas, DuckDB and Polars read as
they are; a run rewrites only the parts whose documents changed and takes the others over
by hard links; a new cut (the archive grew or shrank, or an output of one part per table)
gives the tables of a full run."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.dataset as ds
import pytest
from archives import assert_same_tables, tables_of

from pipeline.ingestion import ingest
from pipeline.ingestion.context import ContextSettings
from pipeline.store import TABLES, current_snapshot, read_table
from pipeline.store.partition import bucket_count, path_bucket, path_hash
from pipeline.store.schema import DERIVED_TABLES


def run(archive: Path, out: Path, **kwargs):
    """An in-process run; the repair context is kept (one edit of twelve plans is a large drift)."""
    kwargs.setdefault("workers", 0)
    kwargs.setdefault("context", ContextSettings(rebuild_drift=0.5))
    return ingest(archive, out, progress=False, **kwargs)


def parts(out: Path, name: str) -> list[Path]:
    return sorted((current_snapshot(out) / name).glob("*.parquet"))


def bucket(part: Path) -> int:
    return int(part.name.split("-")[1])


def same_file_before(before: Path, name: str, part: Path) -> bool:
    """Is ``part`` the file of its bucket in the snapshot ``before`` (a hard link)?"""
    old = list((before / name).glob(f"part-{bucket(part):05d}-*.parquet"))
    return bool(old) and os.path.samefile(old[0], part)


def edit(path: Path) -> None:
    """A line added to a plan, in the plan's own encoding (the generator writes several)."""
    data = path.read_bytes()
    for encoding in ("utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    path.write_bytes((text.rstrip("\n") + "\nReviderad efter nämndens beslut.\n").encode(encoding))


def test_tables_in_parts_read_by_pandas_duckdb_and_polars(archive: Path, tmp_path: Path):
    out = tmp_path / "out"
    summary = run(archive, out, docs_per_part=1)
    assert summary.documents == 12
    goal_parts = parts(out, "goals")
    assert len(goal_parts) > 4  # 12 documents, one a part aimed at: 16 buckets, some empty
    docs = read_table(out, "documents")
    hash_of = {d: path_hash(p) for d, p in zip(docs.doc_id, docs.source_path, strict=True)}
    for part in goal_parts:  # a document's rows are in the part of its path
        assert {hash_of[d] * 16 >> 32 for d in pd.read_parquet(part).doc_id} == {bucket(part)}
    # Read in name order, a table is in the order of its paths' hashes, then doc_id: the
    # same order whatever the number of parts.
    order = [(hash_of[d], d) for d in read_table(out, "goals").doc_id]
    assert order == sorted(order)
    for part in parts(out, "problems"):  # (an empty table is one empty part)
        paths = pd.read_parquet(part).source_path
        assert {path_bucket(p, 16) for p in paths} <= {bucket(part)}
    goals = read_table(out, "goals")
    assert len(pd.read_parquet(out / "goals")) == len(goals)
    with duckdb.connect() as con:
        got = con.execute(
            f"SELECT count(*), count(DISTINCT doc_id) FROM read_parquet('{out}/goals/*.parquet')"
        )
        assert got.fetchone() == (len(goals), goals.doc_id.nunique())
    polars = pytest.importorskip("polars")
    frame = polars.read_parquet(out / "goals" / "*.parquet")
    assert frame.height == len(goals) and sorted(frame["goal_id"].to_list()) == sorted(goals.goal_id)


def test_a_change_rewrites_its_parts_and_links_the_others(archive: Path, tmp_path: Path):
    out = tmp_path / "out"
    run(archive, out, docs_per_part=1)
    reference = shutil.copytree(out, tmp_path / "reference", symlinks=True)
    before = current_snapshot(out)
    target = sorted(archive.rglob("*.txt"))[2]
    edit(target)
    summary = run(archive, out, docs_per_part=1)
    after = current_snapshot(out)
    assert summary.parsed == 1 and summary.parts_linked > summary.parts_written > 0
    linked = 0
    for name in TABLES:
        for part in parts(out, name):
            linked += same_file_before(before, name, part)
    assert linked == summary.parts_linked
    changed = path_bucket(target.relative_to(archive).as_posix(), 16)
    for part in parts(out, "goals"):  # one part rewritten: the edited plan's (its path's)
        assert same_file_before(before, "goals", part) == (bucket(part) != changed)
    assert after != before
    run(archive, reference, full=True, docs_per_part=1)
    assert_same_tables(out, reference)
    assert [bucket(p) for p in parts(out, "goals")] == [bucket(p) for p in parts(reference, "goals")]


def test_a_moved_plan_takes_its_rows_from_its_old_part_to_the_part_of_its_new_path(
    archive: Path, tmp_path: Path
):
    out = tmp_path / "out"
    run(archive, out, docs_per_part=1)
    source = sorted(archive.rglob("*.txt"))[3]
    moved = source.with_name("flyttad-" + source.name)
    assert path_bucket(source.relative_to(archive).as_posix(), 16) != path_bucket(
        moved.relative_to(archive).as_posix(), 16
    )
    source.rename(moved)
    summary = run(archive, out, docs_per_part=1, prune=True)
    assert summary.parsed == 0 and summary.moved == 1
    reference = tmp_path / "reference"
    run(archive, reference, docs_per_part=1)
    assert_same_tables(out, reference)


def test_a_new_cut_gives_the_tables_of_a_full_run(archive: Path, tmp_path: Path):
    out = tmp_path / "out"
    run(archive, out)  # 12 documents, 8 a part: 2 buckets
    reference = shutil.copytree(out, tmp_path / "reference", symlinks=True)
    assert len(parts(out, "documents")) <= 2
    edit(sorted(archive.rglob("*.txt"))[5])
    summary = run(archive, out, docs_per_part=1)  # 16 buckets: every part cut anew
    assert summary.parsed == 1 and summary.parts_linked <= len(DERIVED_TABLES)
    assert len(parts(out, "documents")) > 2
    run(archive, reference, full=True, docs_per_part=1)
    assert_same_tables(out, reference)


def test_bucket_count_follows_the_archive_and_is_kept_within_bounds():
    assert bucket_count(0) == bucket_count(5) == 1
    assert bucket_count(1000) == 128
    assert bucket_count(100_000) == 16384
    assert bucket_count(1500, current=128) == 128  # grown by half: the cut is kept
    assert bucket_count(4000, current=128) == 128  # grown 4x: still kept
    assert bucket_count(8000, current=128) == 1024  # grown 8x: cut anew
    assert bucket_count(20, current=128) == 2


def test_a_reader_opened_before_a_run_reads_one_snapshot(archive: Path, tmp_path: Path):
    """A reader that resolves the table's folder once (as ``read_table`` and the catalog do)
    reads the snapshot it opened; one that listed the parts through the link and opens them
    after the switch finds none of them (parts are named by their run), never a mix."""
    out = tmp_path / "out"
    run(archive, out, docs_per_part=1)
    want = tables_of(out)["goals"]
    resolved = ds.dataset(os.path.realpath(out / "goals"), format="parquet")
    through_link = ds.dataset(out / "goals", format="parquet")
    for path in sorted(archive.rglob("*.txt"))[:2]:
        edit(path)
    run(archive, out, docs_per_part=1)
    got = resolved.to_table().to_pandas()
    assert len(got) == len(want) and sorted(got.goal_id) == sorted(want.goal_id)
    assert set(got.doc_id) != set(read_table(out, "goals").doc_id)  # the run did change the table
    with pytest.raises(FileNotFoundError):
        through_link.to_table()
