"""Malformed PDFs from public PDF test suites (``../shared/corpus/wild-pdf``) in one batch
with good plans: the run ends (exit 1), every malformed file has an ``error`` row, and the
good plans are read as if they were alone. ``benchmarks/bench_wild_pdf.py`` runs all of
them and prints time and memory; this test takes a spread-out subset to stay fast."""

from __future__ import annotations

import shutil
from pathlib import Path

from pipeline.cli import main
from pipeline.store import read_table

ROOT = Path(__file__).resolve().parents[2]
SUBSET = 12


def test_a_batch_of_malformed_pdfs_with_good_plans(shared: Path, tmp_path: Path, capsys):
    wild = sorted((shared / "corpus" / "wild-pdf").glob("*.pdf"))
    assert len(wild) >= 50
    chosen = wild[:: max(1, len(wild) // SUBSET)][:SUBSET]
    archive = tmp_path / "archive"
    (archive / "wild").mkdir(parents=True)
    for path in chosen:
        shutil.copy(path, archive / "wild" / path.name)
    good = sorted((ROOT / "data" / "raw").glob("*.txt"))[:3]
    for path in good:
        shutil.copy(path, archive / path.name)

    alone = tmp_path / "alone"
    for path in good:
        (alone / "a").mkdir(parents=True, exist_ok=True)
        shutil.copy(path, alone / "a" / path.name)
    assert main(["ingest", str(alone / "a"), "--out", str(alone / "out"), "--workers", "1", "-q"]) == 0

    out = tmp_path / "out"
    args = ["ingest", str(archive), "--out", str(out), "--workers", "2", "--timeout", "60"]
    assert main([*args, "--memory-limit", "1500", "--ocr", "never", "-q"]) == 1
    capsys.readouterr()
    problems = read_table(out, "problems")
    errors = set(problems[problems.severity == "error"].source_path)
    assert errors == {f"wild/{p.name}" for p in chosen}
    assert set(problems.code) <= {"corrupt", "empty", "not_a_plan", "encrypted", "timeout", "memory_limit"}
    for table in ("goals", "indicators", "activities", "sections"):
        got = read_table(out, table)
        want = read_table(alone / "out", table)
        assert got.equals(want), table
