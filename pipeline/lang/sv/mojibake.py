"""Mojibake: UTF-8 that was decoded as cp1252 or latin-1 (maybe twice) and saved again.

ftfy decides whether a line is mojibake and undoes it; only its encoding fixes are used,
so quotes, dashes and line breaks stay exactly as printed.
"""

from __future__ import annotations

import unicodedata
from functools import cache

import ftfy
import ftfy.bad_codecs  # registers the sloppy-windows-1252 codec
import regex

from pipeline.rules import Rules

# Characters that mojibake of Latin text is made of: C1 controls and Latin-1 letters other
# than the Swedish ones (Ã, Â, â, ƒ, ...), and cp1252's punctuation that stands in for bytes.
_SUSPECT = regex.compile(
    r"[\u0080-\u00bf\u00c0-\u00c3\u00c6-\u00c8\u00ca-\u00d5\u00d8-\u00db\u00dd-\u00e3"
    r"\u00e6-\u00e8\u00ea-\u00f5\u00f8-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    r"\u02c6\u02dc\u2020\u2021\u2030\u2039\u203a\u20ac\u2122\ufffd]"
)

_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)


@cache
def suspect_characters(rules: Rules) -> regex.Pattern:
    """The characters a line must hold for ftfy or the character map to change it."""
    replaced = "".join(regex.escape(chr(code)) for code in rules.character_map)
    return regex.compile(f"{_SUSPECT.pattern}|[{replaced}]")


def _plain(text: str) -> bool:
    """Text without any character that mojibake is made of needs no ftfy pass (the common case)."""
    return text.isascii() or not _SUSPECT.search(text)


def fix_mojibake(text: str) -> tuple[str, str]:
    if _plain(text):
        return unicodedata.normalize("NFC", text), "unicode_nfc"
    fixed = ftfy.fix_text(text, _CONFIG)
    rule = "mojibake_ftfy" if fixed != text else "unicode_nfc"
    return unicodedata.normalize("NFC", fixed), rule


def redecode(text: str) -> str | None:
    """The line read back as the UTF-8 it was, once or twice, when ftfy's caution left it
    (a lone "Ã…r" is too little evidence on its own line). Used only in a document where
    ftfy already found mojibake on other lines. None when it does not decode cleanly."""
    current = text
    for _ in range(2):
        try:
            current = current.encode("sloppy-windows-1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            break
        if not _SUSPECT.search(current):
            return unicodedata.normalize("NFC", current)
    return None


# What mojibake of Swedish text decodes back to; a "fix" into anything else ("Ä–" -> "Ė") is a
# misreading of text that was fine.
_SWEDISH_NON_ASCII = frozenset("åäöÅÄÖéÉüÜ–—‘’“”•…§½°")


def unmojibake(text: str) -> str:
    """``text`` with mojibake undone where that gives Swedish back; else ``text`` as it is.

    For comparing wordings (linking keys): unlike the repair stage it has no document to
    confirm a doubtful line by, so a fix must come out as Swedish characters only.
    """
    if text.isascii():
        return text
    fixed, _ = fix_mojibake(text)
    if fixed == text:
        fixed = redecode(text) or fixed
    if fixed != text and not {ch for ch in fixed if not ch.isascii()} <= _SWEDISH_NON_ASCII:
        return text
    return fixed
