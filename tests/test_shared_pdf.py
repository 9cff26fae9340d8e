"""Acceptance on the PDFs in ../shared/corpus/pdf: the same tables from a text layer, a scan
and a scan with a bad OCR layer. Text-layer PDFs run for all three plans against the gold.
OCR is slow (about 2 s a page), so the suite reads three pages of one plan's scan and
bad-layer PDF, the first pages with an indicator table, and compares their tables with those
of the same pages of the text layer. Whole scans against the gold (the issue's figures):
``plans ingest DIR --out OUT`` over a folder of the scans, then ``plans eval --gold
../shared/gold --parsed OUT``; their speed: ``benchmarks/bench_pdf.py``."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from pipeline.evaluate import evaluate
from pipeline.extract.ocr.tesseract import TesseractCli
from pipeline.ingestion import ingest
from pipeline.store import read_table

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


#: Rows compared between the scan's tables and the text layer's, by these columns.
COMPARED = {
    "goals": ["level", "code", "title"],
    "indicators": ["name", "target_raw", "kf_target_raw", "period"],
    "activities": ["text", "start_date", "end_date"],
    "goal_sections": ["kind", "text"],
}
PAGES = 3


def table_pages(pdf: Path) -> list[int]:
    """The first ``PAGES`` pages (0-based) from the first one whose text layer holds an
    indicator table: goals, tables and long texts, not the cover."""
    document = pdfium.PdfDocument(str(pdf))
    try:
        texts = (document[i].get_textpage().get_text_range() for i in range(len(document)))
        first = next(i for i, text in enumerate(texts) if "Indikator" in text)
        return list(range(first, min(first + PAGES, len(document))))
    finally:
        document.close()


def cut(pdf: Path, pages: list[int], dst: Path) -> Path:
    """A PDF of ``pages`` of ``pdf`` (as stored: the scan's pictures, its text layer if any)."""
    src, out = pdfium.PdfDocument(str(pdf)), pdfium.PdfDocument.new()
    try:
        out.import_pages(src, pages)
        out.save(str(dst))
    finally:
        out.close()
        src.close()
    return dst


def rows(parsed: Path, table: str) -> Counter[tuple[str, ...]]:
    frame = read_table(parsed, table)
    return Counter(
        tuple(" ".join(str(v).split()) for v in row) for row in frame[COMPARED[table]].itertuples(index=False)
    )


def f1(want: Counter, got: Counter) -> float:
    hits = sum((want & got).values())
    total = sum(want.values()) + sum(got.values())
    return 2 * hits / total if total else 1.0


@pytest.mark.skipif(not TesseractCli().available(), reason="Tesseract with Swedish data is not installed")
@pytest.mark.parametrize("suffix", ["-scan", "-scan-ocr-eng"])
def test_scanned_pages_give_the_text_layers_tables(shared: Path, tmp_path: Path, suffix: str):
    stem = sorted((shared / "gold").glob("000_*.gold.json"))[0].name.removesuffix(".gold.json")
    pdfs = shared / "corpus" / "pdf"
    pages = table_pages(pdfs / f"{stem}.pdf")
    outputs = {}
    for variant in ("", suffix):
        raw = tmp_path / f"raw{variant}"
        raw.mkdir()
        cut(pdfs / f"{stem}{variant}.pdf", pages, raw / f"{stem}{variant}.pdf")
        outputs[variant] = tmp_path / f"parsed{variant}"
        assert ingest(raw, outputs[variant], progress=False, workers=1).exit_code == 0
    want = {table: rows(outputs[""], table) for table in COMPARED}
    assert all(sum(want[t].values()) for t in ("goals", "indicators", "goal_sections")), want
    scores = {table: f1(want[table], rows(outputs[suffix], table)) for table in COMPARED}
    assert all(scores[t] >= SCANNED[t] for t in COMPARED), scores
