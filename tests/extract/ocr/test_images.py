"""Image scans read with the real Tesseract: frames as pages, resolutions, bombs."""

from __future__ import annotations

import resource
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw, ImageFont

from pipeline.extract import ExtractOptions, extract
from pipeline.extract.errors import ExtractError
from pipeline.extract.ocr import images
from pipeline.extract.ocr.tesseract import TesseractCli

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
DPI = 200
PAGES = [
    ["Inledning", "Enheten arbetar med trygghet i stadsdelen."],
    ["Övrigt", "Nämnden följer upp åtgärderna i tertialrapporten."],
]

needs_tesseract = pytest.mark.skipif(
    not TesseractCli().available(), reason="Tesseract with Swedish data is not installed"
)


def draw(lines: list[str], width: int = 1400) -> Image.Image:
    font = ImageFont.truetype(str(FONT), size=round(11 / 72 * DPI))
    image = Image.new("L", (width, 140 + 70 * len(lines)), 250)
    pen = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        pen.text((90, 70 + 70 * i), line, fill=15, font=font)
    return image


@needs_tesseract
def test_every_tiff_frame_is_a_page(tmp_path: Path) -> None:
    path = tmp_path / "scan.tif"
    first, second = (draw(lines) for lines in PAGES)
    first.save(path, save_all=True, append_images=[second], compression="tiff_lzw", dpi=(DPI, DPI))
    source = extract(path)
    assert (source.source_format, source.extraction, source.n_pages) == ("tiff", "image_ocr", 2)
    by_page = {page: " ".join(ln.text for ln in source.lines if ln.page == page) for page in (1, 2)}
    assert "Inledning" in by_page[1] and "trygghet" in by_page[1]
    assert "Övrigt" in by_page[2] and "tertialrapporten" in by_page[2]


@needs_tesseract
def test_a_photo_without_resolution_is_taken_as_an_a4_page(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    draw(PAGES[0], width=1654).resize((827, 120)).convert("RGB").save(path, quality=95)  # ~100 dpi, no dpi
    source = extract(path)
    assert (source.source_format, source.n_pages) == ("jpeg", 1)
    assert "trygghet" in " ".join(ln.text for ln in source.lines)


def test_an_image_too_large_for_the_memory_limit_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A decompression bomb: a small PNG that declares 40000 x 40000 pixels."""
    path = tmp_path / "bomb.png"
    Image.new("1", (40000, 40000)).save(path)
    assert path.stat().st_size < 1_000_000
    with pytest.raises(ExtractError) as err:
        extract(path)
    assert err.value.code == "image_too_large" and str(path) in err.value.message
    # Under a tighter address-space limit, a smaller frame is refused as well.
    monkeypatch.setattr(resource, "getrlimit", lambda _: (512 * 2**20, resource.RLIM_INFINITY))
    assert images.max_pixels() == 512 * 2**20 // images.BYTES_PER_PIXEL
    tiff = tmp_path / "big.tif"
    Image.new("L", (9000, 8000), 255).save(tiff, compression="tiff_lzw")
    with pytest.raises(ExtractError) as err:
        extract(tiff)
    assert err.value.code == "image_too_large" and "page 1" in err.value.message


@pytest.mark.parametrize("name", ["broken.png", "broken.tif", "broken.jpg"])
def test_damaged_images_are_corrupt(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40 if name.endswith("png") else b"II*\x00garbage")
    with pytest.raises(ExtractError) as err:
        extract(path)
    assert err.value.code == "corrupt" and str(path) in err.value.message


def test_ocr_never_cannot_read_an_image(tmp_path: Path) -> None:
    path = tmp_path / "scan.png"
    draw(PAGES[0]).save(path)
    with pytest.raises(ExtractError) as err:
        extract(path, ExtractOptions(ocr="never"))
    assert err.value.code == "unsupported"


@pytest.fixture(scope="module")
def small_tiff(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("img") / "small.tif"
    draw(["Inledning"], width=400).save(path, compression="tiff_lzw", dpi=(DPI, DPI))
    return path.read_bytes()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_mutated_images_are_read_or_refused_with_a_code(
    tmp_path: Path, small_tiff: bytes, data: st.DataObject
) -> None:
    raw = bytearray(small_tiff)
    for _ in range(data.draw(st.integers(1, 6))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    path = tmp_path / "mutated.tif"
    path.write_bytes(bytes(raw))
    try:
        source = extract(path)
    except ExtractError as exc:
        assert exc.code in {"corrupt", "empty", "image_too_large", "ocr_missing"}
    else:
        assert source.n_pages is not None and source.n_pages >= 1
