"""Comparable forms of Swedish words and wordings: every fold and skeleton in one place.

They differ on purpose, each for the comparison it serves:

- ``skeleton``: lower case, å/ä→a, ö→o, é→e and nothing else. The lexicon's index key: a
  word that lost its diacritics finds the words it may stand for; stand-ins stay, since
  repair weighs them itself. Layout compares damaged table headers with it.
- ``fold``: a readable comparable form (mojibake undone, NFKC, every accent stripped, the
  stand-ins beside letters read as their letter, punctuation out): what indicator names
  and link stopwords are compared and keyed by.
- ``damage_skeleton``: a word reduced to what OCR damage cannot change (every letter and
  stand-in of the å/ä/ö confusions dropped on both sides, the I/l family merged), so a
  damaged and a clean form agree: "6kad" and "ökad" are both "k".
- ``wording_skeleton``: a whole wording as ``damage_skeleton``s of its words, numbers kept.
- ``strip_edges``: a token without the punctuation around it, stand-in symbols kept.

The stand-in characters come from ``rules/ocr_confusions.toml`` (``[stand_ins]``).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

import regex

from pipeline.lang.sv.mojibake import unmojibake
from pipeline.rules import StandIns, load_rules

#: Swedish letters (and é) to the plain letter: the lexicon's skeleton.
SKELETON = str.maketrans("åäöéÅÄÖÉ", "aaoeAAOE")

_LETTER = regex.compile(r"\p{L}")
_DASHES = regex.compile(r"[\p{Pd}\u2212]")
_WORDS = regex.compile(r"[\p{L}\p{N}]+")
# Punctuation around a word; "!" and "|" inside a word are OCR stand-ins for l and I.
_EDGE_PUNCTUATION = ".,:;!?()[]\"'‘’“”«»"


def skeleton(word: str) -> str:
    """Lower case with å/ä→a, ö→o, é→e: "Åtgärder" -> "atgarder"."""
    return word.lower().translate(SKELETON)


def strip_accents(text: str) -> str:
    """Every combining mark removed (å→a, ü→u), NFC."""
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


@dataclass(frozen=True)
class _Folding:
    """The stand-in tables of one loaded rules set, compiled."""

    stand_in: dict[str, str]  # stand-in -> plain letter
    beside_letter: regex.Pattern
    tokens: dict[str, str]  # whole token -> folded word
    skeleton_drop: frozenset[str]
    skeleton_merge: dict[str, str]
    edges: regex.Pattern  # punctuation and symbols around a word, stand-ins excepted


@cache
def _folding(stand_ins: StandIns) -> _Folding:
    chars = "".join(regex.escape(c) for c in stand_ins.letters)
    return _Folding(
        stand_in=dict(stand_ins.letters),
        beside_letter=regex.compile(rf"(?<=\p{{L}})[{chars}]+|[{chars}]+(?=\p{{L}})"),
        tokens={t: strip_accents(w.casefold()) for t, w in stand_ins.fold_tokens.items()},
        skeleton_drop=stand_ins.skeleton_drop,
        skeleton_merge=dict.fromkeys(stand_ins.l_family, "l"),
        edges=_edges(stand_ins.word_symbols),
    )


def _edges(kept: frozenset[str]) -> regex.Pattern:
    symbols = "".join(regex.escape(c) for c in sorted(kept))
    edge = rf"[\p{{P}}\p{{S}}--[{symbols}]]+"
    return regex.compile(rf"^{edge}|{edge}$", regex.VERSION1)


def _current() -> _Folding:
    return _folding(load_rules().stand_ins)


def damage_skeleton(word: str) -> str:
    """A word reduced so that its damaged and clean forms agree: "6kad"/"ökad" -> "k".

    Case and punctuation go too.
    """
    folding = _current()
    out = []
    for ch in word.casefold():
        ch = folding.skeleton_merge.get(ch, ch)
        if ch not in folding.skeleton_drop and ch.isalnum():
            out.append(ch)
    return "".join(out)


def strip_edges(token: str) -> str:
    """A token without the punctuation and symbols around it, the stand-ins that are symbols
    kept (they may be letters: "&r" is "är"): "(6kad)," -> "6kad"."""
    return _current().edges.sub("", token)


def fold(text: str) -> str:
    """Readable comparable form: "Sjukfrånvaro dag 1–14" -> "sjukfranvaro dag 1-14".

    Mojibake undone, NFKC, case-folded, accents stripped (å/ä -> a, ö -> o, é -> e), OCR
    stand-ins inside words read as their letter, dashes unified, other punctuation and
    whitespace runs become one space. Idempotent.
    """
    folding = _current()
    text = strip_accents(unicodedata.normalize("NFKC", unmojibake(text)).casefold())
    out = []
    for token in _DASHES.sub("-", text).split():
        token = folding.tokens.get(token, token)
        out.append(
            folding.beside_letter.sub(lambda m: "".join(folding.stand_in[c] for c in m.group()), token)
        )
    folded = " ".join(out)
    # Dashes inside a word or number span stay ("1-14", "hagersten-alvsjo"), other punctuation goes.
    return " ".join(regex.findall(r"[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*", folded))


def wording_skeleton(text: str) -> str:
    """The words of ``text`` reduced to what OCR damage cannot change (see ``damage_skeleton``);
    numbers are kept whole. Equal skeletons mean the same words, damage aside."""
    folding = _current()
    text = unicodedata.normalize("NFKC", unmojibake(text)).casefold()
    out = []
    for token in text.split():
        token = folding.tokens.get(token, token)
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
