"""Property: whatever names and shapes an archive holds (random bytes, newlines, quotes,
names of 255 bytes, names that differ only in Unicode normalisation, dangling links, link
loops, links to folders, FIFOs, nested folders), a run ends, accounts for every entry by
its stored name, leaves the archive as it was, and the next run recognises every file."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.ingestion import ingest
from pipeline.ingestion.manifest import MANIFEST_FILE, read_manifest
from pipeline.ingestion.paths import bytes_of, text_of
from pipeline.store import current_snapshot

KINDS = ("file", "dangling", "loop", "fifo", "folder", "dir_link")
SUFFIXES = (b".txt", b".pdf", b".docx", b"")

name_bytes = st.one_of(
    st.binary(min_size=1, max_size=40),
    st.text(alphabet=st.sampled_from("aåäöÅ \n\"'\\;$*?é"), min_size=1, max_size=20).map(str.encode),
    st.just(b"L" * 250),
).map(lambda raw: raw.replace(b"/", b"_").replace(b"\0", b"_"))


@st.composite
def entries(draw) -> list[tuple[bytes, str]]:
    found: dict[bytes, str] = {}
    for raw in draw(st.lists(name_bytes, min_size=1, max_size=6)):
        name = (raw + draw(st.sampled_from(SUFFIXES)))[:255]
        if name in (b".", b".."):
            continue
        found.setdefault(name, draw(st.sampled_from(KINDS)))
    if draw(st.booleans()):  # the same name in NFC and in NFD: two files, two rows
        word = draw(st.sampled_from(["Hägersten", "Skärholmen", "Älvsjö"]))
        for form in ("NFC", "NFD"):
            found.setdefault(unicodedata.normalize(form, word).encode() + b".txt", "file")
    return sorted(found.items())


def make(archive: Path, shape: list[tuple[bytes, str]]) -> set[str]:
    """Make the entries; return the stored names a run must account for."""
    root = os.fsencode(archive)
    expected: set[str] = set()
    for name, kind in shape:
        path = os.path.join(root, name)
        if kind == "file":
            with open(path, "wb") as fh:
                fh.write(b"Verksamhetsplan " + name)
        elif kind == "dangling":
            os.symlink(b"/nonexistent/" + name[:100], path)
        elif kind == "loop":
            os.symlink(path, path)
        elif kind == "fifo":
            os.mkfifo(path)
        elif kind == "dir_link":
            os.symlink(root, path)
        elif kind == "folder":
            os.mkdir(path)
            with open(os.path.join(path, b"inner.txt"), "wb") as fh:
                fh.write(b"inner " + name)
            if not name.startswith(b"."):
                expected.add(text_of(name + b"/inner.txt"))
            continue
        if not name.startswith(b"."):
            expected.add(text_of(name))
    return expected


def listing(folder: Path) -> list[tuple[bytes, bool]]:
    root = os.fsencode(folder)
    return sorted(
        (os.path.join(d, n), os.path.islink(os.path.join(d, n)))
        for d, ds, fs in os.walk(root)
        for n in ds + fs
    )


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(shape=entries())
def test_every_entry_is_accounted_for_and_the_run_never_stops(tmp_path_factory, shape):
    base = tmp_path_factory.mktemp("shape")
    archive, out = base / "archive", base / "out"
    archive.mkdir()
    expected = make(archive, shape)
    before = listing(archive)
    summary = ingest(archive, out, workers=0, progress=False)
    assert summary.exit_code in (0, 1)
    manifest = read_manifest(current_snapshot(out) / MANIFEST_FILE)
    stored = {e.source_path for e in manifest.entries}
    assert stored == expected
    for name in stored:  # every stored name gives back the exact bytes on disk
        assert os.path.lexists(os.path.join(os.fsencode(archive), bytes_of(name)))
    again = ingest(archive, out, workers=0, progress=False)
    assert (again.parsed, again.moved, again.written) == (0, 0, False)
    assert listing(archive) == before
