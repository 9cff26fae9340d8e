"""What a run tells its operator: a one-line summary, notices, problems, a progress bar.

Text (default): the summary line on standard output; notices (a stale lock, a full rebuild
forced by an old output) on standard error unless quiet; a progress bar with rate and ETA on
standard error when it is a terminal. JSON (``--log-format json``): one JSON object per line
on standard output, ``event`` being ``start``, ``notice``, ``problem`` (each problem found in
this run), ``error`` (the run failed) or ``summary`` (always last on success).
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO


@dataclass
class IngestSummary:
    """Totals of the output after the run (what the tables hold) and what this run did."""

    out_dir: Path
    files: int = 0  # files found in the archive
    documents: int = 0  # rows of ``documents``
    failed: int = 0  # files whose document could not be read (each has an error in ``problems``)
    new_failed: int = 0  # of those, the ones not failed (with the same path and bytes) before this run
    goals: int = 0
    indicators: int = 0
    activities: int = 0
    warnings: int = 0
    errors: int = 0
    parsed: int = 0  # documents parsed (or repaired) by this run
    resumed: int = 0  # results taken from the spool of an interrupted run
    unchanged: int = 0  # contents whose rows were kept from the previous output
    moved: int = 0  # new paths whose rows were kept from an earlier path (moved or copied files)
    kept_deleted: int = 0  # deleted files whose rows are kept (no --prune)
    removed: int = 0  # deleted files whose rows this run removed (--prune)
    repaired: int = 0  # OCR-damaged documents repaired by this run
    context: str | None = None  # the fingerprint of the repair context (None: no damaged documents)
    context_rebuilt: bool = False  # a new repair context was built, and damaged documents repaired with it
    context_drift: float | None = None  # the kept context's drift from this run's clean documents
    full: bool = False
    written: bool = False  # False: nothing changed, the output was left as it was
    parts_written: int = 0  # table parts this run wrote (``pipeline.store.partition``)
    parts_linked: int = 0  # table parts carried from the previous snapshot by a hard link
    cache_bytes: int | None = None  # what the caches hold after the run (None: not measured)
    cache_evicted: int = 0  # cache entries removed to keep within the cache limit
    snapshot: str | None = None
    runner: str = ""
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        """0 when every document in the output was read, 1 when some failed."""
        return 1 if self.failed else 0

    def line(self) -> str:
        change = "" if self.written else " (no changes; output left as it was)"
        return (
            f"{self.documents} documents read, {self.failed} failed ({self.new_failed} new); "
            f"{self.goals} goals, "
            f"{self.indicators} indicators, {self.activities} activities; "
            f"{self.warnings} warnings, {self.errors} errors; this run: {self.parsed} parsed, "
            f"{self.resumed} resumed, "
            f"{self.unchanged} unchanged, {self.moved} moved, {self.removed} removed, "
            f"{self.kept_deleted} deleted but kept{change}; {self.seconds:.1f} s -> {self.out_dir}"
        )

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["out_dir"] = str(self.out_dir)
        data["exit_status"] = self.exit_code
        data["stage_seconds"] = {k: round(v, 3) for k, v in self.stage_seconds.items()}
        return data


class Reporter:
    def __init__(
        self,
        log_format: str = "text",
        quiet: bool = False,
        progress: bool | None = None,
        out: TextIO | None = None,
        err: TextIO | None = None,
    ) -> None:
        if log_format not in ("text", "json"):
            raise ValueError(f"log format {log_format!r}: expected text or json")
        self.json = log_format == "json"
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.quiet = quiet
        if progress is None:
            progress = not quiet and not self.json and _isatty(self.err)
        self.show_progress = progress
        self._bar = None

    # -- events ---------------------------------------------------------------------------

    def _event(self, event: str, **data: Any) -> None:
        record = {"time": datetime.now(UTC).isoformat(timespec="milliseconds"), "event": event, **data}
        self.out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        self.out.flush()

    def start(self, **facts: Any) -> None:
        if self.json:
            self._event("start", **facts)

    def notice(self, message: str) -> None:
        if self.json:
            self._event("notice", message=message)
        elif not self.quiet:
            self._write_err(f"plans ingest: {message}")

    def problem(self, row: dict[str, Any]) -> None:
        if self.json:
            self._event("problem", **row)

    def error(self, message: str, code: str | None = None) -> None:
        """The run did not happen; ``code`` says why (a ``Code`` value, for alerting)."""
        if self.json:
            self._event("error", code=code, message=message)
        else:
            self._write_err(f"plans ingest: {message}")

    def summary(self, summary: IngestSummary) -> None:
        if self.json:
            self._event("summary", **summary.as_dict())
        else:
            print(summary.line(), file=self.out)

    # -- progress -------------------------------------------------------------------------

    def add_work(self, n: int, what: str = "parse") -> None:
        if not self.show_progress or n <= 0:
            return
        if self._bar is None:
            from tqdm import tqdm

            self._bar = tqdm(total=0, unit="doc", desc=what, file=self.err, dynamic_ncols=True)
        self._bar.set_description(what)
        self._bar.total += n
        self._bar.refresh()

    def advance(self, n: int = 1) -> None:
        if self._bar is not None:
            self._bar.update(n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def _write_err(self, text: str) -> None:
        if self._bar is not None:
            self._bar.write(text, file=self.err)
        else:
            print(text, file=self.err)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
