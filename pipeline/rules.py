"""Load the rules in ``rules/``: domain vocabulary and patterns are data, not code.

``rules/`` lives at the top of the source tree and is installed as the data package
``pipeline.rules_data`` (see ``pyproject.toml``), so a wheel, an sdist, an editable install and
a Dask worker all carry it; it is found with ``importlib.resources``. ``$PLANS_RULES_DIR`` (a
folder holding the same files) overrides it, e.g. to try changed rules without reinstalling.
Everything is compiled once per process.
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

import regex

_FLAGS = regex.IGNORECASE | regex.VERSION1


RULES_DIR_ENV = "PLANS_RULES_DIR"
#: The suffixes of rules files: what the fingerprint covers (not ``__init__.py`` or caches).
RULES_SUFFIXES = (".toml", ".txt")


def rules_dir() -> Traversable:
    """The folder of rules files: ``$PLANS_RULES_DIR``, else the installed ``rules/``."""
    override = os.environ.get(RULES_DIR_ENV)
    return Path(override) if override else files("pipeline.rules_data")


def rules_toml(name: str) -> dict:
    """One TOML rules file, parsed."""
    with (rules_dir() / name).open("rb") as fh:
        return tomllib.load(fh)


def rules_text(name: str) -> str | None:
    """One text rules file, or None where the rules do not hold it (optional files)."""
    path = rules_dir() / name
    return path.read_text(encoding="utf-8") if path.is_file() else None


def rules_word_list(name: str) -> list[str]:
    """A rules file of one entry per line; blank lines and ``#`` comments left out."""
    lines = (rules_text(name) or "").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def _compile_any(patterns: list[str]) -> regex.Pattern:
    return regex.compile("|".join(f"(?:{p})" for p in patterns), _FLAGS)


@dataclass(frozen=True)
class GoalPattern:
    level: str
    pattern: regex.Pattern


@dataclass(frozen=True, eq=False)  # hashed by identity, as Rules
class StandIns:
    """The OCR stand-ins for å/ä/ö (``rules/ocr_confusions.toml``, ``[stand_ins]``), and the
    named sets built from them that the language layer (``pipeline.lang.sv``) uses."""

    letters: dict[str, str]  # stand-in -> the plain letter it replaces
    measured: frozenset[str]  # those the damage measure counts between letters
    letter_like: frozenset[str]  # letters that are stand-ins only beside a letter
    skeleton_drop: frozenset[str]  # what the damage skeleton drops
    l_family: frozenset[str]  # read for I and l: merged into "l"
    word_symbols: frozenset[str]  # symbols that may be letters: kept at a word's edges
    fold_tokens: dict[str, str]  # whole token -> the word it stands for (as in [tokens])


def _stand_ins(confusions: dict) -> StandIns:
    table = confusions["stand_ins"]
    letters = dict(table["letters"])
    return StandIns(
        letters=letters,
        measured=frozenset(letters) - frozenset(table["not_measured"]),
        letter_like=frozenset(table["letter_like"]),
        skeleton_drop=frozenset(table["skeleton_letters"])
        | frozenset(letters)
        | frozenset(table["skeleton_extra"]),
        l_family=frozenset(table["l_family"]),
        word_symbols=frozenset(table["word_symbols"]),
        fold_tokens={token: confusions["tokens"][token] for token in table["fold_tokens"]},
    )


@dataclass(frozen=True)
class TableColumn:
    """One column of a plan's table: the model field its cells fill, and the first word of
    its header cell as a skeleton (how the extract stage finds the header among words)."""

    field: str
    header: str


@dataclass(frozen=True, eq=False)  # hashed by identity: one loaded set per process
class Rules:
    goal_patterns: tuple[GoalPattern, ...]
    goal_section_kinds: dict[str, str]  # casefolded label -> kind
    narrative_level1: regex.Pattern
    narrative_level2: regex.Pattern
    toc_heading: regex.Pattern
    toc_entry: regex.Pattern
    indicator_header: regex.Pattern
    indicator_header_start: regex.Pattern
    activity_header: regex.Pattern
    table_columns: dict[str, tuple[TableColumn, ...]]  # table kind -> its columns, left to right
    furniture_line: regex.Pattern
    furniture_max_len: int
    furniture_repeated_min: int
    furniture_repeated_max_len: int
    page_number: regex.Pattern
    page_number_max_len: int
    periods: dict[str, str]
    target_number: str
    target_phrases: tuple[str, ...]
    kf_only: regex.Pattern
    ocr_percent_forms: frozenset[str]
    glyphs: frozenset[str]
    row_start_letters: dict[str, str]
    character_map: dict[int, str]
    districts: tuple[str, ...]
    metadata: dict
    stand_ins: StandIns

    def header_words(self, kind: str) -> tuple[str, ...]:
        """The header words of a table kind's columns, left to right."""
        return tuple(column.header for column in self.table_columns[kind])


@cache
def load_rules() -> Rules:
    headings = rules_toml("headings.toml")
    furniture = rules_toml("furniture.toml")
    values = rules_toml("values.toml")
    tables = headings["tables"]
    return Rules(
        goal_patterns=tuple(
            GoalPattern(g["level"], regex.compile(g["pattern"], _FLAGS)) for g in headings["goal"]
        ),
        goal_section_kinds={k.casefold(): v for k, v in headings["goal_section_kinds"].items()},
        narrative_level1=_compile_any(headings["narrative"]["level1"]),
        narrative_level2=_compile_any(headings["narrative"]["level2"]),
        toc_heading=regex.compile(headings["front_matter"]["toc_heading"], _FLAGS),
        toc_entry=regex.compile(headings["front_matter"]["toc_entry"], _FLAGS),
        indicator_header=regex.compile(tables["indicator_header"], _FLAGS),
        indicator_header_start=regex.compile(tables["indicator_header_start"], _FLAGS),
        activity_header=regex.compile(tables["activity_header"], _FLAGS),
        table_columns={
            kind: tuple(TableColumn(c["field"], c["header"]) for c in columns)
            for kind, columns in tables["columns"].items()
        },
        furniture_line=_compile_any(furniture["line"]),
        furniture_max_len=int(furniture["line_max_len"]),
        furniture_repeated_min=int(furniture["repeated_min"]),
        furniture_repeated_max_len=int(furniture["repeated_max_len"]),
        page_number=regex.compile(furniture["page_number"], _FLAGS),
        page_number_max_len=int(furniture["page_number_max_len"]),
        periods={k.casefold(): v for k, v in values["periods"].items()},
        target_number=values["target"]["number"],
        target_phrases=tuple(values["target"]["phrases"]),
        kf_only=_compile_any(values["target"]["kf_only"]),
        ocr_percent_forms=frozenset(values["ocr"]["percent_forms"]),
        glyphs=frozenset(rules_word_list("glyphs.txt")),
        row_start_letters=dict(values.get("row_start_letters", {})),
        character_map=str.maketrans(rules_toml("characters.toml")["replace"]),
        districts=tuple(rules_word_list("districts.txt")),
        metadata=rules_toml("metadata.toml"),
        stand_ins=_stand_ins(rules_toml("ocr_confusions.toml")),
    )


@cache
def rules_fingerprint() -> str:
    """A hash of every rules file, so output can say which rules made it."""
    digest = hashlib.sha256()
    for path in sorted(rules_dir().iterdir(), key=lambda p: p.name):
        if path.is_file() and path.name.endswith(RULES_SUFFIXES):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
