"""Tesseract's own settings (its ``-c name=value`` variables), the one place both Tesseract
engines (the command line, ``tesseract``, and the binding, ``tesserocr_api``) take them from,
so a page reads the same whichever engine runs.

None is set today: Tesseract's defaults are the measured best so far. ``tessedit_do_invert=0``
(no second, inverted read of doubtful lines) was tried side by side
(``benchmarks/bench_pdf.py --stems 000 --variants scan --set tessedit_do_invert=1``) and was
not faster on the shared machine (CPU 4.36 against 4.26 s/page through the binding), while
it lost a number Tesseract's inverted read had right (a target "25" read "2" on shared scan
001). Try a setting with ``--set`` before adding it here.
"""

from __future__ import annotations

#: Variable name -> value, as Tesseract takes them (strings).
VARIABLES: dict[str, str] = {}


def cli_arguments() -> list[str]:
    """The variables as command-line arguments (``-c name=value`` each)."""
    return [arg for name, value in VARIABLES.items() for arg in ("-c", f"{name}={value}")]
