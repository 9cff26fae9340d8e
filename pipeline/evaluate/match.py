"""The matching rules that decide when a parsed row counts as right.

Documents
    Gold ``<stem>.gold.json`` matches every parsed document whose ``source_path`` file-name stem equals
    ``<stem>`` or starts with ``<stem>-`` (``000_x.txt``, ``000_x.pdf``, ``000_x-scan.pdf`` all match
    ``000_x``). Each matching source file is evaluated on its own; a parsed document matching several gold
    stems goes to the longest one.

Text
    Compared after Unicode NFC, whitespace runs collapsed to one space, and stripping; an empty result
    counts as null (gold writes an empty cell as null). Nothing else: no case folding, so a wrongly
    cased title is wrong. Only ``indicators.period`` is compared case-insensitively (we write ``år``,
    gold ``År``). Dates compare as ISO strings. In a target value the space between a number and its
    per cent sign carries nothing ("6%" = "6 %"): the sign means the same with or without it, the
    normalize stage reads the same value and unit from both, and exporters keep or drop it
    (poppler's ``pdftotext`` drops it in a short cell that prints it).

Row matching
    Each table turns every row into a key; the multiset intersection of gold and parsed keys gives tp
    (precision = tp / parsed rows, recall = tp / gold rows). Equal keys are paired in document order
    (row order), and the pairs are what attachment and field accuracies are judged on.

    - goals: (level, code, prefix, title, parent's (level, code, title)).
    - goal alignment: gold id → parsed goal_id from the goal pairs, used to refer to goals in the
      other tables: a goal reference is the goal's own (level, code, title), plus the gold id when the
      goal is aligned. So a row under a goal whose title is wrong counts wrong, a row under a goal that
      only has a wrong parent still counts right, and of two look-alike headings only the aligned one
      is right.
    - goal_sections: (goal reference, kind, text).
    - indicators: (name, target, kf_target, period casefolded). Reported apart: attachment ("goal"),
      the share of key-matched rows whose goal reference is right, and field accuracy of target_raw,
      kf_target_raw and period over rows paired by name alone.
    - activities: (text, start, end); attachment as for indicators; start_date/end_date accuracy over
      rows paired by text alone.
    - sections: (heading path, text).
    - metadata: district, unit, plan_type, plan_year, dnr compared per document.

Page furniture
    Parsed text fields (goal titles, section texts and headings, indicator names and comments, activity
    texts) are searched for page headers/footers that should have been removed; every field with a hit
    is listed. Expected: none.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict, deque
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import PurePath
from typing import Any

import pandas as pd

from pipeline.evaluate.report import DocumentReport, FieldAccuracy, TableScore

Row = dict[str, Any]
Key = tuple[Hashable, ...]

METADATA_FIELDS: tuple[str, ...] = ("district", "unit", "plan_type", "plan_year", "dnr")

#: Page headers and footers that must not survive into text fields.
FURNITURE_PATTERNS: dict[str, re.Pattern[str]] = {
    "Tjänsteutlåtande": re.compile(r"^[ \t]*Tjänsteutlåtande(?!\w)", re.MULTILINE),
    "Sid n (m)": re.compile(r"\bSid\s+\d+\s*\(\s*\d+\s*\)"),
    "start.stockholm": re.compile(r"start\.stockholm", re.IGNORECASE),
    "phone": re.compile(r"(?<![\w.,])(?:\+46\s?\(?0?\)?\s?8|08)\s?-?\s?\d{2,3}(?:\s?\d{2,3}){2}(?!\d)"),
}

#: Parsed text columns checked for furniture, per table.
TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    "goals": ("title",),
    "goal_sections": ("text",),
    "indicators": ("name", "comment"),
    "activities": ("text",),
    "sections": ("path", "text"),
}


# --- values -----------------------------------------------------------------------------------


def is_missing(value: Any) -> bool:
    """None, NaN, NA and NaT all mean "no value" once a row has been through pandas."""
    return pd.api.types.is_scalar(value) and bool(pd.isna(value))


def norm(value: Any) -> str | None:
    """NFC, whitespace collapsed, stripped; missing or empty → None."""
    if is_missing(value):
        return None
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(value))).strip()
    return text or None


_PER_CENT = re.compile(r"(?<=\d)\s*%")


def norm_value(value: Any) -> str | None:
    """``norm`` with one space between a number and its per cent sign, as the gold writes it."""
    text = norm(value)
    return None if text is None else _PER_CENT.sub(" %", text)


def norm_fold(value: Any) -> str | None:
    """``norm`` and case folded: for coded values whose case carries no meaning (period)."""
    text = norm(value)
    return None if text is None else text.casefold()


def iso_date(value: Any) -> str | None:
    """Date as ``YYYY-MM-DD`` whether it arrives as date, datetime, Timestamp or ISO text."""
    if is_missing(value):
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return norm(value)


def year(value: Any) -> int | None:
    """Plan year as int; Parquet int32 columns with nulls come back from pandas as floats."""
    return None if is_missing(value) else int(value)


def _path(value: Any) -> tuple[str | None, ...]:
    if value is None or (pd.api.types.is_scalar(value) and is_missing(value)):
        return ()
    return tuple(norm(part) for part in value)


# --- documents --------------------------------------------------------------------------------


def matches_gold_stem(source_path: str, stem: str) -> bool:
    """True when the source file is (a variant of) the document annotated as ``stem``."""
    name_stem = PurePath(source_path.replace("\\", "/")).stem
    return name_stem == stem or name_stem.startswith(f"{stem}-")


def best_gold_stem(source_path: str, stems: Iterable[str]) -> str | None:
    """The longest gold stem matching the source file, so ``a-b.txt`` goes to ``a-b``, not ``a``."""
    matching = [s for s in stems if matches_gold_stem(source_path, s)]
    return max(matching, key=len) if matching else None


@dataclass
class ParsedDoc:
    """One parsed document: its ``documents`` row and its rows of the other tables, in row order."""

    doc_id: str
    source_path: str
    metadata: Row
    rows: dict[str, list[Row]] = field(default_factory=dict)

    def table(self, name: str) -> list[Row]:
        return self.rows.get(name, [])


# --- key matching -----------------------------------------------------------------------------


def pair_keys(gold_keys: Sequence[Hashable], parsed_keys: Sequence[Hashable]) -> list[tuple[int, int]]:
    """Pairs (gold index, parsed index) of equal keys, first with first: a multiset intersection."""
    waiting: dict[Hashable, deque[int]] = defaultdict(deque)
    for j, key in enumerate(parsed_keys):
        waiting[key].append(j)
    pairs = []
    for i, key in enumerate(gold_keys):
        queue = waiting.get(key)
        if queue:
            pairs.append((i, queue.popleft()))
    return pairs


def render_key(key: Hashable) -> str:
    """A key as one readable line for the verbose report."""
    if not isinstance(key, tuple):
        return "∅" if key is None else str(key)
    parts = [" > ".join(str(p) for p in k) if isinstance(k, tuple) else render_key(k) for k in key]
    return " | ".join(parts)


@dataclass
class KeyMatch:
    """Gold and parsed keys of one table and the pairs of equal keys."""

    table: str
    gold_keys: list[Key]
    parsed_keys: list[Key]
    pairs: list[tuple[int, int]]

    @classmethod
    def of(cls, table: str, gold_keys: list[Key], parsed_keys: list[Key]) -> KeyMatch:
        return cls(table, gold_keys, parsed_keys, pair_keys(gold_keys, parsed_keys))

    @property
    def score(self) -> TableScore:
        return TableScore.from_counts(self.table, len(self.pairs), len(self.parsed_keys), len(self.gold_keys))

    def misses(self) -> list[str]:
        paired = {i for i, _ in self.pairs}
        return [render_key(k) for i, k in enumerate(self.gold_keys) if i not in paired]

    def extras(self) -> list[str]:
        paired = {j for _, j in self.pairs}
        return [render_key(k) for j, k in enumerate(self.parsed_keys) if j not in paired]


# --- goals ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalRef:
    """How other rows refer to a goal: its own (level, code, title), plus the gold id once aligned."""

    level: str | None
    code: str | None
    title: str | None
    gold_id: str | None = None

    def __str__(self) -> str:
        code = f" {self.code}" if self.code else ""
        return f"{self.level}{code} «{self.title}»"


def _unknown_goal(goal_id: str) -> GoalRef:
    return GoalRef("<unknown goal>", None, goal_id)


def _goal_refs(goals: list[Row], id_field: str) -> dict[str, GoalRef]:
    return {
        str(g[id_field]): GoalRef(norm(g.get("level")), norm(g.get("code")), norm(g.get("title")))
        for g in goals
    }


def _goal_keys(goals: list[Row], parent_field: str, refs: dict[str, GoalRef]) -> list[Key]:
    keys: list[Key] = []
    for g in goals:
        parent = norm(g.get(parent_field))
        parent_ref = None if parent is None else refs.get(parent, _unknown_goal(parent))
        keys.append(
            (
                norm(g.get("level")),
                norm(g.get("code")),
                norm(g.get("prefix")),
                norm(g.get("title")),
                parent_ref,
            )
        )
    return keys


@dataclass
class GoalContext:
    """Goal references on both sides, resolved through the alignment gold id → parsed goal_id."""

    gold_refs: dict[str, GoalRef]
    parsed_refs: dict[str, GoalRef]
    alignment: dict[str, str]

    def __post_init__(self) -> None:
        self._reverse = {p: g for g, p in self.alignment.items()}

    def gold(self, gold_id: Any) -> GoalRef | None:
        gid = norm(gold_id)
        if gid is None:
            return None
        ref = self.gold_refs.get(gid, _unknown_goal(gid))
        return replace(ref, gold_id=gid) if gid in self.alignment else ref

    def parsed(self, goal_id: Any) -> GoalRef | None:
        pid = norm(goal_id)
        if pid is None:
            return None
        ref = self.parsed_refs.get(pid, _unknown_goal(pid))
        return replace(ref, gold_id=self._reverse[pid]) if pid in self._reverse else ref


def match_goals(gold_goals: list[Row], parsed_goals: list[Row]) -> tuple[KeyMatch, GoalContext]:
    """Score goals and align them; the alignment follows the pairs, so ties go in document order."""
    gold_refs = _goal_refs(gold_goals, "id")
    parsed_refs = _goal_refs(parsed_goals, "goal_id")
    km = KeyMatch.of(
        "goals",
        _goal_keys(gold_goals, "parent", gold_refs),
        _goal_keys(parsed_goals, "parent_goal_id", parsed_refs),
    )
    alignment = {str(gold_goals[i]["id"]): str(parsed_goals[j]["goal_id"]) for i, j in km.pairs}
    return km, GoalContext(gold_refs, parsed_refs, alignment)


# --- field accuracies -------------------------------------------------------------------------


def _accuracy(
    name: str,
    pairs: Iterable[tuple[Row, Row]],
    gold_value: Callable[[Row], Any],
    parsed_value: Callable[[Row], Any],
) -> FieldAccuracy:
    results = [gold_value(g) == parsed_value(p) for g, p in pairs]
    return FieldAccuracy(name, sum(results), len(results))


def _row_pairs(km: KeyMatch, gold: list[Row], parsed: list[Row]) -> list[tuple[Row, Row]]:
    return [(gold[i], parsed[j]) for i, j in km.pairs]


def _paired_by(gold: list[Row], parsed: list[Row], gold_key: str, parsed_key: str) -> list[tuple[Row, Row]]:
    pairs = pair_keys([norm(r.get(gold_key)) for r in gold], [norm(r.get(parsed_key)) for r in parsed])
    return [(gold[i], parsed[j]) for i, j in pairs]


def metadata_accuracy(gold: Row, parsed: Row | None) -> dict[str, FieldAccuracy]:
    """One comparison per metadata field; with no parsed document every field counts wrong."""
    fields = {}
    for name in METADATA_FIELDS:
        conv = year if name == "plan_year" else norm
        ok = parsed is not None and conv(gold.get(name)) == conv(parsed.get(name))
        fields[f"metadata.{name}"] = FieldAccuracy(f"metadata.{name}", int(ok), 1)
    return fields


# --- furniture --------------------------------------------------------------------------------


def furniture_hits(text: Any) -> list[str]:
    """Names of the furniture patterns found in one text value."""
    if is_missing(text):
        return []
    value = unicodedata.normalize("NFC", str(text))
    return [name for name, pattern in FURNITURE_PATTERNS.items() if pattern.search(value)]


def find_furniture(parsed: ParsedDoc) -> list[str]:
    """One entry per parsed text field containing page furniture: where, which pattern, the text."""
    found = []
    for table, columns in TEXT_FIELDS.items():
        for n, row in enumerate(parsed.table(table)):
            for column in columns:
                value = row.get(column)
                if column == "path":
                    value = "\n".join(p for p in _path(value) if p)
                hits = furniture_hits(value)
                if hits:
                    found.append(f"{table}[{n}].{column} ({', '.join(hits)}): {norm(value)}")
    return found


# --- one document -----------------------------------------------------------------------------


def evaluate_document(gold_stem: str, gold: Row, parsed: ParsedDoc | None) -> DocumentReport:
    """All scores for one gold file against one parsed document (None: the document was not parsed)."""
    doc = parsed or ParsedDoc(doc_id="", source_path="", metadata={})
    g_goals, g_sections, g_inds, g_acts, g_narr = (
        gold.get(t, []) for t in ("goals", "goal_sections", "indicators", "activities", "sections")
    )
    p_sections, p_inds, p_acts, p_narr = (
        doc.table(t) for t in ("goal_sections", "indicators", "activities", "sections")
    )

    goals_km, ctx = match_goals(g_goals, doc.table("goals"))

    sections_km = KeyMatch.of(
        "goal_sections",
        [(ctx.gold(r.get("goal")), norm(r.get("kind")), norm(r.get("text"))) for r in g_sections],
        [(ctx.parsed(r.get("goal_id")), norm(r.get("kind")), norm(r.get("text"))) for r in p_sections],
    )
    ind_km = KeyMatch.of(
        "indicators",
        [
            (
                norm(r.get("name")),
                norm_value(r.get("target")),
                norm_value(r.get("kf_target")),
                norm_fold(r.get("period")),
            )
            for r in g_inds
        ],
        [
            (
                norm(r.get("name")),
                norm_value(r.get("target_raw")),
                norm_value(r.get("kf_target_raw")),
                norm_fold(r.get("period")),
            )
            for r in p_inds
        ],
    )
    act_km = KeyMatch.of(
        "activities",
        [(norm(r.get("text")), iso_date(r.get("start")), iso_date(r.get("end"))) for r in g_acts],
        [(norm(r.get("text")), iso_date(r.get("start_date")), iso_date(r.get("end_date"))) for r in p_acts],
    )
    narr_km = KeyMatch.of(
        "sections",
        [(_path(r.get("path")), norm(r.get("text"))) for r in g_narr],
        [(_path(r.get("path")), norm(r.get("text"))) for r in p_narr],
    )
    matches = [goals_km, sections_km, ind_km, act_km, narr_km]

    def gold_goal(r: Row) -> GoalRef | None:
        return ctx.gold(r.get("goal"))

    def parsed_goal(r: Row) -> GoalRef | None:
        return ctx.parsed(r.get("goal_id"))

    ind_by_name = _paired_by(g_inds, p_inds, "name", "name")
    act_by_text = _paired_by(g_acts, p_acts, "text", "text")
    field_list = [
        _accuracy("indicators.goal", _row_pairs(ind_km, g_inds, p_inds), gold_goal, parsed_goal),
        _accuracy(
            "indicators.target_raw",
            ind_by_name,
            lambda g: norm_value(g.get("target")),
            lambda p: norm_value(p.get("target_raw")),
        ),
        _accuracy(
            "indicators.kf_target_raw",
            ind_by_name,
            lambda g: norm_value(g.get("kf_target")),
            lambda p: norm_value(p.get("kf_target_raw")),
        ),
        _accuracy(
            "indicators.period",
            ind_by_name,
            lambda g: norm_fold(g.get("period")),
            lambda p: norm_fold(p.get("period")),
        ),
        _accuracy("activities.goal", _row_pairs(act_km, g_acts, p_acts), gold_goal, parsed_goal),
        _accuracy(
            "activities.start_date",
            act_by_text,
            lambda g: iso_date(g.get("start")),
            lambda p: iso_date(p.get("start_date")),
        ),
        _accuracy(
            "activities.end_date",
            act_by_text,
            lambda g: iso_date(g.get("end")),
            lambda p: iso_date(p.get("end_date")),
        ),
    ]
    fields = {f.name: f for f in field_list}
    fields.update(metadata_accuracy(gold, parsed.metadata if parsed else None))

    return DocumentReport(
        gold_stem=gold_stem,
        source_path=parsed.source_path if parsed else None,
        doc_id=parsed.doc_id if parsed else None,
        scores={m.table: m.score for m in matches},
        fields=fields,
        furniture=find_furniture(doc),
        misses={m.table: m.misses() for m in matches},
        extras={m.table: m.extras() for m in matches},
        goal_alignment=ctx.alignment,
    )
