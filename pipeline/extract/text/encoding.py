"""Turn the raw bytes of a text export into ``str``, and say which encoding was used.

Archived plans come as UTF-8, UTF-16 (Word "Unicode text", with or without BOM) and
Windows-1252 / Latin-1 from older systems. The order of the checks matters: cheap,
unambiguous signals first (BOMs, NUL-byte patterns, strict UTF-8), then a deliberate
Western-European decision, and only for anything else the statistical guess of
charset-normalizer. Mojibake inside correctly decoded text is *not* fixed here; the repair
stage does that, and it can only do so if this stage decodes the bytes faithfully.
"""

from __future__ import annotations

import re

from charset_normalizer import from_bytes

from pipeline.errors import Code
from pipeline.extract.errors import ExtractError

#: BOM -> codec of the rest, longest BOM first (the UTF-32-LE BOM starts with the UTF-16-LE one).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

#: Bytes 0x80-0x9f that cp1252 leaves undefined; in Latin-1 they are C1 control characters.
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")

#: C0 control characters that do not occur in text (tab, newlines, \v and \f do).
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])

#: Above this share of control characters the input is not text.
MAX_CONTROL_SHARE = 0.05

_HIGH_BYTES = bytes(range(0x80, 0x100))
_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
#: 0x80-0x9f between two letters, except the cp1252 apostrophes and dashes (‘ ’ – —), which
#: do stand inside words ("it’s", "Hässelby–Vällingby"); in cp850/Mac Roman they are rare letters.
_IN_WORD_C1 = re.compile(rb"(?<=[A-Za-z])[\x80-\x90\x93-\x95\x98-\x9f](?=[A-Za-z])")
_IN_WORD_UPPER = re.compile(rb"(?<=[A-Za-z])[\xa0-\xff](?=[A-Za-z])")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding name)``.

    Raises ``ExtractError`` with code ``binary`` when the bytes are not text at all and
    ``encoding`` when they look like text but cannot be decoded; the message gives the
    reason but not the file, which the caller adds.
    """
    if not data:
        return "", "utf-8"

    for bom, codec in _BOMS:
        if data.startswith(bom):
            if codec == "utf-8-sig":
                try:
                    return _checked(data.decode(codec), codec)
                except UnicodeDecodeError:
                    # A UTF-8 BOM on bytes that are not UTF-8 (files glued together, editors
                    # that lie): decode the rest like any BOM-less file so nothing is lost.
                    return _decode_without_bom(data[len(bom) :])
            return _checked(_strict(data[len(bom) :], codec, f"has a {codec} byte order mark"), codec)

    return _decode_without_bom(data)


def _decode_without_bom(data: bytes) -> tuple[str, str]:
    wide = _wide_codec(data)
    if wide is not None:
        return _checked(_strict(data, wide, f"looks like {wide} (NUL-byte pattern)"), wide)
    if b"\x00" in data:
        raise ExtractError(Code.BINARY, "contains NUL bytes, so it is not a text file")
    if _count_deleted(data, _CONTROL_BYTES) > MAX_CONTROL_SHARE * len(data):
        raise ExtractError(Code.BINARY, "consists largely of control characters, so it is not a text file")

    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if _looks_western(data):
        codec = "latin-1" if _CP1252_UNDEFINED.intersection(data) else "cp1252"
        return _checked(data.decode(codec), codec)
    return _checked(*_guess(data))


def _strict(data: bytes, codec: str, why: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise ExtractError(
            Code.ENCODING, f"{why} but is not valid {codec} at byte {exc.start}: {exc.reason}"
        ) from exc


def _wide_codec(data: bytes) -> str | None:
    """UTF-16/32 without BOM, recognised by where the NUL bytes are.

    Text in Latin scripts has a zero high byte in almost every code unit, so the NULs
    sit in every second (UTF-16) or in three of four (UTF-32) positions; binary data
    has them scattered.
    """
    n = len(data)
    if n < 4 or b"\x00" not in data:
        return None
    if n % 4 == 0:
        units = n // 4
        if data[3::4].count(0) == units and data[2::4].count(0) >= 0.9 * units:
            return "utf-32-le"
        if data[0::4].count(0) == units and data[1::4].count(0) >= 0.9 * units:
            return "utf-32-be"
    pairs = n // 2
    even, odd = data[0 : 2 * pairs : 2].count(0), data[1 : 2 * pairs : 2].count(0)
    if odd >= 0.5 * pairs and even <= 0.05 * pairs:
        return "utf-16-le"
    if even >= 0.5 * pairs and odd <= 0.05 * pairs:
        return "utf-16-be"
    return None


def _looks_western(data: bytes) -> bool:
    """Whether non-UTF-8 bytes are plausibly Windows-1252 / Latin-1 text.

    Two cheap tests keep other single-byte encodings away from cp1252:
    in Western text, bytes >= 0x80 are a minority next to ASCII letters (Cyrillic, Greek
    and CJK encodings consist mostly of them); and letters inside words come from
    0xa0-0xff (å=0xe5, ä=0xe4, ö=0xf6), whereas DOS (cp437/cp850) and Mac Roman put
    å, ä, ö in 0x80-0x9f, where cp1252 has only punctuation.
    Too little evidence counts as Western: short snippets are mostly Swedish here.
    """
    high = _count_deleted(data, _HIGH_BYTES)
    letters = _count_deleted(data, _ASCII_LETTERS)
    if high >= 8 and high > 0.6 * (high + letters):
        return False
    in_word_c1 = len(_IN_WORD_C1.findall(data))
    return not (in_word_c1 >= 3 and in_word_c1 > len(_IN_WORD_UPPER.findall(data)))


def _guess(data: bytes) -> tuple[str, str]:
    """Last resort: let charset-normalizer pick, and report what it picked."""
    try:
        best = from_bytes(data).best()
    except Exception as exc:  # a library failure must not escape as anything but ExtractError
        raise ExtractError(Code.ENCODING, f"encoding detection failed: {exc}") from exc
    if best is None:
        raise ExtractError(
            Code.ENCODING, "is not UTF-8, Windows-1252 or any encoding charset-normalizer knows"
        )
    return str(best), best.encoding


def _checked(text: str, codec: str) -> tuple[str, str]:
    """Reject decodings that are text only formally (mostly control characters)."""
    if "\x00" in text:
        raise ExtractError(Code.BINARY, f"decodes as {codec} but contains NUL characters")
    if text and len(_CONTROL_CHARS.findall(text)) > MAX_CONTROL_SHARE * len(text):
        raise ExtractError(Code.BINARY, f"decodes as {codec} but consists largely of control characters")
    return text, codec


def _count_deleted(data: bytes, which: bytes) -> int:
    """How many bytes of ``data`` are in ``which`` (translate runs in C, fast on large files)."""
    return len(data) - len(data.translate(None, which))


__all__ = ["MAX_CONTROL_SHARE", "decode_bytes"]
