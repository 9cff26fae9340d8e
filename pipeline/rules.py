"""Load the rules in ``rules/``: domain vocabulary and patterns are data, not code.

The directory is ``$PLANS_RULES_DIR`` when set, else ``rules/`` beside the package.
Everything is compiled once per process.
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex

_FLAGS = regex.IGNORECASE | regex.VERSION1


def rules_dir() -> Path:
    override = os.environ.get("PLANS_RULES_DIR")
    return Path(override) if override else Path(__file__).resolve().parent.parent / "rules"


def _toml(name: str) -> dict:
    with open(rules_dir() / name, "rb") as fh:
        return tomllib.load(fh)


def _word_list(name: str) -> list[str]:
    lines = (rules_dir() / name).read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def _compile_any(patterns: list[str]) -> regex.Pattern:
    return regex.compile("|".join(f"(?:{p})" for p in patterns), _FLAGS)


@dataclass(frozen=True)
class GoalPattern:
    level: str
    pattern: regex.Pattern


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

    def header_words(self, kind: str) -> tuple[str, ...]:
        """The header words of a table kind's columns, left to right."""
        return tuple(column.header for column in self.table_columns[kind])


@cache
def load_rules() -> Rules:
    headings = _toml("headings.toml")
    furniture = _toml("furniture.toml")
    values = _toml("values.toml")
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
        glyphs=frozenset(_word_list("glyphs.txt")),
        row_start_letters=dict(values.get("row_start_letters", {})),
        character_map=str.maketrans(_toml("characters.toml")["replace"]),
        districts=tuple(_word_list("districts.txt")),
        metadata=_toml("metadata.toml"),
    )


@cache
def rules_fingerprint() -> str:
    """A hash of every rules file, so output can say which rules made it."""
    digest = hashlib.sha256()
    for path in sorted(rules_dir().iterdir()):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
