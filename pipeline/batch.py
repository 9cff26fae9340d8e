"""Batch ingest: every supported file under a folder in, one consistent set of tables out.

A file that cannot be read or is not a plan becomes a ``problems`` row and the batch goes
on. The tables are written as one snapshot that replaces the previous output all at once
(see ``pipeline.store.writer``), so a reader never sees half a run.
"""

from __future__ import annotations

import sys
import time
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from pipeline import parser_version
from pipeline.extract import SUPPORTED_SUFFIXES, extract
from pipeline.extract.errors import ExtractError
from pipeline.model import ParsedPlan, Problem, SourceDocument
from pipeline.parse import NotAPlanError, parse_source
from pipeline.repair import RepairContext
from pipeline.repair.damage import measure
from pipeline.repair.ngram import Bigrams
from pipeline.rules import Rules, load_rules
from pipeline.store import rows_to_table, write_snapshot
from pipeline.store.rows import plan_rows, problem_row
from pipeline.store.schema import TABLES


@dataclass
class IngestSummary:
    out_dir: Path
    files: int = 0
    documents: int = 0
    failed: int = 0
    goals: int = 0
    indicators: int = 0
    activities: int = 0
    warnings: int = 0
    errors: int = 0
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        """0 when every document was read, 1 when some failed."""
        return 1 if self.failed else 0

    def line(self) -> str:
        return (
            f"{self.documents} documents read, {self.failed} failed; {self.goals} goals, "
            f"{self.indicators} indicators, {self.activities} activities; "
            f"{self.warnings} warnings, {self.errors} errors; {self.seconds:.1f} s -> {self.out_dir}"
        )


def discover(input_path: Path) -> Iterator[Path]:
    """Every file under input_path (or input_path itself), hidden files left out, in a stable order."""
    if input_path.is_file():
        yield input_path
        return
    for path in sorted(input_path.rglob("*")):
        rel = path.relative_to(input_path)
        if path.is_file() and not any(part.startswith(".") for part in rel.parts):
            yield path


def _progress(items: list[Path], enabled: bool | None) -> Iterable[Path]:
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, unit="doc", desc="ingest", file=sys.stderr)


def read_file(
    path: Path, timings: dict[str, float] | None = None, ocr: str = "auto"
) -> SourceDocument | Problem:
    """Extract one file, or the Problem that says why it cannot be read. Never raises."""
    source_path = str(path)
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        message = f"{source_path}: not a supported input ({supported}); skipped"
        return Problem(source_path, "discover", "warning", "unsupported_format", message)
    start = time.perf_counter()
    try:
        return extract(path, ocr)
    except ExtractError as exc:
        return Problem(source_path, "extract", "error", exc.code, str(exc))
    except Exception as exc:
        return _internal_error(source_path, exc)
    finally:
        if timings is not None:
            timings["extract"] = timings.get("extract", 0.0) + time.perf_counter() - start


def parse_safely(
    source: SourceDocument,
    rules: Rules,
    timings: dict[str, float] | None = None,
    context: RepairContext | None = None,
) -> ParsedPlan | Problem:
    """One extracted document to its parsed plan, or the Problem that says why not. Never
    raises, so a bad file (or a parser bug) cannot stop a batch."""
    try:
        return parse_source(source, rules, timings, context)
    except NotAPlanError as exc:
        return Problem(source.source_path, "segment", "error", "not_a_plan", f"{source.source_path}: {exc}")
    except Exception as exc:
        return _internal_error(source.source_path, exc)


def _internal_error(source_path: str, exc: Exception) -> Problem:
    where = traceback.extract_tb(exc.__traceback__)[-1]
    message = f"{source_path}: {type(exc).__name__}: {exc} (at {Path(where.filename).name}:{where.lineno})"
    return Problem(source_path, "parse", "error", "internal_error", message)


def ingest(
    input_path: str | Path,
    out_dir: str | Path,
    *,
    progress: bool | None = None,
    rules: Rules | None = None,
    ocr: str = "auto",
) -> IngestSummary:
    """Parse every supported file under ``input_path`` and write the tables to ``out_dir``.

    Clean documents are parsed first and teach the repair stage their words and word
    pairs; OCR-damaged documents are parsed after them with that context, since the same
    committee text recurs across the units and years of one archive.
    """
    input_path, out_dir = Path(input_path), Path(out_dir)
    if not input_path.exists():
        raise FileNotFoundError(f"{input_path}: no such file or folder")
    rules = rules or load_rules()
    started = time.perf_counter()
    ingested_at = datetime.now(UTC)
    version = parser_version()
    summary = IngestSummary(out_dir)
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    seen: dict[str, str] = {}
    clean_text = Bigrams()
    damaged: list[SourceDocument] = []

    def record(result: ParsedPlan | Problem) -> None:
        if isinstance(result, Problem):
            rows["problems"].append(problem_row(result))
            summary.failed += result.severity == "error"
            return
        plan = result
        if plan.doc_id in seen:
            message = f"{plan.source.source_path}: same content as {seen[plan.doc_id]}; kept once"
            duplicate = Problem(plan.source.source_path, "discover", "warning", "duplicate_content", message)
            duplicate.doc_id = plan.doc_id
            rows["problems"].append(problem_row(duplicate))
            return
        seen[plan.doc_id] = plan.source.source_path
        for name, table_rows in plan_rows(plan, version, ingested_at).items():
            rows[name].extend(table_rows)
        summary.documents += 1
        summary.goals += len(plan.goals)
        summary.indicators += len(plan.indicators)
        summary.activities += len(plan.activities)

    files = list(discover(input_path))
    for path in _progress(files, progress):
        summary.files += 1
        source = read_file(path, summary.stage_seconds, ocr)
        if isinstance(source, Problem):
            record(source)
            continue
        text = "\n".join(line.text for line in source.lines)
        if measure(text).damaged:
            damaged.append(source)  # parsed once the clean documents have been seen
            continue
        result = parse_safely(source, rules, summary.stage_seconds)
        if isinstance(result, ParsedPlan):
            clean_text.add_text(text)
        record(result)

    if damaged:
        context = RepairContext.from_bigrams(clean_text)
        for source in damaged:
            record(parse_safely(source, rules, summary.stage_seconds, context))

    summary.warnings = sum(1 for p in rows["problems"] if p["severity"] == "warning")
    summary.errors = sum(1 for p in rows["problems"] if p["severity"] == "error")
    tables = {name: rows_to_table(name, table_rows) for name, table_rows in rows.items()}
    write_snapshot(
        out_dir,
        tables,
        {
            "parser_version": version,
            "input": str(input_path),
            "documents": summary.documents,
            "failed": summary.failed,
        },
    )
    summary.seconds = time.perf_counter() - started
    return summary
