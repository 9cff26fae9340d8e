"""``rules/plans.toml``, compiled once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from pipeline.rules import rules_toml

_FLAGS = regex.IGNORECASE | regex.MULTILINE | regex.VERSION1


@dataclass(frozen=True)
class PlanRules:
    min_shared: float
    title_ratio: float
    extraction: tuple[regex.Pattern, ...]
    draft_path: tuple[regex.Pattern, ...]
    draft_text: tuple[regex.Pattern, ...]
    opening_chars: int
    period_anchor: int
    period_years: int

    def extraction_rank(self, extraction: str | None) -> int:
        """0 for the richest reading; one past the last pattern for a kind none names."""
        for rank, pattern in enumerate(self.extraction):
            if extraction and pattern.search(extraction):
                return rank
        return len(self.extraction)

    def is_draft(self, source_path: str, opening: str) -> bool:
        name = source_path.rsplit("/", 1)[-1]
        text = opening[: self.opening_chars]
        return any(p.search(name) for p in self.draft_path) or any(p.search(text) for p in self.draft_text)

    def period(self, year: int | None) -> tuple[int, int] | None:
        """The mandate period (first year, last year) ``year`` falls in."""
        if year is None:
            return None
        start = self.period_anchor + (year - self.period_anchor) // self.period_years * self.period_years
        return start, start + self.period_years - 1


@cache
def plan_rules() -> PlanRules:
    data = rules_toml("plans.toml")
    pref, identity, periods = data["preference"], data["identity"], data["mandate_periods"]

    def compiled(patterns: list[str]) -> tuple[regex.Pattern, ...]:
        return tuple(regex.compile(p, _FLAGS) for p in patterns)

    return PlanRules(
        min_shared=float(identity["min_shared"]),
        title_ratio=float(identity["title_ratio"]),
        extraction=compiled(pref["extraction"]),
        draft_path=compiled(pref["draft_path"]),
        draft_text=compiled(pref["draft_text"]),
        opening_chars=int(pref["opening_chars"]),
        period_anchor=int(periods["anchor"]),
        period_years=int(periods["years"]),
    )
