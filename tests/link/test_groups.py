"""Grouping goals across documents: equal keys, edited wording, and never two goals of one plan."""

from __future__ import annotations

import random

from pipeline.link.groups import GoalItem, comparable, group_goals, group_titles, similarity
from pipeline.link.keys import goal_key
from pipeline.link.vocabulary import GoalLinking, load_vocabulary
from plans_dev.synth.content import TOPICS

# A synthetic committee goal and an edit of it of the kind made between years.
TITLE = "Invånarna i stadsdelsområdet kan ta del av ett brett och tillgängligt kulturutbud"
EDITED = "Invånarna i stadsdelsområdet kan ta del av ett brett kulturutbud och ett rikt föreningsliv"
STRICT = GoalLinking(fuzzy_levels=("namndmal",), threshold=80.0, same_kf_threshold=65.0)


def _item(doc: str, gid: str, title: str, kf: str | None = None, level: str = "namndmal", year: int = 2026):
    return GoalItem(doc, gid, level, goal_key(level, None, title), title, kf, year)


def _edit(title: str) -> str:
    """One content word dropped: an edit of the kind made between years."""
    words = title.split()
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    return " ".join(words[:longest] + words[longest + 1 :])


def test_same_wording_is_one_group_and_damage_does_not_split_it():
    title = TOPICS["miljo"].namnd[0]
    items = [
        _item("a", "G1", title),
        _item("b", "G7", title + "."),
        _item("c", "G3", title.replace("ä", "a").replace("ö", "6")),
    ]
    group_of = group_goals(items, STRICT).group_of
    assert len({group_of[i.goal_key] for i in items}) == 1


def test_edited_wording_links_under_the_same_kf_goal_only_when_alike():
    title = TITLE
    edited = EDITED
    score = similarity(comparable(title), comparable(edited))
    assert STRICT.same_kf_threshold <= score < STRICT.threshold  # the KF rule decides
    same_kf = [_item("a", "G1", title, "1.5", year=2023), _item("b", "G2", edited, "1.5")]
    other_kf = [_item("a", "G1", title, "1.5", year=2023), _item("b", "G2", edited, "3.1")]
    grouping = group_goals(same_kf, STRICT)
    assert len(set(grouping.group_of.values())) == 1
    assert [round(link.score) for link in grouping.links] == [round(score)]
    assert len(set(group_goals(other_kf, STRICT).group_of.values())) == 2


def test_two_goals_of_one_plan_never_share_a_group():
    """b states both wordings; a link through a's goal must not merge them."""
    title = TOPICS["miljo"].namnd[0]
    edited = _edit(title)
    assert similarity(comparable(title), comparable(edited)) >= STRICT.threshold
    items = [_item("a", "G1", title), _item("b", "G1", title), _item("b", "G2", edited)]
    grouping = group_goals(items, STRICT)
    assert grouping.group_of[items[1].goal_key] != grouping.group_of[items[2].goal_key]
    assert len(grouping.refused) == 1


def test_different_synthetic_goals_stay_apart_with_the_configured_thresholds():
    """Every Nämndmål of the synthetic vocabulary in its own plan, all under one KF code: the
    hardest case for precision. Different wordings must not link."""
    titles = sorted({t for topic in TOPICS.values() for t in topic.namnd})
    items = [_item(f"d{i}", "G1", t, "1.1") for i, t in enumerate(titles)]
    group_of = group_goals(items, load_vocabulary().goals).group_of
    assert len(set(group_of.values())) == len(titles)


def test_group_ids_do_not_depend_on_the_order_of_the_goals():
    titles = [t for topic in TOPICS.values() for t in topic.namnd[:2]]
    items = [_item(f"d{i % 5}", f"G{i}", t, "2.1") for i, t in enumerate(titles)]
    items += [_item(f"e{i}", "G1", _edit(t), "2.1") for i, t in enumerate(titles[:8])]
    expected = group_goals(items, STRICT).group_of
    for seed in range(5):
        shuffled = list(items)
        random.Random(seed).shuffle(shuffled)
        assert group_goals(shuffled, STRICT).group_of == expected
    # the id of a group is its smallest key
    members: dict[str, set[str]] = {}
    for key, group in expected.items():
        members.setdefault(group, set()).add(key)
    assert all(group == min(keys) for group, keys in members.items())


def test_kf_and_enhetsmal_are_not_fuzzy_linked():
    title = TOPICS["miljo"].namnd[0]
    items = [
        _item("a", "G1", title, "2.1", level="enhetsmal"),
        _item("b", "G1", _edit(title), "2.1", level="enhetsmal"),
    ]
    assert len(set(group_goals(items, STRICT).group_of.values())) == 2


def test_group_title_is_the_most_common_wording_latest_year_on_a_tie():
    items = [_item("a", "G1", TITLE, "1.5", year=2023), _item("b", "G1", EDITED, "1.5", year=2026)]
    group_of = group_goals(items, STRICT).group_of
    assert list(group_titles(items, group_of).values()) == [EDITED]
    items.append(_item("c", "G1", TITLE, "1.5", year=2024))
    assert list(group_titles(items, group_goals(items, STRICT).group_of).values()) == [TITLE]


def test_reworded_goals_link_through_their_lemmas():
    """ "Ökad trygghet" and "öka tryggheten" are the same lemmas: linked without the KF rule,
    though the written wordings are not alike enough."""
    title = "Barnen får ökad trygghet"
    reworded = "Barns trygghet ökar"
    assert similarity(comparable(title), comparable(reworded)) < STRICT.threshold
    items = [_item("a", "G1", title, "1.4", year=2023), _item("b", "G2", reworded, "3.1")]
    assert len(set(group_goals(items, STRICT).group_of.values())) == 1


def test_lemma_overlap_links_only_under_the_same_kf_goal():
    """All content lemmas of the shorter wording in the longer one: the same goal, reworded,
    when both stand under one KF goal; not across KF goals."""
    settings = GoalLinking(("namndmal",), 80.0, 65.0, same_kf_lemma_overlap=80.0)
    title = "Enheten har en god beredskap för kriser och oväntade händelser"
    reworded = "Enheten har en god krisberedskap i alla verksamheter"
    shorter = "Enheten har en god beredskap i alla verksamheter"
    assert similarity(comparable(title), comparable(shorter)) < settings.same_kf_threshold
    same = [_item("a", "G1", title, "3.5", year=2023), _item("b", "G2", shorter, "3.5")]
    assert len(set(group_goals(same, settings).group_of.values())) == 1
    other = [_item("a", "G1", title, "3.5", year=2023), _item("b", "G2", shorter, "3.1")]
    assert len(set(group_goals(other, settings).group_of.values())) == 2
    # "krisberedskap" is another lemma than "beredskap": no overlap of the content words
    unlike = [_item("a", "G1", title, "3.5", year=2023), _item("b", "G2", reworded, "3.5")]
    assert len(set(group_goals(unlike, settings).group_of.values())) == 2
