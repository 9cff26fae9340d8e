"""The plans command end to end, on real files in a temporary folder (bad input included)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline.cli import main
from pipeline.cores import available_cores
from pipeline.ingestion.runners import WORKERS_ENV

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "fritidsgard_2025.txt"


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    text = FIXTURE.read_text(encoding="utf-8")
    (raw / "good.txt").write_text(text, encoding="utf-8")
    (raw / "legacy_cp1252.txt").write_bytes(text.replace("Axelsberg", "Mälarhöjden").encode("cp1252"))
    (raw / "wide_utf16.txt").write_bytes(text.replace("Axelsberg", "Västertorp").encode("utf-16"))
    (raw / "empty.txt").write_bytes(b"")
    (raw / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (raw / "shopping.txt").write_text("Mjölk\nBröd\nSmör\n", encoding="utf-8")
    return raw


def test_batch_with_bad_files_writes_the_good_ones_and_exits_1(batch: Path, tmp_path: Path, capsys):
    out = tmp_path / "parsed"
    assert main(["ingest", str(batch), "--out", str(out), "--quiet"]) == 1
    summary = capsys.readouterr().out
    assert "3 documents read, 3 failed" in summary

    docs = pd.read_parquet(out / "documents")
    assert sorted(Path(p).name for p in docs.source_path) == [
        "good.txt",
        "legacy_cp1252.txt",
        "wide_utf16.txt",
    ]
    assert sorted(docs.unit) == [
        "Fritidsgården Axelsberg",
        "Fritidsgården Mälarhöjden",
        "Fritidsgården Västertorp",
    ]

    problems = pd.read_parquet(out / "problems")
    errors = problems[problems.severity == "error"]
    by_file = {
        Path(p).name: (code, msg)
        for p, code, msg in zip(errors.source_path, errors.code, errors.message, strict=True)
    }
    assert set(by_file) == {"empty.txt", "image.txt", "shopping.txt"}
    assert by_file["empty.txt"][0] == "empty"
    assert by_file["image.txt"][0] == "binary"
    assert by_file["shopping.txt"][0] == "not_a_plan"
    for name, (_, message) in by_file.items():
        assert name in message  # the message names the file

    goals = pd.read_parquet(out / "goals")
    assert len(goals) == 3 * 6


def test_all_good_exits_0(tmp_path: Path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(FIXTURE, raw)
    assert main(["ingest", str(raw), "--out", str(tmp_path / "out"), "-q"]) == 0


def test_usage_errors_exit_2(tmp_path: Path):
    assert main(["ingest", str(tmp_path / "missing"), "--out", str(tmp_path / "out")]) == 2
    assert main(["ingest"]) == 2
    assert main(["frobnicate"]) == 2
    assert main(["eval", "--gold", str(tmp_path / "nope"), "--parsed", str(tmp_path)]) == 2


def test_failed_run_leaves_previous_output_whole(batch: Path, tmp_path: Path):
    """A run that dies before its swap leaves the earlier tables exactly as they were."""
    out = tmp_path / "parsed"
    main(["ingest", str(batch), "--out", str(out), "-q"])
    before = {t: pd.read_parquet(out / t) for t in ("documents", "goals")}
    (batch / "more.txt").write_text(FIXTURE.read_text(encoding="utf-8") + "\nExtra\n", encoding="utf-8")
    env = {**os.environ, "PLANS_RULES_DIR": str(tmp_path / "no-rules-here")}
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "ingest", str(batch), "--out", str(out), "-q"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode != 0
    for table, frame in before.items():
        pd.testing.assert_frame_equal(pd.read_parquet(out / table), frame)


def test_console_script_runs(batch: Path, tmp_path: Path):
    exe = shutil.which("plans")
    if exe is None:
        pytest.skip("the plans console script is not installed (pip install -e .)")
    env = {k: v for k, v in os.environ.items() if k != WORKERS_ENV}  # the default: a pool
    command = [exe, "ingest", str(batch), "--out", str(tmp_path / "o")]
    proc = subprocess.run(command, capture_output=True, text=True, env=env)
    assert proc.returncode == 1
    assert "documents read" in proc.stdout
    as_json = [*command, "--full", "--log-format", "json"]
    proc = subprocess.run(as_json, capture_output=True, text=True, env=env)
    summary = json.loads(proc.stdout.splitlines()[-1])
    cores = available_cores()
    assert summary["runner"] == f"up to {cores} worker process{'es' if cores > 1 else ''}"


def test_problems_lists_the_failures_and_warnings_errors_first(batch: Path, tmp_path: Path, capsys):
    out = tmp_path / "parsed"
    (batch / "sheet.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")  # unsupported: a warning
    main(["ingest", str(batch), "--out", str(out), "--quiet"])
    capsys.readouterr()
    assert main(["problems", "--parsed", str(out)]) == 0
    text = capsys.readouterr().out
    head, *lines = text.splitlines()
    assert "3 error(s)" in head and "warning(s)" in head
    listed = [line.split() for line in lines if not line.startswith("    ")]
    severities = [fields[2] for fields in listed]  # after the time ("2026-12-03 09:15", "not recorded")
    assert {"empty.txt", "image.txt", "shopping.txt", "sheet.xlsx"} <= {fields[-1] for fields in listed}
    assert severities.count("error") == 3
    assert main(["problems", "--parsed", str(out), "--errors-only"]) == 0
    assert "sheet.xlsx" not in capsys.readouterr().out


def test_documents_with_one_template_and_different_units_are_different_plans(batch: Path, tmp_path: Path):
    out = tmp_path / "parsed"
    main(["ingest", str(batch), "--out", str(out), "--quiet"])
    assert len(pd.read_parquet(out / "plans")) == 3


def test_version_and_no_command(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("plans ")
    assert main([]) == 2
    shown = capsys.readouterr()
    assert shown.out.startswith("usage: plans") and "export" in shown.out and shown.err == ""
