"""The caches under ``<out>/_cache`` stay bounded: entries no present file needs go after a
run, the oldest others go past the cache limit, and a run that needs an entry gone parses its
document again and ends where a full run ends."""

from __future__ import annotations

from pathlib import Path

from archives import assert_same_tables, make_archive

from pipeline.ingestion import ingest
from pipeline.ingestion.cache import FileCache, bound
from pipeline.ingestion.manifest import MANIFEST_FILE, read_manifest
from pipeline.ingestion.work import content_key
from pipeline.store import current_snapshot


def caches(out: Path) -> tuple[FileCache, FileCache]:
    return FileCache(out / "_cache" / "counts", ".arrow"), FileCache(out / "_cache" / "sources")


def cache_bytes(out: Path) -> int:
    return sum(p.stat().st_size for p in (out / "_cache").rglob("*") if p.is_file())


def test_bound_deletes_the_oldest_entries_first(tmp_path: Path):
    import os

    cache = FileCache(tmp_path)
    for age, key in enumerate(["new", "mid", "old"]):
        cache.put_bytes(key, b"x" * 100)
        os.utime(cache.path(key), ns=(10**18 - age * 10**9, 10**18 - age * 10**9))
    assert bound([cache], 250) == (200, 1) and cache.keys() == {"new", "mid"}
    assert bound([cache], 250, other=100) == (200, 1) and cache.keys() == {"new"}
    assert bound([cache], 10**6) == (100, 0)


def test_cache_keeps_only_what_present_files_need_within_its_limit(tmp_path: Path):
    archive, out = tmp_path / "archive", tmp_path / "out"
    paths = make_archive(archive, 8, seed=31)  # every 4th damaged
    ingest(archive, out, workers=0, progress=False)
    by_path = read_manifest(current_snapshot(out) / MANIFEST_FILE).by_path()
    entry = {p: by_path[p.relative_to(archive).as_posix()] for p in paths}
    key = {p: content_key(e.sha256, e.settings) for p, e in entry.items()}
    damaged = {p for p in paths if entry[p].damaged}
    counts, sources = caches(out)
    assert counts.keys() == {key[p] for p in paths if p not in damaged}
    assert sources.keys() == {key[p] for p in damaged}

    # A deleted file's rows go (--prune), and its cached counts with them.
    gone = next(p for p in paths if p not in damaged)
    gone.unlink()
    ingest(archive, out, workers=0, progress=False, prune=True)
    assert not counts.has(key[gone]) and len(counts.keys()) == len(paths) - len(damaged) - 1

    # Past the limit the oldest entries go, and the run says so.
    limit = cache_bytes(out) // 2
    edited = next(p for p in paths if p not in damaged and p != gone)
    edited.write_text(edited.read_text(encoding="utf-8") + "\nÖvrigt\n", encoding="utf-8")
    summary = ingest(archive, out, workers=0, progress=False, cache_limit=limit)
    assert summary.cache_evicted > 0 and summary.cache_bytes <= limit and cache_bytes(out) <= limit

    # The next change rebuilds the context: the counts that went are counted again, the
    # damaged documents whose texts went are read again from their files, and the run ends
    # where a full run with the same context ends.
    again = next(p for p in paths if p not in damaged and p not in (gone, edited))
    again.write_text(again.read_text(encoding="utf-8") + "\nÖvrigt\n", encoding="utf-8")
    rebuilt = ingest(archive, out, workers=0, progress=False)
    assert rebuilt.context_rebuilt and rebuilt.repaired == len(damaged)
    assert len(counts.keys()) == len(paths) - len(damaged) - 1  # counted again, and kept
    reference = tmp_path / "reference"
    ingest(archive, reference, workers=0, progress=False, full=True)
    assert_same_tables(out, reference)
