"""Tesseract in-process (``tesserocr_api``) against the command line, with the real engine.

The binding must read what the CLI reads (the scan path's thresholds were measured with
the CLI), fall back to the CLI where it is not installed, do the English re-read of per
cent signs in-process, and stop at the deadline as the CLI does.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import time
from difflib import SequenceMatcher
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont
from test_ocr_pages import DPI, FONT, LINES, draw_page, scan_pdf

from pipeline.extract.errors import ExtractError
from pipeline.extract.ocr import percent
from pipeline.extract.ocr.engines import DEFAULT_ENGINE, ocr_engine
from pipeline.extract.ocr.page_image import encode_pgm
from pipeline.extract.ocr.pages import ocr_pages
from pipeline.extract.ocr.tesseract import TesseractCli
from pipeline.extract.ocr.tesserocr_api import BINDING, TesserocrApi

needs_both = pytest.mark.skipif(
    not (BINDING and TesserocrApi().available() and TesseractCli().available()),
    reason="needs tesserocr and the tesseract command, with Swedish data (scripts/install --dev)",
)
ROOT = Path(__file__).resolve().parents[3]


def _close(a: tuple[float, ...], b: tuple[float, ...], pixels: float = 3) -> bool:
    return all(abs(x - y) <= pixels for x, y in zip(a, b, strict=True))


@needs_both
def test_the_default_engine_is_the_binding_where_it_imports() -> None:
    assert DEFAULT_ENGINE == "tesserocr"
    assert isinstance(ocr_engine(DEFAULT_ENGINE), TesserocrApi)


@needs_both
def test_the_binding_reads_the_words_the_cli_reads() -> None:
    picture = encode_pgm(draw_page(LINES, angle=0))
    by_cli = TesseractCli().read(picture, language="swe", psm=4, dpi=DPI)
    by_api = TesserocrApi().read(picture, language="swe", psm=4, dpi=DPI)

    cli_texts = [w.text for w in by_cli]
    api_texts = [w.text for w in by_api]
    matcher = SequenceMatcher(a=cli_texts, b=api_texts, autojunk=False)
    blocks = matcher.get_matching_blocks()
    assert sum(b.size for b in blocks) / max(len(cli_texts), len(api_texts)) >= 0.95
    assert len(by_cli) >= 35  # the page was read at all
    for block in blocks:
        for i in range(block.size):
            cli, api = by_cli[block.a + i], by_api[block.b + i]
            assert _close(api.box, cli.box), (api, cli)
            assert abs(api.confidence - cli.confidence) <= 2.0
            assert api.line == cli.line


@needs_both
def test_the_binding_reads_a_jpeg_as_stored() -> None:
    image = draw_page(LINES[:2], angle=0)
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="JPEG", quality=90)
    words = TesserocrApi().read(buffer.getvalue(), language="swe", psm=4, dpi=DPI)
    assert [w.text for w in words][:3] == LINES[0].split()[:3]


def _percent_sheet() -> Image.Image:
    """A line of numbers with per cent signs: Swedish reads the last "%" as "2", a doubtful
    token that ``percent`` reads again."""
    font = ImageFont.truetype(str(FONT), size=round(11 / 72 * DPI))
    image = Image.new("L", (1200, 200), 255)
    ImageDraw.Draw(image).text((80, 70), "Andel 80 % och 7,9 % samt 100 %", fill=0, font=font)
    return image


@needs_both
def test_the_english_reread_goes_through_the_binding() -> None:
    engine = TesserocrApi()
    assert percent.LANGUAGE in engine.languages()
    image = _percent_sheet()
    calls: list[str] = []

    def read(encoded: bytes, language: str, psm: int) -> list:
        calls.append(language)
        return engine.read(encoded, language=language, psm=psm, dpi=DPI)

    words = read(encode_pgm(image), "swe", 4)
    assert words[-1].text != "%"
    words = percent.reread(words, image, read)
    assert percent.LANGUAGE in calls  # the English model was asked, in-process
    assert words[-2:][0].text == "100" and words[-1].text == "%"

    def by_cli(encoded: bytes, language: str, psm: int) -> list:
        return TesseractCli().read(encoded, language=language, psm=psm, dpi=DPI)

    cli_words = percent.reread(by_cli(encode_pgm(image), "swe", 4), image, by_cli)
    assert [w.text for w in words] == [w.text for w in cli_words]


@needs_both
def test_the_deadline_stops_the_binding_naming_file_and_page(tmp_path: Path) -> None:
    path = scan_pdf(tmp_path / "long.pdf", [draw_page(LINES, seed=i) for i in range(3)])
    started = time.monotonic()
    with pytest.raises(ExtractError) as err:
        ocr_pages(path, engine=TesserocrApi(), workers=1, deadline=started + 0.3)
    assert err.value.code == "timeout"
    # A fast machine may read page 1 within 0.3 s: the message names the page the deadline
    # stopped, just after those read.
    stopped = re.search(r"at page (\d+) \((\d+) of 3 pages read\)", err.value.message)
    assert str(path) in err.value.message and stopped is not None
    assert int(stopped[1]) == int(stopped[2]) + 1 <= 3
    assert time.monotonic() - started < 2.0  # Tesseract's own deadline stopped it


@needs_both
def test_a_scan_reads_through_the_binding(tmp_path: Path) -> None:
    path = scan_pdf(tmp_path / "scan.pdf", [draw_page(LINES[:2])])
    (page,) = ocr_pages(path, engine=TesserocrApi())
    assert [w.text for w in page.words][:3] == LINES[0].split()[:3]


_WITHOUT_BINDING = """
import sys
sys.modules["tesserocr"] = None  # as if the binding were not installed
from difflib import SequenceMatcher
from pathlib import Path
from pipeline.extract.ocr.engines import DEFAULT_ENGINE, ocr_engine
from pipeline.extract.ocr.pages import ocr_pages
from pipeline.extract.options import ExtractOptions
assert DEFAULT_ENGINE == "tesseract", DEFAULT_ENGINE
assert ExtractOptions().settings_key() == "ocr=auto"
(page,) = ocr_pages(Path(sys.argv[1]))
print(" ".join(w.text for w in page.words))
"""


@needs_both
def test_without_the_binding_the_cli_is_the_default_and_a_scan_reads(tmp_path: Path) -> None:
    path = scan_pdf(tmp_path / "scan.pdf", [draw_page(LINES[:1])])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "dev")])}
    done = subprocess.run(
        [sys.executable, "-c", _WITHOUT_BINDING, str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[:3] == LINES[0].split()[:3]


def test_the_binding_missing_is_named_with_its_install(monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.extract.ocr import tesserocr_api

    monkeypatch.setattr(tesserocr_api, "tesserocr", None)
    engine = TesserocrApi()
    assert not engine.available("swe")
    with pytest.raises(ExtractError, match="tesserocr") as err:
        engine.require("swe")
    assert err.value.code == "ocr_missing"
    assert "ocr-api" in err.value.message
