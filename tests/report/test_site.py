"""plans report --out SITE/: the report site, checked on real outputs in headless Chromium.

The archive holds a synthetic plan as a text-layer PDF, the same kind of plan printed and
scanned (a PDF of page pictures, read by Tesseract) and the bundled text samples. The site
must open from ``file://`` without console errors; the index must sort and filter; a plan
page must draw each stored box where the heading's words are: on the page picture under
it (the browser's layout), and in the PDF itself (pdfium's text inside the box).
"""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

import pipeline
from pipeline.cli import main
from pipeline.ingestion import ingest
from pipeline.report.page_images import SCALE
from pipeline.report.site import MANIFEST, ReportOutError, site_size, write_site
from plans_dev.synth.formats import scan_pages
from plans_dev.synth.pdf import write_pdf_document
from plans_dev.synth.spec import random_plan
from tests.report.test_report import _chromium, _console_errors, _run_chromium

ROOT = Path(__file__).resolve().parents[2]
PDF_SEED, SCAN_SEED = 4242, 4243


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("raw")
    for path in sorted((ROOT / "data" / "raw").glob("*.txt"))[:2]:
        shutil.copy(path, raw)
    write_pdf_document(raw, "plan_pdf", PDF_SEED, None)
    pictures = scan_pages(random_plan(SCAN_SEED, ocr=False), SCAN_SEED, max_pages=2)
    pictures[0].save(raw / "plan_scan.pdf", save_all=True, append_images=pictures[1:], resolution=200)
    tiff = scan_pages(random_plan(SCAN_SEED + 1, ocr=False), SCAN_SEED + 1, max_pages=2)
    tiff[0].save(raw / "plan_scan.tif", save_all=True, append_images=tiff[1:], dpi=(200, 200))
    return raw


@pytest.fixture(scope="module")
def parsed(archive: Path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("parsed")
    assert ingest(archive, out, progress=False).exit_code == 0
    return out


@pytest.fixture(scope="module")
def site(parsed: Path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "report"
    summary = write_site(parsed, out)
    assert summary.plans == summary.rendered == len(pipeline.read_table(parsed, "documents"))
    return out


def _ink(image: Image.Image) -> float:
    """The share of dark pixels (print, not paper or a box's light fill) in a grey picture."""
    return sum(image.histogram()[:110]) / max(1, image.width * image.height)


def _doc_id(parsed: Path, name: str) -> str:
    docs = pipeline.read_table(parsed, "documents")
    return docs[docs.source_path == name].doc_id.iloc[0]


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.ids += [value for name, value in attrs if name == "id"]


def test_every_plan_has_a_page_and_nothing_is_fetched(site: Path, parsed: Path):
    docs = pipeline.read_table(parsed, "documents")
    assert sorted(p.stem for p in (site / "plans").glob("*.html")) == sorted(docs.doc_id)
    manifest = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    assert set(manifest["plans"]) == set(docs.doc_id)
    for path in site.rglob("*"):
        if path.suffix in (".html", ".js", ".css"):
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"(src|href)=\"(https?:)?//", text), path
            assert "http://" not in text and "https://" not in text, path
    for page in (site / "plans").glob("*.html"):
        parser = _Ids()
        parser.feed(page.read_text(encoding="utf-8"))
        assert len(parser.ids) == len(set(parser.ids)), page  # unique ids within a page
    # Pictures for the PDF's pages, the scan's and the image scan's frames, none for text exports.
    pictures = {doc_id: len(entry["pictures"]) for doc_id, entry in manifest["plans"].items()}
    for row in docs.itertuples():
        paged = row.source_format == "pdf" or row.extraction == "image_ocr"
        assert pictures[row.doc_id] == (row.n_pages if paged else 0), row.source_path
    text_page = (site / "plans" / f"{docs[docs.source_format == 'text'].doc_id.iloc[0]}.html").read_text(
        "utf-8"
    )
    assert "No page pictures" in text_page


def test_drawn_boxes_are_the_stored_boxes(site: Path, parsed: Path):
    doc_id = _doc_id(parsed, "plan_pdf.pdf")
    page = (site / "plans" / f"{doc_id}.html").read_text(encoding="utf-8")
    goals = pipeline.read_table(parsed, "goals")
    goals = goals[goals.doc_id == doc_id]
    assert goals.x0.notna().all() and (goals.x1 > goals.x0).all() and (goals.bottom > goals.top).all()
    for goal in goals.itertuples():
        rect = re.search(rf'<rect id="box-goal-{goal.goal_id}" [^>]*>', page).group(0)
        x, y, w, h = (
            float(re.search(rf'{a}="([\d.]+)"', rect).group(1)) for a in ("x", "y", "width", "height")
        )
        assert (x, y) == pytest.approx((goal.x0, goal.top), abs=0.06)
        assert (x + w, y + h) == pytest.approx((goal.x1, goal.bottom), abs=0.12)
    rows = pipeline.read_table(parsed, "indicators")
    rows = rows[rows.doc_id == doc_id]
    assert len(rows) and rows.x0.notna().all() and rows.table_id.notna().all()
    assert all(f'id="box-indicator-{n}"' in page for n in rows.ordinal)


def test_a_goal_box_holds_its_heading_in_the_pdf(archive: Path, parsed: Path):
    """pdfium's own text inside each stored goal box is the goal's heading, title and all."""
    doc_id = _doc_id(parsed, "plan_pdf.pdf")
    goals = pipeline.read_table(parsed, "goals")
    pdf = pdfium.PdfDocument(str(archive / "plan_pdf.pdf"))
    try:
        for goal in goals[goals.doc_id == doc_id].itertuples():
            page = pdf[goal.page - 1]
            height = page.get_height()
            text = page.get_textpage().get_text_bounded(
                left=goal.x0 - 0.5,
                bottom=height - goal.bottom - 0.5,
                right=goal.x1 + 0.5,
                top=height - goal.top + 0.5,
            )
            inside = " ".join(text.replace("\ufffe", "-").split())
            title_words = goal.title.split()
            assert all(word in inside for word in title_words[:3] + title_words[-2:]), (goal.title, inside)
    finally:
        pdf.close()


PROBE = """<script>
window.addEventListener("load", function () {
  function box(el) {
    var r = el.getBoundingClientRect(); return {x: r.left, y: r.top, w: r.width, h: r.height}; }
  var rect = document.querySelector("rect.box.active");
  var figure = rect.closest("figure");
  document.body.setAttribute("data-probe", JSON.stringify({
    rect: box(rect), img: box(figure.querySelector("img")),
    width: parseFloat(figure.getAttribute("data-width")),
    height: parseFloat(figure.getAttribute("data-height")),
    loaded: figure.querySelector("img").naturalWidth}));
});
</script>"""


@pytest.mark.parametrize("name", ["plan_pdf.pdf", "plan_scan.pdf", "plan_scan.tif"])
def test_chromium_draws_a_goal_box_on_its_heading(site: Path, parsed: Path, tmp_path: Path, name: str):
    """The page opened at its first goal: the box the browser draws stands where the stored
    box says on the picture, and the picture under it is inked (the heading's words), while
    the page's margin left of it is blank."""
    browser = _chromium()
    doc_id = _doc_id(parsed, name)
    goals = pipeline.read_table(parsed, "goals")
    goal = goals[(goals.doc_id == doc_id) & goals.x0.notna()].iloc[0]
    page = site / "plans" / f"{doc_id}.html"
    probed = page.with_name(f"probe-{doc_id}.html")
    probed.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), "utf-8")
    try:
        url = f"{probed.as_uri()}#show=box-goal-{goal.goal_id}"
        dom = _run_chromium(browser, url, tmp_path / "p1", "--virtual-time-budget=4000", "--dump-dom")
        shot = tmp_path / "plan.png"
        run = _run_chromium(
            browser, url, tmp_path / "p2", "--virtual-time-budget=4000", f"--screenshot={shot}"
        )
    finally:
        probed.unlink()
    assert dom.returncode == 0 and run.returncode == 0, dom.stderr[-2000:]
    assert _console_errors(dom.stderr) == [] and _console_errors(run.stderr) == []
    probe = json.loads(re.search(r'data-probe="([^"]+)"', dom.stdout).group(1).replace("&quot;", '"'))
    assert probe["loaded"] > 0, "the page picture did not load from file://"
    img, rect = probe["img"], probe["rect"]
    scale = img["w"] / probe["width"]
    assert img["h"] / probe["height"] == pytest.approx(scale, rel=0.01)
    # The drawn box is the stored one, scaled to the picture as laid out (a stroke's width of slack).
    assert rect["x"] == pytest.approx(img["x"] + goal.x0 * scale, abs=3)
    assert rect["y"] == pytest.approx(img["y"] + goal.top * scale, abs=3)
    assert rect["x"] + rect["w"] == pytest.approx(img["x"] + goal.x1 * scale, abs=3)
    assert rect["y"] + rect["h"] == pytest.approx(img["y"] + goal.bottom * scale, abs=3)

    pixels = Image.open(shot).convert("L")
    left, top = round(rect["x"] + 3), round(rect["y"] + 3)
    right, bottom = round(rect["x"] + rect["w"] - 3), round(rect["y"] + rect["h"] - 3)
    assert 0 <= left < right <= pixels.width and 0 <= top < bottom <= pixels.height, (rect, pixels.size)
    inside = pixels.crop((left, top, right, bottom))
    ink = _ink(inside)
    margin = pixels.crop((round(img["x"] + 4), top, round(img["x"] + 0.5 * goal.x0 * scale), bottom))
    margin_ink = _ink(margin)
    print(f"{name}: box {rect}, ink inside {ink:.1%}, in the margin beside it {margin_ink:.1%}")
    assert ink > 0.04, "no heading drawn under the goal's box"
    assert margin_ink < 0.01


CLICKS = """<script>
window.addEventListener("load", function () {
  var out = {};
  var cell = document.querySelector("table.indicators tbody tr td");
  cell.click();  // a click on a table row shows its box
  out.row = document.querySelector("rect.box.active").id;
  var viewer = document.querySelector(".viewer");
  var box = document.querySelector("rect.box.active").getBoundingClientRect();
  var frame = viewer.getBoundingClientRect();
  out.visible = box.top >= frame.top && box.bottom <= frame.bottom;
  out.said = document.querySelector(".viewer .shown").textContent;
  var goals = document.querySelectorAll(".sheet rect.box.goal");
  var goal = goals[goals.length - 1];
  goal.dispatchEvent(new MouseEvent("click", {bubbles: true}));  // a box shows its item
  var picked = document.querySelector(".picked button.locate");
  out.goal = goal.id;
  out.picked = picked ? picked.getAttribute("data-box") : null;
  out.focused = document.activeElement.getAttribute("data-box");
  document.body.setAttribute("data-clicks", JSON.stringify(out));
});
</script>"""


def test_clicks_go_from_a_row_to_its_box_and_from_a_box_to_its_item(site: Path, parsed: Path, tmp_path: Path):
    browser = _chromium()
    doc_id = _doc_id(parsed, "plan_pdf.pdf")
    page = site / "plans" / f"{doc_id}.html"
    probed = page.with_name(f"clicks-{doc_id}.html")
    probed.write_text(page.read_text(encoding="utf-8").replace("</body>", CLICKS + "</body>"), "utf-8")
    try:
        run = _run_chromium(browser, probed, tmp_path / "profile", "--virtual-time-budget=4000", "--dump-dom")
    finally:
        probed.unlink()
    assert run.returncode == 0 and _console_errors(run.stderr) == [], run.stderr[-2000:]
    clicks = json.loads(re.search(r'data-clicks="([^"]+)"', run.stdout).group(1).replace("&quot;", '"'))
    indicators = pipeline.read_table(parsed, "indicators")
    first = indicators[indicators.doc_id == doc_id].sort_values("ordinal").iloc[0]
    assert clicks["row"] == f"box-indicator-{first.ordinal}"
    assert clicks["visible"], "the row's box was not scrolled into view"
    assert f"page {first.page}" in clicks["said"]
    assert clicks["picked"] == clicks["goal"] == clicks["focused"]


def test_the_stored_box_is_inked_on_the_rendered_picture(site: Path, parsed: Path):
    """Independent of the browser: the picture file, cropped to the stored box, holds ink."""
    manifest = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    goals = pipeline.read_table(parsed, "goals")
    for name in ("plan_pdf.pdf", "plan_scan.pdf"):
        doc_id = _doc_id(parsed, name)
        pictures = {p[0]: p[1] for p in manifest["plans"][doc_id]["pictures"]}
        for goal in goals[(goals.doc_id == doc_id) & goals.x0.notna()].itertuples():
            image = Image.open(site / "pages" / pictures[goal.page]).convert("L")
            box = [round(v * SCALE) for v in (goal.x0, goal.top, goal.x1, goal.bottom)]
            ink = _ink(image.crop(box))
            assert ink > 0.04, (name, goal.title, ink)


INDEX_PROBE = """<script>
window.addEventListener("load", function () {
  var rows = Array.prototype.map.call(document.querySelectorAll("#rows tr"), function (tr) {
    return tr.getAttribute("data-doc"); });
  document.body.setAttribute("data-order", rows.join(","));
});
</script>"""


def _index_order(site: Path, tmp_path: Path, fragment: str) -> list[str]:
    browser = _chromium()
    probed = site / "probe-index.html"
    probed.write_text(
        (site / "index.html").read_text("utf-8").replace("</body>", INDEX_PROBE + "</body>"), "utf-8"
    )
    try:
        profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
        run = _run_chromium(browser, f"{probed.as_uri()}#{fragment}", profile, "--dump-dom")
    finally:
        probed.unlink()
    assert run.returncode == 0, run.stderr[-2000:]
    assert _console_errors(run.stderr) == []
    order = re.search(r'data-order="([^"]*)"', run.stdout).group(1)
    return [d for d in order.split(",") if d]


def _index_data(site: Path) -> tuple[dict[str, int], list[list]]:
    text = (site / "index-data.js").read_text(encoding="utf-8")
    data = json.loads(text[text.index("=") + 1 : text.rindex(";")])
    return {name: i for i, name in enumerate(data["columns"])}, data["rows"]


def test_index_sorts_and_filters_in_chromium(site: Path, tmp_path: Path):
    columns, rows = _index_data(site)
    doc, title, status, pages = (columns[n] for n in ("doc_id", "title", "status", "pages"))
    assert _index_order(site, tmp_path, "") == [
        r[doc] for r in sorted(rows, key=lambda r: -r[columns["doubt"]])
    ]
    by_title = _index_order(site, tmp_path, "sort=title&asc")
    swedish = str.maketrans("åäö", "{|}")  # after z, as Swedish sorts them
    assert by_title == [r[doc] for r in sorted(rows, key=lambda r: r[title].casefold().translate(swedish))]
    by_pages = _index_order(site, tmp_path, "sort=pages")
    assert [next(r[pages] for r in rows if r[doc] == d) for d in by_pages] == sorted(
        (r[pages] for r in rows), reverse=True
    )
    word = rows[0][title].split()[0]
    assert _index_order(site, tmp_path, f"q={word.lower()}") == [
        r[doc] for r in sorted(rows, key=lambda r: -r[columns["doubt"]]) if word.lower() in r[title].lower()
    ]
    for wanted in ("ok", "check", "error"):
        assert sorted(_index_order(site, tmp_path, f"status={wanted}")) == sorted(
            r[doc] for r in rows if r[status] == wanted
        )


def test_a_rebuild_renders_only_what_changed(site: Path, parsed: Path):
    stamps = {p: p.stat().st_mtime_ns for p in (site / "plans").glob("*.html")}
    pictures = {p: p.stat().st_mtime_ns for p in (site / "pages").glob("*.png")}
    again = write_site(parsed, site)
    assert (again.rendered, again.pictures_rendered, again.removed) == (0, 0, 0)
    assert {p: p.stat().st_mtime_ns for p in (site / "plans").glob("*.html")} == stamps
    assert {p: p.stat().st_mtime_ns for p in (site / "pages").glob("*.png")} == pictures
    lost = sorted(stamps)[0]
    lost.unlink()
    assert write_site(parsed, site).rendered == 1 and lost.is_file()
    print(f"site: {site_size(site) / 1e3:.0f} KB for {again.plans} plans")


def test_a_foreign_folder_is_refused_and_left_alone(parsed: Path, tmp_path: Path, capsys):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(ReportOutError):
        write_site(parsed, folder)
    assert main(["report", "--parsed", str(parsed), "--out", str(folder)]) == 2
    assert "not a report site" in capsys.readouterr().err
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    assert main(["report", "--parsed", str(parsed), "--out", str(tmp_path / "new")]) == 0
    assert (tmp_path / "new" / "index.html").is_file() and (tmp_path / "new" / MANIFEST).is_file()
