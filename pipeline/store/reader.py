"""Read tables of a parsed output directory back, refusing files newer than this code.

A snapshot written by a newer pipeline may have columns that mean something else, so the
schema version in the Parquet metadata is checked before anything is handed out. A table
written by an older version is read when its columns still fit today's schema, and
otherwise refused with what to do (rewrite it with ``plans ingest --full``).
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from pipeline.errors import Code, RunNotStarted
from pipeline.store.schema import SCHEMA_VERSION, TABLES
from pipeline.store.writer import CURRENT_LINK, SCHEMA_VERSION_KEY, SchemaMismatchError, conform

if TYPE_CHECKING:  # imported when a table is read: worker processes that only make rows never load pandas
    import pandas as pd
    import pyarrow.dataset as ds


class SchemaVersionError(RunNotStarted, RuntimeError):
    """The files were written with a schema this code does not know."""

    code = Code.SCHEMA_VERSION


def current_snapshot(parsed_dir: Path) -> Path | None:
    """The snapshot directory ``<parsed_dir>/_current`` points to, or ``None`` if there is none."""
    link = Path(parsed_dir) / CURRENT_LINK
    if not link.is_symlink():
        return None
    target = (link.parent / os.readlink(link)).resolve()
    return target if target.is_dir() else None


def table_dir(parsed_dir: Path, name: str) -> Path:
    """The dataset directory of table ``name`` in ``parsed_dir``, checked: it exists and was not
    written by a newer schema than this code knows."""
    import pyarrow.dataset as ds

    path = _existing_table_dir(parsed_dir, name)
    _check_version(path, ds.dataset(path, format="parquet"))
    return path


def read_table(parsed_dir: Path, name: str) -> pd.DataFrame:
    """Read table ``name`` of the current snapshot in ``parsed_dir`` as a DataFrame.

    Integer columns come back as nullable pandas integers, so a ``page`` with gaps stays
    an integer column instead of turning into floats.
    """
    path = _existing_table_dir(parsed_dir, name)  # read_arrow checks the version
    return read_arrow(path, name).to_pandas(types_mapper=_nullable_ints)


def _existing_table_dir(parsed_dir: Path, name: str) -> Path:
    """The table's folder in the snapshot current now (its links resolved once: the parts
    read are all of one snapshot, whatever run switches meanwhile)."""
    if name not in TABLES:
        raise KeyError(f"unknown table {name!r}; known: {list(TABLES)}")
    parsed_dir = Path(parsed_dir)
    path = parsed_dir / name
    if not path.exists():
        raise FileNotFoundError(
            f"no table {name!r} in {parsed_dir}: {path} does not exist. "
            "Is this the output directory of a pipeline run? Run the pipeline with it as output first."
        )
    return path.resolve()


def read_arrow(path: Path, name: str) -> pa.Table:
    """Table ``name`` stored in the dataset directory ``path``, in today's schema."""
    import pyarrow.dataset as ds

    dataset = ds.dataset(path, format="parquet")
    versions = _check_version(path, dataset)
    table = dataset.to_table()
    older = sorted(v for v in versions if v != SCHEMA_VERSION)
    if older:
        try:
            table = conform(name, table)
        except SchemaMismatchError as exc:
            raise SchemaVersionError(
                f"{path} was written with schema version {older[0]}, which this code (schema version "
                f"{SCHEMA_VERSION}) cannot read: {exc}. Re-run `plans ingest --full ARCHIVE_DIR --out "
                f"{path.parent}` with this version to rewrite it."
            ) from None
    return table


def _check_version(path: Path, dataset: ds.Dataset) -> set[str]:
    versions = set()
    for fragment in dataset.get_fragments():
        metadata = fragment.physical_schema.metadata or {}
        raw = metadata.get(SCHEMA_VERSION_KEY)
        if raw is None:
            raise SchemaVersionError(
                f"{fragment.path} has no {SCHEMA_VERSION_KEY.decode()} metadata, so it was not written by "
                f"this pipeline; re-run the pipeline to rewrite {path.parent}."
            )
        version = raw.decode()
        if _newer(version, SCHEMA_VERSION):
            raise SchemaVersionError(
                f"{path} was written with schema version {version}, but this code knows only up to "
                f"version {SCHEMA_VERSION}. Update the pipeline (git pull / pip install -U) to read it, "
                f"or re-run this version of the pipeline to rewrite {path.parent}."
            )
        versions.add(version)
    return versions


def _newer(version: str, ours: str) -> bool:
    """Compare dotted numeric versions ("2" > "1", "1.10" > "1.9"); anything else is a mismatch."""
    try:
        return tuple(int(p) for p in version.split(".")) > tuple(int(p) for p in ours.split("."))
    except ValueError:
        return version != ours


@cache
def _int_dtypes() -> dict:
    import pandas as pd

    return {
        pa.int8(): pd.Int8Dtype(),
        pa.int16(): pd.Int16Dtype(),
        pa.int32(): pd.Int32Dtype(),
        pa.int64(): pd.Int64Dtype(),
    }


def _nullable_ints(arrow_type: pa.DataType) -> object | None:
    return _int_dtypes().get(arrow_type)
