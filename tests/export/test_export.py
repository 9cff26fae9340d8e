"""``plans export`` on the parsed samples: CSV read by pandas and xlsx by openpyxl hold the
rows of the Parquet tables; every column is described; --out is never a stranger's folder."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline.cli import main
from pipeline.export.write import DICTIONARY, MARKER, export, relations
from pipeline.store.schema import DESCRIPTION_KEY
from pipeline.store.writer import OutputDirError

openpyxl = pytest.importorskip("openpyxl")


@pytest.fixture(scope="module")
def exported(parsed_samples: Path, tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("export")
    out = {}
    for fmt in ("parquet", "csv", "xlsx"):
        args = ["export", "--parsed", str(parsed_samples), "--out", str(root / fmt), "--format", fmt]
        assert main(args) == 0
        out[fmt] = root / fmt
    return out


def _parquet_rows(exported) -> dict[str, int]:
    return {name: pq.read_metadata(exported["parquet"] / f"{name}.parquet").num_rows for name in relations()}


def test_csv_read_by_pandas_has_the_rows_of_the_parquet_tables(exported):
    rows = _parquet_rows(exported)
    assert rows["goals"] > 0 and rows["indicators"] > 0
    for name, n in rows.items():
        frame = pd.read_csv(exported["csv"] / f"{name}.csv")
        assert len(frame) == n, name
    goals = pd.read_csv(exported["csv"] / "goals.csv")
    assert goals.goal_id.is_unique


def test_xlsx_read_by_openpyxl_has_the_rows_of_the_parquet_tables(exported):
    rows = _parquet_rows(exported)
    book = openpyxl.load_workbook(exported["xlsx"] / "plans.xlsx", read_only=True)
    assert book.sheetnames[0] == DICTIONARY
    for name, n in rows.items():
        sheet = book[name[:31]]
        assert sheet.max_row - 1 == n, name  # a header row, then the rows
    header = [c.value for c in next(book["documents"].iter_rows(max_row=1))]
    assert header[:2] == ["doc_id", "source_path"]


def test_every_column_is_described_in_the_dictionary_and_in_the_parquet_metadata(exported):
    dictionary = pd.read_csv(exported["csv"] / f"{DICTIONARY}.csv")
    assert dictionary.description.notna().all(), dictionary[dictionary.description.isna()]
    assert set(dictionary.table) == set(relations())
    for name in relations():
        schema = pq.read_schema(exported["parquet"] / f"{name}.parquet")
        described = {f.name: (f.metadata or {}).get(DESCRIPTION_KEY, b"").decode() for f in schema}
        assert all(described.values()), (name, described)
        expected = dictionary[dictionary.table == name].set_index("column").description.to_dict()
        assert described == expected, name


def test_the_plain_export_counts_each_plan_once(exported):
    docs = pd.read_parquet(exported["parquet"] / "documents.parquet")
    plans = pd.read_parquet(exported["parquet"] / "plans.parquet")
    assert len(docs) == len(plans) and docs.plan_id.is_unique


def test_a_folder_with_other_files_is_refused_untouched(parsed_samples, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputDirError, match="not empty"):
        export(parsed_samples, out, "csv")
    assert sorted(os.listdir(out)) == ["notes.txt"]
    assert main(["export", "--parsed", str(parsed_samples), "--out", str(out), "--format", "csv"]) == 2


def test_an_earlier_export_is_overwritten_and_a_link_planted_in_it_is_replaced(parsed_samples, tmp_path):
    out, outside = tmp_path / "share", tmp_path / "outside.csv"
    export(parsed_samples, out, "csv")
    outside.write_text("keep me", encoding="utf-8")
    (out / "goals.csv").unlink()
    (out / "goals.csv").symlink_to(outside)
    export(parsed_samples, out, "csv")
    assert outside.read_text(encoding="utf-8") == "keep me"
    assert not (out / "goals.csv").is_symlink() and (out / MARKER).is_file()
    assert not [n for n in os.listdir(out) if n.startswith(".")]  # no temporary file left


def test_the_export_is_not_written_into_the_parsed_folder(parsed_samples):
    with pytest.raises(OutputDirError, match="parsed folder"):
        export(parsed_samples, parsed_samples / "export", "csv")
    assert not (parsed_samples / "export").exists()


def test_the_data_dictionary_in_docs_is_up_to_date():
    from plans_dev.data_dictionary import main as dictionary

    assert dictionary(["--check"]) == 0
