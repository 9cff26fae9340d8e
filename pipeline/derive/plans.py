"""Plan identity: which documents hold the same plan, and the copy the views count.

Evidence, both required: compatible metadata (district, unit, plan type and year equal
wherever both documents state them) and the same content (most goal titles and indicator
names of the larger document found in the other, fuzzily, so a re-scan's OCR damage still
matches). Two units' plans written on one template share the council's and the committee's
goals but not their own goals and indicators, and usually not their unit: they stay apart.
Documents with neither goals nor indicators are plans of their own (nothing to compare).

The preferred copy is ranked by ``rules/plans.toml``: not a draft, the richest reading, the
least damage, the most rows, the smallest doc_id. ``plan_id`` is "p" and the plan's smallest
doc_id: other plans coming or going never change it; a new copy changes it only when its
doc_id sorts first. (An id from the metadata changed when a second plan of the same unit and
year arrived, which the incremental test caught.)
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc
from rapidfuzz import fuzz, process

from pipeline.derive.rules import PlanRules, plan_rules
from pipeline.lang.sv.fold import fold
from pipeline.store.schema import DOCUMENTS, PLANS

META = ("district", "unit", "plan_type", "plan_year")


@dataclass
class _Doc:
    doc_id: str
    meta: dict[str, object]
    items: frozenset[str]
    rank: tuple = ()


@dataclass
class _Cluster:
    docs: list[_Doc]
    meta: dict[str, object] = field(default_factory=dict)

    def compatible(self, other: _Cluster) -> bool:
        return all(
            self.meta.get(k) is None or other.meta.get(k) is None or self.meta[k] == other.meta[k]
            for k in META
        )

    def absorb(self, other: _Cluster) -> None:
        self.docs += other.docs
        for k in META:
            if self.meta.get(k) is None:
                self.meta[k] = other.meta.get(k)


def _meta_value(value: object) -> object:
    """A metadata value as compared: strings folded, empty ones unknown."""
    if isinstance(value, str):
        return fold(value) or None
    return value


def shared_share(a: frozenset[str], b: frozenset[str], ratio: float) -> float:
    """The share of the larger set's items with a match in the other (exact, else rapidfuzz
    ratio >= ``ratio``)."""
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    exact = small & large
    rest = list(large - exact)
    matched = len(exact)
    for item in small - exact:
        if rest and process.extractOne(item, rest, scorer=fuzz.ratio, score_cutoff=ratio) is not None:
            matched += 1
    return matched / len(large)


_WORD = re.compile(r"\w+")


def _norm(text: str) -> str:
    """Case and punctuation aside (cheap: ``fold`` for every goal cost most of the step;
    the fuzzy match takes care of what OCR damage leaves)."""
    return " ".join(_WORD.findall(text.casefold()))


def _items(table: pa.Table, column: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for doc_id, text in zip(table["doc_id"].to_pylist(), table[column].to_pylist(), strict=True):
        if text:
            out[doc_id].add(_norm(text))
    return out


def _documents(documents: pa.Table, goals: pa.Table, indicators: pa.Table, rules: PlanRules) -> list[_Doc]:
    titles, names = _items(goals, "title"), _items(indicators, "name")
    counts: dict[str, int] = defaultdict(int)
    for table in (goals, indicators):
        for doc_id in table["doc_id"].to_pylist():
            counts[doc_id] += 1
    docs = []
    for row in documents.select(["doc_id", "extraction", "damage_score", "draft", *META]).to_pylist():
        doc_id = row["doc_id"]
        draft = bool(row["draft"])
        rank = (
            draft,
            rules.extraction_rank(row["extraction"]),
            row["damage_score"] if row["damage_score"] is not None else 0.0,
            -counts[doc_id],
            doc_id,
        )
        items = frozenset(titles.get(doc_id, set()) | {f"i:{n}" for n in names.get(doc_id, set())})
        docs.append(_Doc(doc_id, {k: _meta_value(row[k]) for k in META}, items, rank))
    return docs


def cluster_documents(docs: list[_Doc], rules: PlanRules) -> list[_Cluster]:
    """Documents grouped into plans (see the module's docstring for the evidence)."""
    clusters = [_Cluster([d], dict(d.meta)) for d in sorted(docs, key=lambda d: d.doc_id)]
    # Candidates share the year where both state it; documents without a year meet all.
    by_year: dict[object, list[int]] = defaultdict(list)
    for i, c in enumerate(clusters):
        by_year[c.meta.get("plan_year")].append(i)
    unknown = by_year.pop(None, [])
    candidates = [
        (i, j) for members in by_year.values() for n, i in enumerate(members) for j in members[n + 1 :]
    ]
    candidates += [(i, j) for members in by_year.values() for i in members for j in unknown]
    candidates += [(i, j) for n, i in enumerate(unknown) for j in unknown[n + 1 :]]
    pairs: list[tuple[float, int, int]] = []
    for i, j in candidates:
        a, b = clusters[i], clusters[j]
        if a.compatible(b):
            share = shared_share(a.docs[0].items, b.docs[0].items, rules.title_ratio)
            if share >= rules.min_shared:
                pairs.append((-share, min(i, j), max(i, j)))
    parent = list(range(len(clusters)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for _, i, j in sorted(pairs):  # the most alike first
        ri, rj = root(i), root(j)
        if ri != rj and clusters[ri].compatible(clusters[rj]):
            clusters[ri].absorb(clusters[rj])
            parent[rj] = ri
    return [c for i, c in enumerate(clusters) if root(i) == i]


def plan_id(cluster: _Cluster) -> str:
    """'p' and the smallest doc_id of the plan's documents: a function of the archive's state
    alone (a full and an incremental run agree), unchanged by other plans coming or going."""
    return "p" + min(d.doc_id for d in cluster.docs)


def identify_plans(documents: pa.Table, goals: pa.Table, indicators: pa.Table) -> tuple[pa.Table, pa.Table]:
    """``documents`` with plan_id, preferred and copy_rank filled, and the ``plans`` table."""
    rules = plan_rules()
    docs = _documents(documents, goals, indicators, rules)
    clusters = cluster_documents(docs, rules)
    facts: dict[str, tuple[str, bool, int]] = {}
    rows = []
    raw = {r["doc_id"]: r for r in documents.select(["doc_id", *META]).to_pylist()}
    for cluster in clusters:
        pid = plan_id(cluster)
        ordered = sorted(cluster.docs, key=lambda d: d.rank)
        for rank, doc in enumerate(ordered, start=1):
            facts[doc.doc_id] = (pid, rank == 1, rank)
        best = raw[ordered[0].doc_id]
        rows.append(
            {
                "plan_id": pid,
                **{k: best[k] for k in META},
                "preferred_doc_id": ordered[0].doc_id,
                "doc_ids": [d.doc_id for d in ordered],
                "copies": len(ordered),
            }
        )
    ids = documents["doc_id"].to_pylist()
    columns = {
        "plan_id": pa.array([facts[d][0] for d in ids], pa.string()),
        "preferred": pa.array([facts[d][1] for d in ids], pa.bool_()),
        "copy_rank": pa.array([facts[d][2] for d in ids], pa.int32()),
    }
    for name, column in columns.items():
        i = DOCUMENTS.get_field_index(name)
        documents = documents.set_column(i, DOCUMENTS.field(i), column)
    rows.sort(key=lambda r: r["plan_id"])
    plans = pa.Table.from_pylist(rows, schema=PLANS)
    return documents, plans


def preferred_ids(documents: pa.Table) -> pa.Array:
    """The doc_ids of the preferred copies (documents whose ``preferred`` is not false)."""
    keep = pc.fill_null(documents["preferred"], True)
    return documents.filter(keep)["doc_id"].combine_chunks()
