"""Words hyphenated at a line end, joined again; real hyphens left alone.

"verksam-" + "heten" is one word cut by the layout: it becomes "verksamheten" on the first
line and the second line loses its first word, so every line stays where it was. Kept:
"miljö-" + "och klimatfrågor" (a shared compound part), "Seniorhälsan-" + "Västertorps..."
(a capital after the hyphen), and any pair the lexicon does not know as one word.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import regex

from pipeline.model import Line, Repair

_CUT = regex.compile(r"(?P<head>\p{L}{2,})-\s*$")
_NEXT = regex.compile(r"^(?P<indent>\s*)(?P<tail>\p{Ll}+)(?P<rest>.*)$", regex.DOTALL)
_CONJUNCTIONS = frozenset({"och", "eller", "samt", "till", "respektive", "som"})


def candidates(lines: list[Line]) -> list[int]:
    """Indices of lines that end in a hyphen after a word, followed by a lower-case word."""
    out = []
    for i in range(len(lines) - 1):
        if lines[i].cells is None and lines[i + 1].cells is None and _CUT.search(lines[i].text):
            following = _NEXT.match(lines[i + 1].text)
            if following and following["tail"] not in _CONJUNCTIONS:
                out.append(i)
    return out


def join_hyphenated(lines: list[Line], known: Callable[[str], bool]) -> list[Repair]:
    """Join cut words in place (``lines`` is changed); the repairs made."""
    repairs: list[Repair] = []
    for i in candidates(lines):
        cut = _CUT.search(lines[i].text)
        following = _NEXT.match(lines[i + 1].text)
        if cut is None or following is None:  # an earlier join changed the line
            continue
        word = cut["head"] + following["tail"]
        if not following["rest"].strip() or not known(word.lower()):
            continue  # (a line left empty would read as a paragraph break)
        first = lines[i].text[: cut.start()] + word
        second = following["indent"] + following["rest"].lstrip()
        for j, text in ((i, first), (i + 1, second)):
            repairs.append(Repair(lines[j].lineno, lines[j].page, lines[j].text, text, "hyphenation"))
            lines[j] = replace(lines[j], text=text)
    return repairs


# A hyphen an exporter already removed at a line end: pdfium marks it with U+FFFE inside the
# joined word ("växt\ufffeoch"), poppler's pdftotext drops it ("växtoch"). Before a conjunction
# it was a real hyphen of a shared compound part ("växt- och djurliv").
_MARKED = regex.compile(r"(?P<head>\p{L}+)\ufffe(?P<tail>\p{L}+)")
_GLUED = regex.compile(r"\b(?P<head>\p{L}{3,})(?P<tail>och)\b")


def restore_removed_hyphens(lines: list[Line], known: Callable[[str], bool]) -> list[Repair]:
    """Undo an exporter's joins at a line end (``lines`` is changed); the repairs made. A marked
    join before a conjunction becomes "head- tail", any other marked join one word; an unmarked
    word glued to "och" is split only where the lexicon knows its head but not the whole."""

    def marked(match: regex.Match) -> str:
        head, tail = match["head"], match["tail"]
        return f"{head}- {tail}" if tail in _CONJUNCTIONS else head + tail

    def glued(match: regex.Match) -> str:
        word, head = match[0], match["head"]
        if known(word.lower()) or not known(head.lower()):
            return word
        return f"{head}- {match['tail']}"

    repairs: list[Repair] = []
    for i, line in enumerate(lines):
        if line.cells is not None:
            continue
        text = _MARKED.sub(marked, line.text) if "\ufffe" in line.text else line.text
        if "och" in text:
            text = _GLUED.sub(glued, text)
        if text != line.text:
            repairs.append(Repair(line.lineno, line.page, line.text, text, "hyphenation"))
            lines[i] = replace(line, text=text)
    return repairs
