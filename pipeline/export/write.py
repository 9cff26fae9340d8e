"""``plans export``: the tables and joined views of a parsed folder as CSV, Excel or Parquet,
for colleagues without Python, with the data dictionary beside them.

What is written counts each plan once (the catalog's plain views; ``all_copies``: every
copy). Files are written under ``out`` only, each to a temporary file there and renamed into
place (a link planted in ``out`` is replaced, never followed). ``out`` must be new, empty, or
an earlier export (marked by ``_plans_export``); anything else is refused untouched.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.catalog import connect
from pipeline.export.dictionary import Column, relation_columns, with_descriptions
from pipeline.store.schema import TABLES
from pipeline.store.writer import OutputDirError

FORMATS = ("csv", "xlsx", "parquet")
MARKER = "_plans_export"
DICTIONARY = "data_dictionary"
#: The joined views exported beside the tables (the catalog's; see ``pipeline.catalog``).
VIEWS = ("goal_paths", "indicators_full", "activities_full", "document_quality", "kf_coverage", "goal_groups")
#: Excel's limits: characters in a cell, rows in a sheet.
_XLSX_CELL, _XLSX_ROWS = 32_767, 1_048_576
#: How a list (a section's headings, a plan's documents) is written in a CSV or Excel cell.
LIST_SEPARATOR = " | "


def relations() -> tuple[str, ...]:
    return (*TABLES, *VIEWS)


def export(parsed_dir: str | Path, out: str | Path, fmt: str, *, all_copies: bool = False) -> list[Path]:
    """Write every table and view of ``parsed_dir`` and the dictionary into ``out``; return the files."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    out = _claim(Path(out), Path(parsed_dir))
    con = connect(parsed_dir, all_copies=all_copies)
    data = {name: con.sql(f"SELECT * FROM {name}").to_arrow_table() for name in relations()}
    columns = [c for name in relations() for c in relation_columns(con, name)]
    con.close()
    dictionary = pa.Table.from_pylist([vars(c) for c in columns]) if columns else pa.table({})
    if fmt == "xlsx":
        return [_write_xlsx(out / "plans.xlsx", {DICTIONARY: dictionary, **data})]
    written = []
    for name, table in {**data, DICTIONARY: dictionary}.items():
        if fmt == "parquet":
            described = with_descriptions(name, table) if name != DICTIONARY else table
            written.append(_atomic(out / f"{name}.parquet", lambda p, t=described: pq.write_table(t, p)))
        else:
            frame = _flat(table)
            written.append(
                _atomic(out / f"{name}.csv", lambda p, f=frame: f.to_csv(p, index=False, encoding="utf-8"))
            )
    return written


def dictionary_columns(parsed_dir: str | Path) -> list[Column]:
    con = connect(parsed_dir)
    try:
        return [c for name in relations() for c in relation_columns(con, name)]
    finally:
        con.close()


def _claim(out: Path, parsed: Path) -> Path:
    resolved, source = out.resolve(), parsed.resolve()
    if resolved == source or resolved.is_relative_to(source) or source.is_relative_to(resolved):
        raise OutputDirError(f"--out {out}: the parsed folder {parsed} or a folder around it; choose another")
    if out.exists() and not out.is_dir():
        raise OutputDirError(f"--out {out} is a file, not a folder")
    out.mkdir(parents=True, exist_ok=True)
    marker = out / MARKER
    if marker.is_symlink() or (marker.exists() and not marker.is_file()):
        raise OutputDirError(f"{marker} is not what plans export makes; refusing to write in {out}")
    if not marker.exists():
        names = sorted(os.listdir(out))
        if names:
            shown = ", ".join(names[:5]) + (", ..." if len(names) > 5 else "")
            raise OutputDirError(
                f"--out {out} is not empty ({shown}) and was not made by plans export (no {MARKER} file); "
                "refusing to write in it. Choose an empty or new folder."
            )
        info = {"made_by": "plans export", "created": datetime.now(UTC).isoformat(timespec="seconds")}
        _atomic(marker, lambda p: Path(p).write_text(json.dumps(info) + "\n", encoding="utf-8"))
    return out


def _atomic(path: Path, write: Callable[[str], object]) -> Path:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _flat(table: pa.Table):
    """``table`` as a DataFrame a spreadsheet can hold: lists joined, times without zone."""
    frame = table.to_pandas()
    for field in table.schema:
        if pa.types.is_list(field.type) or pa.types.is_large_list(field.type):
            frame[field.name] = [
                None if v is None else LIST_SEPARATOR.join("" if x is None else str(x) for x in v)
                for v in frame[field.name]
            ]
        elif pa.types.is_timestamp(field.type) and field.type.tz is not None:
            frame[field.name] = frame[field.name].dt.tz_convert("UTC").dt.tz_localize(None)
    return frame


def _write_xlsx(path: Path, tables: dict[str, pa.Table]) -> Path:
    try:
        import pandas as pd
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    except ImportError as exc:
        raise RuntimeError("--format xlsx needs openpyxl: pip install 'plan-pipeline[export]'") from exc

    def cell(value: object) -> object:
        if isinstance(value, str):
            return ILLEGAL_CHARACTERS_RE.sub("", value)[:_XLSX_CELL]
        return value

    def write(tmp: str) -> None:
        with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
            for name, table in tables.items():
                if table.num_rows >= _XLSX_ROWS:
                    raise ValueError(f"table {name}: {table.num_rows} rows, more than an Excel sheet holds")
                frame = _flat(table)
                for column in frame.columns:
                    if frame[column].dtype == object:
                        frame[column] = frame[column].map(cell)
                frame.to_excel(writer, sheet_name=name[:31], index=False)

    return _atomic(path, write)
