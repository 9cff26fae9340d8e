"""Find plans by concept: ``search(con, "digitalisering")`` over the lemma index (``terms``).

The query is lemmatised by the pipeline that made the index (``pipeline.lang.sv.nlp``), stop
words left out. A passage (one row: a goal title, goal section, indicator, activity or
narrative section) is a hit when it holds every query lemma, as a word (any inflected form:
"digitaliseringen" is "digitalisering"), as a word derived from it or that it derives from
("digitalisera", "trygg" for "trygghet": ``rules/lemmas.toml``), as the head of a compound
("välfärdsteknik" for "teknik", when what stands before the head is a word) or as its first
part ("klimatsmart" for "klimat", when what follows is a word). Hits are ranked by

1. how they match: whole words, derivations, compound heads, first parts (``EXACT``,
   ``DERIVED``, ``COMPOUND`` and ``FIRST_PART`` weights);
2. for a query of several words, whether they stand together in the query's order;
3. where: goal titles, indicators, activities, goal sections, narrative sections;
4. how often the query's words occur in the passage, then the newest plan.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cache

import duckdb
import pandas as pd

from pipeline.lang.sv.nlp import lemmas, stop_words, swedish
from pipeline.rules import rules_toml

EXACT = 1.0
DERIVED = 0.75
COMPOUND = 0.5
FIRST_PART = 0.4
#: Words of a multi-word query at most this many tokens apart (stop words count) are together.
NEAR = 3
SOURCE_RANK = {"goals": 0, "indicators": 1, "activities": 2, "goal_sections": 3, "sections": 4}
SNIPPET_BEFORE, SNIPPET_AFTER = 60, 100

_KEY = ["doc_id", "source", "goal_id", "section_id", "ordinal"]
COLUMNS = [
    "rank",
    "score",
    "doc_id",
    "district",
    "unit",
    "plan_year",
    "source",
    "goal_id",
    "section_id",
    "ordinal",
    "path",
    "page",
    "snippet",
    "matched",
]


@dataclass(frozen=True)
class Expansion:
    """A lemma of the index that answers query word ``word`` (its index in the query)."""

    lemma: str
    word: int
    weight: float


def query_lemmas(query: str) -> list[str]:
    """The query's lemmas in order, stop words out (all words if nothing else is left)."""
    stop = stop_words()
    words = [t for t in swedish()(query) if t.is_alpha]
    kept = [t for t in words if not (t.is_stop or t.lemma_ in stop)] or words
    return list(dict.fromkeys(t.lemma_ for t in kept))


@dataclass(frozen=True)
class WordRules:
    """``rules/lemmas.toml``: derivations (pairs of lemma endings) and the endings a word takes
    as the first part of a compound."""

    derivations: tuple[tuple[str, str], ...]
    first_part_endings: dict[str, tuple[str, ...]]


@cache
def word_rules() -> WordRules:
    data = rules_toml("lemmas.toml")
    return WordRules(
        tuple((a, b) for a, b in data["derivations"]["pairs"]),
        {end: tuple(forms) for end, forms in data["compounds"]["first_part_endings"].items()},
    )


def derived(lemma: str, rules: WordRules) -> list[str]:
    """The lemmas derived from ``lemma`` or that it derives from ("trygghet" <-> "trygg")."""
    out = []
    for a, b in rules.derivations:
        for have, other in ((a, b), (b, a)):
            stem = lemma[: len(lemma) - len(have)] if have else lemma
            if lemma.endswith(have) and len(stem) >= 3 and stem + other != lemma:
                out.append(stem + other)
    return list(dict.fromkeys(out))


def first_parts(lemma: str, rules: WordRules) -> list[str]:
    """``lemma`` and the forms it takes as the first part of a compound ("förskola": "förskole")."""
    forms = [lemma]
    for end, replacements in rules.first_part_endings.items():
        if lemma.endswith(end):
            forms += [lemma[: len(lemma) - len(end)] + r for r in replacements]
    return [f for f in dict.fromkeys(forms) if len(f) >= 3]


def expansions(con: duckdb.DuckDBPyConnection, query: list[str]) -> list[Expansion]:
    """Each query lemma itself, its derivations, and the compounds of the index that end in
    it or start with it."""
    table, rules = lemmas(), word_rules()
    found = []
    for i, lemma in enumerate(query):
        found.append(Expansion(lemma, i, EXACT))
        found += [Expansion(d, i, DERIVED) for d in derived(lemma, rules)]
        starts = first_parts(lemma, rules)
        longer = con.execute(
            "SELECT DISTINCT lemma FROM terms WHERE (ends_with(lemma, $q) OR"
            " list_has_any([p for p in $starts if starts_with(lemma, p)], $starts)) AND lemma <> $q"
            " ORDER BY lemma",
            {"q": lemma, "starts": starts},
        ).fetchall()
        for (candidate,) in longer:
            if table.compound_head(candidate, lemma):
                found.append(Expansion(candidate, i, COMPOUND))
            elif any(table.compound_start(candidate, start) for start in starts):
                found.append(Expansion(candidate, i, FIRST_PART))
    return found


def search(con: duckdb.DuckDBPyConnection, query: str, limit: int | None = 50) -> pd.DataFrame:
    """Ranked hits for ``query`` (see the module docstring), one row per passage, with the
    plan (doc_id, district, unit, plan_year), where the passage is (source table and the row's
    ids, its goal path or section headings, page), a snippet with the matches in «» and the
    forms matched."""
    query_words = query_lemmas(query)
    if not query_words:
        return pd.DataFrame(columns=COLUMNS)
    found = expansions(con, query_words)
    wanted = pd.DataFrame([(e.lemma, e.word, e.weight) for e in found], columns=["lemma", "word", "weight"])
    con.register("_search_lemmas", wanted)
    try:
        terms = con.execute(
            "SELECT t.doc_id, t.source, t.goal_id, t.section_id, t.ordinal, t.position, t.start, t.surface,"
            " w.word, w.weight FROM terms t JOIN _search_lemmas w USING (lemma)"
        ).df()
    finally:
        con.unregister("_search_lemmas")
    hits = _score(terms, len(query_words))
    if limit is not None:
        hits = hits.head(limit)
    return _describe(con, hits)


def _score(terms: pd.DataFrame, n_words: int) -> pd.DataFrame:
    rows = []
    for key, group in terms.groupby(_KEY, dropna=False, sort=False):
        best = group.groupby("word")["weight"].max()
        if len(best) < n_words:
            continue  # not every query word is there
        together = n_words > 1 and _together(group, n_words)
        rows.append(
            {
                **dict(zip(_KEY, key, strict=True)),
                "match": float(best.mean()),
                "together": together,
                "count": len(group),
                "spans": sorted(zip(group.start, group.surface.str.len(), strict=True)),
                "matched": sorted(set(group.surface)),
            }
        )
    hits = pd.DataFrame(rows, columns=[*_KEY, "match", "together", "count", "spans", "matched"])
    hits["score"] = hits["match"] + 0.5 * hits["together"].astype(float)
    hits["where"] = hits["source"].map(SOURCE_RANK)
    return hits.sort_values(
        ["score", "where", "count", "doc_id"], ascending=[False, True, False, True], kind="stable"
    ).reset_index(drop=True)


def _together(group: pd.DataFrame, n_words: int) -> bool:
    """Whether the query's words occur in its order, each within ``NEAR`` tokens of the last."""
    at = [sorted(group.position[group.word == i]) for i in range(n_words)]
    for chain in itertools.product(*at):
        if all(0 < b - a <= NEAR for a, b in itertools.pairwise(chain)):
            return True
    return False


_DESCRIBE_SQL = """
SELECT h._i, d.district, d.unit, d.plan_year, p.text, p.page,
       CASE WHEN h.source = 'sections' THEN s.path ELSE g.path END AS path
FROM _search_hits h
JOIN passages p ON p.doc_id = h.doc_id AND p.source = h.source
    AND p.goal_id IS NOT DISTINCT FROM h.goal_id AND p.section_id IS NOT DISTINCT FROM h.section_id
    AND p.ordinal IS NOT DISTINCT FROM h.ordinal
LEFT JOIN documents d ON d.doc_id = h.doc_id
LEFT JOIN goal_paths g ON g.doc_id = h.doc_id AND g.goal_id = h.goal_id
LEFT JOIN sections s ON s.doc_id = h.doc_id AND s.section_id = h.section_id
"""


def _describe(con: duckdb.DuckDBPyConnection, hits: pd.DataFrame) -> pd.DataFrame:
    keys = hits[_KEY].astype({"goal_id": "string", "section_id": "string", "ordinal": "Int32"})
    keys["_i"] = range(len(hits))
    con.register("_search_hits", keys)
    try:
        found = con.execute(_DESCRIBE_SQL).df().drop_duplicates("_i").set_index("_i")
    finally:
        con.unregister("_search_hits")
    out = hits.join(found, how="left")
    out["snippet"] = [_snippet(text, spans) for text, spans in zip(out["text"], out["spans"], strict=True)]
    out["rank"] = range(1, len(out) + 1)
    out["ordinal"] = out["ordinal"].astype("Int32")
    out["plan_year"] = out["plan_year"].astype("Int32")
    out["page"] = out["page"].astype("Int32")
    return out[COLUMNS]


def _snippet(text: str | None, spans: list[tuple[int, int]]) -> str:
    """The text around the first match, every match in the window marked «…»."""
    if not isinstance(text, str) or not spans:
        return ""
    first = spans[0][0]
    begin = max(0, first - SNIPPET_BEFORE)
    end = min(len(text), first + SNIPPET_AFTER)
    parts, at = [], begin
    for start, length in spans:
        if start < at or start + length > end:
            continue
        parts += [text[at:start], "«", text[start : start + length], "»"]
        at = start + length
    parts.append(text[at:end])
    snippet = " ".join("".join(parts).split())
    return ("…" if begin else "") + snippet + ("…" if end < len(text) else "")
