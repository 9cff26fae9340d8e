from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.normalize.dates import parse_date
from pipeline.normalize.numbers import parse_number


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("7,9 %", (7.9, "%")),
        ("82", (82.0, None)),
        ("1 200 kr", (1200.0, "kr")),
        ("4,1", (4.1, None)),
        ("70 procent", (70.0, "%")),
        ("Max 10 personer", (10.0, "max personer")),
        ("Tas fram av nämnd", (None, None)),
        ("öka", (None, None)),
        ("", (None, None)),
        (None, (None, None)),
    ],
)
def test_swedish_numbers(raw, expected):
    assert parse_number(raw) == expected


@given(st.integers(0, 10**6), st.integers(0, 99))
def test_decimal_comma_round_trip(whole, frac):
    value, unit = parse_number(f"{whole},{frac:02d} %")
    assert value == pytest.approx(whole + frac / 100) and unit == "%"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-01-01", date(2026, 1, 1)),
        ("2026-2-3", date(2026, 2, 3)),
        ("31/12/2025", date(2025, 12, 31)),
        ("2026-02-30", None),
        ("snart", None),
        (None, None),
    ],
)
def test_dates(raw, expected):
    assert parse_date(raw) == expected
