"""Metadata the archive supplies (--metadata catalogue.csv, --path-pattern): on plans whose
text states neither district nor unit, every value right; precedence catalogue > document >
path; a changed catalogue re-derives only the documents it changed for."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest

from pipeline.cli import main
from pipeline.ingestion import ingest
from plans_dev.synth.render import render_text
from plans_dev.synth.spec import PlanSpec, random_plan
from plans_dev.synth.unstated import unstated

PATTERN = "{district}/{plan_year}/{unit}.txt"


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> tuple[Path, list[tuple[Path, PlanSpec]]]:
    root = tmp_path_factory.mktemp("archive")
    plans = []
    for i in range(8):
        seed = 7100 + i
        spec = unstated(random_plan(seed), seed)
        path = root / spec.district / str(spec.plan_year) / f"{spec.unit}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_text(spec, seed), encoding="utf-8")
        plans.append((path, spec))
    return root, plans


def _stored(path: Path, root: Path) -> str:
    """A file's ``source_path``: relative to the archive root."""
    return path.relative_to(root).as_posix()


def _documents(out: Path) -> pd.DataFrame:
    return pd.read_parquet(out / "documents").set_index("source_path")


def test_without_help_nothing_is_wrong_and_with_a_path_pattern_all_is_right(archive, tmp_path):
    root, plans = archive
    ingest(root, tmp_path / "plain", workers=0, progress=False)
    docs = _documents(tmp_path / "plain")
    for path, spec in plans:
        row = docs.loc[_stored(path, root)]
        assert pd.isna(row.district) or row.district == spec.district
        assert pd.isna(row.unit) or row.unit == spec.unit
    ingest(root, tmp_path / "out", workers=0, progress=False, path_pattern=PATTERN)
    docs = _documents(tmp_path / "out")
    for path, spec in plans:
        row = docs.loc[_stored(path, root)]
        assert (row.district, row.unit, row.plan_year) == (spec.district, spec.unit, spec.plan_year)
        assert row.plan_year_source == "document"  # the text states the year: it comes first
        assert (row.district_source, row.unit_source) == ("path", "path")


def test_the_catalogue_overrides_the_document_and_its_changes_are_re_derived(archive, tmp_path):
    root, plans = archive
    (first, spec), (second, _) = plans[0], plans[1]
    sha = hashlib.sha256(second.read_bytes()).hexdigest()
    catalogue = tmp_path / "catalogue.csv"
    lines = [
        "path;sha256;unit;district;plan_year",
        f"{first.relative_to(root).as_posix()};;Enhet A;{spec.district};{spec.plan_year + 1}",
        f";{sha[:16]};Enhet B;;",
    ]
    catalogue.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    summary = ingest(root, out, workers=0, progress=False, metadata_catalogue=catalogue, path_pattern=PATTERN)
    docs = _documents(out)
    row = docs.loc[_stored(first, root)]
    assert (row.unit, row.unit_source, row.district_source) == ("Enhet A", "catalogue", "catalogue")
    assert (row.plan_year, row.plan_year_source) == (spec.plan_year + 1, "catalogue")
    assert docs.loc[_stored(second, root)].unit == "Enhet B"
    problems = pd.read_parquet(out / "problems")
    conflicts = problems[problems.code == "metadata_conflict"]
    assert list(conflicts.source_path) == [_stored(first, root)]  # the year the document states
    assert "plan_year" in conflicts.message.iloc[0]
    assert summary.parsed == len(plans)

    again = ingest(root, out, workers=0, progress=False, metadata_catalogue=catalogue, path_pattern=PATTERN)
    assert again.parsed == 0
    catalogue.write_text("\n".join([*lines[:2], f";{sha};Enhet C;;"]) + "\n", encoding="utf-8")
    changed = ingest(root, out, workers=0, progress=False, metadata_catalogue=catalogue, path_pattern=PATTERN)
    assert changed.parsed == 1
    assert _documents(out).loc[_stored(second, root)].unit == "Enhet C"
    dropped = ingest(root, out, workers=0, progress=False, path_pattern=PATTERN)
    assert dropped.parsed == 2
    assert _documents(out).loc[_stored(second, root)].unit_source == "path"


def test_a_bad_catalogue_or_pattern_is_a_run_that_did_not_happen(archive, tmp_path, capsys):
    root, _ = archive
    bad = tmp_path / "bad.csv"
    bad.write_text("path,colour\na,b\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["ingest", str(root), "--out", str(out), "--metadata", str(bad)]) == 2
    assert "unknown column 'colour'" in capsys.readouterr().err
    assert main(["ingest", str(root), "--out", str(out), "--metadata", str(tmp_path / "none.csv")]) == 2
    assert "cannot be read" in capsys.readouterr().err
    assert main(["ingest", str(root), "--out", str(out), "--path-pattern", "{year}/x"]) == 2
    assert "unknown field {year}" in capsys.readouterr().err
    assert not out.exists()
