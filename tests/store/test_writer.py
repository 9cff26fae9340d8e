"""Snapshot writer and reader: real files in tmp_path, read back by pandas, pyarrow and DuckDB."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from pipeline.store import (
    SCHEMA_VERSION,
    TABLES,
    OutputDirError,
    SchemaMismatchError,
    SchemaVersionError,
    conform,
    current_snapshot,
    read_table,
    rows_to_table,
    write_snapshot,
    writer,
)
from pipeline.store.schema import BOX_COLUMNS

RUN_INFO = {"parser_version": "0.1.0"}
NOW = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)


def goals(*titles: str) -> pa.Table:
    return rows_to_table(
        "goals",
        [
            {
                "doc_id": "d1",
                "goal_id": f"g{i}",
                "level": "namndmal",
                "title": t,
                "ordinal": i,
                "page": i or None,
            }
            for i, t in enumerate(titles)
        ],
    )


def sample_tables(*titles: str) -> dict[str, pa.Table]:
    return {
        "documents": rows_to_table(
            "documents",
            [
                {
                    "doc_id": "d1",
                    "source_path": "in/plan.txt",
                    "source_sha256": "ab" * 32,
                    "source_format": "text",
                    "extraction": "text",
                    "plan_year": 2024,
                    "parser_version": "0.1.0",
                    "ingested_at": NOW,
                }
            ],
        ),
        "goals": goals(*titles),
        "sections": rows_to_table(
            "sections",
            [{"doc_id": "d1", "section_id": "s1", "path": ["Inledning", "Uppdrag"], "text": "Text"}],
        ),
        "activities": rows_to_table(
            "activities",
            [{"doc_id": "d1", "ordinal": 1, "text": "Utbilda", "start_date": dt.date(2024, 1, 1)}],
        ),
    }


def snapshots(out: Path) -> list[str]:
    return sorted(p.name for p in (out / "_snapshots").iterdir())


def assert_no_debris(out: Path) -> None:
    """No temporary symlinks or half-written snapshot directories are left behind."""
    assert not [p for p in out.iterdir() if p.name.startswith(".")]
    if (out / "_snapshots").exists():
        assert not [p for p in (out / "_snapshots").iterdir() if p.name.endswith(".partial")]


# --- writing and reading back ----------------------------------------------------------


def test_layout(tmp_path: Path) -> None:
    out = tmp_path / "parsed"
    snap = write_snapshot(out, sample_tables("Mål A", "Mål B"), RUN_INFO)

    assert snap.parent == out / "_snapshots"
    assert os.readlink(out / "_current") == f"_snapshots/{snap.name}"
    assert current_snapshot(out) == snap.resolve()
    for name in TABLES:
        assert os.readlink(out / name) == f"_current/{name}"
        assert [f.name for f in (snap / name).iterdir()] == [f"part-00000-{snap.name[-8:]}.parquet"]

    info = json.loads((snap / "_run.json").read_text())
    assert info["run_id"] == snap.name
    assert info["schema_version"] == SCHEMA_VERSION
    assert info["parser_version"] == "0.1.0"
    assert dt.datetime.fromisoformat(info["created_at"]).tzinfo is not None
    assert info["row_counts"] == {name: {"goals": 2}.get(name, 0) for name in TABLES} | {
        "documents": 1,
        "sections": 1,
        "activities": 1,
    }

    metadata = pq.read_schema(next((snap / "goals").glob("part-00000-*.parquet"))).metadata
    assert metadata[b"plans.schema_version"] == SCHEMA_VERSION.encode()
    assert_no_debris(out)


def test_read_back_with_pandas_pyarrow_duckdb_and_read_table(tmp_path: Path) -> None:
    out = tmp_path / "parsed"
    write_snapshot(out, sample_tables("Mål A", "Mål B"), RUN_INFO)

    df = pd.read_parquet(out / "goals")
    assert list(df["title"]) == ["Mål A", "Mål B"]

    table = ds.dataset(out / "goals", format="parquet").to_table()
    assert table.schema.remove_metadata().equals(TABLES["goals"])
    assert table.column("ordinal").to_pylist() == [0, 1]

    con = duckdb.connect()
    rows = con.execute(
        f"SELECT title, page FROM read_parquet('{out}/goals/*.parquet') ORDER BY ordinal"
    ).fetchall()
    assert rows == [("Mål A", None), ("Mål B", 1)]
    (path,) = con.execute(f"SELECT path FROM read_parquet('{out}/sections/*.parquet')").fetchone()
    assert path == ["Inledning", "Uppdrag"]

    goals_df = read_table(out, "goals")
    assert list(goals_df.columns) == TABLES["goals"].names
    assert str(goals_df["page"].dtype) == "Int32"  # nullable, not float
    assert goals_df["page"].isna().tolist() == [True, False]
    docs = read_table(out, "documents")
    assert docs.loc[0, "ingested_at"] == pd.Timestamp(NOW)
    assert read_table(out, "activities").loc[0, "start_date"] == dt.date(2024, 1, 1)


def test_empty_tables_keep_their_schema(tmp_path: Path) -> None:
    out = tmp_path / "parsed"
    write_snapshot(out, {"goals": goals()}, RUN_INFO)  # every other table is not given at all

    for name, schema in TABLES.items():
        table = ds.dataset(out / name, format="parquet").to_table()
        assert table.num_rows == 0
        assert table.schema.remove_metadata().equals(schema), name
        assert list(read_table(out, name).columns) == schema.names
        assert list(pd.read_parquet(out / name).columns) == schema.names

    described = duckdb.connect().execute(f"DESCRIBE SELECT * FROM read_parquet('{out}/indicators/*.parquet')")
    assert [row[0] for row in described.fetchall()] == TABLES["indicators"].names


def test_second_write_swaps_and_prunes(tmp_path: Path) -> None:
    out = tmp_path / "parsed"
    first = write_snapshot(out, sample_tables("Gammalt"), RUN_INFO)
    second = write_snapshot(out, sample_tables("Nytt", "Nyare"), RUN_INFO)
    assert first.name < second.name  # run ids sort in time order
    assert current_snapshot(out) == second.resolve()
    assert list(pd.read_parquet(out / "goals")["title"]) == ["Nytt", "Nyare"]
    # One snapshot back is kept, so a reader that resolved _current just before the swap can finish.
    assert snapshots(out) == [first.name, second.name]
    assert list(pd.read_parquet(first / "goals")["title"]) == ["Gammalt"]

    third = write_snapshot(out, sample_tables("Senast"), RUN_INFO)
    assert snapshots(out) == [second.name, third.name]
    assert list(read_table(out, "goals")["title"]) == ["Senast"]
    assert_no_debris(out)


def test_prune_failures_are_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "parsed"
    write_snapshot(out, sample_tables("1"), RUN_INFO)
    write_snapshot(out, sample_tables("2"), RUN_INFO)
    monkeypatch.setattr(writer, "_prune", lambda *a, **k: None)  # a failing rmtree leaves garbage only
    write_snapshot(out, sample_tables("3"), RUN_INFO)
    monkeypatch.undo()
    assert len(snapshots(out)) == 3
    last = write_snapshot(out, sample_tables("4"), RUN_INFO)
    assert len(snapshots(out)) == 2 and last.name in snapshots(out)


# --- failures leave the previous snapshot current --------------------------------------


def test_table_that_does_not_fit_leaves_previous_snapshot(tmp_path: Path) -> None:
    out = tmp_path / "parsed"
    first = write_snapshot(out, sample_tables("Bra"), RUN_INFO)
    bad = sample_tables("Nytt")
    bad["goals"] = pa.table({"doc_id": ["d1"], "title": ["saknar kolumner"]})
    with pytest.raises(SchemaMismatchError, match="goals"):
        write_snapshot(out, bad, RUN_INFO)
    assert current_snapshot(out) == first.resolve()
    assert snapshots(out) == [first.name]
    assert list(pd.read_parquet(out / "goals")["title"]) == ["Bra"]
    assert_no_debris(out)


def test_failure_while_writing_files_leaves_previous_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "parsed"
    first = write_snapshot(out, sample_tables("Bra"), RUN_INFO)

    real_write = writer.SnapshotWriter.write
    calls = []

    def failing_write(self: writer.SnapshotWriter, name: str, table: pa.Table, part: int = 0) -> None:
        calls.append(name)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real_write(self, name, table, part)

    monkeypatch.setattr(writer.SnapshotWriter, "write", failing_write)
    with pytest.raises(OSError, match="No space left"):
        write_snapshot(out, sample_tables("Halvt"), RUN_INFO)
    assert len(calls) == 3
    assert os.readlink(out / "_current") == f"_snapshots/{first.name}"
    assert snapshots(out) == [first.name]
    assert list(read_table(out, "goals")["title"]) == ["Bra"]
    assert_no_debris(out)


def test_failed_first_write_leaves_nothing_current(tmp_path: Path) -> None:
    out = tmp_path / "parsed"
    with pytest.raises(SchemaMismatchError):
        write_snapshot(out, {"goals": pa.table({"title": [1]})}, RUN_INFO)
    assert current_snapshot(out) is None
    assert not (out / "_current").is_symlink()
    assert not (out / "goals").exists()
    with pytest.raises(FileNotFoundError, match=str(out)):
        read_table(out, "goals")


def test_real_directory_is_refused_and_left_alone(tmp_path: Path) -> None:
    out = tmp_path / "parsed"
    (out / "goals").mkdir(parents=True)
    (out / "goals" / "mine.parquet").write_bytes(b"user data")
    with pytest.raises(OutputDirError, match="goals"):
        write_snapshot(out, sample_tables("x"), RUN_INFO)
    assert (out / "goals" / "mine.parquet").read_bytes() == b"user data"
    assert not (out / "_current").exists()


@pytest.mark.parametrize("entry", ["_current", "problems"])
def test_real_file_or_foreign_symlink_is_refused(tmp_path: Path, entry: str) -> None:
    out = tmp_path / "parsed"
    write_snapshot(out, sample_tables("x"), RUN_INFO)
    (out / entry).unlink()
    (out / entry).write_text("mine")
    with pytest.raises(OutputDirError, match=entry):
        write_snapshot(out, sample_tables("y"), RUN_INFO)
    (out / entry).unlink()
    os.symlink("elsewhere", out / entry)
    with pytest.raises(OutputDirError, match="not made by this pipeline"):
        write_snapshot(out, sample_tables("y"), RUN_INFO)


def test_run_info_needs_parser_version(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="parser_version"):
        write_snapshot(tmp_path, sample_tables("x"), {})


def test_unknown_table_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SchemaMismatchError, match="unknown table"):
        write_snapshot(tmp_path, {"goal": goals("x")}, RUN_INFO)


# --- schema validation -----------------------------------------------------------------


def test_rows_to_table_uses_the_explicit_schema() -> None:
    table = rows_to_table("indicators", [{"doc_id": "d", "ordinal": 1, "name": "Andel"}])
    assert table.schema.equals(TABLES["indicators"])
    assert table.column("target_value").to_pylist() == [None]
    assert rows_to_table("problems", []).schema.equals(TABLES["problems"])


def test_rows_to_table_refuses_unknown_keys_and_bad_values() -> None:
    with pytest.raises(SchemaMismatchError, match="titel"):
        rows_to_table("goals", [{"doc_id": "d", "goal_id": "g", "level": "x", "titel": "t", "ordinal": 1}])
    with pytest.raises(SchemaMismatchError, match="ordinal"):
        rows_to_table(
            "goals", [{"doc_id": "d", "goal_id": "g", "level": "x", "title": "t", "ordinal": "ett"}]
        )
    with pytest.raises(SchemaMismatchError, match=r"'title'.*null"):
        rows_to_table("goals", [{"doc_id": "d", "goal_id": "g", "level": "x", "ordinal": 1}])


def test_a_lone_surrogate_is_escaped_and_a_short_column_refused() -> None:
    """A file name's undecodable byte (``os.fsdecode``) reaches a message as a lone surrogate."""
    name = os.fsdecode(b"plan_\xff.xlsx")
    row = {"source_path": name, "stage": "discover", "severity": "error", "code": "X"}
    row["message"] = f"{name}: m"
    table = rows_to_table("problems", [row])
    assert table.column("source_path").to_pylist() == ["plan_\\xff.xlsx"]
    assert table.column("message").to_pylist() == ["plan_\\xff.xlsx: m"]
    with pytest.raises(SchemaMismatchError, match="'source_path': 1 rows, not 2"):
        writer.columns_to_table("problems", {name: [value] for name, value in row.items()}, 2)


def test_conform_casts_within_a_type_family() -> None:
    df = pd.DataFrame(
        {
            "doc_id": ["d", "d"],
            "goal_id": ["g1", "g2"],
            "parent_goal_id": [None, None],
            "level": ["namndmal"] * 2,
            "code": [None, "1.1"],
            "prefix": [None, None],
            "title": ["A", "B"],
            "goal_key": [None, "kf:1.1"],
            "ordinal": [1, 2],  # int64
            "page": [None, 3.0],  # float64 with NaN, as pandas makes it
            **{name: [None, 72.5] for name in BOX_COLUMNS},  # float64 to the schema's float32
        }
    )
    table = conform("goals", pa.Table.from_pandas(df, preserve_index=False))
    assert table.schema.equals(TABLES["goals"])
    assert table.column("page").to_pylist() == [None, 3]


@pytest.mark.parametrize(
    ("column", "values", "message"),
    [
        ("ordinal", pa.array(["1"]), "ordinal.*expected int32"),
        ("title", pa.array([1]), "title.*expected string"),
        ("page", pa.array([1.5]), "page.*cannot cast"),
        ("ordinal", pa.array([2**40]), "ordinal.*cannot cast"),
    ],
)
def test_conform_refuses_values_that_do_not_fit(column: str, values: pa.Array, message: str) -> None:
    base = goals("x")
    table = base.set_column(base.schema.get_field_index(column), column, values)
    with pytest.raises(SchemaMismatchError, match=message):
        conform("goals", table)


def test_conform_refuses_naive_timestamps() -> None:
    table = sample_tables("x")["documents"]
    i = table.schema.get_field_index("ingested_at")
    naive = table.set_column(i, "ingested_at", pa.array([dt.datetime(2026, 1, 1)], pa.timestamp("us")))
    with pytest.raises(SchemaMismatchError, match="ingested_at"):
        conform("documents", naive)


def test_conform_refuses_missing_and_extra_columns() -> None:
    with pytest.raises(SchemaMismatchError, match=r"missing \['page'\].*unexpected \['extra'\]"):
        conform("goals", goals("x").drop_columns(["page"]).append_column("extra", pa.array([1])))


# --- schema version --------------------------------------------------------------------


def test_newer_schema_version_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "parsed"
    monkeypatch.setattr(writer, "SCHEMA_VERSION", str(int(SCHEMA_VERSION) + 1))
    write_snapshot(out, sample_tables("Framtid"), RUN_INFO)
    monkeypatch.undo()
    with pytest.raises(
        SchemaVersionError, match=rf"schema version {int(SCHEMA_VERSION) + 1}.*Update the pipeline"
    ) as err:
        read_table(out, "goals")
    assert str(out) in str(err.value)


def test_same_or_older_schema_version_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "parsed"
    monkeypatch.setattr(writer, "SCHEMA_VERSION", "0")
    write_snapshot(out, sample_tables("Förr"), RUN_INFO)
    monkeypatch.undo()
    assert list(read_table(out, "goals")["title"]) == ["Förr"]


def test_file_without_version_is_refused(tmp_path: Path) -> None:
    (tmp_path / "goals").mkdir()
    pq.write_table(goals("x"), tmp_path / "goals" / "part-00000.parquet")
    with pytest.raises(SchemaVersionError, match=r"no plans\.schema_version"):
        read_table(tmp_path, "goals")


def test_missing_table_names_the_directory(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=f"{tmp_path}.*does not exist"):
        read_table(tmp_path, "goals")
    with pytest.raises(KeyError, match="unknown table"):
        read_table(tmp_path, "nope")
    assert current_snapshot(tmp_path) is None


def test_output_directory_can_be_moved(tmp_path: Path) -> None:
    # All links are relative, so a copied or moved output directory still reads.
    write_snapshot(tmp_path / "parsed", sample_tables("Flyttad"), RUN_INFO)
    (tmp_path / "parsed").rename(tmp_path / "elsewhere")
    assert list(read_table(tmp_path / "elsewhere", "goals")["title"]) == ["Flyttad"]


def test_a_linked_part_written_again_leaves_the_previous_snapshots_file_whole(tmp_path: Path):
    out = tmp_path / "out"
    first = write_snapshot(out, {"goals": goals("Gammalt")}, RUN_INFO)
    (old_part,) = (first / "goals").glob("part-*.parquet")
    before = old_part.read_bytes()
    second = writer.SnapshotWriter(out, RUN_INFO)
    second.link("goals", old_part, 1, 0)
    assert second.part_path("goals", 0).stat().st_ino == old_part.stat().st_ino
    second.rewrite("goals", goals("Nytt", "Nyare"), 0)
    assert (second.written, second.linked) == (1, 0)
    assert old_part.read_bytes() == before
    second.commit()
    assert read_table(out, "goals").title.tolist() == ["Nytt", "Nyare"]
