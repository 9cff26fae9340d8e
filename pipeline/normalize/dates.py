"""Activity dates as printed -> ``datetime.date``; impossible dates give None."""

from __future__ import annotations

from datetime import date

import regex

_ISO = regex.compile(r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})$")
_DMY = regex.compile(r"^(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})$")


def parse_date(raw: str | None) -> date | None:
    if not raw:
        return None
    text = raw.strip()
    match = _ISO.match(text) or _DMY.match(text)
    if not match:
        return None
    try:
        return date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None
