"""plans report: the page holds every document's goal tree, and a real browser shows it.

The page is rendered for the bundled samples plus one of them with the OCR damage model applied
(so that there are repairs to mark), opened in headless Chromium (Debian's package): the
screenshot must be a real picture with the goal tree where the browser laid it out, the DOM
must hold every goal, and the console must stay free of errors.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

import pipeline
from pipeline.cli import main
from pipeline.ingestion import ingest
from pipeline.report import write_report
from plans_dev.synth.damage import damage_text, load_model

ROOT = Path(__file__).resolve().parents[2]
WINDOW = (1280, 1600)
KF_BADGE = (0x1F, 0x5F, 0xA8)  # the colour of the "KF:s inriktningsmål" badge in the style sheet

# Added to a copy of the page: where the browser put the goal tree (the page itself has no such script).
PROBE = """<script>
window.addEventListener("load", function () {
  function box(el) { var r = el.getBoundingClientRect();
    return {x: r.left, y: r.top, w: r.width, h: r.height}; }
  var tree = document.querySelector("section.goal-tree");
  var first = document.querySelector("section.goal-tree details.kf_inriktningsmal > summary .badge");
  document.body.setAttribute("data-layout", JSON.stringify({tree: box(tree), badge: box(first)}));
});
</script>"""


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed; scripts/install --dev installs it")
    pytest.skip("chromium not installed (scripts/install --dev installs it)")


def _run_chromium(browser: str, page: Path | str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    """Chromium on ``page`` (a file, or a ``file://`` address with a fragment)."""
    return subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            "--no-first-run",
            f"--user-data-dir={profile}",
            f"--window-size={WINDOW[0]},{WINDOW[1]}",
            "--enable-logging=stderr",
            "--v=0",
            *args,
            page.as_uri() if isinstance(page, Path) else page,
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def _console_errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "CONSOLE" in line and re.search(r"Uncaught|Error", line)]


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _visible_text(dom: str) -> str:
    parser = _Text()
    parser.feed(dom)
    return " ".join(" ".join(parser.parts).split())


@pytest.fixture(scope="module")
def parsed(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("raw")
    for path in sorted((ROOT / "data" / "raw").glob("*.txt")):
        shutil.copy(path, raw)
    clean = (ROOT / "data" / "raw" / "synth_sample03_fritid_2023.txt").read_text(encoding="utf-8")
    damaged = damage_text(clean, load_model(), seed=7)
    (raw / "fritid_2023_ocr_damaged.txt").write_text(damaged, encoding="utf-8")
    out = tmp_path_factory.mktemp("parsed")
    assert ingest(raw, out, progress=False).exit_code == 0
    return out


@pytest.fixture(scope="module")
def page(parsed: Path, tmp_path_factory) -> Path:
    return write_report(parsed, tmp_path_factory.mktemp("report") / "report.html")


def test_page_holds_every_document_and_goal(page: Path, parsed: Path):
    text = page.read_text(encoding="utf-8")
    goals = pipeline.read_table(parsed, "goals")
    docs = pipeline.read_table(parsed, "documents")
    assert text.count('<article class="document"') == len(docs)
    assert text.count('<details open class="goal ') == len(goals)
    visible = _visible_text(text)
    for title in goals.title:
        assert " ".join(title.split()) in visible, title
    assert "http://" not in text and "https://" not in text  # self-contained: nothing to fetch


def test_repairs_are_marked_in_the_damaged_plan_only(page: Path, parsed: Path):
    text = page.read_text(encoding="utf-8")
    repairs = pipeline.read_table(parsed, "repairs")
    docs = pipeline.read_table(parsed, "documents").set_index("doc_id")
    damaged = [d for d in repairs.doc_id.unique() if "damaged" in docs.loc[d, "source_path"]]
    assert damaged, "the damaged copy was repaired"
    for article in re.findall(r'<article class="document" id="doc-(\w+)">(.*?)</article>', text, re.S):
        doc_id, body = article
        marks = body.count('<mark class="repair"')
        if doc_id in damaged:
            assert marks > 20, doc_id
            word = repairs[repairs.doc_id == doc_id].replacement.iloc[0]
            assert f">{html.escape(word)}</mark>" in body
        else:
            assert marks == 0, doc_id


def test_report_in_headless_chromium_shows_the_goal_tree(page: Path, parsed: Path, tmp_path: Path):
    browser = _chromium()
    probed = tmp_path / "probed.html"
    probed.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), "utf-8")

    shot = tmp_path / "report.png"
    run = _run_chromium(browser, probed, tmp_path / "profile1", f"--screenshot={shot}")
    assert run.returncode == 0, run.stderr[-2000:]
    assert _console_errors(run.stderr) == []

    dom_run = _run_chromium(browser, probed, tmp_path / "profile2", "--dump-dom")
    assert dom_run.returncode == 0, dom_run.stderr[-2000:]
    dom = dom_run.stdout
    assert _console_errors(dom_run.stderr) == []
    first_doc = (
        pipeline.connect(parsed, link=False)
        .execute("SELECT doc_id FROM documents ORDER BY plan_year, unit, source_path LIMIT 1")
        .fetchall()[0][0]
    )
    goals = pipeline.read_table(parsed, "goals")
    first_titles = goals[goals.doc_id == first_doc].title
    visible = _visible_text(dom)
    assert all(" ".join(t.split()) in visible for t in first_titles)
    layout = json.loads(html.unescape(re.search(r'data-layout="([^"]+)"', dom).group(1)))

    from PIL import Image

    image = Image.open(shot).convert("RGB")
    assert image.size == WINDOW
    pixels = image.load()
    width, height = image.size
    background = (255, 255, 255)
    inked = sum(1 for x in range(0, width, 4) for y in range(0, height, 4) if pixels[x, y] != background)
    assert inked > 0.03 * (width // 4) * (height // 4), "the screenshot is (nearly) blank"

    tree, badge = layout["tree"], layout["badge"]
    assert 0 <= tree["y"] < height - 200, f"the goal tree starts below the first screen: {tree}"
    # The tree's area of the screenshot is drawn on (text and rules), ...
    top, bottom = int(tree["y"]), int(min(height, tree["y"] + tree["h"]))
    left, right = int(tree["x"]), int(min(width, tree["x"] + tree["w"]))
    area = [pixels[x, y] for x in range(left, right, 3) for y in range(top, bottom, 3)]
    dark = sum(1 for p in area if sum(p) < 300)
    assert dark > 0.01 * len(area), "no text drawn where the goal tree is"
    # ... and the first KF badge is painted in its colour where the DOM says it is.
    bx, by = int(badge["x"] + badge["w"] / 2), int(badge["y"] + badge["h"] / 2)
    near = [pixels[x, y] for x in range(bx - 6, bx + 6) for y in range(by - 3, by + 3)]
    assert any(max(abs(a - b) for a, b in zip(p, KF_BADGE, strict=True)) < 12 for p in near), near[:5]
    drawn = inked / ((width // 4) * (height // 4))
    print(
        f"screenshot {width}x{height}: {drawn:.1%} of pixels drawn; goal tree at y={tree['y']:.0f}, "
        f"{dark / len(area):.1%} dark pixels in its area; KF badge colour at ({bx}, {by})"
    )


def test_console_errors_would_be_caught(page: Path, tmp_path: Path):
    """The console check above can fail: a page with a broken script is reported."""
    browser = _chromium()
    broken = tmp_path / "broken.html"
    broken.write_text(
        page.read_text(encoding="utf-8").replace("</body>", "<script>notDefined();</script></body>"),
        encoding="utf-8",
    )
    run = _run_chromium(browser, broken, tmp_path / "profile", "--dump-dom")
    assert _console_errors(run.stderr)


def test_cli_writes_the_report(parsed: Path, tmp_path: Path, capsys):
    assert main(["report", "--parsed", str(parsed), "--out", str(tmp_path / "r.html")]) == 0
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert str(tmp_path / "r.html") in capsys.readouterr().out
    (tmp_path / "folder").mkdir()
    assert main(["report", "--parsed", str(parsed), "--out", str(tmp_path / "folder")]) == 0
    assert (tmp_path / "folder" / "index.html").is_file()
    assert main(["report", "--parsed", str(tmp_path / "missing"), "--out", str(tmp_path / "x.html")]) == 2
