"""How well ``pipeline.search`` finds what a reader would, on judged queries.

    python -m plans_dev.measure.search [--shared ../shared] [--parsed DIR] [-v]

ingests the four text plans of ``../shared/corpus/text`` and the bundled samples of
``data/raw`` together (unless ``--parsed`` names a folder made from them), runs every query of
``tests/search/judged_queries.toml`` and scores its hits against the judgements.

A judgement says, for one query and one plan file, which word forms of that plan a reader
asking the query wants found (judged by reading the plans, not computed). A hit counts each
form it matched in its plan: precision is the share of (plan, form) pairs found that were
wanted, recall the share of wanted pairs found, over all queries together (micro-averaged);
``-v`` lists the wrong and the missed pairs of each query.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from plans_dev.paths import ROOT, SAMPLES_DIR, SHARED

JUDGEMENTS = ROOT / "tests" / "search" / "judged_queries.toml"

Pair = tuple[str, str]  # (plan file name, word form)


@dataclass(frozen=True)
class QueryScore:
    query: str
    found: frozenset[Pair]
    expected: frozenset[Pair]

    @property
    def wrong(self) -> set[Pair]:
        return set(self.found - self.expected)

    @property
    def missed(self) -> set[Pair]:
        return set(self.expected - self.found)


@dataclass(frozen=True)
class SearchReport:
    queries: tuple[QueryScore, ...]

    @property
    def tp(self) -> int:
        return sum(len(q.found & q.expected) for q in self.queries)

    @property
    def precision(self) -> float:
        found = sum(len(q.found) for q in self.queries)
        return self.tp / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = sum(len(q.expected) for q in self.queries)
        return self.tp / expected if expected else 1.0


def load_judgements(path: Path = JUDGEMENTS) -> list[dict]:
    with open(path, "rb") as fh:
        return tomllib.load(fh)["query"]


def ingest_judged_plans(shared: Path, out: Path) -> Path:
    """The corpus text plans and the bundled samples, ingested as one batch into ``out``."""
    from pipeline.ingestion import ingest

    with tempfile.TemporaryDirectory() as raw:
        for path in [*sorted((shared / "corpus" / "text").glob("*.txt")), *sorted(SAMPLES_DIR.glob("*.txt"))]:
            shutil.copy(path, raw)
        ingest(raw, out, progress=False)
    return out


def score_query(con: duckdb.DuckDBPyConnection, judgement: dict) -> QueryScore:
    from pipeline.catalog.search import search

    files = {
        doc_id: Path(source).name
        for doc_id, source in con.execute("SELECT doc_id, source_path FROM documents").fetchall()
    }
    hits = search(con, judgement["query"], limit=None)
    found = {(files[hit.doc_id], form) for hit in hits.itertuples() for form in hit.matched}
    expected = {(name, form) for name, forms in judgement.get("expected", {}).items() for form in forms}
    return QueryScore(judgement["query"], frozenset(found), frozenset(expected))


def evaluate_search(con: duckdb.DuckDBPyConnection, judgements: list[dict]) -> SearchReport:
    return SearchReport(tuple(score_query(con, j) for j in judgements))


def format_search(report: SearchReport, verbose: bool = False) -> str:
    expected = sum(len(q.expected) for q in report.queries)
    lines = [
        f"{len(report.queries)} judged queries, {expected} wanted (plan, form) pairs: "
        f"precision {report.precision:.3f}, recall {report.recall:.3f}",
        f"{'query':<28} {'found':>5} {'wanted':>6} {'wrong':>5} {'missed':>6}",
    ]
    for q in report.queries:
        lines.append(
            f"{q.query:<28} {len(q.found):>5} {len(q.expected):>6} {len(q.wrong):>5} {len(q.missed):>6}"
        )
        if verbose:
            lines += [f"    wrong:  {name} {form}" for name, form in sorted(q.wrong)]
            lines += [f"    missed: {name} {form}" for name, form in sorted(q.missed)]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m plans_dev.measure.search", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared material (default ../shared)")
    parser.add_argument("--parsed", type=Path, help="a parsed folder made from the corpus plans and samples")
    parser.add_argument("-v", "--verbose", action="store_true", help="list wrong and missed pairs")
    args = parser.parse_args(argv)
    from pipeline.catalog import connect

    with tempfile.TemporaryDirectory() as tmp:
        parsed = args.parsed
        if parsed is None:
            if not (args.shared / "corpus" / "text").is_dir():
                print(f"{args.shared}/corpus/text not found", file=sys.stderr)
                return 2
            parsed = ingest_judged_plans(args.shared, Path(tmp) / "parsed")
        con = connect(parsed, link=False)
        print(format_search(evaluate_search(con, load_judgements()), verbose=args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
