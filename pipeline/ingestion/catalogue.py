"""The archive's catalogue (``plans ingest --metadata catalogue.csv``): what an archive knows
of its plans that their text may not say.

A CSV file (UTF-8, a BOM allowed; comma or semicolon) with a header row. A row names its
document by ``path`` (relative to the archive's folder, with ``/``) or ``sha256`` (the file's
SHA-256, or its first 16 hex digits, the ``doc_id``), or both, and gives any of the metadata
fields (``district``, ``unit``, ``plan_type``, ``plan_year``, ``dnr``); an empty cell says
nothing. A catalogue that cannot be read whole (no header, an unknown column, no key column,
a ``plan_year`` that is not a year, the same document twice) is refused with a
``CatalogueError`` naming the file, the line and the reason: the run does not start.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import regex

from pipeline.errors import Code, RunNotStarted
from pipeline.model import METADATA_FIELDS

KEY_COLUMNS = ("path", "sha256")
_SHA = regex.compile(r"^[0-9a-f]{16}(?:[0-9a-f]{48})?$")
_YEAR = regex.compile(r"^(?:19|20)\d{2}$")
# More than any archive's catalogue; a bigger file is not one.
_MAX_BYTES = 64 * 1024 * 1024


class CatalogueError(RunNotStarted, ValueError):
    """The catalogue cannot be read; the message names the file, the line and why."""

    code = Code.CATALOGUE_INVALID


@dataclass(frozen=True)
class Catalogue:
    """The catalogue's rows by key: ``by_path`` (relative paths) and ``by_sha`` (hex prefixes)."""

    source: str
    by_path: dict[str, dict[str, object]]
    by_sha: dict[str, dict[str, object]]

    def lookup(self, relative_path: str, sha256: str) -> dict[str, object]:
        """The fields the catalogue gives for one file: its sha256 row, then its path row
        (the path row wins where both give a field)."""
        found: dict[str, object] = {}
        for key in (sha256[:64], sha256[:16]):
            found.update(self.by_sha.get(key, {}))
        found.update(self.by_path.get(relative_path, {}))
        return found


def _value(name: str, cell: str, where: str) -> object:
    cell = " ".join(cell.split())
    if not cell:
        return None
    if name == "plan_year":
        if not _YEAR.match(cell):
            raise CatalogueError(f"{where}: plan_year {cell!r} is not a year")
        return int(cell)
    return cell


def parse_catalogue(text: str, source: str = "<catalogue>") -> Catalogue:
    """Read a catalogue's text; raises ``CatalogueError`` for anything it cannot use."""
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        raise CatalogueError(f"{source}: not a text file (NUL bytes)")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        raise CatalogueError(f"{source}: not a readable CSV file: {exc}") from None
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise CatalogueError(f"{source}: no header row")
    header = [cell.strip().lower() for cell in rows[0]]
    unknown = [name for name in header if name not in KEY_COLUMNS + METADATA_FIELDS]
    if unknown:
        known = ", ".join(KEY_COLUMNS + METADATA_FIELDS)
        raise CatalogueError(f"{source}: line 1: unknown column {unknown[0]!r} (known: {known})")
    if len(set(header)) != len(header):
        raise CatalogueError(f"{source}: line 1: a column named twice")
    if not set(header) & set(KEY_COLUMNS):
        raise CatalogueError(f"{source}: line 1: no 'path' or 'sha256' column to name the documents by")
    by_path: dict[str, dict[str, object]] = {}
    by_sha: dict[str, dict[str, object]] = {}
    for lineno, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        where = f"{source}: line {lineno}"
        if len(row) != len(header):
            raise CatalogueError(f"{where}: {len(row)} cells where the header has {len(header)}")
        cells = dict(zip(header, row, strict=True))
        fields = {n: _value(n, cells[n], where) for n in METADATA_FIELDS if n in cells}
        fields = {n: v for n, v in fields.items() if v is not None}
        path = cells.get("path", "").strip().replace("\\", "/").removeprefix("./")
        sha = cells.get("sha256", "").strip().lower()
        if not path and not sha:
            raise CatalogueError(f"{where}: neither a path nor a sha256")
        if sha and not _SHA.match(sha):
            raise CatalogueError(f"{where}: sha256 {sha!r} is not 16 or 64 hex digits")
        for key, table in ((path, by_path), (sha, by_sha)):
            if key and key in table:
                raise CatalogueError(f"{where}: {key!r} named twice")
            if key:
                table[key] = fields
    return Catalogue(source, by_path, by_sha)


def read_catalogue(path: str | Path) -> Catalogue:
    """Read the catalogue file at ``path``; raises ``CatalogueError``."""
    path = Path(path)
    try:
        if path.stat().st_size > _MAX_BYTES:
            raise CatalogueError(f"{path}: larger than {_MAX_BYTES // 2**20} MB: not a catalogue")
        data = path.read_bytes()
    except OSError as exc:
        raise CatalogueError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise CatalogueError(f"{path}: neither UTF-8 nor cp1252 text") from None
    return parse_catalogue(text, str(path))


__all__ = ["KEY_COLUMNS", "Catalogue", "CatalogueError", "parse_catalogue", "read_catalogue"]
