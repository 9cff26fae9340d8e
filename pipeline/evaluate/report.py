"""Scores per document and over the whole gold set, and their text rendering.

Scores are kept as counts (tp, parsed, gold; correct, total) so that the corpus-level numbers can
be micro-averaged exactly: a table's corpus precision is total tp over total parsed rows, not a mean
of per-document ratios, which would let a tiny document weigh as much as a large one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Tables scored by key matching, in report order.
SCORED_TABLES: tuple[str, ...] = ("goals", "goal_sections", "indicators", "activities", "sections")

_SHORT = {
    "goals": "goals",
    "goal_sections": "g_sect",
    "indicators": "indic",
    "activities": "activ",
    "sections": "sect",
}
_MEASURES = ("precision", "recall", "f1")


def _ratio(num: int, den: int, empty: float) -> float:
    return num / den if den else empty


@dataclass(frozen=True)
class TableScore:
    """Key-matching result for one table: true positives against both row counts."""

    table: str
    tp: int
    n_parsed: int
    n_gold: int
    precision: float
    recall: float
    f1: float

    @classmethod
    def from_counts(cls, table: str, tp: int, n_parsed: int, n_gold: int) -> TableScore:
        """Ratios from counts; an empty side scores 1.0 only when the other side is empty too."""
        both_empty = float(n_parsed == 0 and n_gold == 0)
        precision = _ratio(tp, n_parsed, both_empty)
        recall = _ratio(tp, n_gold, both_empty)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(table, tp, n_parsed, n_gold, precision, recall, f1)


@dataclass(frozen=True)
class FieldAccuracy:
    """Share of compared values that are right; ``accuracy`` is None when nothing was compared."""

    name: str
    correct: int
    total: int

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None


@dataclass
class DocumentReport:
    """Everything measured for one (gold file, parsed source file) pair.

    ``source_path`` is None when no parsed document matched the gold file: its gold rows then count
    as missed, so a document the pipeline dropped lowers recall instead of vanishing from the report.
    """

    gold_stem: str
    source_path: str | None
    doc_id: str | None
    scores: dict[str, TableScore]
    fields: dict[str, FieldAccuracy]
    furniture: list[str] = field(default_factory=list)
    misses: dict[str, list[str]] = field(default_factory=dict)
    extras: dict[str, list[str]] = field(default_factory=dict)
    goal_alignment: dict[str, str] = field(default_factory=dict)

    @property
    def furniture_count(self) -> int:
        return len(self.furniture)


@dataclass
class EvalReport:
    """All document reports, with corpus-level (micro-averaged) scores."""

    documents: list[DocumentReport]
    unmatched_gold: list[str] = field(default_factory=list)
    unmatched_parsed: list[str] = field(default_factory=list)

    @property
    def tables(self) -> dict[str, TableScore]:
        totals: dict[str, TableScore] = {}
        for table in SCORED_TABLES:
            scores = [d.scores[table] for d in self.documents if table in d.scores]
            totals[table] = TableScore.from_counts(
                table,
                sum(s.tp for s in scores),
                sum(s.n_parsed for s in scores),
                sum(s.n_gold for s in scores),
            )
        return totals

    @property
    def fields(self) -> dict[str, FieldAccuracy]:
        totals: dict[str, FieldAccuracy] = {}
        for doc in self.documents:
            for name, acc in doc.fields.items():
                prev = totals.get(name, FieldAccuracy(name, 0, 0))
                totals[name] = FieldAccuracy(name, prev.correct + acc.correct, prev.total + acc.total)
        return totals

    @property
    def furniture_count(self) -> int:
        return sum(d.furniture_count for d in self.documents)

    def value(self, name: str) -> float:
        """A named measure: ``<table>`` (its F1), ``<table>.<precision|recall|f1>``, a field
        accuracy such as ``indicators.target_raw`` (1.0 when nothing was compared), or ``furniture``."""
        if name == "furniture":
            return float(self.furniture_count)
        table, _, measure = name.partition(".")
        if table in SCORED_TABLES and measure in ("", *_MEASURES):
            return float(getattr(self.tables[table], measure or "f1"))
        fields = self.fields
        if name in fields:
            acc = fields[name].accuracy
            return 1.0 if acc is None else acc
        raise KeyError(f"unknown measure {name!r}")

    def failures(self, thresholds: dict[str, float]) -> list[str]:
        """Measures that miss their threshold; ``furniture`` is a maximum, every other one a minimum."""
        failed = []
        for name, limit in thresholds.items():
            got = self.value(name)
            ok = got <= limit if name == "furniture" else got >= limit
            if not ok:
                failed.append(f"{name}: {got:.3f} ({'max' if name == 'furniture' else 'min'} {limit:.3f})")
        return failed

    def passes(self, thresholds: dict[str, float]) -> bool:
        """True when every thresholded measure is good enough (unknown names raise KeyError)."""
        return not self.failures(thresholds)


def _fmt(value: float | None) -> str:
    return "    -" if value is None else f"{value:5.3f}"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _doc_label(doc: DocumentReport) -> str:
    if doc.source_path is None:
        return f"{doc.gold_stem} (not parsed)"
    return doc.source_path.replace("\\", "/").rsplit("/", 1)[-1]


def _table_lines(scores: dict[str, TableScore]) -> list[str]:
    lines = [f"{'table':<14} {'tp':>6} {'parsed':>7} {'gold':>6} {'P':>6} {'R':>6} {'F1':>6}"]
    for s in scores.values():
        lines.append(
            f"{s.table:<14} {s.tp:>6} {s.n_parsed:>7} {s.n_gold:>6} "
            f"{_fmt(s.precision):>6} {_fmt(s.recall):>6} {_fmt(s.f1):>6}"
        )
    return lines


def _field_lines(fields: dict[str, FieldAccuracy]) -> list[str]:
    lines = [f"{'field':<26} {'correct':>7} {'total':>6} {'acc':>6}"]
    for name in sorted(fields, key=lambda n: (n.startswith("metadata."), n)):
        f = fields[name]
        lines.append(f"{name:<26} {f.correct:>7} {f.total:>6} {_fmt(f.accuracy):>6}")
    return lines


def _document_lines(docs: list[DocumentReport], max_items: int, width: int) -> list[str]:
    label_w = max([len(_doc_label(d)) for d in docs] + [8])
    cols = " ".join(f"{_SHORT[t]:>6}" for t in SCORED_TABLES)
    lines = [f"{'document':<{label_w}} {cols} {'meta':>6} {'furn':>4}   (F1 per table)"]
    for d in docs:
        meta = [f for n, f in d.fields.items() if n.startswith("metadata.")]
        meta_acc = FieldAccuracy("metadata", sum(f.correct for f in meta), sum(f.total for f in meta))
        f1s = " ".join(f"{_fmt(d.scores[t].f1):>6}" for t in SCORED_TABLES)
        lines.append(f"{_doc_label(d):<{label_w}} {f1s} {_fmt(meta_acc.accuracy):>6} {d.furniture_count:>4}")
    for d in docs:
        detail: list[str] = []
        for table in SCORED_TABLES:
            misses, extras = d.misses.get(table, []), d.extras.get(table, [])
            if not misses and not extras:
                continue
            detail.append(f"  {table}: {len(misses)} missed, {len(extras)} extra")
            detail += [f"    - {_cut(k, width)}" for k in misses[:max_items]]
            detail += [f"    + {_cut(k, width)}" for k in extras[:max_items]]
        wrong_fields = [
            f"{n} {f.correct}/{f.total}" for n, f in d.fields.items() if f.total and f.correct < f.total
        ]
        if wrong_fields:
            detail.append("  fields: " + ", ".join(wrong_fields))
        detail += [f"  furniture: {_cut(k, width)}" for k in d.furniture[:max_items]]
        if detail:
            lines += ["", f"{_doc_label(d)} ← gold {d.gold_stem}", *detail]
    return lines


def format_report(report: EvalReport, verbose: bool = False, max_items: int = 3, width: int = 100) -> str:
    """Aligned text: corpus P/R/F1 per table and field accuracies; with ``verbose``, per-document
    F1 rows and the first ``max_items`` missed (-) and extra (+) keys per table, cut to ``width``."""
    lines = [
        f"gold documents: {len({d.gold_stem for d in report.documents})}, "
        f"parsed documents evaluated: {sum(d.source_path is not None for d in report.documents)}"
    ]
    if report.unmatched_gold:
        lines.append("gold without a parsed document: " + ", ".join(report.unmatched_gold))
    if report.unmatched_parsed:
        lines.append(f"parsed documents without gold (ignored): {len(report.unmatched_parsed)}")
    lines += ["", *_table_lines(report.tables), "", *_field_lines(report.fields), ""]
    lines.append(f"page-furniture text fields: {report.furniture_count}")
    if verbose and report.documents:
        lines += ["", *_document_lines(report.documents, max_items, width)]
    return "\n".join(lines)
