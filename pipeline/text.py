"""Small text helpers shared by every stage."""

from __future__ import annotations

import unicodedata

import regex

_WS = regex.compile(r"\s+")


def collapse_ws(text: str) -> str:
    """Whitespace collapsed to single spaces, stripped: the form of every text field."""
    return _WS.sub(" ", text).strip()


def clean_text(text: str) -> str:
    """NFC-normalised and whitespace-collapsed."""
    return collapse_ws(unicodedata.normalize("NFC", text))


def join_lines(parts: list[str]) -> str:
    """Lines of one paragraph or cell joined with single spaces."""
    return collapse_ws(" ".join(parts))


def ascii_name(label: str) -> str:
    """'Förväntat resultat' -> 'forvantat_resultat': a label as a lower-case ascii identifier."""
    decomposed = unicodedata.normalize("NFKD", label.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return regex.sub(r"[^a-z0-9]+", "_", stripped).strip("_")
