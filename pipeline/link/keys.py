"""Linking keys: the same goal or indicator in different plans gets the same key.

A key is computed from one document alone (a document is parsed on its own and its rows
are kept across runs), so it can only say "same wording"; goals whose wording was edited
between years are grouped at query time (``pipeline.link.groups``).

- KF goals: ``kf:<code>`` ("kf:1", "kf:1.3"): the city council numbers its goals, and the
  number is what every unit's plan refers to. Without a code: ``kf:t:<hash of the wording>``.
- Nämndmål and Enhetsmål: ``nm:``/``em:`` + a hash of the *wording skeleton*: case, accents,
  punctuation, Unicode form, mojibake and OCR damage to å/ä/ö (as modelled in
  ``rules/damage_model_ocr.toml``) all fall away, the words stay.
- Indicators: ``ind:`` + a readable slug of the folded name, after the synonyms of
  ``rules/linking.toml`` ("Korttidssjukfrånvaro dag 1–14" is "Sjukfrånvaro dag 1-14").
"""

from __future__ import annotations

import hashlib
import unicodedata

import regex

from pipeline.link.vocab import load_vocabulary
from pipeline.model import LEVELS_BY_NAME
from pipeline.repair.mojibake import fix_mojibake, redecode
from pipeline.text import damage_skeleton

_HASH_HEX = 12
_SLUG_MAX = 64

# OCR stand-ins for Swedish letters (rules/ocr_confusions.toml, "strong"), read as the plain
# letter they replace where they touch a letter: "6kad" -> "okad", "v&lfard" -> "valfard".
_STAND_IN = {"6": "o", "0": "o", "¢": "o", "&": "a", "@": "a", "4": "a"}
_STAND_IN_BESIDE_LETTER = regex.compile(r"(?<=\p{L})[60¢&@4]+|[60¢&@4]+(?=\p{L})")
# Whole tokens OCR prints for a short word (rules/ocr_confusions.toml, "tokens").
_TOKENS = {"&": "ar", "|": "i"}
_LETTER = regex.compile(r"\p{L}")
_DASHES = regex.compile(r"[\p{Pd}\u2212]")
_WORDS = regex.compile(r"[\p{L}\p{N}]+")


# What mojibake of Swedish text decodes back to; a "fix" into anything else ("Ä–" -> "Ė") is a
# misreading of text that was fine.
_SWEDISH_NON_ASCII = frozenset("åäöÅÄÖéÉüÜ–—‘’“”•…§½°")
# Punctuation around a word; "!" and "|" inside a word are OCR stand-ins for l and I.
_EDGE_PUNCTUATION = ".,:;!?()[]\"'‘’“”«»"


def _unmojibake(text: str) -> str:
    if text.isascii():
        return text
    fixed, _ = fix_mojibake(text)
    if fixed == text:
        fixed = redecode(text) or fixed
    if fixed != text and not {ch for ch in fixed if not ch.isascii()} <= _SWEDISH_NON_ASCII:
        return text
    return fixed


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def fold(text: str) -> str:
    """Readable comparable form: "Sjukfrånvaro dag 1–14" -> "sjukfranvaro dag 1-14".

    Mojibake undone, NFKC, case-folded, accents stripped (å/ä -> a, ö -> o, é -> e), OCR
    stand-ins inside words read as their letter, dashes unified, other punctuation and
    whitespace runs become one space. Idempotent.
    """
    text = _strip_accents(unicodedata.normalize("NFKC", _unmojibake(text)).casefold())
    out = []
    for token in _DASHES.sub("-", text).split():
        token = _TOKENS.get(token, token)
        out.append(_STAND_IN_BESIDE_LETTER.sub(lambda m: "".join(_STAND_IN[c] for c in m.group()), token))
    folded = " ".join(out)
    # Dashes inside a word or number span stay ("1-14", "hagersten-alvsjo"), other punctuation goes.
    return " ".join(regex.findall(r"[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*", folded))


def wording_skeleton(text: str) -> str:
    """The words of ``text`` reduced to what OCR damage cannot change (see ``damage_skeleton``);
    numbers are kept whole. Equal skeletons mean the same words, damage aside."""
    text = unicodedata.normalize("NFKC", _unmojibake(text)).casefold()
    out = []
    for token in text.split():
        token = _TOKENS.get(token, token)
        if len(token) > 1:
            token = token.strip(_EDGE_PUNCTUATION) or token
        if _LETTER.search(token):
            for part in _DASHES.split(token):
                skel = damage_skeleton(part)
                if skel:
                    out.append(skel)
        else:
            digits = "".join(_WORDS.findall(token))
            if digits:
                out.append(digits)
    return " ".join(out)


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:_HASH_HEX]


def goal_key(level: str, code: str | None, title: str) -> str:
    """The goal's linking key (see the module docstring); the same for the same goal wording."""
    declared = LEVELS_BY_NAME[level]
    prefix = declared.key_prefix
    if declared.is_kf:
        code = (code or "").strip().rstrip(".")
        return f"{prefix}:{code}" if code else f"{prefix}:t:{_digest(wording_skeleton(title))}"
    return f"{prefix}:{_digest(wording_skeleton(title))}"


def canonical_indicator(name: str) -> str:
    """The folded name with synonyms applied: what indicators are compared and keyed by."""
    folded = fold(name)
    return load_vocabulary().indicator_synonyms.get(folded, folded)


def indicator_key(name: str) -> str:
    """``ind:<slug>``; long names are cut and end in a short hash of the whole name."""
    canonical = canonical_indicator(name)
    slug = regex.sub(r"[^a-z0-9]+", "_", canonical).strip("_") or "x"
    if len(slug) > _SLUG_MAX or not canonical.isascii():
        slug = f"{slug[: _SLUG_MAX - 9].rstrip('_')}_{_digest(canonical)[:8]}"
    return f"ind:{slug}"
