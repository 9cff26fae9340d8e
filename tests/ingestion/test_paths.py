"""The stored form of a file name: valid UTF-8, readable, and the exact bytes come back."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from pipeline.ingestion.paths import archive_root, bytes_of, real_path, stored_path, text_of
from pipeline.text import printable


@given(st.binary(max_size=300))
def test_any_bytes_survive_the_stored_form(raw: bytes):
    text = text_of(raw)
    text.encode("utf-8")  # fits a Parquet string
    assert bytes_of(text) == raw
    assert text_of(os.fsdecode(raw)) == text  # the same name, as str or bytes


@given(st.text(max_size=100))
def test_utf8_names_without_backslashes_are_stored_as_they_are(name: str):
    name = name.replace("\\", "")
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates are no name
        return
    assert text_of(name.encode("utf-8")) == name


def test_examples():
    assert text_of(b"Bilaga_H\xe4gersten.docx") == "Bilaga_H\\xe4gersten.docx"
    assert text_of("Hägersten\\x.txt".encode()) == "Hägersten\\\\x.txt"  # not mistaken for an escape
    assert bytes_of("Hägersten\\\\xe4.txt") == "Hägersten\\xe4.txt".encode()


def test_stored_paths_are_relative_to_the_archive_root(tmp_path: Path):
    archive = tmp_path / "archive"
    name = os.fsdecode(b"unit/H\xe4gersten.txt")
    (archive / "unit").mkdir(parents=True)
    (archive / name).write_text("x")
    root = archive_root(archive)
    stored = stored_path(archive / name, root)
    assert stored == "unit/H\\xe4gersten.txt"
    assert real_path(stored, root).read_text() == "x"
    assert archive_root(archive / name) == archive / "unit"  # one file: its folder


@given(st.text(max_size=50))
def test_printable_makes_any_str_fit_utf8(text: str):
    printable(text).encode("utf-8")
