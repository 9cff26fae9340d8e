"""Small text helpers shared by every stage."""

from __future__ import annotations

import unicodedata

import regex


def collapse_ws(text: str) -> str:
    """Whitespace collapsed to single spaces, stripped: the form of every text field.

    Most text is in that form already; a text is when its only whitespace is single inner
    spaces (``isprintable``: the ASCII space is the one printable whitespace), which is three
    scans in C, half the cost of splitting and joining it again."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def all_collapsed(texts: list[str]) -> bool:
    """Whether every text is in ``collapse_ws`` form already (most cells of a table are), by
    one check of them joined with "|": a space at a text's edge then stands next to a "|" or
    at an end. A "|" in a text can make the answer False, never wrongly True."""
    joined = "|".join(texts)
    return (
        joined.isprintable()
        and "  " not in joined
        and "| " not in joined
        and " |" not in joined
        and joined[:1] != " "
        and joined[-1:] != " "
    )


def clean_text(text: str) -> str:
    """NFC-normalised and whitespace-collapsed."""
    return collapse_ws(unicodedata.normalize("NFC", text))


def join_lines(parts: list[str]) -> str:
    """Lines of one paragraph or cell joined with single spaces."""
    return collapse_ws(" ".join(parts))


def join_wrapped(raw_lines: list[str], marks_word_cuts: bool) -> str:
    """Wrapped lines joined into one string, healing words cut at a bare line end.

    Inner spacing is kept (a double space inside a table row marks an empty cell); collapse
    it afterwards where it does not matter.
    """
    out = ""
    for i, raw in enumerate(raw_lines):
        text = raw.strip()
        if i and text:
            previous = raw_lines[i - 1]
            cut = (
                marks_word_cuts and (previous[-1:].isalpha() or previous.endswith("-")) and text[:1].isalpha()
            )
            out += text if cut else " " + text
        else:
            out += text
    return out.strip()


def ascii_name(label: str) -> str:
    """'Förväntat resultat' -> 'forvantat_resultat': a label as a lower-case ascii identifier."""
    decomposed = unicodedata.normalize("NFKD", label.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return regex.sub(r"[^a-z0-9]+", "_", stripped).strip("_")


def one_for_one(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD, one character for one, so that
    offsets into it still hold: for libraries that must encode it (spaCy's tokenizer)."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text)


def printable(text: str) -> str:
    """``text`` fit for a UTF-8 string column: lone surrogates (the undecodable bytes of a file
    name reaching a message through ``os.fsdecode``) written as ``\\xNN``, so no message can
    stop a table from being written."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that is no escaped byte
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")
