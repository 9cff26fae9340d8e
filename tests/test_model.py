"""The document model: the goal levels declared once (and what the rules name is declared), and
the boxes of items over several lines."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipeline.link.vocabulary import load_vocabulary
from pipeline.model import GOAL_LEVELS, LEVELS_BY_NAME, Line, union_box
from pipeline.rules import load_rules


def test_every_level_says_all_the_stages_need_of_it():
    assert [level.depth for level in GOAL_LEVELS] == list(range(len(GOAL_LEVELS)))
    assert list(LEVELS_BY_NAME) == [level.name for level in GOAL_LEVELS]
    for level in GOAL_LEVELS:
        assert level.name.isascii() and level.name.islower()
        assert level.label and level.key_prefix and level.column
    assert len({level.column for level in GOAL_LEVELS}) == len(GOAL_LEVELS)
    # Keys of two levels may share a prefix only where they are keyed by a KF code.
    prefixes = [level.key_prefix for level in GOAL_LEVELS if not level.is_kf]
    assert len(set(prefixes)) == len(prefixes)
    assert not set(prefixes) & {level.key_prefix for level in GOAL_LEVELS if level.is_kf}


def test_the_kf_levels_are_outermost():
    kf = [level.is_kf for level in GOAL_LEVELS]
    assert kf == sorted(kf, reverse=True) and any(kf) and not all(kf)


def test_the_rules_name_only_declared_levels():
    patterns = load_rules().goal_patterns
    assert {p.level for p in patterns} == set(LEVELS_BY_NAME)
    assert set(load_vocabulary().goals.fuzzy_levels) <= set(LEVELS_BY_NAME)


def test_each_level_is_recognised_by_its_label_as_printed():
    patterns = load_rules().goal_patterns
    for level in GOAL_LEVELS:
        lines = [f"{level.label}: {code}Ett mål" for code in ("", "1 ", "1.3 ")]
        found = {p.level for p in patterns for line in lines if p.pattern.match(line)}
        assert found == {level.name}, level


_coordinate = st.floats(min_value=0, max_value=900, allow_nan=False)
_line = st.builds(
    lambda page, box: Line(
        "x", 1, page, box=None if box is None else (box[0], box[1], box[0] + box[2], box[1] + box[3])
    ),
    st.one_of(st.none(), st.integers(1, 3)),
    st.one_of(st.none(), st.tuples(_coordinate, _coordinate, _coordinate, _coordinate)),
)


@given(st.lists(_line, max_size=8))
def test_union_box_holds_every_box_on_the_page_where_the_item_starts(lines: list[Line]):
    page, box = union_box(lines)
    boxed = [ln for ln in lines if ln.box is not None]
    if not boxed:
        assert box is None and page == (lines[0].page if lines else None)
        return
    assert page == boxed[0].page
    on_page = [ln.box for ln in boxed if ln.page == page]
    assert box == (
        min(b[0] for b in on_page), min(b[1] for b in on_page),
        max(b[2] for b in on_page), max(b[3] for b in on_page),
    )  # fmt: skip
    assert box[0] <= box[2] and box[1] <= box[3]
