"""The shared text helpers: the one form of every text field, and the check that a text is in it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.text import all_collapsed, collapse_ws

#: Texts rich in the whitespace that matters: edges, runs, tabs, line breaks, no-break spaces.
_WHITESPACE_RICH = st.text(alphabet=st.sampled_from("ab| \t\n\u00a0å"), max_size=8)
_TEXTS = st.lists(_WHITESPACE_RICH | st.text(max_size=8), max_size=6)


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_all_collapsed_says_true_only_of_texts_collapse_leaves_alone(texts: list[str]) -> None:
    if all_collapsed(texts):
        assert all(collapse_ws(text) == text for text in texts)


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_all_collapsed_is_exact_for_printable_texts_without_a_bar(texts: list[str]) -> None:
    """Like ``collapse_ws``'s own check it may say False of a text holding a character that is
    not printable (a control character, a line break) or a "|"; nothing else."""
    if not any("|" in text for text in texts):
        assert all_collapsed(texts) == all(collapse_ws(text) == text and text.isprintable() for text in texts)


def test_all_collapsed_of_typical_cells() -> None:
    assert all_collapsed(["Andel nöjda", "90 %", "", "År"])
    assert not all_collapsed(["Andel  nöjda", "90 %"])
    assert not all_collapsed(["Andel nöjda ", "90 %"])
    assert not all_collapsed(["Andel", "\n90 %"])
    assert all_collapsed([])
