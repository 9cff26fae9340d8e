"""Every code the package gives a problem or an error, declared once, and the base error.

A ``problems`` row's ``code`` is what users query, so its values are declared here, each
with the severity and stages it comes with and a line saying what it means (the table of
docs/operations.md is checked against this one). Code elsewhere names ``Code.NOT_A_PLAN``,
never the string. Errors raised on purpose derive from ``PlansError`` and carry a code too,
so a caller can catch the package's errors (or one kind, ``RunNotStarted``) by class.

Nothing here imports the rest of the package: every stage may import it.
"""

from __future__ import annotations

from enum import StrEnum

ERROR, WARNING = "error", "warning"


class Code(StrEnum):
    """A code of the package. Problem codes (those with a ``severity``) are the values of the
    ``problems`` table's ``code`` column; the others name errors that never become a row."""

    severity: str | None  # of the problems rows with this code; None: not a problem code
    stages: tuple[str, ...]  # the stages whose rows carry it
    meaning: str

    def __new__(cls, value: str, severity: str | None, stages: tuple[str, ...], meaning: str) -> Code:
        member = str.__new__(cls, value)
        member._value_ = value
        member.severity, member.stages, member.meaning = severity, stages, meaning
        return member

    # -- problems: files that are not read -------------------------------------------------
    UNSUPPORTED_FORMAT = (
        "unsupported_format",
        WARNING,
        ("discover",),
        "not a supported input file type; skipped",
    )
    DUPLICATE_CONTENT = (
        "duplicate_content",
        WARNING,
        ("discover",),
        "same content as another file; its rows are kept once",
    )
    IO = "io", ERROR, ("discover", "extract"), "the file cannot be read (permissions, I/O error)"
    EMPTY = "empty", ERROR, ("extract",), "nothing to read: 0 bytes, only whitespace, or a PDF without pages"
    BINARY = "binary", ERROR, ("extract",), "not a text file: NUL bytes or mostly control characters"
    ENCODING = "encoding", ERROR, ("extract",), "the bytes decode in no encoding the pipeline knows"
    UNSUPPORTED = "unsupported", ERROR, ("extract",), "the extract stage has no reader for this file type"
    ENCRYPTED = "encrypted", ERROR, ("extract",), "a PDF or Office file that needs a password"
    CORRUPT = "corrupt", ERROR, ("extract",), "a damaged, truncated or fake PDF, Office file, page or image"
    OCR_MISSING = (
        "ocr_missing",
        ERROR,
        ("extract",),
        "pages need OCR; Tesseract (or its Swedish data) is not installed",
    )
    OCR = "ocr", ERROR, ("extract",), "Tesseract failed on a page"
    CHANGED_WHILE_READING = (
        "changed_while_reading",
        ERROR,
        ("extract",),
        "the file changed while it was read (retried next run)",
    )
    # -- problems: documents that are not parsed -------------------------------------------
    NOT_A_PLAN = (
        "not_a_plan",
        ERROR,
        ("segment",),
        "read, but no goal headings and no section headings of a plan",
    )
    INTERNAL_ERROR = ("internal_error", ERROR, ("parse", "worker"), "the parser raised an exception (a bug)")
    TIMEOUT = "timeout", ERROR, ("extract", "worker"), "the document took longer than --timeout"
    MEMORY_LIMIT = "memory_limit", ERROR, ("worker",), "the document needed more memory than --memory-limit"
    WORKER_CRASHED = "worker_crashed", ERROR, ("worker",), "the worker process parsing the document died"
    # -- problems: parsed, with something odd ----------------------------------------------
    NO_GOALS = "no_goals", WARNING, ("segment",), "a plan's sections, but no goal headings"
    TABLE_OUTSIDE_GOAL = "table_outside_goal", WARNING, ("segment",), "a table that stands under no goal"
    INDICATOR_ROW_INCOMPLETE = (
        "indicator_row_incomplete",
        WARNING,
        ("tables",),
        "indicator table text that completes no row",
    )
    ACTIVITY_ROW_INCOMPLETE = (
        "activity_row_incomplete",
        WARNING,
        ("tables",),
        "activity table text that completes no row",
    )
    BAD_DATE = "bad_date", WARNING, ("normalize",), "an activity's start or end is not a date"
    DATE_ORDER = "date_order", WARNING, ("normalize",), "an activity ends before it starts"

    # -- errors: the run did not happen (``plans ingest`` exits 2) -------------------------
    INPUT_MISSING = "input_missing", None, (), "the input folder or file does not exist"
    LOCK_HELD = "lock_held", None, (), "another ingest is writing to the output directory"
    OUTPUT_DIR_NOT_OURS = (
        "output_dir_not_ours",
        None,
        (),
        "the output directory holds something this pipeline did not make",
    )
    SCHEMA_VERSION = "schema_version", None, (), "tables written with a schema this code cannot read"
    SCHEDULER = "scheduler", None, (), "the Dask cluster is unreachable, has no workers or another version"
    POOL_START = "pool_start", None, (), "worker processes exit before they start (a broken installation)"
    # -- errors: other ---------------------------------------------------------------------
    SCHEMA_MISMATCH = "schema_mismatch", None, (), "a table does not fit its schema (a bug)"
    MANIFEST_UNUSABLE = "manifest_unusable", None, (), "the previous run's manifest cannot be used; rebuild"
    # issue 11
    BROKEN_LINK = (
        "broken_link",
        WARNING,
        ("discover",),
        "a symbolic link to nothing, or one that loops; skipped",
    )
    NOT_A_FILE = (
        "not_a_file",
        WARNING,
        ("discover",),
        "a FIFO, socket, device or link to a folder; not read",
    )
    OUTPUT_IS_INPUT = "output_is_input", None, (), "--out is the archive or a folder the archive lies in"
    OUTPUT_UNWRITABLE = (
        "output_unwritable",
        None,
        (),
        "--out is a file, or a folder that cannot be made or written",
    )
    GOLD_UNUSABLE = "gold_unusable", None, (), "the gold folder is empty, unreadable or matches no document"
    OS_ERROR = "os_error", None, (), "the run stopped on an operating-system error (a full disk, ...)"
    # issue 13b
    METADATA_CONFLICT = (
        "metadata_conflict",
        WARNING,
        ("metadata",),
        "the --metadata catalogue gives another value than the document states; the catalogue's is kept",
    )
    CATALOGUE_INVALID = "catalogue_invalid", None, (), "the --metadata catalogue cannot be read"
    PATH_PATTERN_INVALID = "path_pattern_invalid", None, (), "the --path-pattern is not a valid pattern"
    # issue 12
    LIBREOFFICE_MISSING = (
        "libreoffice_missing",
        ERROR,
        ("extract",),
        "a .doc or .rtf needs LibreOffice (Debian: libreoffice-writer-nogui), which is not installed",
    )
    IMAGE_TOO_LARGE = (
        "image_too_large",
        ERROR,
        ("extract",),
        "an image with more pixels than the memory limit allows (a decompression bomb)",
    )
    # issue 16
    REPORT_OUT_FOREIGN = (
        "report_out_foreign",
        None,
        (),
        "plans report --out names a folder that is not empty and not a report site",
    )
    REPORT_SOURCE_CHANGED = (
        "report_source_changed",
        None,
        (),
        "the file at a document's path is not the one its rows were read from: no page pictures",
    )

    @property
    def is_problem(self) -> bool:
        """Is this a value of the ``problems`` table's ``code`` column?"""
        return self.severity is not None


#: The values of the ``problems`` table's ``code`` column.
PROBLEM_CODES: tuple[Code, ...] = tuple(code for code in Code if code.is_problem)


class PlansError(Exception):
    """An error the package raises on purpose; ``code`` says which (see ``Code``)."""

    code: Code


class RunNotStarted(PlansError):
    """The run did not happen, for a reason its message gives (no traceback needed); the
    output is as it was."""
