"""Metadata the archive supplies beside the documents: a catalogue and a path pattern.

Precedence, per field: **catalogue > document > path**. The catalogue is what people who
know the archive wrote down, so it overrides what the parser read in the text (where the
two disagree a ``metadata_conflict`` warning says so); the document's own text beats a
folder convention; the path pattern fills only what both leave null. Each value keeps its
source in ``documents.<field>_source`` (``catalogue``, ``document``, ``path``).

What the archive supplies for a file is part of its result's settings (``settings_key``):
a changed catalogue row or a file moved to a folder that means other values is parsed
again by the incremental ingest, and an unchanged one is not.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import Code
from pipeline.ingestion.catalogue import Catalogue, read_catalogue
from pipeline.ingestion.path_pattern import PathPattern, compile_path_pattern
from pipeline.model import METADATA_FIELDS, ParsedPlan, Problem

CATALOGUE, PATH = "catalogue", "path"

#: What the archive says of one file: (source, field, value), in a fixed order.
Supplied = tuple[tuple[str, str, object], ...]


@dataclass(frozen=True)
class ArchiveMetadata:
    """The catalogue and the path pattern of one ingest (either may be absent)."""

    catalogue: Catalogue | None = None
    path_pattern: PathPattern | None = None

    @classmethod
    def load(cls, catalogue: str | Path | None = None, path_pattern: str | None = None) -> ArchiveMetadata:
        """Read the catalogue and compile the pattern; raises their ``RunNotStarted`` errors."""
        return cls(
            read_catalogue(catalogue) if catalogue is not None else None,
            compile_path_pattern(path_pattern) if path_pattern is not None else None,
        )

    def for_file(self, relative: str, sha256: str) -> Supplied:
        """What the archive says of the file at ``relative`` (its ``source_path``: relative to
        the archive root, with ``/``)."""
        out: list[tuple[str, str, object]] = []
        for source, fields in (
            (CATALOGUE, self.catalogue.lookup(relative, sha256) if self.catalogue else {}),
            (PATH, self.path_pattern.match(relative) if self.path_pattern else {}),
        ):
            out += [(source, name, fields[name]) for name in METADATA_FIELDS if name in fields]
        return tuple(out)


def settings_key(supplied: Supplied) -> str:
    """The part of a result's settings that the supplied metadata decides ("" for none)."""
    if not supplied:
        return ""
    text = "\x1f".join(f"{source}:{name}={value!r}" for source, name, value in supplied)
    return f"|meta={hashlib.sha256(text.encode()).hexdigest()[:12]}"


def apply(plan: ParsedPlan, supplied: Supplied) -> None:
    """Give ``plan`` the supplied values by the precedence catalogue > document > path."""
    meta = plan.metadata
    for source, name, value in supplied:
        if source != CATALOGUE:
            continue
        found = getattr(meta, name)
        if found is not None and found != value:
            plan.problems.append(
                Problem(
                    plan.source.source_path,
                    "metadata",
                    "warning",
                    Code.METADATA_CONFLICT,
                    f"{plan.source.source_path}: {name}: the document says {found!r}, "
                    f"the catalogue {value!r}; the catalogue's is kept",
                    plan.doc_id,
                )
            )
        meta.supply(CATALOGUE, {name: value}, override=True)
    meta.supply(PATH, {name: value for source, name, value in supplied if source == PATH}, override=False)


__all__ = ["CATALOGUE", "PATH", "ArchiveMetadata", "Supplied", "apply", "settings_key"]
