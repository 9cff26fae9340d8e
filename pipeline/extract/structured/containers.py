"""Checks shared by the readers of zipped office formats (.docx, .odt): what the bytes
really are, before a library is let loose on them.

An OOXML file with a password is not a zip but an OLE compound file holding the encrypted
package (msoffcrypto tells); a legacy Word file renamed .docx is an OLE file too; anything
else that is not a zip is not the format at all. A zip whose members unpack to more than
``MAX_UNPACKED`` bytes is refused before it is unpacked (a zip bomb).
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path
from xml.sax import SAXException

from lxml import etree

from pipeline.errors import Code
from pipeline.extract.errors import ExtractError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
#: Bytes a document's zip may unpack to; plans are a few MB at most.
MAX_UNPACKED = 512 * 1024 * 1024


#: What zipfile, zlib, the XML parsers and the libraries on top of them raise on a damaged
#: package (a flipped byte can make any of these); each becomes a ``corrupt`` error.
DAMAGED_PACKAGE: tuple[type[Exception], ...] = (
    zipfile.BadZipFile, zlib.error, struct.error, KeyError, ValueError, EOFError, NotImplementedError,
    RuntimeError, UnicodeDecodeError, TypeError, AttributeError, IndexError, OverflowError,
    SAXException, etree.LxmlError,
)  # fmt: skip


def is_ole(data: bytes) -> bool:
    return data.startswith(OLE_MAGIC)


def is_encrypted_ole(data: bytes) -> bool:
    """An OLE file that msoffcrypto finds encrypted (a password-protected Office file)."""
    import io

    import msoffcrypto

    try:
        return bool(msoffcrypto.OfficeFile(io.BytesIO(data)).is_encrypted())
    except Exception:
        return False


def has_word_stream(data: bytes) -> bool:
    """Is this OLE file a Word document (one with a WordDocument stream)? LibreOffice would read
    a damaged one as plain text, making a document of its bytes."""
    import io

    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            return bool(ole.exists("WordDocument"))
    except Exception:  # olefile raises many kinds on damaged containers
        return False


def check_zip(path: Path, data: bytes, kind: str) -> None:
    """Raise the coded error for bytes that are not a sound ``kind`` zip package."""
    if is_ole(data) and is_encrypted_ole(data):
        raise ExtractError(Code.ENCRYPTED, f"{path}: the {kind} file is protected by a password")
    if not data.startswith(ZIP_MAGIC):
        what = "a legacy Office (OLE) file" if is_ole(data) else "not a zip package"
        raise ExtractError(Code.CORRUPT, f"{path}: not a {kind} file ({what})")
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except DAMAGED_PACKAGE as exc:
        raise ExtractError(Code.CORRUPT, f"{path}: a damaged {kind} file: {exc}") from exc
    if unpacked > MAX_UNPACKED:
        raise ExtractError(
            Code.CORRUPT,
            f"{path}: the {kind} file would unpack to {unpacked // 2**20} MB (at most "
            f"{MAX_UNPACKED // 2**20} MB): refused as a zip bomb",
        )
