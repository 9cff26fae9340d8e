"""Swedish numbers in target cells: "7,9 %" -> (7.9, "%"), "1 200 kr" -> (1200.0, "kr").

A cell that holds no number ("Tas fram av nämnd", "öka") keeps only its raw text. A cell
with a comparator keeps it in the unit ("Max 10 personer" -> (10.0, "max personer")) so
that a bound is never mistaken for a point target.
"""

from __future__ import annotations

import regex

_NUMBER = regex.compile(
    r"^(?P<cmp>[<>≥≤]|max|minst|högst|lägst|under|över|ca|cirka)?\s*"
    r"(?P<num>\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?:[,.](?P<dec>\d+))?\s*(?P<unit>[\p{L}%]+)?\s*$",
    regex.IGNORECASE,
)


def parse_number(raw: str | None) -> tuple[float | None, str | None]:
    """(value, unit) of a cell, or (None, None) when it holds no single number."""
    if not raw:
        return None, None
    match = _NUMBER.match(raw.strip())
    if not match:
        return None, None
    digits = regex.sub(r"[ \u00a0]", "", match["num"])
    value = float(f"{digits}.{match['dec']}" if match["dec"] else digits)
    unit = match["unit"]
    if unit and unit.casefold() == "procent":
        unit = "%"
    comparator = match["cmp"].casefold() if match["cmp"] else None
    if comparator:
        unit = f"{comparator} {unit}" if unit else comparator
    return value, unit
