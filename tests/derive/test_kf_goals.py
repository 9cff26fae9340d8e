"""The KF goal catalog: a code is a goal within its mandate period; a code given to another
goal in the next period is another entry, and says so."""

from __future__ import annotations

import pyarrow as pa

from pipeline.derive.kf_goals import kf_goal_table

AREA = "kf_verksamhetsomradesmal"


def _tables(plans: list[tuple[str, int, bool, list[tuple[str, str, str]]]]) -> tuple[pa.Table, pa.Table]:
    docs = pa.table(
        {
            "doc_id": [f"d{i}" for i in range(len(plans))],
            "plan_id": [p[0] for p in plans],
            "plan_year": pa.array([p[1] for p in plans], pa.int32()),
            "preferred": [p[2] for p in plans],
        }
    )
    goals = [(f"d{i}", level, code, title) for i, p in enumerate(plans) for level, code, title in p[3]]
    return docs, pa.table(
        {k: [g[n] for g in goals] for n, k in enumerate(("doc_id", "level", "code", "title"))}
    )


def test_a_code_is_keyed_within_its_period_and_a_new_wording_is_flagged():
    safety = (AREA, "1.6", "Kultur och idrott ska vara tillgängligt för alla")
    reused = (AREA, "1.6", "Stadens kulturutbud ska nå alla åldrar")
    docs, goals = _tables(
        [
            ("pA", 2021, True, [safety]),
            ("pB", 2024, True, [safety]),
            ("pC", 2025, True, [(AREA, "1.6", "Kultur och idrott ska vara tillgängligt för alla!")]),
            ("pC", 2025, False, [safety, safety]),  # a copy of pC: not counted
            ("pD", 2027, True, [reused, ("namndmal", None, "Ett nämndmål")]),
        ]
    )
    rows = {r["catalog_id"]: r for r in kf_goal_table(docs, goals).to_pylist()}
    assert sorted(rows) == ["1.6@2019-2022", "1.6@2023-2026", "1.6@2027-2030"]
    middle = rows["1.6@2023-2026"]
    assert (middle["plans"], middle["first_year"], middle["last_year"]) == (2, 2024, 2025)
    assert middle["wordings"] == 1  # punctuation aside, one wording
    assert middle["title_as_previous_period"] is True
    assert rows["1.6@2027-2030"]["title_as_previous_period"] is False
    assert rows["1.6@2027-2030"]["title"] == reused[2]
    assert rows["1.6@2019-2022"]["title_as_previous_period"] is None
