"""Metadata from where a file lies in the archive (``plans ingest --path-pattern``).

A pattern such as ``{district}/{plan_year}/{unit}.pdf`` is matched against the end of a
file's path relative to the archive's folder (``/`` between folders, whatever the system):
``{field}`` (one of the metadata fields) takes the text of one folder or file name part,
``{plan_year}`` four digits, ``*`` any text within one name; everything else stands for
itself. A file whose path does not match gets nothing from the pattern. A pattern with an
unknown field, a field twice or no field at all is refused with a ``PathPatternError``.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from pipeline.errors import Code, RunNotStarted
from pipeline.model import METADATA_FIELDS

_PART = regex.compile(r"\{([^{}]*)\}|\*|[^{}*]+|[{}]")
_MAX_LEN = 500


class PathPatternError(RunNotStarted, ValueError):
    """The path pattern cannot be used; the message says why."""

    code = Code.PATH_PATTERN_INVALID


@dataclass(frozen=True)
class PathPattern:
    pattern: str
    compiled: regex.Pattern

    def match(self, relative_path: str) -> dict[str, object]:
        """The fields the pattern reads off ``relative_path``; empty when it does not match."""
        try:
            found = self.compiled.search(relative_path.replace("\\", "/"), timeout=1.0)
        except TimeoutError:  # a pathological path for an ambiguous pattern: no evidence
            return {}
        if found is None:
            return {}
        fields: dict[str, object] = {}
        for name, value in found.groupdict().items():
            value = " ".join(value.split())
            if value:
                fields[name] = int(value) if name == "plan_year" else value
        return fields


def compile_path_pattern(pattern: str) -> PathPattern:
    """Compile ``pattern``; raises ``PathPatternError``."""
    if not pattern.strip():
        raise PathPatternError("--path-pattern: empty")
    if len(pattern) > _MAX_LEN:
        raise PathPatternError(f"--path-pattern: longer than {_MAX_LEN} characters")
    pattern = pattern.replace("\\", "/").strip().lstrip("/")
    parts: list[str] = []
    seen: set[str] = set()
    for match in _PART.finditer(pattern):
        token = match.group(0)
        name = match.group(1)
        if name is not None:
            if name not in METADATA_FIELDS:
                known = ", ".join(METADATA_FIELDS)
                raise PathPatternError(
                    f"--path-pattern {pattern!r}: unknown field {{{name}}} (known: {known})"
                )
            if name in seen:
                raise PathPatternError(f"--path-pattern {pattern!r}: {{{name}}} twice")
            seen.add(name)
            parts.append(rf"(?P<{name}>(?:19|20)\d\d)" if name == "plan_year" else rf"(?P<{name}>[^/]+?)")
        elif token == "*":
            parts.append(r"[^/]*?")
        elif token in "{}":
            lone = f"a lone {token!r} (fields are written {{name}})"
            raise PathPatternError(f"--path-pattern {pattern!r}: {lone}")
        else:
            parts.append(regex.escape(token))
    if not seen:
        raise PathPatternError(f"--path-pattern {pattern!r}: no {{field}} to read")
    return PathPattern(pattern, regex.compile(r"(?:^|/)" + "".join(parts) + r"$"))


__all__ = ["PathPattern", "PathPatternError", "compile_path_pattern"]
