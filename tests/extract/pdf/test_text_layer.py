"""The PDF text-layer reader, on PDFs made here: our synthetic plans and small hand-built files."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from reportlab.lib import pdfencrypt
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from pipeline.extract.errors import ExtractError
from pipeline.extract.page import PageWords
from pipeline.extract.pdf.text_layer import open_pdf, page_has_text, text_layer_words
from plans_dev.synth import gold_of, random_plan
from plans_dev.synth.pdf import ACTIVITY_COLUMNS, INDICATOR_COLUMNS, LEFT, render_pdf
from plans_dev.synth.spec import IndicatorRow

SEED = 1000004  # a plan with cover page, table of contents and indicator tables


@pytest.fixture(scope="module")
def plan_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, int]:
    spec = random_plan(SEED)
    path = tmp_path_factory.mktemp("pdf") / "plan.pdf"
    n_pages = render_pdf(spec, path, SEED)
    return path, gold_of(spec, path.name), n_pages


@pytest.fixture(scope="module")
def long_table_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[IndicatorRow]]:
    """A plan whose first nämndmål has an indicator table too long for one page."""
    spec = random_plan(7, cover_page=False)
    node = next(n for n, _ in spec.iter_goals() if n.level == "namndmal")
    node.indicators = [
        IndicatorRow(f"Andel brukare i grupp {i} som är nöjda med stödet", f"{60 + i} %", None, "År")
        for i in range(45)
    ]
    path = tmp_path_factory.mktemp("pdf") / "long.pdf"
    render_pdf(spec, path, 7)
    return path, node.indicators


def _canvas_pdf(draw, **kwargs) -> bytes:  # type: ignore[no-untyped-def]
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595.28, 841.89), invariant=1, **kwargs)
    draw(c)
    c.save()
    return buf.getvalue()


def _one_line(c: canvas.Canvas) -> None:
    c.setFont("Helvetica", 12)
    c.drawString(72, 770, "Hej världen, åäö")
    c.showPage()


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _stream(pages: list[PageWords]) -> list[str]:
    return [w.text for p in pages for w in p.words]


def _contains(stream: list[str], text: str) -> bool:
    words = text.split()
    n = len(words)
    return any(stream[i : i + n] == words for i in range(len(stream) - n + 1))


# --- words ---------------------------------------------------------------------------------------


def test_every_page_is_read_in_order_with_its_page_number(plan_pdf: tuple[Path, dict, int]) -> None:
    path, _, n_pages = plan_pdf
    pages = text_layer_words(path)
    assert [p.number for p in pages] == list(range(1, n_pages + 1))
    for p in pages:
        assert (round(p.width), round(p.height)) == (595, 842)
        texts = [w.text for w in p.words]
        i = texts.index("Sid")
        assert texts[i + 1 : i + 3] == [str(p.number), f"({n_pages})"]
        for w in p.words:
            assert 0 <= w.x0 < w.x1 <= p.width and 0 <= w.top < w.bottom <= p.height
            assert w.text.strip() == w.text != ""


def test_the_words_carry_the_gold_text(plan_pdf: tuple[Path, dict, int]) -> None:
    path, gold, _ = plan_pdf
    stream = _stream(text_layer_words(path))
    assert _contains(stream, f"{gold['plan_type']} {gold['plan_year']}")
    assert _contains(stream, f"Dnr: {gold['dnr']}")
    for goal in gold["goals"]:
        assert _contains(stream, goal["title"]), goal["title"]
    for row in gold["indicators"]:
        for value in (row["name"], row["target"], row["kf_target"], row["period"]):
            assert value is None or _contains(stream, value), value
    for row in gold["activities"]:
        assert _contains(stream, f"{row['text']} {row['start']} {row['end']}")
    for sec in gold["sections"]:
        assert _contains(stream, sec["text"][:200].rsplit(" ", 1)[0])


def test_headings_are_bold_and_larger(plan_pdf: tuple[Path, dict, int]) -> None:
    path, gold, _ = plan_pdf
    words = [w for p in text_layer_words(path)[2:] for w in p.words]  # after cover page and contents
    first = gold["goals"][0]["title"].split()[0]
    kf = [w for w in words if w.text == "inriktningsmål:"]
    assert kf and all(w.bold and w.size == 14 for w in kf)
    assert any(w.text == first and w.bold for w in words)
    body = [w for w in words if w.size == 10]
    assert sum(not w.bold for w in body) > 0.8 * len(body)


def test_pages_can_be_picked(plan_pdf: tuple[Path, dict, int]) -> None:
    path, _, n_pages = plan_pdf
    everything = text_layer_words(path)
    picked = text_layer_words(path, [n_pages, 2])
    assert [p.number for p in picked] == [n_pages, 2]
    assert picked[0].words == everything[-1].words and picked[1].words == everything[1].words
    with pytest.raises(ValueError, match="no page"):
        text_layer_words(path, [n_pages + 1])


def test_a_hyphen_at_a_line_end_is_kept(tmp_path: Path) -> None:
    def draw(c: canvas.Canvas) -> None:
        c.setFont("Helvetica", 11)
        c.drawString(72, 770, "Arbetet med jämställdhets-")
        c.drawString(72, 756, "och jämlikhetsfrågor fortsätter.")
        c.showPage()

    words = [w.text for w in text_layer_words(_write(tmp_path, "h.pdf", _canvas_pdf(draw)))[0].words]
    assert words == ["Arbetet", "med", "jämställdhets-", "och", "jämlikhetsfrågor", "fortsätter."]


@pytest.mark.parametrize(
    ("operators", "expected"),
    [
        ("0 1 -1 0 300 500 Tm (Vertikal text) Tj", ["Vertikal", "text"]),  # turned: one word each
        ("72 700 Td [(abc) 3000 (def)] TJ", ["abc", "def"]),  # "def" drawn back over "abc", no space
    ],
)
def test_words_of_odd_placements(tmp_path: Path, operators: str, expected: list[str]) -> None:
    def draw(c: canvas.Canvas) -> None:
        c.setFont("Helvetica", 12)
        c._code.append(f"BT /F1 12 Tf {operators} ET")
        c.showPage()

    page = text_layer_words(_write(tmp_path, "odd.pdf", _canvas_pdf(draw)))[0]
    assert [w.text for w in page.words] == expected
    assert all(w.x1 - w.x0 < 20 for w in page.words) or all(w.bottom - w.top < 20 for w in page.words)


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_rotated_pages_are_read_as_displayed(tmp_path: Path, rotation: int) -> None:
    def draw(c: canvas.Canvas) -> None:
        c.setPageRotation(rotation)  # reportlab keeps the displayed size, so the media box turns
        c.setFont("Helvetica", 20)
        c.drawString(50, 540, "MMMMM")
        c.showPage()

    page = text_layer_words(_write(tmp_path, "r.pdf", _canvas_pdf(draw)))[0]
    (w,) = page.words
    # Where pdfium draws the ink of the word (at 72 dpi: pixels are points).
    bitmap = pdfium.PdfDocument(tmp_path / "r.pdf")[0].render(scale=1).to_pil().convert("L")
    x0, top, x1, bottom = bitmap.point(lambda v: 255 if v < 128 else 0).getbbox()
    assert w.x0 - 1 <= x0 and x1 <= w.x1 + 1 and w.top - 1 <= top and bottom <= w.bottom + 1


# --- rulings -------------------------------------------------------------------------------------


def _table_page(pages: list[PageWords], header: str) -> PageWords:
    return next(p for p in pages if any(w.text == header for w in p.words))


def test_table_grids_are_read(plan_pdf: tuple[Path, dict, int]) -> None:
    path, _, _ = plan_pdf
    pages = text_layer_words(path)
    for header, columns in (("Indikator", INDICATOR_COLUMNS), ("Aktivitet", ACTIVITY_COLUMNS)):
        page = _table_page(pages, header)
        head = next(w for w in page.words if w.text == header)
        xs = [LEFT + sum(columns[:i]) for i in range(len(columns) + 1)]
        verticals = {round(r.x0, 1) for r in page.rulings if r.x0 == r.x1 and r.top <= head.top <= r.bottom}
        assert all(round(x, 1) in verticals for x in xs), (header, xs, verticals)
        across = [r for r in page.rulings if r.top == r.bottom and r.x1 - r.x0 > 400 and r.top > head.bottom]
        assert across, header


def test_rulings_agree_with_pdfplumber(plan_pdf: tuple[Path, dict, int]) -> None:
    path, _, _ = plan_pdf
    page = _table_page(text_layer_words(path), "Indikator")
    top = min(r.top for r in page.rulings if r.x1 - r.x0 > 400 and r.top > 70)
    bottom = max(r.bottom for r in page.rulings if r.bottom < 770)

    def key(x0: float, x1: float, t: float, b: float) -> tuple[float, ...]:
        return (round(x0), round(x1), round(t), round(b))

    ours = {key(r.x0, r.x1, r.top, r.bottom) for r in page.rulings if top <= r.top and r.bottom <= bottom}
    with pdfplumber.open(path) as pdf:
        p = pdf.pages[page.number - 1]
        edges = [*p.edges]
        theirs = {
            key(e["x0"], e["x1"], e["top"], e["bottom"])
            for e in edges
            if e["object_type"] in ("line", "rect_edge") and top <= e["top"] and e["bottom"] <= bottom
        }
    assert ours == theirs


def test_a_table_continued_on_the_next_page_keeps_its_grid(
    long_table_pdf: tuple[Path, list[IndicatorRow]],
) -> None:
    path, rows = long_table_pdf
    pages = text_layer_words(path)
    texts = [" ".join(w.text for w in p.words) for p in pages]
    start = next(i for i, text in enumerate(texts) if rows[0].name in text)
    first, second, nxt = texts[start], texts[start + 1], pages[start + 1]
    assert any(r.name in second and r.name not in first for r in rows)
    cols = {round(LEFT + sum(INDICATOR_COLUMNS[:i]), 1) for i in range(len(INDICATOR_COLUMNS) + 1)}
    verticals = {round(r.x0, 1) for r in nxt.rulings if r.x0 == r.x1 and r.bottom - r.top > 100}
    assert cols <= verticals
    assert len([r for r in nxt.rulings if r.top == r.bottom and r.x1 - r.x0 > 400]) > 10


def test_rulings_can_be_skipped(plan_pdf: tuple[Path, dict, int]) -> None:
    assert all(not p.rulings for p in text_layer_words(plan_pdf[0], rulings=False))


# --- what the pages hold -------------------------------------------------------------------------


def _scan_pdf(ocr_layer: bool) -> bytes:
    picture = Image.new("L", (200, 280), 235)

    def draw(c: canvas.Canvas) -> None:
        c.drawImage(ImageReader(picture), 0, 0, width=595.28, height=841.89)
        if ocr_layer:
            t = c.beginText(72, 770)
            t.setTextRenderMode(3)
            t.setFont("Helvetica", 11)
            t.textLine("Tjansteutlatande Sid 1 (1)")
            c.drawText(t)
        c.showPage()
        _one_line(c)

    return _canvas_pdf(draw)


def test_info_tells_text_pages_from_scans(tmp_path: Path, plan_pdf: tuple[Path, dict, int]) -> None:
    path, _, n_pages = plan_pdf
    info = open_pdf(path)
    assert (info.n_pages, info.encrypted, info.warnings) == (n_pages, False, ())
    assert info.text_pages == list(range(1, n_pages + 1)) and info.image_only_pages == []
    assert all(p.text_chars > 100 and p.image_cover == 0 and not p.invisible_text for p in info.pages)

    scan = open_pdf(_write(tmp_path, "scan.pdf", _scan_pdf(ocr_layer=False)))
    assert scan.image_only_pages == [1] and scan.text_pages == [2]
    assert scan.pages[0].image_cover > 0.99 and not scan.page_has_text(1)
    assert page_has_text(tmp_path / "scan.pdf", 2)

    ocr = open_pdf(_write(tmp_path, "ocr.pdf", _scan_pdf(ocr_layer=True)))
    first = ocr.pages[0]
    assert first.has_text and first.invisible_text and not first.image_only
    assert [w.text for w in text_layer_words(tmp_path / "ocr.pdf", [1])[0].words][:2] == [
        "Tjansteutlatande",
        "Sid",
    ]


# --- errors --------------------------------------------------------------------------------------


def _encrypted(user_password: str) -> bytes:
    enc = pdfencrypt.StandardEncryption(user_password, ownerPassword="ägare", strength=128)
    return _canvas_pdf(_one_line, encrypt=enc)


def _no_pages() -> bytes:
    buf = io.BytesIO()
    pdfium.PdfDocument.new().save(buf)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("name", "make", "code", "reason"),
    [
        (
            "locked.pdf",
            lambda real: _encrypted("hemligt"),
            "encrypted",
            "password-protected; decrypt it first",
        ),
        ("cut.pdf", lambda real: real[: len(real) // 2], "corrupt", "truncated"),
        ("fake.pdf", lambda real: b"%PDF-1.7\n" + bytes(range(256)) * 40, "corrupt", "damaged"),
        ("notes.pdf", lambda real: b"Verksamhetsplan 2024\n" * 50, "corrupt", "not a PDF"),
        ("nothing.pdf", lambda real: b"", "empty", "0 bytes"),
        ("blank.pdf", lambda real: _no_pages(), "empty", "no pages"),
    ],
)
def test_unreadable_pdfs_raise_a_clear_error(
    tmp_path: Path, plan_pdf: tuple[Path, dict, int], name: str, make, code: str, reason: str
) -> None:  # type: ignore[no-untyped-def]
    path = _write(tmp_path, name, make(plan_pdf[0].read_bytes()))
    for read in (open_pdf, text_layer_words):
        with pytest.raises(ExtractError) as caught:
            read(path)
        assert caught.value.code == code
        assert str(path) in caught.value.message and reason in caught.value.message


def test_a_missing_file_is_an_io_error(tmp_path: Path) -> None:
    with pytest.raises(ExtractError) as caught:
        open_pdf(tmp_path / "saknas.pdf")
    assert caught.value.code == "io" and "saknas.pdf" in caught.value.message


def test_a_page_pdfium_cannot_load_makes_the_file_corrupt(tmp_path: Path) -> None:
    """The page tree promises a page that is not there, as in a file cut short after it."""
    data = _canvas_pdf(lambda c: [_one_line(c) for _ in range(3)]).replace(b"/Count 3", b"/Count 4")
    path = _write(tmp_path, "missing-page.pdf", data)
    for read in (open_pdf, text_layer_words):
        with pytest.raises(ExtractError) as caught:
            read(path)
        assert caught.value.code == "corrupt"
        assert f"{path}: page 4 cannot be read" in caught.value.message
    assert [p.number for p in text_layer_words(path, [1, 3])] == [1, 3]


def test_owner_password_only_is_readable(tmp_path: Path) -> None:
    path = _write(tmp_path, "owner.pdf", _encrypted(""))
    info = open_pdf(path)
    assert info.encrypted and "owner password" in info.warnings[0]
    assert [w.text for w in text_layer_words(path)[0].words] == ["Hej", "världen,", "åäö"]


def test_a_missing_eof_is_a_warning_when_every_page_reads(tmp_path: Path) -> None:
    data = _canvas_pdf(_one_line)
    path = _write(tmp_path, "tail.pdf", data[: data.rindex(b"%%EOF")])
    info = open_pdf(path)
    assert "may be truncated" in info.warnings[0]
    assert text_layer_words(path)[0].words[0].text == "Hej"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_damaged_bytes_raise_extract_error_or_read(data: st.DataObject) -> None:
    original = _SMALL_PDF
    kind = data.draw(st.sampled_from(["cut", "overwrite", "delete", "insert"]))
    at = data.draw(st.integers(0, len(original) - 1))
    junk = data.draw(st.binary(min_size=1, max_size=64))
    if kind == "cut":
        damaged = original[:at]
    elif kind == "overwrite":
        damaged = original[:at] + junk + original[at + len(junk) :]
    elif kind == "delete":
        damaged = original[:at] + original[at + len(junk) :]
    else:
        damaged = original[:at] + junk + original[at:]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "damaged.pdf"
        path.write_bytes(damaged)
        try:
            pages = text_layer_words(path)
        except ExtractError as exc:
            assert exc.code in {"corrupt", "empty", "encrypted"} and str(path) in exc.message
        else:
            assert pages and all(isinstance(p, PageWords) for p in pages)


_SMALL_PDF = _canvas_pdf(lambda c: [_one_line(c) for _ in range(2)])


# --- the shared plans ----------------------------------------------------------------------------


def test_shared_pdfs_are_told_apart(shared: Path) -> None:
    for path in sorted((shared / "corpus" / "pdf").glob("*.pdf")):
        info = open_pdf(path)
        every = list(range(1, info.n_pages + 1))
        if path.stem.endswith("-scan"):
            assert info.image_only_pages == every, path
        elif path.stem.endswith("-scan-ocr-eng"):
            assert info.text_pages == every and all(p.invisible_text for p in info.pages), path
            assert all(p.image_cover > 0.95 for p in info.pages), path
        else:
            assert info.text_pages == every and not any(p.invisible_text for p in info.pages), path


@pytest.mark.parametrize("suffix", ["", "-scan-ocr-eng"])
def test_shared_pdfs_give_pdfplumbers_words(shared: Path, suffix: str) -> None:
    path = next((shared / "corpus" / "pdf").glob(f"001_*{suffix}.pdf"))
    numbers = [1, 7, 19]  # cover page, a table, a hyphen at a line end
    ours = text_layer_words(path, numbers)
    with pdfplumber.open(path) as pdf:
        for page in ours:
            theirs = pdf.pages[page.number - 1].extract_words()
            assert sorted(w.text for w in page.words) == sorted(t["text"] for t in theirs)
            for w in page.words:  # in the content stream's order, not sorted into lines as pdfplumber's
                assert any(
                    t["text"] == w.text and abs(w.x0 - t["x0"]) < 1 and abs(w.top - t["top"]) < 2.5
                    for t in theirs
                ), w
