"""Our own plans written as Word, OpenDocument, HTML and (where LibreOffice is installed)
legacy .doc/.rtf, parsed and scored with the same eval as the text and PDF plans; and an
archive of bad files in these formats, each a problem while the batch goes on."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest
from PIL import Image

from pipeline.evaluate import evaluate
from pipeline.extract.structured.libreoffice import soffice_path
from pipeline.ingestion import ingest
from pipeline.store import read_table
from plans_dev.synth import gold_of, random_plan
from plans_dev.synth.formats import WRITERS

THRESHOLDS = {"goals": 0.99, "indicators": 0.98, "activities": 0.99, "goal_sections": 0.97, "furniture": 0}
#: Documents per format: LibreOffice takes about two seconds a document.
COUNTS = {"docx": 8, "odt": 8, "html": 8, "doc": 2, "rtf": 2}


@pytest.mark.parametrize("fmt", sorted(COUNTS))
def test_generated_plans_in_each_format_meet_the_thresholds(tmp_path: Path, fmt: str) -> None:
    if fmt in ("doc", "rtf") and soffice_path() is None:
        pytest.skip("LibreOffice is not installed")
    raw, gold = tmp_path / "raw", tmp_path / "gold"
    raw.mkdir()
    gold.mkdir()
    for i in range(COUNTS[fmt]):
        seed = 5150 + i
        spec = random_plan(seed, ocr=False)
        name = f"plan_{i}.{fmt}"
        WRITERS[fmt](spec, raw / name, seed)
        (gold / f"plan_{i}.gold.json").write_text(json.dumps(gold_of(spec, name)), encoding="utf-8")
    out = tmp_path / "parsed"
    assert ingest(raw, out, progress=False, workers=1).exit_code == 0
    report = evaluate(gold, out)
    assert not report.unmatched_gold
    assert report.failures(THRESHOLDS) == []
    documents = read_table(out, "documents")
    assert set(documents.source_format) == {fmt}
    assert documents.n_pages.isna().all()  # these formats have no pages


def test_bad_files_of_every_format_are_problems_and_the_batch_goes_on(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    spec = random_plan(77, ocr=False)
    WRITERS["docx"](spec, raw / "good.docx", 77)
    good = (raw / "good.docx").read_bytes()
    (raw / "zip_damage.docx").write_bytes(good[: len(good) // 3])
    (raw / "really_a_pdf.docx").write_bytes(b"%PDF-1.4\n1 0 obj << >> endobj\n")
    from msoffcrypto.format.ooxml import OOXMLFile

    locked = io.BytesIO()
    OOXMLFile(io.BytesIO(good)).encrypt("hemligt", locked)
    (raw / "password.docx").write_bytes(locked.getvalue())
    (raw / "news.html").write_text(
        "<html><body><nav>Meny</nav><main><h1>Nyheter</h1><p>Parken får nya bänkar i vår.</p>"
        "</main></body></html>",
        encoding="utf-8",
    )
    Image.new("1", (60000, 60000)).save(raw / "bomb.tif", compression="group4")
    summary = ingest(raw, tmp_path / "parsed", progress=False, workers=1)
    assert (summary.documents, summary.failed, summary.exit_code) == (1, 5, 1)
    problems = read_table(tmp_path / "parsed", "problems")
    codes = {Path(p).name: c for p, c in zip(problems.source_path, problems.code, strict=True)}
    assert codes == {
        "zip_damage.docx": "corrupt",
        "really_a_pdf.docx": "corrupt",
        "password.docx": "encrypted",
        "news.html": "not_a_plan",
        "bomb.tif": "image_too_large",
    }
    for path, message in zip(problems.source_path, problems.message, strict=True):
        assert Path(path).name in message or Path(path).name == "news.html"
    assert len(read_table(tmp_path / "parsed", "goals")) == sum(1 for _ in spec.iter_goals())
    assert docx  # python-docx made the good file (WRITERS["docx"])


@pytest.mark.skipif(soffice_path() is None, reason="LibreOffice is not installed")
def test_odt_and_html_saved_by_an_office_suite_meet_the_thresholds(tmp_path: Path) -> None:
    """Files as LibreOffice writes them (not odfpy and our own HTML): lists with paragraphs
    inside items, cells spanning rows and columns at once, grids split where borders differ."""
    from plans_dev.synth.formats import convert_all_with_libreoffice

    raw, gold, words = tmp_path / "raw", tmp_path / "gold", tmp_path / "docx"
    for folder in (raw, gold, words):
        folder.mkdir()
    for i in range(3):
        seed = 6160 + i
        spec = random_plan(seed, ocr=False)
        WRITERS["docx"](spec, words / f"plan_{i}.docx", seed)
        (gold / f"plan_{i}.gold.json").write_text(json.dumps(gold_of(spec, f"plan_{i}")), encoding="utf-8")
    for target in ("odt", "html"):
        convert_all_with_libreoffice(sorted(words.glob("*.docx")), target, raw)
    out = tmp_path / "parsed"
    assert ingest(raw, out, progress=False, workers=1).exit_code == 0
    report = evaluate(gold, out)
    assert report.failures(THRESHOLDS) == []
