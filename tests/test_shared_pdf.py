"""Acceptance on the PDFs in ../shared/corpus/pdf: the same tables from a text layer, a scan
and a scan with a bad OCR layer. Text-layer PDFs run for all three plans; OCR is slow, so
CI reads one plan's scan and bad-layer PDF (benchmarks/bench_pdf.py measures all)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.evaluate import evaluate
from pipeline.extract.ocr.tesseract import TesseractCli
from pipeline.ingestion import ingest

TEXT_LAYER = {"goals": 0.99, "indicators": 0.98, "activities": 0.99, "goal_sections": 0.97, "furniture": 0}
SCANNED = {"goals": 0.95, "indicators": 0.95, "activities": 0.95, "goal_sections": 0.90}


def ingest_variant(shared: Path, tmp: Path, suffix: str, stems: list[str] | None = None) -> tuple[Path, Path]:
    """Ingest one PDF variant of the gold plans; (parsed dir, gold dir of those plans)."""
    raw, gold_dir = tmp / "raw", tmp / "gold"
    raw.mkdir()
    gold_dir.mkdir()
    for gold in sorted((shared / "gold").glob("*.gold.json")):
        stem = gold.name.removesuffix(".gold.json")
        if stems is None or stem[:3] in stems:
            shutil.copy(shared / "corpus" / "pdf" / f"{stem}{suffix}.pdf", raw)
            shutil.copy(gold, gold_dir)
    out = tmp / "parsed"
    summary = ingest(raw, out, progress=False)
    assert summary.exit_code == 0
    return out, gold_dir


def test_text_layer_pdfs_meet_the_text_thresholds(shared: Path, tmp_path: Path):
    out, gold = ingest_variant(shared, tmp_path, "")
    report = evaluate(gold, out)
    assert report.failures(TEXT_LAYER) == []
    assert report.value("indicators.target_raw") == 1.0
    assert report.value("indicators.kf_target_raw") == 1.0


@pytest.mark.skipif(not TesseractCli().available(), reason="Tesseract with Swedish data is not installed")
@pytest.mark.parametrize("suffix", ["-scan", "-scan-ocr-eng"])
def test_scans_meet_the_scan_thresholds(shared: Path, tmp_path: Path, suffix: str):
    out, gold = ingest_variant(shared, tmp_path, suffix, stems=["000"])
    report = evaluate(gold, out)
    assert report.failures(SCANNED) == []
