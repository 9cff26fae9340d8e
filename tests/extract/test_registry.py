"""Extension points of the extract stage: a new input format is one module and one line in
``READERS``; a new OCR engine is one class implementing ``OcrEngine`` and one line in
``ENGINES``. Both are shown here with test doubles defined in this file."""

from __future__ import annotations

import io
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline.extract import ExtractOptions, extract, supported_suffixes
from pipeline.extract.ocr.engine import OcrWord
from pipeline.extract.ocr.engines import ENGINES
from pipeline.extract.readers import READERS, Reader
from pipeline.extract.text.reader import read_text_file
from pipeline.ingestion import ingest
from pipeline.model import SourceDocument
from pipeline.store import read_table

FIXTURE = Path(__file__).parents[1] / "fixtures" / "fritidsgard_2025.txt"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
DPI = 200


# --- a new input format: the module a Markdown reader would be -------------------------------


def read_markdown(path: Path, options: ExtractOptions) -> SourceDocument:
    """A plan saved as Markdown: its text, with the heading marks ("## ") taken off."""
    source = read_text_file(path)
    lines = [
        replace(ln, text=ln.text.lstrip("#").lstrip()) if ln.text.startswith("#") else ln
        for ln in source.lines
    ]
    return replace(source, lines=lines, source_format="markdown")


@pytest.fixture
def markdown_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    # The one registry line (here for the test only).
    monkeypatch.setitem(READERS, ".md", Reader("markdown", f"{__name__}:read_markdown"))


def _as_markdown(text: str) -> str:
    headings = {"Inledning", "Enhetens uppdrag", "Utvecklingsområden 2025", "Organisationsbeskrivning"}
    return "\n".join(f"## {ln.strip()} " if ln.strip() in headings else ln for ln in text.split("\n"))


def _without_doc_id(frame):
    """The rows as any document with the same content has them: ids are the doc_id and the id
    within the document (``<doc_id>-G3``), so compare the latter."""
    for column in ("goal_id", "parent_goal_id", "indicator_id", "activity_id", "table_id"):
        if column in frame:
            frame[column] = frame[column].str.split("-", n=1).str[1]
    return frame.drop(columns=["doc_id", "source_path"], errors="ignore")


def test_a_registered_reader_makes_its_files_ingestable(markdown_reader: None, tmp_path: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    (tmp_path / "md").mkdir()
    (tmp_path / "md" / "fritidsgard_2025.md").write_text(_as_markdown(text), encoding="utf-8")
    (tmp_path / "txt").mkdir()
    shutil.copy(FIXTURE, tmp_path / "txt" / "fritidsgard_2025.txt")
    assert ".md" in supported_suffixes()

    for kind in ("md", "txt"):
        summary = ingest(tmp_path / kind, tmp_path / f"out-{kind}", workers=0, progress=False)
        assert (summary.exit_code, summary.parsed) == (0, 1)
    assert list(read_table(tmp_path / "out-md", "documents").source_format) == ["markdown"]
    for table in ("goals", "indicators", "activities"):
        from_md = _without_doc_id(read_table(tmp_path / "out-md", table))
        from_txt = _without_doc_id(read_table(tmp_path / "out-txt", table))
        assert len(from_md) > 0 or table == "activities"
        assert from_md.drop(columns=["ingested_at"], errors="ignore").equals(
            from_txt.drop(columns=["ingested_at"], errors="ignore")
        ), table


def test_without_its_registry_line_a_format_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text("## Inledning\n", encoding="utf-8")
    assert ".md" not in supported_suffixes()
    summary = ingest(tmp_path, tmp_path / "out", workers=0, progress=False)
    assert summary.parsed == 0


# --- a new OCR engine: a class implementing the protocol ---------------------------------------


class ScriptedEngine:
    """An OCR engine that "reads" two fixed words where the page's ink is, and records the
    pictures it was given."""

    install_hint = "nothing to install"

    def __init__(self) -> None:
        self.pictures: list[tuple[int, int]] = []

    def available(self, language: str = "swe") -> bool:
        return True

    def require(self, language: str = "swe") -> None:
        return None

    def languages(self) -> frozenset[str]:
        return frozenset({"swe"})  # no "eng": the per cent re-read is skipped

    def read(
        self, picture: bytes, *, language: str, psm: int, dpi: float, timeout: float | None = None
    ) -> list[OcrWord]:
        with Image.open(io.BytesIO(picture)) as image:
            self.pictures.append(image.size)
            left, top, right, bottom = Image.eval(image.convert("L"), lambda v: 255 - v).getbbox()
        middle = (left + right) / 2
        return [
            OcrWord("Fritidsgården", (left, top, middle - 10, bottom), 91.0, (1, 1, 1)),
            OcrWord("Axelsberg", (middle + 10, top, right, bottom), 93.0, (1, 1, 1)),
        ]


def _scanned_page(path: Path) -> Path:
    """A one-page PDF holding only a picture of a line of text (a scan)."""
    image = Image.new("L", (1654, 2339), 255)  # A4 at 200 dpi
    font = ImageFont.truetype(str(FONT), size=round(11 / 72 * DPI))
    ImageDraw.Draw(image).text((200, 300), "Fritidsgården Axelsberg", fill=0, font=font)
    image.save(path, resolution=DPI)
    return path


def test_a_registered_engine_reads_the_scan_chosen_by_the_options(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    engine = ScriptedEngine()
    monkeypatch.setitem(ENGINES, "scripted", lambda: engine)  # the one registry line
    scan = _scanned_page(tmp_path / "scan.pdf")

    source = extract(scan, ExtractOptions(ocr="auto", ocr_engine="scripted"))

    assert source.extraction == "pdf_ocr"
    assert [line.text for line in source.lines if line.text] == ["Fritidsgården Axelsberg"]
    assert engine.pictures == [(1654, 2339)]  # the page's own picture, as stored


def test_an_engine_that_is_not_registered_is_refused() -> None:
    with pytest.raises(ValueError, match="ocr_engine must be one of tesseract, tesserocr, not 'scripted'"):
        ExtractOptions(ocr_engine="scripted")
