"""Word error rate: the words counted, the alignment, and what a repair made wrong."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from plans_dev.measure.wer import Op, WerCounts, align, compare, total, wer, words


def test_words_strip_punctuation_keep_case_and_ocr_stand_ins():
    text = '"Målet" nås, (AMI) • – | varje &r 6kad. 7,9 %'
    assert words(text) == ["Målet", "nås", "AMI", "|", "varje", "&r", "6kad", "7,9", "%"]


def test_align_counts_substitutions_insertions_deletions():
    a = align(["a", "b", "c", "d"], ["a", "x", "c", "d", "e"])
    assert a.distance == 2
    assert a.counts(4) == WerCounts(4, 2, 1, 1, 0)
    assert align(["a", "b"], []).counts(2) == WerCounts(2, 2, 0, 0, 2)


def test_compare_counts_words_the_repair_made_wrong():
    score = compare("I varje år ökar", "| varje ar ökar", "I varje är ökat")
    assert (score.before.errors, score.after.errors, score.made_wrong) == (2, 2, 1)
    assert score.wer_before == score.wer_after == 0.5
    assert score.made_wrong_rate == 0.25
    both = total([score, compare("a b", "a b", "a b")])
    assert (both.n_ref, both.before.errors, both.made_wrong) == (6, 2, 1)


def test_wer_of_identical_text_is_zero():
    text = "Målet nås genom att verksamheterna bygger på trygghet.\nÖkad delaktighet är målet."
    assert wer(text, text).rate == 0.0


_words = st.lists(st.sampled_from(["och", "är", "ar", "år", "för", "for", "I", "|", "6kad"]), max_size=12)


@given(_words, _words)
def test_align_distance_is_symmetric(a, b):
    assert align(a, b).distance == align(b, a).distance


@given(_words, _words)
def test_align_distance_is_zero_iff_equal(a, b):
    assert (align(a, b).distance == 0) == (a == b)


@given(_words, _words)
def test_align_distance_at_most_the_longer_length(a, b):
    assert align(a, b).distance <= max(len(a), len(b))


@given(_words, _words)
def test_align_steps_turn_the_reference_into_the_hypothesis(a, b):
    steps = align(a, b).steps
    assert [a[s.ref] for s in steps if s.ref is not None] == a
    assert [b[s.hyp] for s in steps if s.hyp is not None] == b
    assert all((a[s.ref] == b[s.hyp]) == (s.op is Op.EQUAL) for s in steps if s.op in (Op.EQUAL, Op.SUB))
