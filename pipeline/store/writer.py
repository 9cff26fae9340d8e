"""Write all output tables as one snapshot that readers see whole or not at all.

Every run writes into a fresh ``_snapshots/<run_id>`` directory and only then moves the
``_current`` symlink (``os.replace`` of a temporary symlink is atomic), so a reader never
sees half a run or tables from two different runs. ``<out>/<table>`` are fixed symlinks
through ``_current``, which lets pandas, pyarrow and DuckDB read ``<out>/goals`` directly.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import json
import os
import re
import secrets
import shutil
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.errors import Code, PlansError, RunNotStarted
from pipeline.store.schema import SCHEMA_VERSION, TABLES
from pipeline.text import printable

#: Parquet key-value metadata key holding ``SCHEMA_VERSION``.
SCHEMA_VERSION_KEY = b"plans.schema_version"
RUN_ID_KEY = b"plans.run_id"

SNAPSHOTS_DIR = "_snapshots"
CURRENT_LINK = "_current"
RUN_FILE = "_run.json"
#: The attachment listing every table's parts and their rows (``_parts.parquet``).
PARTS_FILE = "_parts"
_PARTIAL_SUFFIX = ".partial"
#: The names of snapshot folders (``write_snapshot``'s run ids, finished or partial).
_RUN_NAME = re.compile(r"^\d{8}T\d{12}Z-[0-9a-f]{8}(\.partial)?$")


class SchemaMismatchError(PlansError, ValueError):
    """A table does not fit its schema in ``schema.TABLES``."""

    code = Code.SCHEMA_MISMATCH


class OutputDirError(RunNotStarted, RuntimeError):
    """The output directory holds something we must not overwrite."""

    code = Code.OUTPUT_DIR_NOT_OURS


def rows_to_table(name: str, rows: list[dict[str, Any]]) -> pa.Table:
    """Build table ``name`` from row dicts with its explicit schema (missing keys are null).

    Unknown keys are an error rather than silently dropped, so a typo cannot lose a column.
    """
    schema = _schema(name)
    known = _names(name)
    if not all(row.keys() <= known for row in rows):
        unknown = sorted({key for row in rows for key in row} - known)
        raise SchemaMismatchError(f"table {name!r}: unknown column(s) {unknown}; expected {schema.names}")
    return columns_to_table(name, {n: [row.get(n) for row in rows] for n in schema.names}, len(rows))


def columns_to_table(name: str, columns: Mapping[str, Sequence[Any]], n_rows: int) -> pa.Table:
    """Build table ``name`` from columns of Python values (one list per column, ``n_rows``
    long; a column not given is null) with its explicit schema: a column of nulls is made
    whole, not value by value (the box columns of a text plan are all null)."""
    schema = _schema(name)
    unknown = sorted(columns.keys() - _names(name))
    if unknown:
        raise SchemaMismatchError(f"table {name!r}: unknown column(s) {unknown}; expected {schema.names}")
    arrays = []
    for field in schema:
        values, column = columns.get(field.name), f"table {name!r}, column {field.name!r}"
        if values is not None and len(values) != n_rows:
            raise SchemaMismatchError(f"{column}: {len(values)} rows, not {n_rows}")
        array = _array(name, field, values, n_rows)
        if not field.nullable and array.null_count:
            raise SchemaMismatchError(f"{column}: {array.null_count} null value(s) in a required column")
        arrays.append(array)
    return pa.Table.from_arrays(arrays, schema=schema)


def _array(name: str, field: pa.Field, values: Sequence[Any] | None, n_rows: int) -> pa.Array:
    if values is None or values.count(None) == n_rows:
        return pa.nulls(n_rows, field.type)
    try:
        try:
            return pa.array(values, type=field.type)
        except UnicodeEncodeError:  # a lone surrogate: rare, so looked for only when it fails
            if not pa.types.is_string(field.type):
                raise
            return pa.array([printable(v) if isinstance(v, str) else v for v in values], type=field.type)
    except (pa.ArrowException, TypeError, ValueError, OverflowError) as exc:
        raise SchemaMismatchError(f"table {name!r}, column {field.name!r} ({field.type}): {exc}") from exc


def conform(name: str, table: pa.Table) -> pa.Table:
    """Cast ``table`` to the schema of ``name``; raise ``SchemaMismatchError`` if it does not fit."""
    schema = _schema(name)
    have, known = table.column_names, _names(name)
    present = set(have)
    missing = [n for n in schema.names if n not in present]
    extra = [n for n in have if n not in known]
    if missing or extra or len(present) != len(have):
        raise SchemaMismatchError(
            f"table {name!r}: columns do not match the schema"
            f" (missing {missing}, unexpected {extra}, got {have})"
        )
    columns = []
    for field in schema:
        column = table.column(field.name)
        if _kind(column.type) != _kind(field.type) and not pa.types.is_null(column.type):
            raise SchemaMismatchError(
                f"table {name!r}, column {field.name!r}: has type {column.type}, expected {field.type}"
            )
        try:
            column = column.cast(field.type)
        except pa.ArrowException as exc:
            raise SchemaMismatchError(
                f"table {name!r}, column {field.name!r}: cannot cast {column.type} to {field.type}: {exc}"
            ) from exc
        if not field.nullable and column.null_count:
            raise SchemaMismatchError(
                f"table {name!r}, column {field.name!r}: "
                f"{column.null_count} null value(s) in a required column"
            )
        columns.append(column)
    return pa.Table.from_arrays(columns, schema=schema)


def write_snapshot(
    out_dir: Path,
    tables: Mapping[str, pa.Table],
    run_info: Mapping[str, Any],
    attachments: Mapping[str, pa.Table] | None = None,
) -> Path:
    """Write ``tables`` as a new snapshot under ``out_dir``, make it current, return its path.

    Tables of ``schema.TABLES`` that are not given are written empty, so every table always
    exists. ``run_info`` must hold ``parser_version``; it goes into ``_run.json`` together
    with the run id, schema version, creation time and row counts. ``attachments`` are
    written beside the tables as ``<name>.parquet`` (names start with ``_``, so dataset
    readers skip them) and switch with them. Not safe for two writers on the same
    ``out_dir`` at once (``plans ingest`` holds a lock, see ``pipeline.ingestion.lock``).
    Each table is one file; ``SnapshotWriter`` writes a table in parts.
    """
    unknown = sorted(set(tables) - set(TABLES))
    if unknown:
        raise SchemaMismatchError(f"unknown table(s) {unknown}; known: {list(TABLES)}")
    # Validate everything before touching the disk: a bad table must not cost a snapshot.
    conformed = {name: conform(name, table) for name, table in tables.items()}
    writer = SnapshotWriter(out_dir, run_info, attachments)
    try:
        for name, table in conformed.items():
            writer.write(name, table)
        return writer.commit()
    except BaseException:
        writer.abort()
        raise


class SnapshotWriter:
    """A snapshot written part by part (``part-<bucket>.parquet`` in each table's folder), then
    made current at once by ``commit``. A part unchanged since the previous snapshot is taken
    over by a hard link (``link``): not written, not copied, and no file is ever modified in
    place, so the previous snapshot stays whole. A table given no part is written empty."""

    def __init__(
        self,
        out_dir: Path,
        run_info: Mapping[str, Any],
        attachments: Mapping[str, pa.Table] | None = None,
    ) -> None:
        attachments = dict(attachments or {})
        bad = sorted(
            name for name in attachments if not name.startswith("_") or "/" in name or name == PARTS_FILE
        )
        if bad:
            raise ValueError(f"attachment names must start with '_' and name a file: {bad}")
        if "parser_version" not in run_info:
            raise ValueError("run_info must contain 'parser_version'")
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        _check_layout(self.out_dir)
        self.run_info, self.attachments = dict(run_info), attachments
        self.now = datetime.now(UTC)
        self.run_id = f"{self.now:%Y%m%dT%H%M%S%fZ}-{secrets.token_hex(4)}"
        self.snapshots = self.out_dir / SNAPSHOTS_DIR
        self.snapshots.mkdir(exist_ok=True)
        self.partial = self.snapshots / (self.run_id + _PARTIAL_SUFFIX)
        self.partial.mkdir()
        self.rows: dict[str, dict[int, int]] = {name: {} for name in TABLES}
        self.files: dict[str, dict[int, str]] = {name: {} for name in TABLES}
        self.linked = self.written = 0
        self.unsynced: list[Path] = []  # files written, made durable at once before the switch

    def _part(self, name: str, part: int) -> Path:
        _schema(name)  # an unknown table is an error, not a folder
        directory = self.partial / name
        directory.mkdir(exist_ok=True)
        self.files[name][part] = part_file(part, self.run_id)
        return directory / self.files[name][part]

    def write(self, name: str, table: pa.Table, part: int = 0) -> None:
        """Write ``table`` (in the schema of ``name``) as part ``part`` of table ``name``."""
        table = conform(name, table)
        metadata = {
            **(table.schema.metadata or {}),
            SCHEMA_VERSION_KEY: SCHEMA_VERSION.encode(),
            RUN_ID_KEY: self.run_id.encode(),
        }
        path = self._part(name, part)
        pq.write_table(table.replace_schema_metadata(metadata), path)
        self.unsynced.append(path)
        self.rows[name][part] = table.num_rows
        self.written += 1

    def part_path(self, name: str, part: int) -> Path:
        """The file of part ``part`` of table ``name``, written or linked in this run."""
        return self.partial / name / self.files[name][part]

    def rewrite(self, name: str, table: pa.Table, part: int) -> None:
        """Write part ``part`` of table ``name`` again (written or linked earlier in this run).
        Its file is replaced, never changed in place: a linked one is the previous
        snapshot's file too."""
        path = self.part_path(name, part)
        path.unlink()
        if path in self.unsynced:
            self.unsynced.remove(path)
            self.written -= 1
        else:
            self.linked -= 1
        self.write(name, table, part)

    def link(self, name: str, source: Path, rows: int, part: int = 0) -> None:
        """Take part ``part`` of table ``name`` over from ``source`` (a previous snapshot's
        part of ``rows`` rows) by a hard link; a copy where the file system has none."""
        path = self._part(name, part)
        try:
            os.link(source, path)
        except OSError:
            shutil.copyfile(source, path)
            self.unsynced.append(path)
        self.rows[name][part] = rows
        self.linked += 1

    def commit(self) -> Path:
        """Finish the snapshot and make it current; return its path."""
        for name, schema in TABLES.items():
            if not self.rows[name]:
                self.write(name, schema.empty_table())
        parts = [
            (name, part, self.files[name][part], rows)
            for name, of in self.rows.items()
            for part, rows in sorted(of.items())
        ]
        names, numbers, files, counts = zip(*parts, strict=True)
        self.attachments[PARTS_FILE] = pa.table(
            {
                "table": pa.array(names, pa.string()),
                "part": pa.array(numbers, pa.int32()),
                "file": pa.array(files, pa.string()),
                "rows": pa.array(counts, pa.int64()),
            }
        )
        for name, table in self.attachments.items():
            path = self.partial / f"{name}.parquet"
            pq.write_table(table, path)
            self.unsynced.append(path)
        info = {
            "run_id": self.run_id,
            "schema_version": SCHEMA_VERSION,
            "parser_version": self.run_info["parser_version"],
            "created_at": self.now.isoformat(),
            "row_counts": {name: sum(parts.values()) for name, parts in self.rows.items()},
        }
        info |= {key: value for key, value in self.run_info.items() if key not in info}
        _write_json(self.partial / RUN_FILE, info)
        _sync_files(self.partial, self.unsynced)
        for name in TABLES:
            _fsync_dir(self.partial / name)
        _fsync_dir(self.partial)
        final = self.snapshots / self.run_id
        os.rename(self.partial, final)
        _fsync_dir(self.snapshots)
        previous = _current_name(self.out_dir)
        _replace_symlink(self.out_dir / CURRENT_LINK, f"{SNAPSHOTS_DIR}/{self.run_id}")
        for name in TABLES:
            if not (self.out_dir / name).is_symlink():
                _replace_symlink(self.out_dir / name, f"{CURRENT_LINK}/{name}")
        _fsync_dir(self.out_dir)
        _prune(self.snapshots, keep={self.run_id, previous})
        return final

    def abort(self) -> None:
        shutil.rmtree(self.partial, ignore_errors=True)


def part_file(part: int, run_id: str) -> str:
    """The file name of part ``part`` written or taken over by run ``run_id``: zero-padded, so
    name order is part order, and named by the run, so a reader that listed a table's files
    before a switch and opens them after finds none of them rather than another snapshot's."""
    return f"part-{part:05d}-{run_id[-8:]}.parquet"


@cache
def _names(name: str) -> frozenset[str]:
    return frozenset(_schema(name).names)


def _schema(name: str) -> pa.Schema:
    try:
        return TABLES[name]
    except KeyError:
        raise SchemaMismatchError(f"unknown table {name!r}; known: {list(TABLES)}") from None


def _kind(t: pa.DataType) -> str:
    """The family of a type: casts within a family (int64 -> int32, large_string -> string) are
    fine, casts across families (int -> string) hide bugs and are refused."""
    if pa.types.is_dictionary(t):
        return _kind(t.value_type)
    if pa.types.is_integer(t) or pa.types.is_floating(t):
        return "number"  # pandas turns int columns with nulls into float; safe casts catch 1.5
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return "string"
    if pa.types.is_timestamp(t):
        return "timestamp" if t.tz is None else "timestamp_tz"
    if pa.types.is_date(t):
        return "date"
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        return f"list<{_kind(t.value_type)}>"
    return str(t)


def check_output_dir(out_dir: Path) -> None:
    """Raise ``OutputDirError`` now if ``write_snapshot`` would refuse ``out_dir`` later (so a
    long run does not find out at its end)."""
    if Path(out_dir).exists():
        _check_layout(Path(out_dir))


def _check_layout(out_dir: Path) -> None:
    """Refuse to run over anything in ``out_dir`` that is not ours, instead of deleting it."""
    entries = {name: f"{CURRENT_LINK}/{name}" for name in TABLES}
    entries[CURRENT_LINK] = f"{SNAPSHOTS_DIR}/<run id>"
    for entry, expected in entries.items():
        path = out_dir / entry
        if path.is_symlink():
            if entry == CURRENT_LINK:
                ours = _current_name(out_dir) is not None
            else:
                ours = os.readlink(path) == expected
            if not ours:
                raise OutputDirError(
                    f"{path} is a symlink to {os.readlink(path)!r}, not to {expected!r}, so it was not made "
                    "by this pipeline; refusing to replace it. Remove it or choose another output directory."
                )
        elif path.exists():
            what = "directory" if path.is_dir() else "file"
            raise OutputDirError(
                f"{path} is a real {what}, not a snapshot symlink made by this pipeline; "
                "refusing to replace it. Move it away or choose another output directory."
            )
    snapshots = out_dir / SNAPSHOTS_DIR
    if snapshots.exists() and not snapshots.is_dir():
        raise OutputDirError(f"{snapshots} exists but is not a directory; refusing to write there.")


def _write_json(path: Path, data: Mapping[str, Any]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2, ensure_ascii=False, default=str)
        f.write("\n")
        f.flush()
        os.fsync(f.fileno())


def _current_name(out_dir: Path) -> str | None:
    """Name of the snapshot ``_current`` points to, if any."""
    link = out_dir / CURRENT_LINK
    if not link.is_symlink():
        return None
    target = Path(os.readlink(link))
    return target.name if target.parent == Path(SNAPSHOTS_DIR) else None


def _replace_symlink(link: Path, target: str) -> None:
    """Point ``link`` at ``target`` atomically: readers see the old or the new link, never none."""
    tmp = link.with_name(f".{link.name}.tmp-{secrets.token_hex(4)}")
    os.symlink(target, tmp)
    try:
        os.replace(tmp, link)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _prune(snapshots: Path, keep: set[str | None]) -> None:
    """Remove old snapshots but the current and the previous one; a failure only leaves garbage."""
    try:
        entries = list(snapshots.iterdir())
    except OSError:
        return
    for entry in entries:
        if entry.name in keep or not _RUN_NAME.match(entry.name):  # only what a run made
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)


def _sync_files(folder: Path, paths: list[Path]) -> None:
    """Make ``paths`` durable: one ``syncfs`` of the file system ``folder`` is on where Linux
    has it (a snapshot of thousands of parts is not thousands of ``fsync`` calls), else an
    ``fsync`` of each."""
    if _syncfs(folder):
        return
    for path in paths:
        _fsync_file(path)


def _syncfs(folder: Path) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        syncfs = libc.syncfs
    except (OSError, AttributeError):
        return False
    fd = os.open(folder, os.O_RDONLY)
    try:
        return syncfs(fd) == 0
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    """Make a directory's entries durable; skipped where the OS or file system cannot do it."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)
