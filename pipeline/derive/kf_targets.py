"""Lone values placed by the council's targets: which column a row's only value stands in.

Exporters that drop empty cells (``pdftotext``, pdfium, pdfplumber's ``extract_text``) leave
a row under a KF goal with one value and nothing to show whether it is the unit's target
or the council's; the tables stage reads it as the target and flags it ``uncertain``. The
council (KF) sets one target per indicator and year, printed alike in every unit's plan of
that year, so the archive knows it wherever a row shows its KF column plainly (both
values, or a layout that shows the empty cell). A lone value equal to that year's KF
value is the KF value; one that differs is the unit's own target. Only rows under a KF
goal are flagged: there a KF value is printed in most rows, so a lone value equal to the
year's KF value is most likely it; under a unit's own goal most rows print no KF value, and
a unit target that happens to equal the council's (targets are often round percentages)
would be moved wrongly more often than a lone KF value is found (measured: the exports
harness lost more rows than it gained when unit goals' lone values were placed too).
A placed row is no longer uncertain, and ``placed_by_plans`` records that the other plans
decided it. A year whose plans print two KF values for the indicator, equally often,
decides nothing.

Recomputed from all rows at every run, like the rest of ``pipeline.derive``; the rows each
document's parse wrote are never changed in its cache.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import pyarrow as pa
import pyarrow.compute as pc

from pipeline.store.schema import INDICATORS
from pipeline.text import collapse_ws

#: The target and KF columns of a row, moved together when a lone value changes column.
_TARGET = ("target_raw", "target_value", "target_unit")
_KF = ("kf_target_raw", "kf_target_value", "kf_target_unit")


def council_targets(rows: list[dict], year_of: dict[str, int | None], plan_of: dict[str, str]) -> dict:
    """(plan year, indicator_key) -> the KF value the year's rows print plainly, where one
    value is printed more often than any other (each plan counts once, whatever its copies).
    An indicator whose unit target is printed equal to the KF value in a plan of the year
    ("minska", "minska") has no value that tells the columns apart: it is left out."""
    seen: dict[tuple, Counter] = defaultdict(Counter)
    counted: set[tuple] = set()
    alike: set[tuple] = set()
    for row in rows:
        year = year_of.get(row["doc_id"])
        value = row["kf_target_raw"]
        if year is None or not value or row["uncertain"] or not row["indicator_key"]:
            continue
        key = (year, row["indicator_key"])
        if row["target_raw"] == value:
            alike.add(key)
        plan = plan_of.get(row["doc_id"]) or row["doc_id"]
        if (plan, key) in counted:
            continue
        counted.add((plan, key))
        seen[key][collapse_ws(value)] += 1
    known: dict[tuple, str] = {}
    for key, values in seen.items():
        if key in alike:
            continue
        (top, n), *rest = values.most_common(2)
        if not rest or rest[0][1] < n:
            known[key] = top
    return known


#: The columns ``place_lone_values`` reads and writes (with ``doc_id``).
COLUMNS = ["doc_id", "indicator_key", "uncertain", *_TARGET, *_KF, "placed_by_plans"]


def as_parsed(row: dict) -> dict:
    """``row`` as its document's parse left it: a placement made by an earlier run (against
    the archive it knew then) undone. A placed row holds one value, which the parse read as
    the target."""
    if row["placed_by_plans"]:
        if row["kf_target_raw"] and not row["target_raw"]:
            for t, k in zip(_TARGET, _KF, strict=True):
                row[t], row[k] = row[k], None
        row["uncertain"], row["placed_by_plans"] = True, False
    return row


def known_kf_values(documents: pa.Table, indicators: pa.Table) -> dict:
    """(plan year, indicator_key) -> the year's KF value (``council_targets``) over the rows
    of ``indicators`` (``COLUMNS`` at least) as parsed: what the whole output knows, so that
    a part of it can be placed alone (``place_lone_values(..., known=)``)."""
    year_of, plan_of = _years_and_plans(documents)
    return council_targets(_evidence(indicators).select(COLUMNS).to_pylist(), year_of, plan_of)


def _undecided(indicators: pa.Table) -> pa.ChunkedArray:
    """Per row: uncertain, or placed by an earlier run (so uncertain as parsed)."""
    flag = [pc.fill_null(indicators[name], False) for name in ("uncertain", "placed_by_plans")]
    return pc.or_(*flag)


def _evidence(indicators: pa.Table) -> pa.Table:
    """The rows that show a KF value plainly: printed in the KF column by the parse (not
    uncertain, not placed there by an earlier run). Only these are read into Python, so the
    pass over a whole archive holds a part of its rows, not all."""
    plain = pc.invert(_undecided(indicators))
    return indicators.filter(pc.and_(pc.is_valid(indicators["kf_target_raw"]), plain))


def read_rows(indicators: pa.Table) -> pa.ChunkedArray:
    """Per row: may ``known_kf_values`` or ``place_lone_values`` read it (it shows a KF value,
    or is undecided)? The others can be left out of what is handed to them."""
    return pc.or_(pc.is_valid(indicators["kf_target_raw"]), _undecided(indicators))


def placeable(indicators: pa.Table) -> pa.Table:
    """The rows ``place_lone_values`` may change: uncertain, or placed by an earlier run."""
    return indicators.filter(_undecided(indicators))


def _years_and_plans(documents: pa.Table) -> tuple[dict[str, int | None], dict[str, str]]:
    docs = documents.select(["doc_id", "plan_year", "plan_id"]).to_pylist()
    return {d["doc_id"]: d["plan_year"] for d in docs}, {d["doc_id"]: d["plan_id"] for d in docs}


def place_lone_values(documents: pa.Table, indicators: pa.Table, known: dict | None = None) -> pa.Table:
    """``indicators`` with each uncertain lone value placed by its year's KF value, where the
    archive knows one (``placed_by_plans`` true on the rows it placed). ``known``: the KF
    values of the whole output (``known_kf_values``) when ``indicators`` is a part of it;
    by default they are read off ``indicators``. Rows placed by an earlier run are placed
    again from their parsed values, so the result does not depend on what was placed before."""
    if known is None:
        known = known_kf_values(documents, indicators)
    rows, changed = _placed(documents, indicators, known)
    if not any(changed):
        return indicators
    for name in COLUMNS[2:]:
        column = pa.array([r[name] for r in rows], INDICATORS.field(name).type)
        indicators = indicators.set_column(indicators.schema.get_field_index(name), name, column)
    return indicators


def placement_changes(documents: pa.Table, indicators: pa.Table, known: dict) -> set[str]:
    """The documents some of whose ``indicators`` rows ``place_lone_values`` would change:
    the parts holding them are the ones to write again."""
    rows, changed = _placed(documents, indicators, known)
    return {row["doc_id"] for row, change in zip(rows, changed, strict=True) if change}


def _placed(documents: pa.Table, indicators: pa.Table, known: dict) -> tuple[list[dict], list[bool]]:
    """The ``COLUMNS`` of each row as placed, and whether that differs from the row as held."""
    year_of, _ = _years_and_plans(documents)
    held = indicators.select(COLUMNS).to_pylist()
    rows = [as_parsed(dict(r)) for r in held]
    for row in rows:
        if not row["uncertain"] or not row["target_raw"] or row["kf_target_raw"]:
            continue
        kf = known.get((year_of.get(row["doc_id"]), row["indicator_key"]))
        if kf is None:
            continue
        if collapse_ws(row["target_raw"]) == kf:
            for t, k in zip(_TARGET, _KF, strict=True):
                row[k], row[t] = row[t], None
        row["uncertain"] = False
        row["placed_by_plans"] = True
    return rows, [a != b for a, b in zip(held, rows, strict=True)]
    for name in COLUMNS[2:]:
        column = pa.array([r[name] for r in rows], INDICATORS.field(name).type)
        indicators = indicators.set_column(indicators.schema.get_field_index(name), name, column)
    return indicators
