"""The spool and caches (write-once files that a torn write can only make unreadable), and
the repair context built from per-document counts in any order."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ingestion import context
from pipeline.ingestion.cache import FileCache, to_ipc
from pipeline.ingestion.work import word_counts

TEXTS = [
    "Nämnden ska öka andelen ekologiska livsmedel.\n\nAndelen ska vara 80 % år 2026.",
    "Enheten arbetar med ökad trygghet. Trygghet i boendet är målet.",
    "Andelen nöjda brukare ska öka.\n\nUppföljning sker per tertial.",
]


def test_cache_round_trip_retain_and_clear(tmp_path: Path):
    cache = FileCache(tmp_path / "c")
    assert cache.get("a") is None and cache.keys() == set()
    cache.put("a", {"x": 1})
    cache.put_bytes("b", b"raw")
    (tmp_path / "c" / ".tmp-leftover").write_bytes(b"half")
    assert cache.get("a") == {"x": 1} and cache.get_bytes("b") == b"raw" and cache.keys() == {"a", "b"}
    assert cache.retain({"a"}) == 2  # "b" and the leftover temporary file
    assert sorted(p.name for p in (tmp_path / "c").iterdir()) == ["a.pkl"]
    cache.clear()
    assert not (tmp_path / "c").exists()


def test_values_are_stored_compressed_and_older_bare_pickles_still_read(tmp_path: Path):
    import pickle

    cache = FileCache(tmp_path)
    value = {"lines": [f"{TEXTS[0]} {i}" for i in range(200)]}
    cache.put("a", value)
    assert cache.path("a").stat().st_size < len(pickle.dumps(value)) / 5
    cache.put_bytes("old", pickle.dumps(value))  # as outputs written before compression hold it
    assert cache.get("a") == value == cache.get("old")


@settings(max_examples=100)
@given(st.binary(max_size=64))
def test_torn_compressed_entries_are_misses(tmp_path_factory, tail: bytes):
    cache = FileCache(tmp_path_factory.mktemp("c"))
    cache.put("k", {"x": TEXTS})
    whole = cache.get_bytes("k")
    cache.put_bytes("k", whole[: len(whole) // 2] + tail)
    assert cache.get("k") in (None, {"x": TEXTS})


def test_cache_refuses_keys_that_are_paths(tmp_path: Path):
    with pytest.raises(ValueError):
        FileCache(tmp_path).put("../escape", 1)


@settings(max_examples=200)
@given(st.binary(max_size=200))
def test_unreadable_entries_are_misses_not_crashes(tmp_path_factory, data: bytes):
    cache = FileCache(tmp_path_factory.mktemp("c"))
    cache.put_bytes("k", data)
    cache.get("k")  # a value or None; never raises
    assert context.from_ipc(data) is None or context.from_ipc(data).num_rows >= 0


def test_counts_survive_the_cache_format():
    counts = word_counts(TEXTS[0])
    assert context.from_ipc(to_ipc(counts)).equals(counts)


@given(st.permutations(range(len(TEXTS))))
def test_context_does_not_depend_on_the_order_of_documents(order: list[int]):
    reference = context.build(word_counts(t) for t in TEXTS)
    model = context.build(word_counts(TEXTS[i]) for i in order)
    assert list(model.unigrams.items()) == list(reference.unigrams.items())
    assert list(model.bigrams.items()) == list(reference.bigrams.items())
    assert model.total == reference.total


def test_context_sums_the_counts_of_the_documents():
    model = context.build(word_counts(t) for t in TEXTS)
    assert (model.unigrams["andelen"], model.unigrams["trygghet"]) == (2 + 1, 2)
    assert model.bigrams[("ska", "öka")] == 1 + 1  # once in the first text, once in the third
    assert ("vara", "<num>") in model.bigrams  # numbers are one pseudo-word


def test_fingerprint_is_a_set_fingerprint():
    assert (
        context.fingerprint(["b", "a", "a"]) == context.fingerprint(["a", "b"]) != context.fingerprint(["a"])
    )


def test_drift_is_the_share_of_words_added_and_removed():
    kept = {"a": 100, "b": 300}
    assert context.drift(kept, {"a": None, "b": None}) == 0.0
    assert context.drift(kept, {"a": None}) == 0.75  # b's 300 of 400 words left
    assert context.drift(kept, {"a": None, "b": None, "c": 40}) == 0.1
    assert context.drift(kept, {"a": None, "b": None, "c": None}) == 0.5  # unknown: the average
    assert context.drift({}, {"a": 1}) == 1.0


def test_a_kept_context_round_trips(tmp_path: Path):
    store = context.ContextStore(tmp_path)
    summed = context.total(word_counts(t) for t in TEXTS)
    store.put("abc", summed, {"k1": 3, "k2": 5})
    assert store.has("abc") and not store.has("abd")
    assert store.load("abc").equals(summed)
    assert store.load_members("abc") == {"k1": 3, "k2": 5}
    built = context.build(word_counts(t) for t in TEXTS)
    assert context.model_of(store.load("abc")).unigrams == built.unigrams
    assert context.model_at(store.path("abc")).bigrams == built.bigrams  # what a worker reads
    store.retain([])
    assert not store.has("abc") and store.load("abc") is None


def test_a_worker_keeps_its_result_and_sends_the_parent_only_its_front_rows(tmp_path: Path):
    from datetime import UTC, datetime

    from archives import make_archive

    from pipeline.extract import ExtractOptions
    from pipeline.ingestion.scan import sha256_of
    from pipeline.ingestion.work import ANALYSE, DocTask, Stores, handle, settings_for
    from pipeline.version import parser_version

    plan = make_archive(tmp_path / "archive", 1, seed=41, damaged_every=0)[0]
    stores = Stores(*(str(tmp_path / name) for name in ("spool", "counts", "sources")))
    settings = settings_for(plan.name, parser_version(), ExtractOptions())
    task = DocTask(
        ANALYSE, plan.name, sha256_of(plan), settings, parser_version(), ExtractOptions(),
        datetime.now(UTC), read_path=str(plan), stores=stores, spool_key="a-plan",
    )  # fmt: skip
    slim = handle(task, {})
    whole = FileCache(tmp_path / "spool").get("a-plan")
    assert slim.spooled == "a-plan" and slim.tables == {} and slim.counts is None
    assert whole.tables["goals"].num_rows > 0 and whole.spooled is None
    assert slim.rows == {name: whole.tables[name].to_pylist() for name in ("documents", "problems")}
    counts = context.from_ipc(FileCache(tmp_path / "counts", ".arrow").get_bytes(slim.key))
    assert counts is not None and context.words(counts) > 100
