"""Goals grouped across documents: the same committee goal in every unit's plan and year.

Keys (``pipeline.link.keys``) link equal wording. This module also links wording that was
edited between years ("... ett rikt kultur- och föreningsliv" / "... ett rikt utbud av kultur,
fritidsaktiviteter och föreningsliv"), at query time, because it has to compare documents with
each other, and a stored row may only depend on its own document.

Rules (thresholds in ``rules/linking.toml``, measured by ``python -m plans_dev.measure.linking``):

- goals with the same ``goal_key`` are one group;
- two keys of a fuzzy level (Nämndmål) are linked when their wordings, folded and without
  stop words, score at least ``threshold`` (rapidfuzz ``token_sort_ratio``, 0-100), as written
  or as lemmas (the lemma index: "ökad trygghet" and "öka tryggheten" are the same lemmas), or,
  when they stand under the same KF goal code, when the wordings score at least
  ``same_kf_threshold`` or the lemmas of one are nearly all among the other's (overlap
  coefficient at least ``same_kf_lemma_overlap``: "hög beredskap för oväntade händelser" /
  "hög beredskap i alla verksamheter");
- links are taken best first, and a link that would put two different goals of one document
  into one group is refused: a plan never states the same committee goal twice in other words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from pipeline.lang.sv.fold import fold
from pipeline.link.vocabulary import GoalLinking, load_vocabulary


@dataclass(frozen=True)
class GoalItem:
    """One goal as the grouping sees it."""

    doc_id: str
    goal_id: str
    level: str
    goal_key: str
    title: str
    kf_code: str | None = None  # code of the nearest KF goal above (or of the goal itself)
    plan_year: int | None = None
    #: The title's (lemma, form) pairs from the lemma index (``terms``); None: lemmatise the title.
    words: tuple[tuple[str, str], ...] | None = None


@dataclass(frozen=True)
class Link:
    """Why two keys are in one group: equal key, or a fuzzy match with its score."""

    key_a: str
    key_b: str
    score: float
    via: str  # "fuzzy"


@dataclass
class Grouping:
    group_of: dict[str, str]  # goal_key -> group id
    links: list[Link] = field(default_factory=list)
    refused: list[Link] = field(default_factory=list)  # would have joined two goals of one document


def comparable(title: str, stopwords: Iterable[str] | None = None) -> str:
    """The wording as the fuzzy match compares it: folded, stop words left out."""
    stop = load_vocabulary().stopwords if stopwords is None else frozenset(stopwords)
    return " ".join(w for w in fold(title).split() if w not in stop)


def similarity(a: str, b: str) -> float:
    """0-100: how alike two comparable wordings are (word order does not count)."""
    return fuzz.token_sort_ratio(a, b)


def comparable_lemmas(
    title: str, words: Sequence[tuple[str, str]] | None = None, stopwords: Iterable[str] | None = None
) -> frozenset[str]:
    """The wording's lemmas as the lemma rules compare them: folded, without the words whose
    form or lemma is a linking stop word. ``words`` are the title's (lemma, form) pairs from the
    lemma index; without them the title is lemmatised here by the same pipeline."""
    stop = load_vocabulary().stopwords if stopwords is None else frozenset(stopwords)
    if words is None:
        words = title_words(title)
    folded = ((fold(lemma), fold(form)) for lemma, form in words)
    return frozenset(lemma for lemma, form in folded if lemma not in stop and form not in stop)


def title_words(title: str) -> list[tuple[str, str]]:
    """(lemma, form) of the words the index holds for a text: spaCy's stop words out."""
    from pipeline.lang.sv.nlp import stop_words, swedish

    stop = stop_words()
    return [
        (t.lemma_, t.lower_)
        for t in swedish()(title)
        if t.is_alpha and not t.is_stop and t.lemma_ not in stop
    ]


def lemma_overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """0-100: the share of the smaller lemma set found in the other (overlap coefficient)."""
    return 100.0 * len(a & b) / min(len(a), len(b)) if a and b else 0.0


def link_score(
    texts: tuple[str, str],
    lemmas: tuple[frozenset[str], frozenset[str]],
    same_kf: bool,
    settings: GoalLinking,
) -> float | None:
    """The score with which two Nämndmål link under the rules of the module docstring (None:
    they do not link)."""
    written = similarity(*texts)
    as_lemmas = similarity(" ".join(sorted(lemmas[0])), " ".join(sorted(lemmas[1])))
    if max(written, as_lemmas) >= settings.threshold:
        return max(written, as_lemmas)
    if not same_kf:
        return None
    if written >= settings.same_kf_threshold:
        return written
    if lemma_overlap(*lemmas) >= settings.same_kf_lemma_overlap:
        return settings.same_kf_threshold  # ranked with the weakest links of the KF rule
    return None


class _Groups:
    """Union-find over keys that remembers which documents each group holds."""

    def __init__(self, docs_of: dict[str, set[str]]):
        self.parent = {key: key for key in docs_of}
        self.docs = {key: set(docs) for key, docs in docs_of.items()}

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if self.docs[ra] & self.docs[rb]:
            return False
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.docs[ra] |= self.docs.pop(rb)
        return True


def group_goals(items: Sequence[GoalItem], settings: GoalLinking | None = None) -> Grouping:
    """Assign every goal key a group id: the smallest key of its group."""
    vocab = load_vocabulary()
    settings = settings or vocab.goals
    docs_of: dict[str, set[str]] = {}
    kf_of: dict[str, set[str]] = {}
    first_of: dict[str, GoalItem] = {}
    for item in items:
        docs_of.setdefault(item.goal_key, set()).add(item.doc_id)
        if item.kf_code:
            kf_of.setdefault(item.goal_key, set()).add(item.kf_code)
        first_of.setdefault(item.goal_key, item)

    groups = _Groups(docs_of)
    grouping = Grouping(group_of={})
    for level in settings.fuzzy_levels:
        keys = sorted(k for k, item in first_of.items() if item.level == level)
        if len(keys) < 2:
            continue
        texts = [comparable(first_of[k].title, vocab.stopwords) for k in keys]
        lemmas = [comparable_lemmas(first_of[k].title, first_of[k].words, vocab.stopwords) for k in keys]
        lemma_texts = [" ".join(sorted(ls)) for ls in lemmas]
        written = process.cdist(texts, texts, scorer=fuzz.token_sort_ratio, workers=1)
        as_lemmas = process.cdist(lemma_texts, lemma_texts, scorer=fuzz.token_sort_ratio, workers=1)
        candidates = []
        for i in range(len(keys)):
            for j in range(i + 1, len(keys)):
                same_kf = bool(kf_of.get(keys[i], set()) & kf_of.get(keys[j], set()))
                alike = max(written[i, j], as_lemmas[i, j]) >= settings.threshold
                if not (alike or same_kf):
                    continue
                score = link_score((texts[i], texts[j]), (lemmas[i], lemmas[j]), same_kf, settings)
                if score is not None:
                    candidates.append(Link(keys[i], keys[j], float(score), "fuzzy"))
        candidates.sort(key=lambda link: (-link.score, link.key_a, link.key_b))
        for link in candidates:
            (grouping.links if groups.union(link.key_a, link.key_b) else grouping.refused).append(link)
    grouping.group_of = {key: groups.find(key) for key in docs_of}
    return grouping


def group_titles(items: Sequence[GoalItem], group_of: dict[str, str]) -> dict[str, str]:
    """A title for each group: its most common wording, the latest year's on a tie."""
    votes: dict[str, Counter] = {}
    latest: dict[tuple[str, str], int] = {}
    for item in items:
        group = group_of[item.goal_key]
        votes.setdefault(group, Counter())[item.title] += 1
        year = item.plan_year or 0
        latest[group, item.title] = max(latest.get((group, item.title), 0), year)
    return {
        group: max(counter, key=lambda t, g=group: (counter[t], latest[g, t], t))
        for group, counter in votes.items()
    }
