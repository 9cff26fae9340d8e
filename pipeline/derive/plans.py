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
from collections.abc import Iterator
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


def _metas(documents: pa.Table) -> tuple[list[str], list[dict[str, object]]]:
    """The doc_ids in order and each document's metadata as compared."""
    rows = documents.select(["doc_id", *META]).to_pylist()
    rows.sort(key=lambda r: r["doc_id"])
    return [r["doc_id"] for r in rows], [{k: _meta_value(r[k]) for k in META} for r in rows]


def paired_doc_ids(documents: pa.Table) -> pa.Array:
    """The documents that may be copies of another (``compatible_pairs``): only their goal
    titles and indicator names are compared, so only theirs need be gathered (at 100,000
    plans whose metadata sets each apart, none)."""
    ids, metas = _metas(documents)
    paired = {ids[k] for pair in compatible_pairs(metas) for k in pair}
    return pa.array(sorted(paired), pa.string())


def _documents(documents: pa.Table, goals: pa.Table, indicators: pa.Table, rules: PlanRules) -> list[_Doc]:
    paired = paired_doc_ids(documents)
    goals, indicators = (t.filter(pc.is_in(t["doc_id"], value_set=paired)) for t in (goals, indicators))
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
    pairs: list[tuple[float, int, int]] = []
    for i, j in compatible_pairs([c.meta for c in clusters]):
        share = shared_share(clusters[i].docs[0].items, clusters[j].docs[0].items, rules.title_ratio)
        if share >= rules.min_shared:
            pairs.append((-share, i, j))
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


def compatible_pairs(metas: list[dict[str, object]]) -> Iterator[tuple[int, int]]:
    """Every pair ``(i, j)``, ``i < j``, of metadata that agree wherever both state a value
    (``_Cluster.compatible``), found without looking at every pair (all documents of a year
    were compared with each other: 5·10⁷ pairs a year at 100,000 plans). Documents are grouped
    by which keys they state; two groups' documents meet on the values of the keys both state."""
    by_known: dict[tuple[bool, ...], list[int]] = defaultdict(list)
    for i, meta in enumerate(metas):
        by_known[tuple(meta.get(k) is not None for k in META)].append(i)
    groups = sorted(by_known)
    for n, known_a in enumerate(groups):
        for known_b in groups[n:]:
            common = [k for k, a, b in zip(META, known_a, known_b, strict=True) if a and b]
            index: dict[tuple, list[int]] = defaultdict(list)
            for j in by_known[known_b]:
                index[tuple(metas[j][k] for k in common)].append(j)
            for i in by_known[known_a]:
                for j in index.get(tuple(metas[i][k] for k in common), ()):
                    if known_a != known_b or i < j:
                        yield min(i, j), max(i, j)


def plan_id(cluster: _Cluster) -> str:
    """'p' and the smallest doc_id of the plan's documents: a function of the archive's state
    alone (a full and an incremental run agree), unchanged by other plans coming or going."""
    return "p" + min(d.doc_id for d in cluster.docs)


def identify_plans(documents: pa.Table, goals: pa.Table, indicators: pa.Table) -> tuple[pa.Table, pa.Table]:
    """``documents`` with plan_id, preferred and copy_rank filled, and the ``plans`` table.
    Of ``goals`` and ``indicators`` (doc_id, title; doc_id, name) only the rows of
    ``paired_doc_ids`` are read."""
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
