"""Mojibake: UTF-8 that was decoded as cp1252 or latin-1 (maybe twice) and saved again.

ftfy decides whether a line is mojibake and undoes it; only its encoding fixes are used,
so quotes, dashes and line breaks stay exactly as printed.
"""

from __future__ import annotations

import unicodedata

import ftfy

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


def _plain(text: str) -> bool:
    """ASCII and already-composed Latin-1 letters cannot be mojibake: skip ftfy for them."""
    return all(ord(ch) < 0xC0 or ch in "åäöÅÄÖéÉüÜ" for ch in text)


def fix_mojibake(text: str) -> tuple[str, str]:
    if _plain(text):
        return unicodedata.normalize("NFC", text), "unicode_nfc"
    fixed = ftfy.fix_text(text, _CONFIG)
    rule = "mojibake_ftfy" if fixed != text else "unicode_nfc"
    return unicodedata.normalize("NFC", fixed), rule
