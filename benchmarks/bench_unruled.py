"""PDF tables: our reader against pdfplumber's table finder, side by side in one run.

    python benchmarks/bench_unruled.py [--n 20] [--seed 5] [--ruled]

Renders ``--n`` synthetic plans with unruled tables (``plans_dev.synth.unruled``) and reads
their indicator and activity rows two ways: ``ours``, the whole pipeline
(``parse_document``: pdfium words, columns from the header words, rows from the gaps between
lines); ``plumber``, pdfplumber's table finder on each page that holds a table header, with
explicit column edges at the header words and row edges at its lines of text, merged as a
cell that wraps (a line with nothing in the last column goes on with the row above), the
table ending at the first line with a word across a column edge. Prints the share of gold
rows each reads exactly (recall), the share of its rows that are gold rows (precision),
and the seconds per page each takes.

With ``--ruled`` the plans are printed with ruled tables (``plans_dev.synth.pdf``) and
pdfplumber reads them by its "lines" strategy (cells from the drawn rules), on the pages
that hold a table header; a table without a header row on the next page goes on with the
table before it. ``--shared ../shared`` reads the shared corpus's text-layer PDFs (their
gold rows) instead of synthetic plans. The figures are in README.md: pdfplumber is nowhere
more accurate and several times slower, so the product does not use it.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import Counter
from pathlib import Path

import pdfplumber

from pipeline.lang.sv.fold import skeleton
from pipeline.parse import parse_document
from pipeline.rules import load_rules
from plans_dev.synth.gold import gold_of
from plans_dev.synth.pdf import render_pdf
from plans_dev.synth.spec import random_plan
from plans_dev.synth.unruled import render_unruled_pdf


def _gold_rows(spec) -> Counter:
    gold = gold_of(spec, "x.pdf")
    rows = [(r["name"], r["target"], r["kf_target"], r["period"]) for r in gold["indicators"]]
    rows += [(a["text"], a["start"], a["end"]) for a in gold["activities"]]
    return Counter(rows)


def ours(path: Path) -> Counter:
    plan = parse_document(path)
    rows = [(r.name, r.target_raw, r.kf_target_raw, r.period_raw) for r in plan.indicators]
    rows += [(a.text, a.start_raw, a.end_raw) for a in plan.activities]
    return Counter(rows)


def _table_rows(page, header: list[dict], kind: str, columns: tuple[str, ...]) -> list[tuple]:
    edges = []
    for col in columns:
        xs = [w["x0"] for w in header if skeleton(w["text"]) == col]
        if not xs:
            return []
        edges.append(xs[0] - 3)
    top = max(w["bottom"] for w in header) + 1
    region = page.crop((edges[0] - 30, top, page.width - 20, page.height - 75))
    # Row edges at each line of text (the "text" strategy's own edges stop short of the last
    # column when its cells are narrow).
    words = region.extract_words()
    lines: list[float] = []
    for top in sorted({round(w["top"]) for w in words}):
        line = [w for w in words if round(w["top"]) == top]
        if any(w["x0"] < edge - 1 < w["x1"] - 2 for w in line for edge in edges[1:]):
            break  # a line across the columns: running text after the table
        lines.append(top - 1)
    if not lines:
        return []
    last = [w for w in words if round(w["top"]) == round(lines[-1] + 1)]
    lines.append(max(w["bottom"] for w in last) + 1)
    settings = {
        "vertical_strategy": "explicit",
        "explicit_vertical_lines": [*edges, page.width - 40],
        "horizontal_strategy": "explicit",
        "explicit_horizontal_lines": lines,
        "intersection_tolerance": 5,
    }
    table = region.find_table(settings)
    if table is None:
        return []
    rows: list[list[str]] = []
    for raw in table.extract():
        cells = [" ".join((c or "").split()) for c in raw][: len(columns)]
        cells += [""] * (len(columns) - len(cells))
        if not any(cells):
            if rows:
                break  # the gap after the table
            continue
        if not cells[0] and not any(cells[1:-1]) and cells[-1]:
            break
        if rows and not cells[-1]:
            rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], cells, strict=True)]
        else:
            rows.append(cells)
        if len(rows) > 1 and not rows[-1][-1] and not rows[-1][0]:
            break
    out = []
    for cells in rows:
        if kind == "indicator":
            name, target, kf, period = cells[:4]
            out.append((name, target or None, kf or None, period or None))
        else:
            text, start, end = cells[:3]
            out.append((text, start or None, end or None))
    return out


def plumber(path: Path) -> Counter:
    rules = load_rules()
    found: Counter = Counter()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            words = page.extract_words()
            for kind in rules.table_columns:
                columns = rules.header_words(kind)
                for head in (w for w in words if skeleton(w["text"]) == columns[0]):
                    line = [w for w in words if abs(w["top"] - head["top"]) < 2]
                    if sum(skeleton(w["text"]) in columns for w in line) < len(columns):
                        continue
                    found.update(_table_rows(page, line, kind, columns))
    return found


def _cell(text: str | None) -> str | None:
    return " ".join(text.split()) or None if text else None


def plumber_ruled(path: Path) -> Counter:
    """Rows of the ruled tables, by pdfplumber's "lines" strategy, on pages with a header."""
    rules = load_rules()
    firsts = {rules.header_words(kind)[0]: kind for kind in rules.table_columns}
    found: Counter = Counter()
    kind, skip = None, 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            words = {skeleton(w["text"]) for w in page.extract_words()}
            if kind is None and not words & set(firsts):
                continue
            for table in page.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"}):
                rows = table.extract()
                filled = [(k, c) for k, c in enumerate(rows[0] if rows else []) if c and c.split()]
                head = skeleton(filled[0][1].split()[0]) if filled else ""
                if head in firsts:  # an icon column may stand before the first named one
                    kind, skip, rows = firsts[head], filled[0][0], rows[1:]
                for raw in rows:
                    cells = [_cell(c) for c in raw[skip:]]
                    if kind is None or not cells[0] or not any(cells[1:]):
                        continue  # a comment spanning the row, or no table yet
                    width = 4 if kind == "indicator" else 3
                    found[tuple((cells + [None] * width)[:width])] += 1
            if not words & set(firsts) and not page.find_tables():
                kind = None
    return found


def _shared_rows(shared: Path) -> list[tuple[Path, Counter]]:
    """The shared corpus's text-layer PDFs (no scans) with their gold rows."""
    out = []
    for gold_path in sorted((shared / "gold").glob("*.gold.json")):
        stem = gold_path.name.removesuffix(".gold.json")
        pdf = shared / "corpus" / "pdf" / f"{stem}.pdf"
        if pdf.exists():
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            rows = Counter((r["name"], r["target"], r["kf_target"], r["period"]) for r in gold["indicators"])
            rows.update((a["text"], a["start"], a["end"]) for a in gold["activities"])
            out.append((pdf, rows))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--ruled", action="store_true", help="ruled tables, pdfplumber's lines strategy")
    ap.add_argument("--shared", type=Path, help="read the text-layer PDFs of this shared folder instead")
    args = ap.parse_args(argv)
    render = render_pdf if args.ruled else render_unruled_pdf
    readers = (("ours", ours), ("plumber", plumber_ruled if args.ruled else plumber))
    totals = {"ours": [0, 0.0, 0], "plumber": [0, 0.0, 0]}
    n_gold = pages = 0
    plans: list[tuple[Path, Counter]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.n if args.shared is None else 0):
            seed = args.seed * 1000 + i
            spec = random_plan(seed, ocr=False)
            path = Path(tmp) / f"plan{i}.pdf"
            pages += render(spec, path, seed)
            plans.append((path, _gold_rows(spec)))
        if args.shared is not None:
            plans = _shared_rows(args.shared)
            for path, _ in plans:
                with pdfplumber.open(path) as pdf:
                    pages += len(pdf.pages)
        for path, gold in plans:
            n_gold += sum(gold.values())
            for name, read in readers:
                start = time.perf_counter()
                got = read(path)
                totals[name][1] += time.perf_counter() - start
                totals[name][0] += sum((got & gold).values())
                totals[name][2] += sum(got.values())
    print(f"{len(plans)} plans, {pages} pages, {n_gold} gold rows")
    for name, (right, seconds, read) in totals.items():
        precision = right / read if read else 0.0
        recall = right / n_gold
        print(f"{name:8} recall {recall:6.3f}  precision {precision:6.3f}  {seconds / pages:7.4f} s/page")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
