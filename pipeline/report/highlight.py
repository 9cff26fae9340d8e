"""Repairs shown in place: the words the repair stage wrote, marked in the text they ended up in.

The ``repairs`` table knows the source line of each change, but the text fields (goal titles,
section texts, table cells) do not keep their source lines. So a word is marked wherever it
stands in the document when the repair stage wrote it somewhere in that document, with what it
was before in the mark's title. In an OCR-damaged plan, where almost every "för" was a "for",
that is what an analyst wants to see; in a plan with a few repaired lines, a word that was
repaired once and also stood intact elsewhere is marked in both places (the legend says so).
"""

from __future__ import annotations

import difflib
import html
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import regex

_WORD_CHARS = r"[\p{L}\p{N}]"


@dataclass
class RepairedWord:
    """A word as the repair stage wrote it, and what it was written over."""

    word: str
    originals: Counter = field(default_factory=Counter)  # (original, rule) -> count

    def title(self) -> str:
        parts = [f"{original!r} ({rule}, {n}×)" for (original, rule), n in self.originals.most_common(4)]
        more = len(self.originals) - 4
        return "repaired from " + ", ".join(parts) + (f" and {more} more" if more > 0 else "")


def changed_words(original: str, replacement: str) -> list[tuple[str, str]]:
    """(old, new) word pairs where a repair changed a line or a word: the words of the
    replacement that are not in the original, with what stood there."""
    old, new = original.split(), replacement.split()
    if len(old) == len(new) == 1:
        return [(old[0], new[0])] if old != new else []
    pairs = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("replace", "insert"):
            before = " ".join(old[i1:i2])
            pairs.extend((before, word) for word in new[j1:j2])
    return pairs


class Highlighter:
    """Escapes text for HTML and wraps the repaired words of one document in ``<mark>``."""

    def __init__(self, repairs: Iterable[tuple[str, str, str]]):
        """``repairs``: (original, replacement, rule) rows of one document."""
        words: dict[str, RepairedWord] = {}
        for original, replacement, rule in repairs:
            for old, new in changed_words(original, replacement):
                new = new.strip(".,:;()\"'")
                if new:
                    words.setdefault(new, RepairedWord(new)).originals[(old, rule)] += 1
        self.words = words
        self.marked = 0
        self._pattern = None
        if words:
            alternatives = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
            self._pattern = regex.compile(rf"(?<!{_WORD_CHARS})(?:{alternatives})(?!{_WORD_CHARS})")

    def __call__(self, text: str | None) -> str:
        if not text:
            return ""
        if self._pattern is None:
            return html.escape(text)
        out, last = [], 0
        for match in self._pattern.finditer(text):
            out.append(html.escape(text[last : match.start()]))
            title = html.escape(self.words[match.group()].title())
            out.append(f'<mark class="repair" title="{title}">{html.escape(match.group())}</mark>')
            self.marked += 1
            last = match.end()
        out.append(html.escape(text[last:]))
        return "".join(out)
