"""Themes of goals: the vocabulary of ``rules/themes.toml`` matched on lemmas.

Phrases go to a spaCy ``PhraseMatcher`` on ``LEMMA`` (the phrases are lemmatised by the same
pipeline as the text, so any inflected form may be written); the first parts and heads of
compounds are compared with each distinct lemma once (cached). A goal's passages are
its title, sections, indicators and activities.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import numpy as np
import pyarrow as pa
from spacy.matcher import PhraseMatcher

from pipeline.index.passages import PlanTokens
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
    phrase_of: dict[int, str]  # match id -> the vocabulary entry ("theme\tphrase")
    starts: tuple[tuple[str, str], ...]  # (first part, entry)
    ends: tuple[tuple[str, str], ...]  # (head, entry)
    compounds_of: dict[int, tuple[str, ...]]  # lemma hash -> the compound entries it matches (a cache)
    plain: set[int]  # lemma hashes known to match no compound entry (most: kept apart, a set)

    def compound_lemmas(self, lemma_hashes: Iterable[int]) -> dict[int, tuple[str, ...]]:
        """Of ``lemma_hashes``, those that match compound entries, with the entries."""
        wanted = set(lemma_hashes) - self.plain
        for lemma_hash in wanted - self.compounds_of.keys():
            found = self._compounds(swedish().vocab.strings[lemma_hash])
            if found:
                self.compounds_of[lemma_hash] = found
            else:
                self.plain.add(lemma_hash)
        return {h: self.compounds_of[h] for h in wanted if h in self.compounds_of}

    def _compounds(self, lemma: str) -> tuple[str, ...]:
        return tuple(
            [
                key
                for part, key in self.starts
                if lemma.startswith(part) and len(lemma) >= len(part) + MIN_FIRST_PART
            ]
            + [
                key
                for part, key in self.ends
                if lemma.endswith(part) and len(lemma) >= len(part) + MIN_FIRST_PART
            ]
        )


@cache
def matchers() -> ThemeMatchers:
    nlp = swedish()
    phrases = PhraseMatcher(nlp.vocab, attr="LEMMA")
    phrase_of: dict[int, str] = {}
    starts, ends = [], []
    for theme in load_themes():
        for phrase, doc in zip(theme.phrases, nlp.pipe(theme.phrases), strict=True):
            key = f"{theme.name}\t{phrase}"
            phrase_of[nlp.vocab.strings.add(key)] = key
            phrases.add(key, [doc])
        starts += [(part, f"{theme.name}\t{part}-") for part in theme.starts]
        ends += [(part, f"{theme.name}\t-{part}") for part in theme.ends]
    return ThemeMatchers(phrases, phrase_of, tuple(starts), tuple(ends), {}, set())


def goal_theme_rows(doc_id: str, tokens: PlanTokens) -> list[dict]:
    """One row per goal, theme, phrase and source table, at its first occurrence."""
    m, t, found = matchers(), PlanTokens, tokens.passages
    in_goal = np.array([p.source in _GOAL_SOURCES and bool(p.goal_id) for p in found], dtype=bool)
    matches: list[tuple[int, int, int, str]] = []  # (passage, first token, end token, entry)
    found_phrases = m.phrases(tokens.with_lemmas()) if in_goal.any() else []
    if found_phrases:
        match_ids, begins, ends = zip(*found_phrases, strict=True)
        first, last = tokens.index_of(np.array(begins)), tokens.index_of(np.array(ends) - 1)
        keep = np.flatnonzero(in_goal[tokens.passage[first]])
        first, last = first[keep], last[keep]
        matches += zip(
            tokens.passage[first].tolist(),
            tokens.position[first].tolist(),
            (tokens.position[last] + 1).tolist(),
            [m.phrase_of[match_ids[k]] for k in keep.tolist()],
            strict=True,
        )
    goal_tokens = np.flatnonzero(in_goal[tokens.passage]) if len(tokens.passage) else np.zeros(0, np.int64)
    lemmas = tokens.values[goal_tokens, t.LEMMA]
    for lemma_hash, keys in m.compound_lemmas(np.unique(lemmas).tolist()).items():
        at = goal_tokens[lemmas == lemma_hash]
        for key in keys:
            matches += [
                (i, p, p + 1, key)
                for i, p in zip(tokens.passage[at].tolist(), tokens.position[at].tolist(), strict=True)
            ]
    starts, lengths = tokens.values[:, t.IDX].astype(np.int64), tokens.values[:, t.LENGTH].astype(np.int64)
    rows: dict[tuple[str, str, str, str], dict] = {}
    for i, begin, end, entry in sorted(matches):
        passage = found[i]
        theme, phrase = entry.split("\t")
        key = (passage.goal_id, theme, phrase, passage.source)
        if key not in rows:
            first, last = tokens.first[i] + begin, tokens.first[i] + end - 1
            rows[key] = {
                "doc_id": doc_id,
                "goal_id": passage.goal_id,
                "theme": theme,
                "phrase": phrase,
                "matched": passage.text[starts[first] : starts[last] + lengths[last]],
                "source": passage.source,
                "page": passage.page,
            }
    return list(rows.values())


def themes_table(doc_id: str, tokens: PlanTokens) -> pa.Table:
    return rows_to_table("goal_themes", goal_theme_rows(doc_id, tokens))
