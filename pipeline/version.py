"""Which parser made the output: the package version and a fingerprint of the rules.

Its own module, with nothing of the pipeline above it, so that the stages, the ingestion
and the package root can all ask for it without importing each other.
"""

from __future__ import annotations

from pipeline.rules import rules_fingerprint

__version__ = "0.1.0"


def parser_version() -> str:
    """The code version plus a fingerprint of the rules: output made by other rules differs."""
    return f"{__version__}+rules.{rules_fingerprint()}"
