"""Linking keys: the same goal or indicator in different plans gets the same key.

A key is computed from one document alone (a document is parsed on its own and its rows
are kept across runs), so it can only say "same wording"; goals whose wording was edited
between years are grouped at query time (``pipeline.link.groups``). Computed by the
normalize stage, compared by the link stage; both take them from here.

- KF goals: ``kf:<code>`` ("kf:1", "kf:1.3"): the city council numbers its goals, and the
  number is what every unit's plan refers to. Without a code: ``kf:t:<hash of the wording>``.
- Nämndmål and Enhetsmål: ``nm:``/``em:`` + a hash of the *wording skeleton*
  (``fold.wording_skeleton``): case, accents, punctuation, Unicode form, mojibake and OCR
  damage to å/ä/ö (as modelled in ``dev/plans_dev/synth/damage_model_ocr.toml``) all fall
  away, the words stay.
- Indicators: ``ind:`` + a readable slug of the folded name (``fold.fold``), after the
  synonyms of ``rules/linking.toml`` ("Korttidssjukfrånvaro dag 1–14" is "Sjukfrånvaro dag 1-14").
"""

from __future__ import annotations

import hashlib

import regex

from pipeline.lang.sv.fold import fold, wording_skeleton
from pipeline.link.vocabulary import load_vocabulary
from pipeline.model import LEVELS_BY_NAME

_HASH_HEX = 12
_SLUG_MAX = 64


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
