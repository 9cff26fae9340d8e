"""``kf_goals``: a catalog of the council's (KF) goals, keyed by code within a mandate period.

The council renumbers its goals when a new mandate period starts, so one code stands for
different goals in different periods: a code is an identity only within its period
(``rules/plans.toml``, ``[mandate_periods]``). Each (code, period) is one entry, worded as
most of the period's plans word it; ``wordings`` counts the different wordings seen (OCR
damage or an edited goal: more than one is worth a look), and ``title_as_previous_period``
says whether the same code meant the same goal in the period before. Each plan counts once
(its preferred copy).
"""

from __future__ import annotations

from collections import Counter, defaultdict

import pyarrow as pa
import pyarrow.compute as pc
from rapidfuzz import fuzz

from pipeline.derive.rules import plan_rules
from pipeline.lang.sv.fold import fold
from pipeline.model import LEVELS_BY_NAME
from pipeline.store.schema import KF_GOALS

#: Wordings at least this alike (rapidfuzz ratio of the folded titles) are the same goal.
SAME_TITLE = 90


def catalog_id(code: str, period: tuple[int, int] | None) -> str:
    return f"{code}@{period[0]}-{period[1]}" if period else f"{code}@unknown"


def kf_goal_table(documents: pa.Table, goals: pa.Table) -> pa.Table:
    rules = plan_rules()
    docs = documents.filter(pc.fill_null(documents["preferred"], True)).select(
        ["doc_id", "plan_id", "plan_year"]
    )
    plan_of = {r["doc_id"]: (r["plan_id"] or r["doc_id"], r["plan_year"]) for r in docs.to_pylist()}
    entries: dict[tuple[str, tuple[int, int] | None], dict] = {}
    for g in goals.select(["doc_id", "level", "code", "title"]).to_pylist():
        level = LEVELS_BY_NAME.get(g["level"])
        if level is None or not level.is_kf or not g["code"] or g["doc_id"] not in plan_of:
            continue
        plan_id, year = plan_of[g["doc_id"]]
        period = rules.period(year)
        entry = entries.setdefault(
            (g["code"], period), {"levels": Counter(), "titles": Counter(), "plans": set(), "years": set()}
        )
        entry["levels"][g["level"]] += 1
        entry["titles"][g["title"]] += 1
        entry["plans"].add(plan_id)
        if year is not None:
            entry["years"].add(year)
    by_code: dict[str, dict] = defaultdict(dict)
    rows = []
    for (code, period), e in sorted(entries.items(), key=lambda kv: (kv[0][0], kv[0][1] or (0, 0))):
        title = min(e["titles"], key=lambda t: (-e["titles"][t], t))
        folded = {fold(t) for t in e["titles"]}
        earlier = [p for p in by_code[code] if period and p and p[0] < period[0]]
        same = None
        if earlier:
            before = by_code[code][max(earlier)]
            same = fuzz.ratio(fold(title), fold(before)) >= SAME_TITLE
        if period:
            by_code[code][period] = title
        rows.append(
            {
                "catalog_id": catalog_id(code, period),
                "code": code,
                "level": min(e["levels"], key=lambda lv: (-e["levels"][lv], lv)),
                "title": title,
                "period_start": period[0] if period else None,
                "period_end": period[1] if period else None,
                "first_year": min(e["years"]) if e["years"] else None,
                "last_year": max(e["years"]) if e["years"] else None,
                "plans": len(e["plans"]),
                "wordings": len(folded),
                "title_as_previous_period": same,
            }
        )
    return pa.Table.from_pylist(rows, schema=KF_GOALS)
