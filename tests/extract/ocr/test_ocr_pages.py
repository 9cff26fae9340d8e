"""OCR of scanned pages with the real Tesseract, on page pictures drawn here from our own text."""

from __future__ import annotations

import ctypes
import io
import re
import shutil
import time
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline.extract.errors import ExtractError
from pipeline.extract.layout.lines import page_lines
from pipeline.extract.ocr import overlap, percent
from pipeline.extract.ocr.deskew import measure_skew, straighten, straighten_box
from pipeline.extract.ocr.engine import OcrWord
from pipeline.extract.ocr.page_image import page_image
from pipeline.extract.ocr.pages import Settings, drop_rule_strokes, ocr_pages
from pipeline.extract.ocr.scan_rulings import image_rulings
from pipeline.extract.ocr.tesseract import TESSERACT, TesseractCli, parse_tsv
from pipeline.extract.page import Ruling, Word

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
DPI = 200
LINES = [
    "Förskolan ska arbeta för ökad delaktighet och trygghet.",
    "Äldreomsorgen når målet genom tät uppföljning under året.",
    "Andelen elever som känner sig trygga i skolan ska öka.",
    "Nämnden följer upp åtgärderna i tertialrapporten.",
    "Stödet ges där behoven är som störst i stadsdelen.",
]
WORDS = [w.strip(".") for line in LINES for w in line.split()]

needs_tesseract = pytest.mark.skipif(
    not TesseractCli().available(),
    reason="Tesseract with Swedish data is not installed (apt-get install tesseract-ocr tesseract-ocr-swe)",
)


def draw_page(lines: list[str], angle: float = 0.6, seed: int = 1) -> Image.Image:
    """A grayscale page picture of ``lines``, turned counter-clockwise by ``angle`` degrees (a
    skew of ``-angle`` as ``deskew`` counts it), with scanner noise."""
    font = ImageFont.truetype(str(FONT), size=round(11 / 72 * DPI))
    image = Image.new("L", (1400, 120 + 70 * len(lines)), 245)
    pen = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        pen.text((90, 70 + 70 * i), line, fill=20, font=font)
    image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=245)
    noise = np.random.default_rng(seed).normal(0, 12, size=(image.height, image.width))
    return Image.fromarray(np.clip(np.asarray(image, dtype=np.float64) + noise, 0, 255).astype(np.uint8))


def scan_pdf(path: Path, pages: list[Image.Image]) -> Path:
    pages[0].save(path, resolution=DPI, save_all=True, append_images=pages[1:])
    return path


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return scan_pdf(tmp_path_factory.mktemp("ocr") / "scan.pdf", [draw_page(LINES)])


@needs_tesseract
def test_words_come_back_with_their_letters(scan: Path) -> None:
    [page] = ocr_pages(scan)
    assert page.reader == "ocr" and page.number == 1
    read = [w.text.strip(".") for w in page.words]
    found = [w for w in WORDS if w in read]
    assert len(found) >= 0.9 * len(WORDS), set(WORDS) - set(read)
    for word in ("Förskolan", "ökad", "Äldreomsorgen", "når", "åtgärderna", "störst"):
        assert word in read
    assert all(w.confidence is not None and 0 <= w.confidence <= 100 for w in page.words)


@needs_tesseract
@pytest.mark.parametrize("deskew", ["image", "words"])
def test_deskewed_words_stand_on_level_lines(scan: Path, deskew: str) -> None:
    [page] = ocr_pages(scan, settings=Settings(deskew=deskew))  # type: ignore[arg-type]
    lines = page_lines(page)
    assert [line.text.rstrip(".") for line in lines] == [line.rstrip(".") for line in LINES]
    # Boxes are in points: the first line starts about 90 px = 32 pt from the left edge.
    assert 25 < lines[0].words[0].x0 < 40
    assert page.width == pytest.approx(1400 / DPI * 72)


@needs_tesseract
def test_without_deskew_the_slant_splits_lines(tmp_path: Path) -> None:
    """Why deskew matters: 1.2° over a 15 cm line is nearly a line height."""
    path = scan_pdf(tmp_path / "slanted.pdf", [draw_page(LINES, angle=1.2)])
    [page] = ocr_pages(path, settings=Settings(deskew="none"))
    assert len(page_lines(page)) > len(LINES)
    [page] = ocr_pages(path)
    assert len(page_lines(page)) == len(LINES)


@needs_tesseract
def test_pages_come_back_in_order(tmp_path: Path) -> None:
    pictures = [draw_page([line], angle=0.3 * i, seed=i) for i, line in enumerate(LINES[:3])]
    path = scan_pdf(tmp_path / "three.pdf", pictures)
    pages = ocr_pages(path, [3, 1], workers=2)
    assert [p.number for p in pages] == [3, 1]
    assert pages[0].words[0].text == LINES[2].split()[0]
    assert pages[1].words[0].text == LINES[0].split()[0]


def test_missing_engine_is_named_with_its_install(scan: Path) -> None:
    engine = TesseractCli("tesseract-that-is-not-installed")
    assert not engine.available("swe")
    with pytest.raises(ExtractError) as err:
        ocr_pages(scan, engine=engine)
    assert err.value.code == "ocr_missing"
    assert "apt-get install tesseract-ocr tesseract-ocr-swe" in err.value.message
    assert str(scan) in err.value.message


def test_engine_not_on_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, scan: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ExtractError, match="not installed") as err:
        ocr_pages(scan, engine=TesseractCli())
    assert err.value.code == "ocr_missing"


@needs_tesseract
def test_missing_swedish_data(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, scan: Path) -> None:
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))  # a tessdata folder without swe
    assert not TesseractCli().available()
    with pytest.raises(ExtractError, match="Swedish") as err:
        ocr_pages(scan, engine=TesseractCli())
    assert err.value.code == "ocr_missing"


@needs_tesseract
def test_deadline_stops_cleanly_naming_file_and_page(tmp_path: Path) -> None:
    pictures = [draw_page(LINES, seed=i) for i in range(4)]
    path = scan_pdf(tmp_path / "long.pdf", pictures)
    started = time.monotonic()
    with pytest.raises(ExtractError) as err:
        ocr_pages(path, workers=1, deadline=started + 0.3)
    assert err.value.code == "timeout"
    # How many pages a fast machine reads in 0.3 s varies; the message names the page the
    # deadline stopped, just after the pages that were read.
    stopped = re.search(r"at page (\d+) \((\d+) of 4 pages read\)", err.value.message)
    assert str(path) in err.value.message and stopped is not None
    assert int(stopped[1]) == int(stopped[2]) + 1 <= 4
    assert time.monotonic() - started < 2.0  # the running Tesseract was stopped, not waited for


@needs_tesseract
def test_deadline_already_passed(scan: Path) -> None:
    with pytest.raises(ExtractError, match="page 1") as err:
        ocr_pages(scan, deadline=time.monotonic() - 1)
    assert err.value.code == "timeout"


def test_bad_page_number(scan: Path) -> None:
    if shutil.which(TESSERACT) is None:
        pytest.skip("Tesseract is not installed")
    with pytest.raises(ValueError, match="no page 2"):
        ocr_pages(scan, [2])


def test_parse_tsv_keeps_words_with_boxes() -> None:
    tsv = (
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
        "4\t1\t1\t1\t1\t0\t10\t20\t300\t30\t-1\t\n"
        "5\t1\t1\t1\t1\t1\t10\t20\t100\t30\t96.5\tÅtgärder\n"
        "5\t1\t1\t1\t1\t2\t120\t22\t50\t28\t91\t \n"
    )
    [word] = parse_tsv(tsv)
    assert word.text == "Åtgärder" and word.box == (10, 20, 110, 50) and word.confidence == 96.5
    assert word.line == (1, 1, 1)


def test_skew_is_measured_and_taken_out() -> None:
    image = draw_page(LINES, angle=-0.8)  # lines run down to the right
    assert measure_skew(image, DPI) == pytest.approx(0.8, abs=0.05)
    assert abs(measure_skew(straighten(image, 0.8), DPI)) <= 0.1


def test_straightened_box_lands_where_the_straightened_picture_has_it() -> None:
    """A dot drawn on the page is where ``straighten_box`` puts it after ``straighten``."""
    image = Image.new("L", (1000, 800), 255)
    ImageDraw.Draw(image).rectangle((800, 100, 809, 109), fill=0)
    turned = straighten(image, 1.5)
    ys, xs = np.nonzero(np.asarray(turned) < 128)
    x0, top, x1, bottom = straighten_box((800, 100, 810, 110), 1.5, (500, 400))
    assert (x0 + x1) / 2 == pytest.approx(xs.mean() + 0.5, abs=1.0)
    assert (top + bottom) / 2 == pytest.approx(ys.mean() + 0.5, abs=1.0)


def draw_table(angle: float) -> Image.Image:
    """A page picture with a 3 x 2 table grid (thin grey-black lines, a shaded header)."""
    font = ImageFont.truetype(str(FONT), size=round(10 / 72 * DPI))
    image = Image.new("L", (1400, 700), 245)
    pen = ImageDraw.Draw(image)
    pen.rectangle((100, 100, 1300, 180), fill=215)  # header shading
    for y in (100, 180, 300, 420):
        pen.line((100, y, 1300, y), fill=60, width=1)
    for x in (100, 800, 1000, 1300):
        pen.line((x, 100, x, 420), fill=60, width=1)
    pen.text((115, 125), "Indikator", fill=20, font=font)
    pen.text((115, 320), "Andel brukare som är nöjda med sitt boende", fill=20, font=font)
    pen.text((100, 500), "Lång text under tabellen utan några linjer alls.", fill=20, font=font)
    return image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=245)


def test_table_lines_are_found_in_a_straightened_scan() -> None:
    image = draw_table(angle=0.7)
    width, height = image.width / DPI * 72, image.height / DPI * 72
    straight = straighten(image, measure_skew(image, DPI))
    rulings = image_rulings(straight, width, height)
    pt = 72 / DPI
    horizontal = sorted(r.top / pt for r in rulings if r.top == r.bottom)
    vertical = sorted(r.x0 / pt for r in rulings if r.x0 == r.x1)
    assert horizontal == pytest.approx([100.5, 180.5, 300.5, 420.5], abs=2.5)
    assert vertical == pytest.approx([100.5, 800.5, 1000.5, 1300.5], abs=2.5)
    for r in rulings:  # each line whole, from one side of the table to the other
        assert (r.x1 - r.x0) / pt > 1190 or (r.bottom - r.top) / pt > 310


def test_table_lines_read_as_letters_are_dropped() -> None:
    line = Ruling(100, 100, 50, 150)
    words = [
        Word("|", 98.5, 101.5, 90, 100),  # the line itself
        Word("I", 99, 102, 120, 130),  # the line, read as a capital I
        Word("I", 104, 106, 120, 130),  # "I varje ..." inside the cell, clear of its border
        Word("10", 99, 110, 100, 110),  # a real word touching the line stays
        Word("|", 300, 302, 100, 110),  # a stroke far from any line stays
    ]
    kept = drop_rule_strokes(words, [line, Ruling(50, 400, 50, 50)])
    assert kept == words[2:]


@needs_tesseract
def test_ocr_of_a_table_page_gives_its_grid(tmp_path: Path) -> None:
    path = scan_pdf(tmp_path / "table.pdf", [draw_table(angle=-0.5)])
    [page] = ocr_pages(path)
    assert len([r for r in page.rulings if r.top == r.bottom]) == 4
    assert len([r for r in page.rulings if r.x0 == r.x1]) == 4
    assert "Indikator" in [w.text for w in page.words]
    assert not [w for w in page.words if w.text in {"|", "I", "l"}]


def test_embedded_scan_is_taken_as_stored(scan: Path) -> None:
    document = pdfium.PdfDocument(str(scan))
    native = page_image(document[0], 1, DPI)
    assert native.source == "embedded" and native.encoded is not None
    assert native.encoded[:2] == b"\xff\xd8"  # the JPEG itself, not decoded
    finer = page_image(document[0], 1, 400)  # coarser than asked for: rendered up
    assert finer.source == "render" and finer.pixel_width == pytest.approx(2 * native.pixel_width, abs=2)
    document.close()


def with_text_layer_in_a_form(scan: Path, out: Path, text: str = "Förskolan ska arbeta") -> Path:
    """``scan`` with an invisible text layer in a form XObject over its page, as OCRmyPDF
    writes one."""
    layer = pdfium.PdfDocument.new()
    document = pdfium.PdfDocument(str(scan))
    width, height = document[0].get_size()
    page = layer.new_page(width, height)
    text_object = pdfium_c.FPDFPageObj_NewTextObj(layer.raw, b"Helvetica", 11.0)
    wide = ctypes.create_string_buffer((text + "\0").encode("utf-16-le"))
    pdfium_c.FPDFText_SetText(text_object, ctypes.cast(wide, ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
    pdfium_c.FPDFTextObj_SetTextRenderMode(text_object, pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE)
    pdfium_c.FPDFPageObj_Transform(text_object, 1, 0, 0, 1, 72, height - 72)
    pdfium_c.FPDFPage_InsertObject(page.raw, text_object)
    pdfium_c.FPDFPage_GenerateContent(page.raw)
    xobject = pdfium_c.FPDF_NewXObjectFromPage(document.raw, layer.raw, 0)
    target = document[0]
    pdfium_c.FPDFPage_InsertObject(target.raw, pdfium_c.FPDF_NewFormObjectFromXObject(xobject))
    pdfium_c.FPDFPage_GenerateContent(target.raw)
    pdfium_c.FPDF_CloseXObject(xobject)
    document.save(str(out))
    return out


def test_scan_with_its_text_layer_in_a_form_is_taken_as_stored(scan: Path, tmp_path: Path) -> None:
    """A scan whose OCR layer is a form of invisible text hands over the same JPEG as the bare
    scan: not rendered again (a resampled picture reads worse, and rendering costs time)."""
    layered = with_text_layer_in_a_form(scan, tmp_path / "layered.pdf")
    plain, document = pdfium.PdfDocument(str(scan)), pdfium.PdfDocument(str(layered))
    assert "Förskolan" in document[0].get_textpage().get_text_range()
    picture = page_image(document[0], 1, DPI)
    assert picture.source == "embedded"
    assert picture.encoded == page_image(plain[0], 1, DPI).encoded
    plain.close()
    document.close()


def ocr_word(text: str, x0: float, confidence: float = 96.0, line: int = 1) -> OcrWord:
    return OcrWord(text, (x0, 100, x0 + 20, 120), confidence, (1, 1, line))


def test_percent_candidates_are_doubtful_tokens_after_numbers() -> None:
    words = [
        ocr_word("Sjukfrånvaro", 0),
        ocr_word("7,9", 100),
        ocr_word("Yo", 125, confidence=39),  # a misread "%"
        ocr_word("2026", 200),
        ocr_word("ska", 225, confidence=96),  # a sure word after a year
        ocr_word("100", 300),
        ocr_word("2", 325, confidence=53),  # "%" read as a digit
        ocr_word("80", 400, line=1),
        ocr_word("AN", 10, confidence=23, line=2),  # on the next line: not after the number
        ocr_word("P4", 300, confidence=27, line=2),  # "25" read as letters and digits
        ocr_word("Tertial", 400, confidence=92, line=2),
        ocr_word("B2", 500, confidence=95, line=2),  # a sure code stays
        ocr_word("78/0", 600, confidence=91, line=2),  # "78 %" with its sign read as "/0"
        ocr_word("3/4", 700, confidence=60, line=2),  # a fraction stays
    ]
    assert list(percent.candidates(words)) == [2, 6, 9, 12]


def test_unread_ink_after_a_number_is_read_again_with_it() -> None:
    image = Image.new("L", (600, 200), 255)
    pen = ImageDraw.Draw(image)
    pen.ellipse((125, 102, 138, 118), fill=0)  # a blob where "%" stands, no word over it
    pen.point([(330, 110), (331, 110)], fill=0)  # a speck after the second number
    words = [ocr_word("100", 100), ocr_word("82", 300), ocr_word("7,9", 400), ocr_word("År", 430)]
    found = percent.candidates(words, image)
    assert list(found) == [0]
    assert found[0][0] == 100 and 138 <= found[0][2] <= 142  # widened over the blob

    def read(encoded: bytes, language: str, psm: int) -> list[OcrWord]:
        return [OcrWord("100%", (30, 30, 90, 62), 90, (1, 1, 1))]

    out = percent.reread(words, image, read)
    assert [w.text for w in out] == ["100", "%", "82", "7,9", "År"]
    assert out[0].box[0] == 100 and out[1].box[2] == found[0][2]


def test_percent_signs_replaced_only_where_english_reads_one() -> None:
    words = [ocr_word("7,9", 100), ocr_word("Yo", 125, 39), ocr_word("100", 200), ocr_word("2", 225, 53)]
    image = Image.new("L", (400, 300), 255)
    sheets: list[Image.Image] = []

    def read(encoded: bytes, language: str, psm: int) -> list[OcrWord]:
        assert (language, psm) == ("eng", 6)
        with Image.open(io.BytesIO(encoded)) as sheet:
            sheets.append(sheet.copy())
        # The sheet has one row per candidate, top to bottom: "%" for the first, "2" for the second.
        return [
            OcrWord("%", (30, 30, 50, 62), 90, (1, 1, 1)),
            OcrWord("2", (30, 92, 50, 124), 90, (1, 1, 2)),
        ]

    out = percent.reread(words, image, read)
    assert [w.text for w in out] == ["7,9", "%", "100", "2"]
    assert out[1].box == words[1].box
    assert sheets[0].height == 30 + 2 * (32 + 30)  # two cut-outs of 20 + 2 x 6 pixels, gaps of 30


@needs_tesseract
def test_percent_signs_of_a_scanned_table_come_back(tmp_path: Path) -> None:
    font = ImageFont.truetype(str(FONT), size=round(8 / 72 * DPI))
    image = Image.new("L", (1400, 400), 245)
    pen = ImageDraw.Draw(image)
    rows = [
        ("Sjukfrånvaro", "7,9 %"),
        ("Andel inköpta ekologiska livsmedel", "80 %"),
        ("Sjukfrånvaro dag 1-14", "2,8 %"),
    ]
    for i, (name, value) in enumerate(rows):
        pen.text((100, 60 + 80 * i), name, fill=90, font=font)
        pen.text((800, 60 + 80 * i), value, fill=90, font=font)
    path = scan_pdf(
        tmp_path / "percent.pdf", [image.rotate(0.4, resample=Image.Resampling.BICUBIC, fillcolor=245)]
    )
    [page] = ocr_pages(path)
    texts = [line.text for line in page_lines(page)]
    assert [t.split()[-2:] for t in texts] == [v.split() for _, v in rows]


def test_a_line_read_twice_is_read_again_as_one() -> None:
    def word(text: str, x0: float, x1: float, top: float, line: int) -> OcrWord:
        return OcrWord(text, (x0, top, x1, top + 20), 90, (7, 1, line))

    words = [
        word("Nästa", 10, 80, 10, 1),
        # The row "Sjukfrånvaro dag 1-14" as Tesseract split it: two lines, word on word.
        word("ukfrånvaro", 120, 250, 52, 2),
        word("dag", 262, 300, 52, 2),
        word("1-1", 310, 340, 52, 2),
        word("Sjukfrå", 100, 190, 50, 3),
        word("dag", 260, 300, 50, 3),
        word("1-14", 310, 355, 50, 3),
        # A date under a tall header line shares its height, not its words.
        word("2026-01-24", 400, 500, 80, 4),
        OcrWord("Tjänsteutlåtande", (100, 60, 390, 100), 96, (7, 1, 5)),
    ]
    assert overlap.doubled_lines(words) == [[(7, 1, 3), (7, 1, 2)]]
    strips: list[tuple[int, int]] = []

    def read(encoded: bytes, language: str, psm: int) -> list[OcrWord]:
        assert (language, psm) == ("swe", 7)
        with Image.open(io.BytesIO(encoded)) as strip:
            strips.append(strip.size)
        return [
            OcrWord("Sjukfrånvaro", (8, 8, 158, 28), 96, (1, 1, 1)),
            OcrWord("dag", (168, 8, 208, 28), 93, (1, 1, 1)),
            OcrWord("1-14", (218, 8, 263, 28), 93, (1, 1, 1)),
        ]

    out = overlap.reread(words, Image.new("L", (600, 200), 255), read, "swe")
    assert [w.text for w in out] == ["Nästa", "Sjukfrånvaro", "dag", "1-14", "2026-01-24", "Tjänsteutlåtande"]
    assert strips == [(255 + 16, 22 + 16)]  # the two lines' box, 8 pixels around
    assert out[1].box == (100, 50, 250, 70)  # back in page pixels
