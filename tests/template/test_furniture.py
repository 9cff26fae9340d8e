"""Repeated furniture: an address no pattern knows, opening each page's footer."""

from __future__ import annotations

from pipeline.model import Line
from pipeline.rules import load_rules
from pipeline.template.furniture import furniture_flags

RULES = load_rules()


def _page(n: int, last: str) -> list[str]:
    return [
        "Tjänsteutlåtande",
        f"Sid {n} (4)",
        "",
        "Löpande text på sidan.",
        last,
        "",
        "Solhemsbackarna 9",
        "start.stockholm",
    ]


def _flagged(texts: list[str]) -> set[str]:
    lines = [Line(t, i + 1) for i, t in enumerate(texts)]
    return {ln.text for ln, flag in zip(lines, furniture_flags(lines, RULES), strict=True) if flag}


def test_an_address_that_opens_every_footer_is_furniture():
    texts = [line for n in range(1, 5) for line in _page(n, f"Andel nöjda brukare {n}")]
    assert "Solhemsbackarna 9" in _flagged(texts)
    assert not any(t.startswith("Andel") for t in _flagged(texts))


def test_a_line_beside_the_footer_at_few_page_breaks_is_kept():
    texts = [line for n in range(1, 5) for line in _page(n, "Tertial" if n < 3 else f"Andel {n}")]
    texts = [t for t in texts if t != "Solhemsbackarna 9"]
    assert "Tertial" not in _flagged(texts)
