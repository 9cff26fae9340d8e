"""One file of a batch: found, read, parsed, never raising.

A file that cannot be read or is not a plan becomes a ``Problem`` and the batch goes on.
The batch run that calls these (``ingest``: incremental, parallel, atomic) is
``pipeline.ingestion``.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Iterator
from pathlib import Path

from pipeline.errors import Code
from pipeline.extract import ExtractOptions, extract, supported_suffixes
from pipeline.extract.errors import ExtractError
from pipeline.limits import is_out_of_memory
from pipeline.model import ParsedPlan, Problem, SourceDocument
from pipeline.parse import NotAPlanError, parse_source
from pipeline.repair import RepairContext
from pipeline.rules import Rules


def discover(input_path: Path) -> Iterator[Path]:
    """Every file under input_path (or input_path itself), hidden files left out, in a stable order."""
    if input_path.is_file():
        yield input_path
        return
    for path in sorted(input_path.rglob("*")):
        rel = path.relative_to(input_path)
        if path.is_file() and not any(part.startswith(".") for part in rel.parts):
            yield path


def read_file(
    path: Path, timings: dict[str, float] | None = None, options: ExtractOptions | None = None
) -> SourceDocument | Problem:
    """Extract one file, or the Problem that says why it cannot be read. Never raises."""
    source_path = str(path)
    if path.suffix.lower() not in supported_suffixes():
        supported = ", ".join(sorted(supported_suffixes()))
        message = f"{source_path}: not a supported input ({supported}); skipped"
        return Problem(source_path, "discover", "warning", Code.UNSUPPORTED_FORMAT, message)
    start = time.perf_counter()
    try:
        return extract(path, options)
    except ExtractError as exc:
        return Problem(source_path, "extract", "error", exc.code, str(exc))
    except MemoryError:
        raise  # the worker's memory limit: its pool records it (see pipeline.ingestion.pool)
    except Exception as exc:
        if is_out_of_memory(exc):  # a C library's "malloc failed" is the memory limit too
            raise MemoryError(str(exc)) from exc
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
        return Problem(source.source_path, "segment", "error", exc.code, f"{source.source_path}: {exc}")
    except MemoryError:
        raise
    except Exception as exc:
        if is_out_of_memory(exc):
            raise MemoryError(str(exc)) from exc
        return _internal_error(source.source_path, exc)


def _internal_error(source_path: str, exc: Exception) -> Problem:
    where = traceback.extract_tb(exc.__traceback__)[-1]
    message = f"{source_path}: {type(exc).__name__}: {exc} (at {Path(where.filename).name}:{where.lineno})"
    return Problem(source_path, "parse", "error", Code.INTERNAL_ERROR, message)


__all__ = ["discover", "parse_safely", "read_file"]
