"""Themes of goals: the vocabulary of ``rules/themes.toml`` matched on lemmas.

Phrases go to a spaCy ``PhraseMatcher`` on ``LEMMA`` (the phrases are lemmatised by the same
pipeline as the text, so any inflected form may be written); the first parts and heads of
compounds go to a ``Matcher`` with a regular expression on the lemma. A goal's passages are
its title, sections, indicators and activities.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import pyarrow as pa
import regex
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from pipeline.index.passages import Passage
from pipeline.lang.sv.nlp import MIN_FIRST_PART, swedish
from pipeline.rules import rules_toml
from pipeline.store import rows_to_table

_GOAL_SOURCES = frozenset({"goals", "goal_sections", "indicators", "activities"})


@dataclass(frozen=True)
class Theme:
    name: str
    label: str
    phrases: tuple[str, ...]
    starts: tuple[str, ...]
    ends: tuple[str, ...]


@cache
def load_themes() -> tuple[Theme, ...]:
    return tuple(
        Theme(
            name,
            entry.get("label", name),
            tuple(entry.get("phrases", ())),
            tuple(entry.get("starts", ())),
            tuple(entry.get("ends", ())),
        )
        for name, entry in rules_toml("themes.toml").items()
    )


@dataclass(frozen=True)
class ThemeMatchers:
    phrases: PhraseMatcher
    compounds: Matcher
    phrase_of: dict[int, str]  # match id -> the vocabulary entry ("theme\tphrase")


@cache
def matchers() -> ThemeMatchers:
    nlp = swedish()
    phrases = PhraseMatcher(nlp.vocab, attr="LEMMA")
    compounds = Matcher(nlp.vocab)
    phrase_of: dict[int, str] = {}
    for theme in load_themes():
        for phrase, doc in zip(theme.phrases, nlp.pipe(theme.phrases), strict=True):
            key = f"{theme.name}\t{phrase}"
            phrase_of[nlp.vocab.strings.add(key)] = key
            phrases.add(key, [doc])
        for part, where in [(s, "start") for s in theme.starts] + [(e, "end") for e in theme.ends]:
            key = f"{theme.name}\t{part}-" if where == "start" else f"{theme.name}\t-{part}"
            # a compound: the part and at least MIN_FIRST_PART more letters (the word alone is a phrase)
            more = f".{{{MIN_FIRST_PART},}}"
            pattern = f"^{regex.escape(part)}{more}" if where == "start" else f"^{more}{regex.escape(part)}$"
            phrase_of[nlp.vocab.strings.add(key)] = key
            compounds.add(key, [[{"LEMMA": {"REGEX": pattern}}]])
    return ThemeMatchers(phrases, compounds, phrase_of)


def goal_theme_rows(doc_id: str, found: Sequence[Passage], docs: Sequence[Doc]) -> list[dict]:
    """One row per goal, theme, phrase and source table, at its first occurrence."""
    m = matchers()
    rows: dict[tuple[str, str, str, str], dict] = {}
    for passage, doc in zip(found, docs, strict=True):
        if passage.source not in _GOAL_SOURCES or not passage.goal_id:
            continue
        for match_id, begin, end in [*m.phrases(doc), *m.compounds(doc)]:
            theme, phrase = m.phrase_of[match_id].split("\t")
            key = (passage.goal_id, theme, phrase, passage.source)
            if key not in rows:
                rows[key] = {
                    "doc_id": doc_id,
                    "goal_id": passage.goal_id,
                    "theme": theme,
                    "phrase": phrase,
                    "matched": doc[begin:end].text,
                    "source": passage.source,
                    "page": passage.page,
                }
    return list(rows.values())


def themes_table(doc_id: str, found: Sequence[Passage], docs: Sequence[Doc]) -> pa.Table:
    return rows_to_table("goal_themes", goal_theme_rows(doc_id, found, docs))
