"""``goal_groups`` and ``goal_links``: ``pipeline.link.groups`` run on a catalog.

They are tables of the in-memory connection (computed in Python when linked), not views:
call ``link_goals`` again with other thresholds to replace them.
"""

from __future__ import annotations

import dataclasses

import duckdb
import pandas as pd

from pipeline.link.groups import GoalItem, group_goals, group_titles
from pipeline.link.keys import goal_key
from pipeline.link.vocabulary import load_vocabulary

_ITEMS_SQL = """
WITH title_lemmas AS (
    SELECT doc_id, goal_id, list([lemma, surface] ORDER BY position) AS words
    FROM terms WHERE source = 'goals' GROUP BY doc_id, goal_id
)
SELECT p.doc_id, p.goal_id, p.level, p.code, p.title, p.goal_key, p.kf_nearest_code, p.plan_year, l.words,
       EXISTS (SELECT 1 FROM terms t WHERE t.doc_id = p.doc_id) AS indexed
FROM goal_paths p LEFT JOIN title_lemmas l USING (doc_id, goal_id)
ORDER BY p.doc_id, p.ordinal
"""


#: What the columns of ``goal_groups`` and ``goal_links`` hold (see ``link_goals``).
LINK_COLUMNS: dict[str, str] = {
    "goal_groups.group_id": "the group: the smallest goal_key among its goals",
    "goal_groups.group_title": "the group's most common wording",
    "goal_groups.group_docs": "documents with a goal in the group",
    "goal_groups.linked": "key: the group's goals share one goal_key; fuzzy: wordings linked by similarity",
    "goal_links.key_a": "one goal_key of the link",
    "goal_links.key_b": "the other goal_key",
    "goal_links.score": "how alike the wordings are (rapidfuzz, 0-100)",
    "goal_links.group_id": "the group the link joined",
}


def link_goals(
    con: duckdb.DuckDBPyConnection,
    threshold: float | None = None,
    same_kf_threshold: float | None = None,
    fuzzy_levels: tuple[str, ...] | None = None,
) -> duckdb.DuckDBPyRelation:
    """Group the goals of the catalog and (re)create the tables

    - ``goal_groups``: one row per goal: doc_id, goal_id, level, goal_key, group_id (the
      smallest goal_key of the group), group_title (its most common wording), group_docs
      (documents in the group), linked ("key" when all members share one key, else "fuzzy");
    - ``goal_links``: the fuzzy links that joined two keys, with their scores.

    Thresholds default to ``rules/linking.toml``; returns the ``goal_groups`` relation.
    """
    settings = load_vocabulary().goals
    settings = dataclasses.replace(
        settings,
        threshold=settings.threshold if threshold is None else float(threshold),
        same_kf_threshold=settings.same_kf_threshold
        if same_kf_threshold is None
        else float(same_kf_threshold),
        fuzzy_levels=settings.fuzzy_levels if fuzzy_levels is None else tuple(fuzzy_levels),
    )
    items = [
        GoalItem(
            doc_id=doc_id,
            goal_id=goal_id,
            level=level,
            goal_key=key or goal_key(level, code, title),  # files older than the key column
            title=title,
            kf_code=kf_code,
            plan_year=year,
            # the lemma index; a document without one (older output) has its titles lemmatised
            words=tuple((lemma, form) for lemma, form in words or ()) if indexed else None,
        )
        for doc_id, goal_id, level, code, title, key, kf_code, year, words, indexed in con.execute(
            _ITEMS_SQL
        ).fetchall()
    ]
    grouping = group_goals(items, settings)
    titles = group_titles(items, grouping.group_of)
    keys_in: dict[str, set[str]] = {}
    docs_in: dict[str, set[str]] = {}
    for item in items:
        group = grouping.group_of[item.goal_key]
        keys_in.setdefault(group, set()).add(item.goal_key)
        docs_in.setdefault(group, set()).add(item.doc_id)
    groups = pd.DataFrame(
        {
            "doc_id": [i.doc_id for i in items],
            "goal_id": [i.goal_id for i in items],
            "level": [i.level for i in items],
            "goal_key": [i.goal_key for i in items],
            "group_id": [grouping.group_of[i.goal_key] for i in items],
            "group_title": [titles[grouping.group_of[i.goal_key]] for i in items],
            "group_docs": [len(docs_in[grouping.group_of[i.goal_key]]) for i in items],
            "linked": ["key" if len(keys_in[grouping.group_of[i.goal_key]]) == 1 else "fuzzy" for i in items],
        },
        columns=["doc_id", "goal_id", "level", "goal_key", "group_id", "group_title", "group_docs", "linked"],
    ).astype(
        {
            "doc_id": str,
            "goal_id": str,
            "level": str,
            "goal_key": str,
            "group_id": str,
            "group_title": str,
            "group_docs": "int64",
            "linked": str,
        }
    )
    links = pd.DataFrame(
        {
            "key_a": [link.key_a for link in grouping.links],
            "key_b": [link.key_b for link in grouping.links],
            "score": [link.score for link in grouping.links],
            "group_id": [grouping.group_of[link.key_a] for link in grouping.links],
        },
        columns=["key_a", "key_b", "score", "group_id"],
    ).astype({"key_a": str, "key_b": str, "score": float, "group_id": str})
    for name, frame in (("goal_groups", groups), ("goal_links", links)):
        con.register("_frame", frame)
        con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM _frame")
        con.unregister("_frame")
    return con.table("goal_groups")
