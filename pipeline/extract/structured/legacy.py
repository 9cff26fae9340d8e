"""Legacy Word (.doc) and RTF files: converted to .docx by LibreOffice headless in the
worker, then read by the .docx reader.

LibreOffice runs as a subprocess in a session of its own, with a private profile
(``-env:UserInstallation``) so that runs never share or lock one, and its whole process
group is killed when the document's time limit passes. Without LibreOffice the file is a
``libreoffice_missing`` problem saying what to install. A password-protected file is found
before LibreOffice sees it (it would wait for a password).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from pipeline.errors import Code
from pipeline.extract.errors import ExtractError
from pipeline.extract.options import ExtractOptions
from pipeline.extract.structured.containers import is_encrypted_ole, is_ole, read_bytes
from pipeline.extract.structured.docx import docx_lines
from pipeline.model import SourceDocument

#: The Debian package that provides ``soffice`` for documents (no GUI).
INSTALL_HINT = "install LibreOffice (Debian: apt-get install libreoffice-writer-nogui)"
#: Seconds a conversion may take when the options set no time limit.
DEFAULT_TIMEOUT = 300.0


def soffice_path() -> str | None:
    """The LibreOffice command, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_legacy(path: Path, options: ExtractOptions) -> SourceDocument:
    """The reader of ``pipeline.extract.readers`` for .doc and .rtf."""
    path = Path(path)
    data = read_bytes(path)
    fmt = path.suffix.lower().lstrip(".") or "doc"
    return read_converted(path, data, fmt, options)


def read_converted(path: Path, data: bytes, fmt: str, options: ExtractOptions) -> SourceDocument:
    """``data`` (the bytes of ``path``, a legacy ``fmt`` file) converted and read as .docx."""
    if is_ole(data) and is_encrypted_ole(data):
        raise ExtractError(Code.ENCRYPTED, f"{path}: the Word file is protected by a password")
    docx = convert_to_docx(path, data, options.time_limit or DEFAULT_TIMEOUT)
    return SourceDocument(
        source_path=str(path),
        source_sha256=hashlib.sha256(data).hexdigest(),
        source_format=fmt,
        extraction="libreoffice_docx",
        lines=docx_lines(path, docx),
        n_pages=None,
    )


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


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """End LibreOffice and anything it started (its session is its process group)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
