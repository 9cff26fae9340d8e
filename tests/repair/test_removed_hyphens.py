"""Hyphens an exporter removed at a line end, put back before a conjunction."""

from __future__ import annotations

from pipeline.model import Line
from pipeline.repair.hyphens import restore_removed_hyphens

KNOWN = {"växt", "djurliv", "och", "verksamheten", "verksam", "gemensamt"}.__contains__


def _restore(*texts: str) -> list[str]:
    lines = [Line(t, n + 1) for n, t in enumerate(texts)]
    restore_removed_hyphens(lines, KNOWN)
    return [ln.text for ln in lines]


def test_pdfium_marked_join_before_a_conjunction_keeps_its_hyphen():
    assert _restore("ett rikt växt\ufffeoch djurliv") == ["ett rikt växt- och djurliv"]


def test_pdfium_marked_join_inside_a_word_is_one_word():
    assert _restore("i verksam\ufffeheten") == ["i verksamheten"]


def test_word_glued_to_och_is_split_only_when_the_lexicon_says_so():
    assert _restore("ett rikt växtoch djurliv") == ["ett rikt växt- och djurliv"]
    assert _restore("Enoch och gemensamt") == ["Enoch och gemensamt"]
