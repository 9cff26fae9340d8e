"""The export-invariance harness end to end on a few plans: real PDFs rendered here, real
``pdftotext`` runs, ingested with the CLI and scored against the generator's gold."""

from __future__ import annotations

import shutil

import pytest

pytest.importorskip("reportlab")

from plans_dev.exports import SCORED, generate, score

SETS = ("pdf_unruled", "pdftotext", "pdftotext_layout", "word_tabs")


NO_POPPLER = shutil.which("pdftotext") is None


@pytest.mark.skipif(NO_POPPLER, reason="poppler-utils (scripts/install --dev) not installed")
def test_each_exporter_reads_back_to_the_gold(tmp_path):
    generate(tmp_path, 3, 5, SETS, workers=1)
    for name in SETS:
        assert len(list((tmp_path / name).iterdir())) == 3
        f1 = score(tmp_path, name, workers=1)
        assert set(f1) == set(SCORED)
        assert min(f1.values()) >= 0.9, (name, f1)
