"""The Tesseract command line as an OCR engine (``engine.OcrEngine``): is it there, with
the language data; run it on a picture; read its TSV.

Tesseract runs as a subprocess (no Python binding needed: pytesseract would only wrap the
same command and write temporary files), reading the picture from stdin and writing TSV
to stdout. It runs single-threaded (``OMP_THREAD_LIMIT=1``): its OpenMP threads gain
nothing on a page this size and, on two cores, made it six times slower (20.7 s against
3.3 s for one page); the scan path gets its parallelism from running one process per core.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache

from pipeline.errors import Code
from pipeline.extract.errors import ExtractError
from pipeline.extract.ocr.engine import SWEDISH, OcrTimeout, OcrWord
from pipeline.extract.ocr.tesseract_settings import cli_arguments
from pipeline.limits import tie_to_parent

#: The Tesseract executable (a name looked up on PATH, or a path).
TESSERACT = "tesseract"
INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-swe"


def tesseract_env() -> dict[str, str]:
    """The environment Tesseract runs in: single-threaded."""
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


def installed_languages(executable: str) -> frozenset[str]:
    """The language data this Tesseract finds (``TESSDATA_PREFIX`` respected)."""
    return _list_languages(executable, os.environ.get("TESSDATA_PREFIX"))


@cache
def _list_languages(executable: str, tessdata: str | None) -> frozenset[str]:
    try:
        done = subprocess.run(
            [executable, "--list-langs"],
            capture_output=True,
            text=True,
            timeout=30,
            env=tesseract_env(),
            preexec_fn=tie_to_parent,
        )
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    # Tesseract 5 lists on stdout, 4 on stderr; the first line is a heading.
    lines = (done.stdout + "\n" + done.stderr).splitlines()
    return frozenset(ln.strip() for ln in lines if ln.strip() and not ln.startswith("List of"))


def parse_tsv(tsv: str) -> list[OcrWord]:
    """The words (level 5 rows with text) of Tesseract's TSV output, in its reading order."""
    out = []
    for row in tsv.split("\n")[1:]:
        fields = row.split("\t")
        if len(fields) < 12 or fields[0] != "5":
            continue
        text = fields[11].strip()
        if not text:
            continue
        left, top, width, height = (int(v) for v in fields[6:10])
        line = (int(fields[2]), int(fields[3]), int(fields[4]))
        out.append(OcrWord(text, (left, top, left + width, top + height), float(fields[10]), line))
    return out


def run_tesseract(
    executable: str,
    image: bytes,
    *,
    language: str,
    psm: int,
    dpi: float,
    timeout: float | None = None,
) -> list[OcrWord]:
    """The words Tesseract reads in one encoded picture (JPEG, PGM, ...: whatever it reads).

    Raises ``OcrTimeout`` when ``timeout`` (seconds) passes first (the process is killed),
    ``ExtractError(Code.OCR)`` when Tesseract fails.
    """
    args = [executable, "stdin", "stdout", "-l", language, "--psm", str(psm), "--dpi", str(round(dpi))]
    args += [*cli_arguments(), "tsv"]
    try:
        done = subprocess.run(
            args,
            input=image,
            capture_output=True,
            timeout=timeout,
            env=tesseract_env(),
            preexec_fn=tie_to_parent,  # one prctl: safe between fork and exec
        )
    except subprocess.TimeoutExpired as exc:
        raise OcrTimeout from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ExtractError(Code.OCR, f"tesseract failed (exit {done.returncode}): {' '.join(message[-2:])}")
    return parse_tsv(done.stdout.decode("utf-8", "replace"))


@dataclass(frozen=True)
class TesseractCli:
    """The ``tesseract`` command as an ``OcrEngine``; ``executable`` is a name looked up on
    PATH (when the engine is used, not when it is made) or a path."""

    executable: str = TESSERACT
    install_hint: str = INSTALL_HINT

    def _path(self) -> str | None:
        return shutil.which(self.executable)

    def available(self, language: str = SWEDISH) -> bool:
        path = self._path()
        return path is not None and language in installed_languages(path)

    def require(self, language: str = SWEDISH) -> None:
        path = self._path()
        if path is None:
            raise self._not_installed()
        if language not in installed_languages(path):
            raise ExtractError(
                Code.OCR_MISSING,
                f"scanned pages need OCR, but the OCR engine has no Swedish data ({language!r}): "
                f"{self.install_hint}",
            )

    def _not_installed(self) -> ExtractError:
        return ExtractError(
            Code.OCR_MISSING,
            f"scanned pages need OCR, but the OCR engine is not installed: {self.install_hint}",
        )

    def languages(self) -> frozenset[str]:
        path = self._path()
        return installed_languages(path) if path is not None else frozenset()

    def read(
        self, picture: bytes, *, language: str, psm: int, dpi: float, timeout: float | None = None
    ) -> list[OcrWord]:
        path = self._path()
        if path is None:
            raise self._not_installed()
        return run_tesseract(path, picture, language=language, psm=psm, dpi=dpi, timeout=timeout)
