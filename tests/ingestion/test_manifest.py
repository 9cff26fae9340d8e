"""The manifest file: written and read back, and a damaged or foreign one rejected (never a
crash), so that a run can fall back to a full rebuild."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.ingestion.manifest import (
    SCHEMA,
    STATUSES,
    Entry,
    Manifest,
    ManifestError,
    from_table,
    read_manifest,
    to_table,
)

SHA = hashlib.sha256(b"plan").hexdigest()
ENTRIES = (
    Entry("a/plan.txt", 120, 1_700_000_000_000_000_000, SHA, "parsed", True, False, "0.1.0+rules.x|text"),
    Entry("a/copy.txt", 120, 1_700_000_000_000_000_001, SHA, "duplicate", True, False, "0.1.0+rules.x|text"),
    Entry("b/ocr.txt", 99, 5, "f" * 64, "parsed", False, True, "0.1.0+rules.x|text", "ctx", None),
    Entry("b/hang.txt", 7, 6, "e" * 64, "failed", True, False, "0.1.0+rules.x|text", None, "timeout=600s"),
    Entry("notes.docx", 4, 7, None, "unsupported"),
)


def write(tmp_path: Path, manifest: Manifest) -> Path:
    path = tmp_path / "_manifest.parquet"
    pq.write_table(to_table(manifest), path)
    return path


def test_round_trip(tmp_path: Path):
    manifest = Manifest(ENTRIES, {"scan_ns": "123", "context": "abc"})
    assert read_manifest(write(tmp_path, manifest)) == manifest


def test_empty_manifest_round_trip(tmp_path: Path):
    assert read_manifest(write(tmp_path, Manifest((), {}))).entries == ()


@pytest.mark.parametrize(
    "bad",
    [
        Entry("x", 1, 1, SHA, "exploded"),
        Entry("x", 1, 1, "not-a-sha", "parsed", settings="s"),
        Entry("x", 1, 1, None, "parsed", settings="s"),
        Entry("x", -1, 1, SHA, "parsed", settings="s"),
        Entry("", 1, 1, None, "unsupported"),
    ],
)
def test_bad_values_are_rejected(tmp_path: Path, bad: Entry):
    with pytest.raises(ManifestError):
        read_manifest(write(tmp_path, Manifest((bad,), {})))


def test_duplicate_paths_and_foreign_files_are_rejected(tmp_path: Path):
    with pytest.raises(ManifestError, match="twice"):
        read_manifest(write(tmp_path, Manifest((ENTRIES[0], ENTRIES[0]), {})))
    plain = tmp_path / "plain.parquet"
    pq.write_table(pa.table({"source_path": ["x"]}), plain)
    with pytest.raises(ManifestError, match="version"):
        read_manifest(plain)


@st.composite
def mutated_bytes(draw, data: bytes) -> bytes:
    """``data`` after a few byte edits: flipped, dropped, inserted, truncated."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(("flip", "drop", "insert", "truncate")))
        if not out:
            break
        i = draw(st.integers(0, len(out) - 1))
        if op == "flip":
            out[i] ^= 1 << draw(st.integers(0, 7))
        elif op == "drop":
            del out[i : i + draw(st.integers(1, 16))]
        elif op == "insert":
            out[i:i] = draw(st.binary(min_size=1, max_size=16))
        else:
            del out[i:]
    return bytes(out)


@pytest.fixture(scope="module")
def valid_bytes(tmp_path_factory) -> bytes:
    return write(tmp_path_factory.mktemp("m"), Manifest(ENTRIES, {"scan_ns": "1"})).read_bytes()


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_damaged_file_is_rejected_or_read_never_a_crash(valid_bytes: bytes, tmp_path: Path, data):
    path = tmp_path / "damaged.parquet"
    path.write_bytes(data.draw(mutated_bytes(valid_bytes)))
    try:
        manifest = read_manifest(path)
    except ManifestError:
        return
    for entry in manifest.entries:  # whatever survives is a valid manifest
        assert entry.status in STATUSES and entry.source_path


_values = {
    "source_path": st.one_of(st.none(), st.text(max_size=8)),
    "size": st.one_of(st.none(), st.integers(-5, 5)),
    "mtime_ns": st.one_of(st.none(), st.integers(-5, 5)),
    "sha256": st.one_of(st.none(), st.just(SHA), st.text(max_size=4)),
    "status": st.one_of(st.none(), st.sampled_from((*STATUSES, "odd"))),
    "present": st.one_of(st.none(), st.booleans()),
    "damaged": st.one_of(st.none(), st.booleans()),
    "settings": st.one_of(st.none(), st.text(max_size=4)),
    "context": st.one_of(st.none(), st.text(max_size=4)),
    "limits": st.one_of(st.none(), st.text(max_size=4)),
}


@given(st.lists(st.fixed_dictionaries(_values), max_size=5))
def test_any_table_with_the_right_columns_is_checked_never_a_crash(rows: list[dict]):
    """Nulls in required columns included (Arrow does not enforce nullability on reading)."""
    table = pa.Table.from_pylist(rows, schema=SCHEMA).replace_schema_metadata(
        to_table(Manifest((), {})).schema.metadata
    )
    try:
        manifest = from_table(table)
    except ManifestError:
        return
    assert all(e.status in STATUSES and e.source_path and e.size >= 0 for e in manifest.entries)
