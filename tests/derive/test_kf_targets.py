"""Lone indicator values placed by the KF value the other plans of the year print."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from pipeline.derive.kf_targets import known_kf_values, place_lone_values
from pipeline.store.schema import INDICATORS

KEY = "andel nojda brukare"


def _docs(years: dict[str, int | None], plan_of: dict[str, str] | None = None) -> pa.Table:
    plan_of = plan_of or {}
    return pa.table(
        {
            "doc_id": list(years),
            "plan_year": pa.array(list(years.values()), pa.int32()),
            "plan_id": [plan_of.get(d, f"p{d}") for d in years],
        }
    )


def _indicators(rows: list[tuple[str, str | None, str | None, bool]], key: str = KEY) -> pa.Table:
    """(doc_id, target_raw, kf_target_raw, uncertain) rows of one indicator."""
    full = []
    for n, (doc, target, kf, uncertain) in enumerate(rows):
        row = {name: None for name in INDICATORS.names}
        row.update(doc_id=doc, ordinal=n + 1, name="Andel nöjda brukare", indicator_key=key)
        row.update(target_raw=target, kf_target_raw=kf, uncertain=uncertain, placed_by_plans=False)
        number = target.split()[0] if target else ""
        row.update(target_value=float(number) if number.isdigit() else None)
        full.append(row)
    return pa.Table.from_pylist(full, schema=INDICATORS)


def _values(table: pa.Table) -> list[tuple]:
    cols = ("target_raw", "kf_target_raw", "target_value", "kf_target_value", "uncertain", "placed_by_plans")
    return [tuple(r[c] for c in cols) for r in table.to_pylist()]


def test_a_lone_value_equal_to_the_years_kf_value_moves_to_the_kf_column():
    docs = _docs({"a": 2025, "b": 2025, "c": 2025})
    inds = _indicators(
        [("a", "80 %", "90 %", False), ("b", "85 %", "90 %", False), ("c", "90 %", None, True)]
    )
    got = _values(place_lone_values(docs, inds))
    assert got[2] == (None, "90 %", None, 90.0, False, True)
    assert got[:2] == _values(inds)[:2]


def test_a_lone_value_that_differs_from_the_years_kf_value_stays_the_target():
    docs = _docs({"a": 2025, "c": 2025})
    inds = _indicators([("a", "80 %", "90 %", False), ("c", "88 %", None, True)])
    assert _values(place_lone_values(docs, inds))[1] == ("88 %", None, 88.0, None, False, True)


def test_another_year_or_an_uncertain_row_is_no_evidence():
    docs = _docs({"a": 2024, "b": 2025, "c": 2025, "d": None})
    inds = _indicators(
        [
            ("a", "80 %", "90 %", False),
            ("b", "90 %", None, True),
            ("c", "90 %", None, True),
            ("d", "90 %", None, True),
        ]
    )
    assert place_lone_values(docs, inds).equals(inds)


def test_a_year_that_prints_two_kf_values_equally_often_decides_nothing():
    docs = _docs({"a": 2025, "b": 2025, "c": 2025})
    inds = _indicators(
        [("a", "80 %", "90 %", False), ("b", "80 %", "95 %", False), ("c", "90 %", None, True)]
    )
    assert place_lone_values(docs, inds).equals(inds)


def test_copies_of_one_plan_count_once():
    docs = _docs({"a": 2025, "a2": 2025, "b": 2025, "c": 2025}, {"a2": "pa"})
    rows = [("a", "1 %", "90 %", False), ("a2", "1 %", "90 %", False), ("b", "1 %", "95 %", False)]
    inds = _indicators([*rows, ("c", "95 %", None, True)])
    assert place_lone_values(docs, inds).equals(inds)  # 90 % once (plan pa), 95 % once: a tie


def test_a_year_where_a_unit_prints_the_kf_value_as_its_own_target_decides_nothing():
    docs = _docs({"a": 2025, "b": 2025, "c": 2025})
    plain = [("a", "minska", "minska", False), ("b", "minska", "minska", False)]
    inds = _indicators([*plain, ("c", "minska", None, True)])
    assert place_lone_values(docs, inds).equals(inds)


def test_placing_again_undoes_what_the_archive_no_longer_shows():
    """A run places rows against the output it knows; the next run starts from the rows as
    parsed, so a placement whose evidence is gone is undone, and placing twice changes nothing."""
    docs = _docs({"a": 2025, "b": 2025, "c": 2025})
    inds = _indicators(
        [("a", "80 %", "90 %", False), ("b", "85 %", "90 %", False), ("c", "90 %", None, True)]
    )
    placed = place_lone_values(docs, inds)
    assert place_lone_values(docs, placed).equals(placed)
    without_evidence = placed.filter(pc.equal(placed["doc_id"], "c"))
    assert place_lone_values(_docs({"c": 2025}), without_evidence).equals(
        inds.filter(pc.equal(inds["doc_id"], "c"))
    )


def test_a_part_placed_with_the_whole_outputs_kf_values_is_placed_as_in_the_whole():
    docs = _docs({"a": 2025, "b": 2025, "c": 2025, "d": 2025})
    inds = _indicators(
        [
            ("a", "80 %", "90 %", False),
            ("b", "85 %", "90 %", False),
            ("c", "90 %", None, True),
            ("d", "70 %", None, True),
        ]
    )
    whole = place_lone_values(docs, inds)
    known = known_kf_values(docs, whole)  # from placed rows too: they count as parsed
    for doc in "abcd":
        part = inds.filter(pc.equal(inds["doc_id"], doc))
        want = whole.filter(pc.equal(whole["doc_id"], doc))
        assert place_lone_values(docs, part, known=known).equals(want), doc
        assert place_lone_values(docs, part).equals(part)  # alone, a part knows no KF value
