"""LibreOffice headless as a converter: a legacy Word or RTF file to .docx, in the worker,
under the document's time limit.

LibreOffice runs as a subprocess in a session of its own, with a private profile
(``-env:UserInstallation``) so that runs never share or lock one, and its whole process
group is killed when it is done or the time limit passes. The office process itself
(``soffice.bin``) is started, not the ``soffice`` launcher: the launcher forks it, and a
forked child would not inherit ``pipeline.limits.tie_to_parent``, so it could outlive a
worker killed at its limits. Without LibreOffice the file is a ``libreoffice_missing``
problem saying what to install.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from pipeline.errors import Code
from pipeline.extract.errors import ExtractError
from pipeline.limits import tie_to_parent

#: The Debian package that provides ``soffice`` for documents (no GUI).
INSTALL_HINT = "install LibreOffice (Debian: apt-get install libreoffice-writer-nogui)"


#: ``soffice.bin``'s exit status after it made a new profile and wants to be started again
#: (the launcher does that restart; we start the office process ourselves).
_RESTART_REQUESTED = 81


def soffice_path() -> str | None:
    """The LibreOffice office process (``soffice.bin`` beside the launcher, or the launcher
    where there is none), or None when LibreOffice is not installed."""
    launcher = shutil.which("soffice") or shutil.which("libreoffice")
    if launcher is None:
        return None
    office = Path(os.path.realpath(launcher)).with_name("soffice.bin")
    return str(office) if office.is_file() and os.access(office, os.X_OK) else launcher


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
    deadline = started + time_limit
    for _start in range(3):  # the first start in a new profile may only make the profile
        if _run_once(command, path, time_limit, started, deadline) != _RESTART_REQUESTED:
            return


def _run_once(command: list[str], path: Path, time_limit: float, started: float, deadline: float) -> int:
    proc = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        env={**os.environ, "SAL_USE_VCLPLUGIN": "svp"},
        preexec_fn=tie_to_parent,  # the worker runs no other threads while converting
    )
    try:
        return proc.wait(timeout=max(0.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        raise ExtractError(
            Code.TIMEOUT,
            f"{path}: LibreOffice did not convert the file within {time_limit:.0f} s "
            f"(stopped after {time.monotonic() - started:.0f} s)",
        ) from None
    finally:
        _kill_group(proc)


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """End LibreOffice and anything it started (its session is its process group)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
