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
from dataclasses import dataclass, replace
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


#: The folder of ``rules/`` that holds one file per template generation.
TEMPLATES_DIR = "templates"


@dataclass(frozen=True, eq=False)  # hashed by identity, as Rules
class Template:
    """One generation of the plans' template (``rules/templates/<name>.toml``): how its goal
    headings, goal sub-headings and tables are printed. ``signs`` match the lines only a plan
    of this generation holds (``pipeline.template.recognise``)."""

    name: str
    default: bool
    signs: regex.Pattern
    goal_patterns: tuple[GoalPattern, ...]
    goal_section_kinds: dict[str, str]  # casefolded label -> kind
    narrative_level1: regex.Pattern
    narrative_level2: regex.Pattern
    indicator_header: regex.Pattern
    indicator_header_start: regex.Pattern
    activity_header: regex.Pattern
    table_columns: dict[str, tuple[TableColumn, ...]]  # table kind -> its columns, left to right


#: The fields of ``Rules`` that a template decides.
_TEMPLATE_FIELDS = (
    "goal_patterns",
    "goal_section_kinds",
    "narrative_level1",
    "narrative_level2",
    "indicator_header",
    "indicator_header_start",
    "activity_header",
    "table_columns",
)


@dataclass(frozen=True, eq=False)  # hashed by identity: one loaded set per process
class Rules:
    """Every rule, with the template-specific ones of one template (``template``; the
    default one from ``load_rules``, another from ``for_template``)."""

    template: str
    templates: tuple[Template, ...]
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
    ocr_percent_glued: frozenset[str]
    glyphs: frozenset[str]
    row_start_letters: dict[str, str]
    character_map: dict[int, str]
    districts: tuple[str, ...]
    metadata: dict
    stand_ins: StandIns

    def header_words(self, kind: str) -> tuple[str, ...]:
        """The header words of a table kind's columns, left to right."""
        return tuple(column.header for column in self.table_columns[kind])

    def for_template(self, name: str) -> Rules:
        """These rules with the template-specific ones of template ``name``."""
        return _with_template(self, name)


@cache
def _with_template(rules: Rules, name: str) -> Rules:
    """One Rules object per template and process, so what is cached per Rules is reused."""
    if name == rules.template:
        return rules
    by_name = {t.name: t for t in rules.templates}
    if name not in by_name:
        raise KeyError(f"no template {name!r} in the rules (have: {', '.join(sorted(by_name))})")
    template = by_name[name]
    return replace(rules, template=name, **{f: getattr(template, f) for f in _TEMPLATE_FIELDS})


def _template(data: dict, narrative: dict) -> Template:
    """One ``rules/templates/*.toml`` file; its narrative headings add to the shared ones."""
    tables = data["tables"]
    own = data.get("narrative", {})
    return Template(
        name=data["template"]["name"],
        default=bool(data["template"].get("default", False)),
        signs=_compile_any(data["template"]["signs"]),
        goal_patterns=tuple(
            GoalPattern(g["level"], regex.compile(g["pattern"], _FLAGS)) for g in data["goal"]
        ),
        goal_section_kinds={k.casefold(): v for k, v in data["goal_section_kinds"].items()},
        narrative_level1=_compile_any(narrative["level1"] + own.get("level1", [])),
        narrative_level2=_compile_any(narrative["level2"] + own.get("level2", [])),
        indicator_header=regex.compile(tables["indicator_header"], _FLAGS),
        indicator_header_start=regex.compile(tables["indicator_header_start"], _FLAGS),
        activity_header=regex.compile(tables["activity_header"], _FLAGS),
        table_columns={
            kind: tuple(TableColumn(c["field"], c["header"]) for c in columns)
            for kind, columns in tables["columns"].items()
        },
    )


def _templates(narrative: dict) -> tuple[Template, ...]:
    """Every template, the default first, then by name."""
    folder = rules_dir() / TEMPLATES_DIR
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".toml")) if folder.is_dir() else []
    templates = []
    for name in names:
        with (folder / name).open("rb") as fh:
            templates.append(_template(tomllib.load(fh), narrative))
    defaults = [t for t in templates if t.default]
    if len(defaults) != 1:
        raise ValueError(f"the rules need exactly one default template, found {len(defaults)}")
    if len({t.name for t in templates}) != len(templates):
        raise ValueError("two template files give the same template name")
    return tuple(sorted(templates, key=lambda t: (not t.default, t.name)))


@cache
def load_rules() -> Rules:
    headings = rules_toml("headings.toml")
    furniture = rules_toml("furniture.toml")
    values = rules_toml("values.toml")
    templates = _templates(headings["narrative"])
    default = templates[0]
    return Rules(
        template=default.name,
        templates=templates,
        **{f: getattr(default, f) for f in _TEMPLATE_FIELDS},
        toc_heading=regex.compile(headings["front_matter"]["toc_heading"], _FLAGS),
        toc_entry=regex.compile(headings["front_matter"]["toc_entry"], _FLAGS),
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
        ocr_percent_glued=frozenset(values["ocr"].get("percent_glued", [])),
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
    root = rules_dir()
    folders = [("", root)]
    if (root / TEMPLATES_DIR).is_dir():
        folders.append((f"{TEMPLATES_DIR}/", root / TEMPLATES_DIR))
    for prefix, folder in folders:
        for path in sorted(folder.iterdir(), key=lambda p: p.name):
            if path.is_file() and path.name.endswith(RULES_SUFFIXES):
                digest.update(f"{prefix}{path.name}".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
