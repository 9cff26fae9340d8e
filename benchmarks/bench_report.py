"""The report site at scale: build time, size, and how fast the index loads in Chromium.

    python benchmarks/bench_report.py [--n 2000] [--pdf-every 5] [--seed 16016] [--work DIR]

Writes ``n`` synthetic plans (``plans_dev.synth``; every ``pdf-every``-th a text-layer PDF, the
others text exports, every 4th text export with OCR damage so that there are repairs), ingests
them, and builds the report site: once from nothing, once more with nothing changed (the
incremental path), once after one plan page was lost. Then opens the index in headless
Chromium from ``file://`` and reads, from the page itself, the milliseconds from navigation
to the end of its ``load`` event (the data file parsed, the first page of rows drawn); the
same for an index of 10,000 plans (the rows repeated under new ids). Target: under 2 s.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from pipeline.ingestion import ingest
from pipeline.report.site import write_site
from plans_dev.synth.__main__ import doc_seed
from plans_dev.synth.damage import damage_text, load_model
from plans_dev.synth.pdf import write_pdf_document
from plans_dev.synth.render import render_text
from plans_dev.synth.spec import random_plan

PROBE = """<script>
window.addEventListener("load", function () {
  setTimeout(function () {
    document.body.setAttribute("data-load-ms", String(Math.round(performance.now())));
  }, 0);
});
</script>"""


def write_plans(raw: Path, n: int, seed: int, pdf_every: int) -> tuple[int, int]:
    model = load_model()
    pdfs = 0
    for i in range(n):
        doc = doc_seed(seed, i)
        folder = raw / f"unit{i % 4}"
        folder.mkdir(parents=True, exist_ok=True)
        if i % pdf_every == 0:
            write_pdf_document(folder, f"plan_{seed}_{i:05d}", doc, None)
            pdfs += 1
            continue
        text = render_text(random_plan(doc), doc)
        if i % 4 == 3:
            text = damage_text(text, model, doc)
        (folder / f"plan_{seed}_{i:05d}.txt").write_text(text, encoding="utf-8")
    return pdfs, n - pdfs


def size(folder: Path, pattern: str = "*") -> int:
    return sum(p.stat().st_size for p in folder.rglob(pattern) if p.is_file())


def index_load_ms(site: Path, browser: str, profile: Path) -> int:
    probe = site / "bench-index.html"
    probe.write_text((site / "index.html").read_text("utf-8").replace("</body>", PROBE + "</body>"), "utf-8")
    try:
        run = subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             f"--user-data-dir={profile}", "--window-size=1400,900", "--dump-dom", probe.as_uri()],
            capture_output=True, text=True, timeout=300, check=True,
        )  # fmt: skip
    finally:
        probe.unlink()
    return int(re.search(r'data-load-ms="(\d+)"', run.stdout).group(1))


def index_of(site: Path, target: Path, plans: int) -> None:
    """A copy of the site's index holding ``plans`` rows (its rows repeated under new ids)."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(site / "assets", target / "assets", dirs_exist_ok=True)
    shutil.copy(site / "index.html", target / "index.html")
    text = (site / "index-data.js").read_text("utf-8")
    data = json.loads(text[text.index("=") + 1 : text.rindex(";")])
    rows = data["rows"]
    data["rows"] = [[f"{rows[i % len(rows)][0]}-{i}", *rows[i % len(rows)][1:]] for i in range(plans)]
    (target / "index-data.js").write_text(
        "window.PLANS_INDEX=" + json.dumps(data, ensure_ascii=False, separators=(",", ":")) + ";\n", "utf-8"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--pdf-every", type=int, default=5)
    ap.add_argument("--seed", type=int, default=16016)
    ap.add_argument("--work", type=Path, help="keep the archive, output and site here")
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-report-"))
    raw, parsed, site = work / "raw", work / "parsed", work / "site"
    browser = shutil.which("chromium") or shutil.which("chromium-browser")

    if not raw.is_dir():
        start = time.perf_counter()
        pdfs, texts = write_plans(raw, args.n, args.seed, args.pdf_every)
        print(f"wrote {pdfs} PDFs and {texts} text exports in {time.perf_counter() - start:.0f} s")
    if not parsed.is_dir():
        start = time.perf_counter()
        ingest(raw, parsed, progress=False)
        print(f"ingest: {time.perf_counter() - start:.0f} s")
    shutil.rmtree(site, ignore_errors=True)
    cold = write_site(parsed, site)
    warm = write_site(parsed, site)
    next(iter(sorted((site / "plans").glob("*.html")))).unlink()
    one = write_site(parsed, site)
    total, pictures = size(site), size(site / "pages")
    manifest = json.loads((site / ".plans-report.json").read_text("utf-8"))
    pdf_plans = sum(1 for entry in manifest["plans"].values() if entry["pictures"])
    pages = sum(len(entry["pictures"]) for entry in manifest["plans"].values())
    print(f"plans: {cold.plans} ({pdf_plans} with page pictures, {pages} pages)")
    print(f"build from nothing: {cold.seconds:.1f} s ({cold.seconds / cold.plans * 1000:.0f} ms a plan)")
    print(f"rebuild, nothing changed: {warm.seconds:.2f} s ({warm.rendered} plans rendered)")
    print(f"rebuild, one plan page lost: {one.seconds:.2f} s ({one.rendered} plan rendered)")
    print(
        f"site size: {total / 1e6:.1f} MB, {total / cold.plans / 1e3:.0f} KB a plan; page pictures "
        f"{pictures / 1e6:.1f} MB ({pictures / max(pages, 1) / 1e3:.0f} KB a page, "
        f"{pictures / max(pdf_plans, 1) / 1e3:.0f} KB a PDF plan); plan pages "
        f"{size(site / 'plans') / cold.plans / 1e3:.0f} KB a plan; index data "
        f"{(site / 'index-data.js').stat().st_size / 1e3:.0f} KB"
    )
    if browser is None:
        print("chromium not installed: index load time not measured")
        return
    with tempfile.TemporaryDirectory() as tmp:
        loads = [index_load_ms(site, browser, Path(tmp) / f"p{k}") for k in range(3)]
        print(f"index of {cold.plans} plans: loads in {sorted(loads)[1]} ms (median of 3: {loads})")
        big = Path(tmp) / "index10k"
        index_of(site, big, 10_000)
        loads = [index_load_ms(big, browser, Path(tmp) / f"q{k}") for k in range(3)]
        print(
            f"index of 10000 plans ({(big / 'index-data.js').stat().st_size / 1e6:.1f} MB of data): loads in "
            f"{sorted(loads)[1]} ms (median of 3: {loads})"
        )


if __name__ == "__main__":
    main()
