"""Tesseract's own settings (its ``-c name=value`` variables), the one place both Tesseract
engines (the command line, ``tesseract``, and the binding, ``tesserocr_api``) take them from,
so a page reads the same whichever engine runs.

- ``tessedit_do_invert=0``: Tesseract 5 reads every line it is unsure of a second time
  with its pixels inverted, for white print on dark; plans are dark print on white, and the
  second read costs time on every doubtful line (tables, stamps, damaged scans) without
  changing the words (measured side by side in ``benchmarks/bench_pdf.py``).
"""

from __future__ import annotations

#: Variable name -> value, as Tesseract takes them (strings).
VARIABLES: dict[str, str] = {
    "tessedit_do_invert": "0",
}


def cli_arguments() -> list[str]:
    """The variables as command-line arguments (``-c name=value`` each)."""
    return [arg for name, value in VARIABLES.items() for arg in ("-c", f"{name}={value}")]
