"""Hostile PDFs made in the tests, byte by byte: a decompression bomb and a huge page count."""

from __future__ import annotations

import zlib
from pathlib import Path


def write_pdf(path: Path, objects: list[bytes]) -> Path:
    """A PDF of ``objects`` (object 1 the catalog), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def flate_bomb(path: Path, inflated_mb: int = 1600, stream_mb: int = 64) -> Path:
    """One page whose content is one Flate stream of ``stream_mb`` MB (a few hundred KB on
    disk) listed again and again: ``inflated_mb`` MB of drawing operators to inflate."""
    unit = b"0 0 m 1 1 l S\n"
    data = zlib.compress(unit * (stream_mb * 1024 * 1024 // len(unit)), 1)
    repeats = max(1, inflated_mb // stream_mb)
    contents = b"[" + b" ".join([b"4 0 R"] * repeats) + b"]"
    return write_pdf(
        path,
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents " + contents + b" >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream",
        ],
    )


def many_pages(path: Path, pages: int = 2000) -> Path:
    """``pages`` pages of text sharing one font and one content stream."""
    text = b"BT /F1 11 Tf 72 760 Td (Verksamhetsplan 2026 Enhetsmal och indikatorer for enheten) Tj ET"
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
    ]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
    objects += [page + b"/Contents 4 0 R >>"] * pages
    return write_pdf(path, objects)
