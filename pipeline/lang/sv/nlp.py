"""The one Swedish spaCy pipeline of the project: ``spacy.blank("sv")`` with its tokenizer and
stop words and lookup lemmas (the Swedish lemma table of ``spacy-lookups-data``, installed
with the package: nothing is downloaded), built once per process.

The lookup table (``lookup_table``: read by spaCy's own loader, kept as a plain dict) lists
inflected forms only ("tryggheten" -> "trygghet"). The ``plans_sv_lemmas`` component looks
each distinct word of a document up in it once and fills its gaps:

- case: the table is keyed by lower-case forms, so "Digitaliseringen" is looked up lower-cased;
- compounds: Swedish writes them as one word ("kompetensförsörjningen"), mostly not in the
  table; such a word is inflected like its head, so the longest known tail decides: a base
  form leaves the word as it is, an inflected form is lemmatised and the rest kept
  ("kompetens" + "försörjningen" -> "kompetensförsörjning");
- the table's few two-way entries ("trygg" -> "trygga" -> "trygg") resolve to the shorter form;
- ``rules/lemmas.toml``: endings whose words are their own lemma, and inflectional endings
  taken off words the table does not know at all.

Every lemma is lower case, so a lemma is what search and theme matching compare.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

import numpy as np
import spacy
from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import load_language_data, registry

from pipeline.rules import rules_toml

#: A compound's head (the tail that is lemmatised) is at least this long, its first part too.
MIN_HEAD = 4
MIN_FIRST_PART = 3


class SwedishLemmas:
    """Lemma of a lower-case word from the lookup table (inflected form -> lemma), with the
    case, compound and two-way fixes of the module docstring; cached per word."""

    def __init__(
        self,
        table: Mapping[str, str],
        own_endings: tuple[str, ...] = (),
        suffixes: Mapping[str, str] | None = None,
    ):
        self.table = table
        self.base_forms = frozenset(table.values())
        self.own_endings = own_endings
        self.suffixes = sorted((suffixes or {}).items(), key=lambda kv: -len(kv[0]))
        self._cache: dict[str, str] = {}

    def __call__(self, word: str) -> str:
        lemma = self._cache.get(word)
        if lemma is None:
            lemma = self._cache[word] = self._lemma(word)
        return lemma

    def is_word(self, word: str) -> bool:
        """Whether the table knows ``word`` (as a lemma or a form; first parts of compounds,
        "välfärds", "förskole", are forms there), or the head of the compound it is."""
        return word in self.base_forms or word in self.table or self._compound(word) == word

    def compound_head(self, lemma: str, head: str) -> bool:
        """Whether ``lemma`` is a compound ending in the lemma ``head``: what is left before it
        is a word, or a word and a linking s ("välfärdsteknik": "välfärds" + "teknik";
        "relationsvåld": "relation" + "s" + "våld"; "digitalisering" is no "ring")."""
        first = lemma[: len(lemma) - len(head)]
        if not lemma.endswith(head) or len(first) < MIN_FIRST_PART:
            return False
        return self.is_word(first) or (first.endswith("s") and self.is_word(first[:-1]))

    def compound_start(self, lemma: str, first: str) -> bool:
        """Whether ``lemma`` is a compound starting with the word ``first``: what follows it
        (after a linking s) is a word ("klimatsmart": "klimat" + "smart"; "vårdnadshavare" is
        no compound of "vård")."""
        rest = lemma[len(first) :]
        if not lemma.startswith(first) or len(rest) < MIN_FIRST_PART:
            return False
        return self.is_word(rest) or (
            rest[0] == "s" and len(rest) > MIN_FIRST_PART and self.is_word(rest[1:])
        )

    def _lookup(self, word: str) -> str | None:
        lemma = self.table.get(word)
        if lemma is None:
            return None
        if self.table.get(lemma) == word and len(word) < len(lemma):
            return word  # a two-way entry: the shorter form is the lemma
        return lemma

    def _lemma(self, word: str) -> str:
        if word.endswith(self.own_endings):
            return word
        found = self._lookup(word)
        if found is not None:
            return found
        if word in self.base_forms:
            return word
        compound = self._compound(word)
        if compound is not None:
            return compound
        for ending, replacement in self.suffixes:
            stem = word[: len(word) - len(ending)]
            if word.endswith(ending) and len(stem) >= MIN_FIRST_PART:
                candidate = stem + replacement
                known = self.is_word(candidate) or self._compound(candidate) == candidate
                if known or candidate.endswith(self.own_endings):
                    return candidate
        return word

    def _compound(self, word: str) -> str | None:
        """The lemma of a compound by its longest known tail (None: no tail is known)."""
        for cut in range(MIN_FIRST_PART, len(word) - MIN_HEAD + 1):
            tail = word[cut:]
            if tail in self.base_forms:
                return word  # ends in a base form: already a lemma ("digitalisering": "ring")
            head = self._lookup(tail)
            if head is not None:
                return word[:cut] + head
        return None


@Language.factory("plans_sv_lemmas")
def _make_lemma_fix(nlp: Language, name: str) -> _LemmaFix:
    return _LemmaFix()


class _LemmaFix:
    """Every token's lemma from ``SwedishLemmas`` (a stop word's: the word itself, lower case),
    set for the whole document at once from a cache of each distinct lower-case word."""

    lemmas: SwedishLemmas | None = None
    stop: frozenset[str] = frozenset()

    def __init__(self) -> None:
        self._hash_cache: dict[int, int] = {}

    def initialize(self, get_examples=None, nlp: Language | None = None) -> None:
        rules = rules_toml("lemmas.toml")
        self.lemmas = SwedishLemmas(lookup_table(), tuple(rules["own_lemma"]["endings"]), rules["suffixes"])
        self.stop = frozenset(nlp.Defaults.stop_words)

    def __call__(self, doc: Doc) -> Doc:
        if len(doc):
            doc.from_array([LEMMA], self.lemma_hashes(doc.to_array(LOWER)).reshape(-1, 1))
        return doc

    def lemma_hashes(self, lower: np.ndarray) -> np.ndarray:
        """The lemma hash of each lower-case word hash: each distinct word looked up once."""
        unique, inverse = np.unique(lower, return_inverse=True)
        cache, strings = self._hash_cache, swedish().vocab.strings
        found = [cache.get(h) or self._lemma_hash(h, strings) for h in unique.tolist()]
        return np.array(found, dtype=np.uint64)[inverse.reshape(-1)]

    def _lemma_hash(self, lower: int, strings) -> int:
        found = self._hash_cache.get(lower)
        if found is None:
            word = strings[lower]
            # a stop word is its own lemma: "ska" is no form of the noun "skola" here
            found = self._hash_cache[lower] = strings.add(word if word in self.stop else self.lemmas(word))
        return found


@cache
def lookup_table() -> dict[str, str]:
    """spacy-lookups-data's Swedish lemma table (inflected form -> lemma), read by spaCy's own
    loader. A plain dict: spaCy's lookup lemmatizer would build a hashed ``Table`` of it, which
    takes about five times as long per process (3.3 s against 0.7 s here) and is slower to ask."""
    return load_language_data(registry.lookups.get("sv")["lemma_lookup"])


@cache
def swedish() -> Language:
    """The pipeline (cached per process)."""
    nlp = spacy.blank("sv")
    nlp.add_pipe("plans_sv_lemmas")
    nlp.initialize()
    return nlp


def stop_words() -> frozenset[str]:
    return frozenset(swedish().Defaults.stop_words)


def lemmas() -> SwedishLemmas:
    """The lemma table of the pipeline, with its word checks."""
    return swedish().get_pipe("plans_sv_lemmas").lemmas


def lemma_hashes(lower: np.ndarray) -> np.ndarray:
    """Lemma hashes of lower-case word hashes (``Doc.to_array(LOWER)``), as the pipeline
    sets them: for a whole plan's tokens at once, without a pass per passage."""
    return swedish().get_pipe("plans_sv_lemmas").lemma_hashes(lower)


def lemma_of(word: str) -> str:
    """The lemma of one word, as the pipeline gives it in running text."""
    return lemmas()(word.lower())
