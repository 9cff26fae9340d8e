"""Incremental ingest: after any change to the archive, a run ends where a full run over the
same archive with the same repair context ends (run-time columns aside), and parses only what
it has to.

Most runs here parse in-process (``workers=0``) to keep the tests fast; the process pool,
the kill tests and the Dask test check that the other runners give the same tables.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
from archives import assert_same_tables, make_archive

import pipeline
from pipeline.ingestion import ingest
from pipeline.ingestion.context import ContextSettings
from pipeline.ingestion.manifest import MANIFEST_FILE, read_manifest
from pipeline.rules import load_rules, rules_dir, rules_fingerprint
from pipeline.store import current_snapshot, read_table, writer


def run(archive: Path, out: Path, **kwargs) -> pipeline.ingestion.IngestSummary:
    kwargs.setdefault("workers", 0)
    return ingest(archive, out, progress=False, **kwargs)


def full_reference(archive: Path, tmp_path: Path, name: str = "reference") -> Path:
    out = tmp_path / name
    run(archive, out, full=True)
    return out


def rel(archive: Path, path: Path) -> str:
    """How the tables name ``path``: relative to the archive root."""
    return path.relative_to(archive).as_posix()


def manifest_of(out: Path):
    return {e.source_path: e for e in read_manifest(current_snapshot(out) / MANIFEST_FILE).entries}


def test_unchanged_archive_is_not_parsed_and_not_rewritten(archive: Path, tmp_path: Path):
    out = tmp_path / "out"
    first = run(archive, out)
    assert (first.files, first.documents, first.parsed, first.written) == (12, 12, 12, True)
    snapshot = current_snapshot(out)
    again = run(archive, out)
    assert (again.parsed, again.unchanged, again.written) == (0, 12, False)
    assert current_snapshot(out) == snapshot
    assert again.documents == 12 and again.goals == first.goals


def test_changed_file_replaces_its_rows(archive: Path, tmp_path: Path):
    out = tmp_path / "out"
    run(archive, out)
    target = sorted(archive.rglob("*.txt"))[0]
    old_id = read_table(out, "documents").set_index("source_path").loc[rel(archive, target), "doc_id"]
    target.write_text(
        target.read_text(encoding="utf-8").replace("Verksamhetsplan", "Verksamhetsplan (rev)", 1)
    )
    summary = run(archive, out)
    assert summary.parsed >= 1 and summary.unchanged <= 11
    docs = read_table(out, "documents")
    assert old_id not in set(docs.doc_id) and len(docs) == 12
    for table in ("goals", "goal_sections", "indicators", "activities", "sections"):
        assert old_id not in set(read_table(out, table).doc_id)
    assert_same_tables(out, full_reference(archive, tmp_path))


def test_moved_file_keeps_its_rows_under_the_new_path(archive: Path, tmp_path: Path):
    out = tmp_path / "out"
    run(archive, out)
    before = read_table(out, "goals")
    source = sorted(archive.rglob("*.txt"))[1]
    moved = archive / "elsewhere" / "renamed.txt"
    moved.parent.mkdir()
    shutil.move(source, moved)
    summary = run(archive, out)
    assert (summary.parsed, summary.moved) == (0, 1)
    docs = read_table(out, "documents")
    assert rel(archive, moved) in set(docs.source_path) and rel(archive, source) not in set(docs.source_path)
    # The same rows, now in the part of the new path (parts are cut by path).
    by_goal = ["doc_id", "goal_id"]
    pd.testing.assert_frame_equal(
        read_table(out, "goals").sort_values(by_goal, ignore_index=True),
        before.sort_values(by_goal, ignore_index=True),
    )
    assert_same_tables(out, full_reference(archive, tmp_path))


def test_deleted_file_is_kept_by_default_and_removed_with_prune(archive: Path, tmp_path: Path):
    out = tmp_path / "out"
    run(archive, out)
    gone = sorted(archive.rglob("*.txt"))[4]
    gone_id = read_table(out, "documents").set_index("source_path").loc[rel(archive, gone), "doc_id"]
    assert not manifest_of(out)[rel(archive, gone)].damaged
    gone.unlink()
    kept = run(archive, out)
    # Only the three damaged plans are parsed again: a deleted plan no longer teaches repair.
    assert (kept.parsed, kept.kept_deleted, kept.documents) == (3, 1, 12)
    assert gone_id in set(read_table(out, "goals").doc_id)
    assert manifest_of(out)[rel(archive, gone)].present is False
    pruned = run(archive, out, prune=True)
    assert (pruned.removed, pruned.documents) == (1, 11)
    assert gone_id not in set(read_table(out, "goals").doc_id)
    assert rel(archive, gone) not in manifest_of(out)
    assert_same_tables(out, full_reference(archive, tmp_path))


def test_copy_sorted_first_takes_the_rows_and_the_other_is_the_duplicate(archive: Path, tmp_path: Path):
    out = tmp_path / "out"
    run(archive, out)
    original = sorted(archive.rglob("*.txt"))[2]
    copy = archive / "a_first" / "copy.txt"
    copy.parent.mkdir()
    shutil.copy(original, copy)
    summary = run(archive, out)
    assert summary.parsed == 0
    problems = read_table(out, "problems")
    (dup,) = problems[problems.code == "duplicate_content"].itertuples()
    assert dup.source_path == rel(archive, original) and rel(archive, copy) in dup.message
    assert rel(archive, copy) in set(read_table(out, "documents").source_path)
    assert_same_tables(out, full_reference(archive, tmp_path))


def test_new_clean_plan_changes_the_repair_context_and_damaged_plans_are_repaired_again(
    archive: Path, tmp_path: Path
):
    out = tmp_path / "out"
    run(archive, out)
    damaged = {p for p, e in manifest_of(out).items() if e.damaged}
    assert len(damaged) == 3  # every fourth plan of the archive
    make_archive(archive / "new", 2, seed=77, damaged_every=0)
    summary = run(archive, out)
    assert summary.parsed == 2 + len(damaged)  # the new plans, and the damaged ones again
    contexts = {manifest_of(out)[p].context for p in damaged}
    assert len(contexts) == 1 and contexts != {None}
    assert_same_tables(out, full_reference(archive, tmp_path))


def test_a_small_change_keeps_the_repair_context_and_repairs_nothing_again(archive: Path, tmp_path: Path):
    """A changed clean plan moves the counts by less than the drift limit: the damaged plans
    keep their rows, and the tables are those of a full run with the same context."""
    out = tmp_path / "out"
    first = run(archive, out)
    clean = next(p for p, e in sorted(manifest_of(out).items()) if not e.damaged)
    path = archive / clean
    path.write_text(path.read_text(encoding="utf-8") + "\nReviderad i december.\n", encoding="utf-8")
    tolerant = ContextSettings(rebuild_drift=0.5)  # one plan of twelve is 1/9 of the context's words
    summary = run(archive, out, context=tolerant)
    assert (summary.parsed, summary.repaired, summary.context_rebuilt) == (1, 0, False)
    assert summary.context == first.context and 0 < summary.context_drift < 0.5
    reference = tmp_path / "reference"
    shutil.copytree(out, reference, symlinks=True)
    again = run(archive, reference, full=True, context=tolerant)
    assert again.context == first.context and again.repaired == 3
    assert_same_tables(out, reference)


def test_drift_beyond_the_limit_rebuilds_the_context_and_repairs_again(archive: Path, tmp_path: Path):
    out = tmp_path / "out"
    first = run(archive, out)
    clean = next(p for p, e in sorted(manifest_of(out).items()) if not e.damaged)
    path = archive / clean
    path.write_text(path.read_text(encoding="utf-8") + "\nReviderad i december.\n", encoding="utf-8")
    summary = run(archive, out, context=ContextSettings(rebuild_drift=0.01))
    assert summary.context_rebuilt and summary.context != first.context
    assert summary.repaired == 3 and summary.context_drift >= 0.01
    assert_same_tables(out, full_reference(archive, tmp_path))
    forced = run(archive, out, context=ContextSettings(rebuild=True))
    # The same clean plans: the same context.
    assert forced.repaired == 0 and forced.context == summary.context


def test_new_parser_version_reparses_everything(archive: Path, tmp_path: Path, monkeypatch):
    out = tmp_path / "out"
    run(archive, out)
    rules = tmp_path / "rules"
    shutil.copytree(rules_dir(), rules)
    with open(rules / "headings.toml", "a", encoding="utf-8") as fh:
        fh.write("\n# a comment changes the rules fingerprint, so the parser version\n")
    monkeypatch.setenv("PLANS_RULES_DIR", str(rules))
    for cached in (rules_fingerprint, load_rules):
        cached.cache_clear()
    try:
        summary = run(archive, out)
        assert (summary.parsed, summary.unchanged) == (12, 0)
        assert set(read_table(out, "documents").parser_version) == {pipeline.parser_version()}
        assert run(archive, out).parsed == 0
    finally:
        monkeypatch.undo()
        for cached in (rules_fingerprint, load_rules):
            cached.cache_clear()


def test_touched_file_is_hashed_not_parsed(archive: Path, tmp_path: Path):
    out = tmp_path / "out"
    run(archive, out)
    before = read_table(out, "indicators")
    target = sorted(archive.rglob("*.txt"))[3]
    os.utime(target, ns=(1_000_000_000, 1_000_000_000))
    summary = run(archive, out)
    assert summary.parsed == 0 and summary.written  # the manifest records the new mtime
    assert manifest_of(out)[rel(archive, target)].mtime_ns == 1_000_000_000
    pd.testing.assert_frame_equal(read_table(out, "indicators"), before)


def test_full_reparses_everything(archive: Path, tmp_path: Path):
    out = tmp_path / "out"
    run(archive, out)
    summary = run(archive, out, full=True)
    assert (summary.parsed, summary.unchanged, summary.written) == (12, 0, True)


def test_output_of_an_older_schema_version_is_rebuilt_fully(
    archive: Path, tmp_path: Path, monkeypatch, capsys
):
    out = tmp_path / "out"
    monkeypatch.setattr(writer, "SCHEMA_VERSION", "1")
    run(archive, out)
    monkeypatch.undo()
    summary = run(archive, out)
    assert summary.parsed == 12
    assert "schema version 1" in capsys.readouterr().err
    assert run(archive, out).parsed == 0
    assert_same_tables(out, full_reference(archive, tmp_path))


def test_output_without_manifest_is_rebuilt_fully(archive: Path, tmp_path: Path, capsys):
    out = tmp_path / "out"
    run(archive, out)
    (current_snapshot(out) / MANIFEST_FILE).unlink()  # as written before incremental ingest
    assert run(archive, out).parsed == 12
    assert "no manifest" in capsys.readouterr().err


def test_a_sequence_of_changes_ends_like_a_full_run(tmp_path: Path):
    """Several nights of an archive: adds, edits, moves, copies and deletions (pruned)."""
    archive, out = tmp_path / "archive", tmp_path / "out"
    paths = make_archive(archive, 10, seed=11)
    run(archive, out)
    make_archive(archive / "2026", 4, seed=12)
    paths[0].write_text(paths[0].read_text(encoding="utf-8") + "\nÖvrigt\n", encoding="utf-8")
    run(archive, out, prune=True)
    shutil.move(paths[1], archive / "2026" / "moved.txt")
    shutil.copy(paths[2], archive / "aaa.txt")
    paths[3].unlink()
    (archive / "notes.xlsx").write_bytes(b"PK\x03\x04")
    (archive / "empty.txt").write_bytes(b"")
    run(archive, out, prune=True)
    paths[5].write_text("Mjölk\nBröd\n", encoding="utf-8")
    (archive / "empty2.txt").write_bytes(b"")
    last = run(archive, out, prune=True)
    # The changed plan, and the damaged ones (a clean plan less to learn from); the new empty
    # file has the content of a known one.
    damaged = sum(e.damaged for e in manifest_of(out).values())
    assert damaged and last.parsed == 1 + damaged
    assert_same_tables(out, full_reference(archive, tmp_path))


def test_output_inside_the_archive_is_not_read_as_input(archive: Path):
    out = archive / "parsed"
    first = run(archive, out)
    assert (first.files, first.documents) == (12, 12)
    again = run(archive, out)
    assert (again.files, again.parsed, again.written) == (12, 0, False)
    assert not len(read_table(out, "problems"))


def test_deleting_the_kept_copy_moves_the_rows_to_the_other(archive: Path, tmp_path: Path):
    out = tmp_path / "out"
    original = sorted(archive.rglob("*.txt"))[2]
    first = archive / "a_first" / "copy.txt"
    first.parent.mkdir()
    shutil.copy(original, first)
    run(archive, out)
    assert rel(archive, first) in set(read_table(out, "documents").source_path)
    first.unlink()
    summary = run(archive, out)
    assert (summary.parsed, summary.moved, summary.kept_deleted) == (0, 1, 0)
    assert rel(archive, original) in set(read_table(out, "documents").source_path)
    assert not len(read_table(out, "problems"))
    assert_same_tables(out, full_reference(archive, tmp_path))
