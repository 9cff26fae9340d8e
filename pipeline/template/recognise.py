"""Which generation of the template a plan follows, told by the lines only that one holds.

Older plans of the same city label their goals otherwise ("1. ..." for "KF:s inriktningsmål:
1. ...", "Nämndens mål" for "Nämndmål") and head their tables otherwise. Each template of the
rules (``rules/templates/*.toml``) lists its signs; the plan follows the template whose signs
the most of its lines show, the default one when none shows any (or on a tie).
"""

from __future__ import annotations

from pipeline.model import Line
from pipeline.rules import Rules
from pipeline.text import collapse_ws


def recognise(lines: list[Line], rules: Rules) -> Rules:
    """``rules`` for the template ``lines`` follow (``rules.template`` names it)."""
    if len(rules.templates) < 2:
        return rules
    texts = [collapse_ws(line.text) for line in lines if line.text.strip()]
    best, best_count = rules.templates[0], 0  # the default first
    for template in rules.templates:
        count = sum(1 for text in texts if template.signs.match(text))
        if count > best_count:
            best, best_count = template, count
    return rules.for_template(best.name)


__all__ = ["recognise"]
