"""Compare parsed tables with the hand-checked gold annotations.

``evaluate(gold_dir, parsed_dir)`` reads every ``*.gold.json`` and the parsed Parquet datasets
(``<parsed_dir>/<table>/``), finds the parsed document(s) of each gold file and scores them table by
table; ``format_report`` renders the result. The matching rules live in ``match``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.evaluate.gold import GOLD_TABLES, GoldError, GoldFile, gold_to_tables, load_gold
from pipeline.evaluate.match import ParsedDoc, best_gold_stem, evaluate_document
from pipeline.evaluate.report import DocumentReport, EvalReport, FieldAccuracy, TableScore, format_report
from pipeline.store.schema import TABLES

__all__ = [
    "DocumentReport",
    "EvalReport",
    "FieldAccuracy",
    "GoldError",
    "GoldFile",
    "TableScore",
    "evaluate",
    "format_report",
    "gold_to_tables",
    "load_gold",
    "read_parsed",
]


def read_parsed(parsed_dir: Path) -> list[ParsedDoc]:
    """Parsed documents with their rows; a missing table directory reads as an empty table."""
    frames: dict[str, pd.DataFrame] = {}
    for table in GOLD_TABLES:
        path = Path(parsed_dir) / table
        df = pd.read_parquet(path) if path.exists() else pd.DataFrame()
        if "doc_id" not in df.columns:  # no directory, or one without any Parquet file yet
            df = TABLES[table].empty_table().to_pandas()
        # A partitioned dataset gives doc_id back as a categorical; compare it as text.
        frames[table] = df.assign(doc_id=df["doc_id"].astype(str))

    rows: dict[str, dict[str, list[dict]]] = {
        table: {str(doc_id): group.to_dict("records") for doc_id, group in df.groupby("doc_id", sort=False)}
        for table, df in frames.items()
        if table != "documents"
    }
    docs: dict[str, ParsedDoc] = {}
    for meta in frames["documents"].to_dict("records"):
        doc_id = str(meta["doc_id"])
        if doc_id not in docs:
            docs[doc_id] = ParsedDoc(
                doc_id=doc_id,
                source_path=str(meta["source_path"]),
                metadata=meta,
                rows={table: by_doc.get(doc_id, []) for table, by_doc in rows.items()},
            )
    return list(docs.values())


def evaluate(gold_dir: Path, parsed_dir: Path) -> EvalReport:
    """Score every gold document against its parsed variant(s); see ``match`` for the rules."""
    gold_files = load_gold(gold_dir)
    stems = [g.stem for g in gold_files]
    by_stem: dict[str, list[ParsedDoc]] = {s: [] for s in stems}
    unmatched_parsed: list[str] = []
    for doc in read_parsed(parsed_dir):
        stem = best_gold_stem(doc.source_path, stems)
        if stem is None:
            unmatched_parsed.append(doc.source_path)
        else:
            by_stem[stem].append(doc)

    if not any(by_stem.values()):
        raise GoldError(
            f"no parsed document in {parsed_dir} matches any of the {len(gold_files)} gold files in "
            f"{gold_dir}; nothing to score"
        )
    report = EvalReport(documents=[], unmatched_parsed=sorted(unmatched_parsed))
    for gold in gold_files:
        parsed = sorted(by_stem[gold.stem], key=lambda d: d.source_path)
        try:
            if not parsed:
                report.unmatched_gold.append(gold.stem)
                report.documents.append(evaluate_document(gold.stem, gold.data, None))
            for doc in parsed:
                report.documents.append(evaluate_document(gold.stem, gold.data, doc))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise GoldError(f"{gold.path}: malformed gold ({type(exc).__name__}: {exc})") from None
    return report
