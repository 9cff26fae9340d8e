"""LibreOffice headless as a converter: a legacy Word or RTF file to .docx, in the worker,
under the document's time limit.

LibreOffice runs as a subprocess in a session of its own, with a private profile
(``-env:UserInstallation``) so that runs never share or lock one, and its whole process
group is killed when it is done or the time limit passes. Without LibreOffice the file is a
``libreoffice_missing`` problem saying what to install.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from pipeline.errors import Code
from pipeline.extract.errors import ExtractError

_PR_SET_PDEATHSIG = 1
#: The Debian package that provides ``soffice`` for documents (no GUI).
INSTALL_HINT = "install LibreOffice (Debian: apt-get install libreoffice-writer-nogui)"


def soffice_path() -> str | None:
    """The LibreOffice command, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(path: Path, data: bytes, time_limit: float) -> bytes:
    """The bytes of ``data`` converted to .docx by LibreOffice, within ``time_limit`` seconds."""
    soffice = soffice_path()
    if soffice is None:
        raise ExtractError(
            Code.LIBREOFFICE_MISSING,
            f"{path}: {path.suffix or 'this'} files are converted with LibreOffice, which is not "
            f"installed: {INSTALL_HINT}",
        )
    with tempfile.TemporaryDirectory(prefix="plans-lo-") as tmp:
        work = Path(tmp)
        source = work / f"document{path.suffix.lower() or '.doc'}"
        source.write_bytes(data)
        command = [
            soffice, f"-env:UserInstallation=file://{work / 'profile'}", "--headless", "--norestore",
            "--nologo", "--nodefault", "--nolockcheck",
            "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(work / "out"), str(source),
        ]  # fmt: skip
        _run(command, path, time_limit)
        converted = work / "out" / "document.docx"
        if not converted.is_file():
            raise ExtractError(
                Code.CORRUPT, f"{path}: LibreOffice could not convert the file (damaged or not a document)"
            )
        return converted.read_bytes()


def _run(command: list[str], path: Path, time_limit: float) -> None:
    started = time.monotonic()
    proc = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        env={**os.environ, "SAL_USE_VCLPLUGIN": "svp"},
        preexec_fn=_die_with_parent,  # the worker runs no other threads while converting
    )
    try:
        proc.wait(timeout=time_limit)
    except subprocess.TimeoutExpired:
        raise ExtractError(
            Code.TIMEOUT,
            f"{path}: LibreOffice did not convert the file within {time_limit:.0f} s "
            f"(stopped after {time.monotonic() - started:.0f} s)",
        ) from None
    finally:
        _kill_group(proc)


def _die_with_parent() -> None:
    """In the child: be killed when the worker dies (a worker killed at its time or memory
    limit never runs the ``finally`` that ends LibreOffice)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """End LibreOffice and anything it started (its session is its process group)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
