"""Reading text exports: real files in tmp_path, one per encoding and failure mode."""

from __future__ import annotations

import hashlib
import random
import struct
import time
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract import ExtractError, extract, supported_suffixes
from pipeline.extract.text.encoding import decode_bytes
from pipeline.extract.text.reader import read_text_file, split_lines
from pipeline.model import Line

SWEDISH = (
    "Verksamhetsplan 2024 för förskoleområde Öster\n"
    "Nämndmål 1: Ökad måluppfyllelse i grundskolan\n"
    "Åtgärd: Fler pedagoger på avdelningarna – se bilaga ”Mål och mått”.\n"
)
#: Same text without the characters that Latin-1 lacks (– ”).
SWEDISH_LATIN1 = SWEDISH.replace("–", "-").replace("”", '"')


def write(tmp_path: Path, data: bytes, name: str = "plan.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def texts(doc) -> list[str]:
    return [line.text for line in doc.lines]


# --- encodings -------------------------------------------------------------------------


def test_utf8_swedish(tmp_path: Path) -> None:
    path = write(tmp_path, SWEDISH.encode("utf-8"))
    doc = read_text_file(path)
    assert doc.encoding == "utf-8"
    assert texts(doc) == SWEDISH.splitlines()
    assert doc.source_format == "text" and doc.extraction == "text"
    assert doc.source_path == str(path)
    assert [line.lineno for line in doc.lines] == [1, 2, 3]
    assert all(line.page is None for line in doc.lines)
    assert doc.n_pages is None


def test_sha256_is_of_the_raw_bytes(tmp_path: Path) -> None:
    data = SWEDISH.encode("utf-16")
    doc = read_text_file(write(tmp_path, data))
    assert doc.source_sha256 == hashlib.sha256(data).hexdigest()
    assert doc.doc_id == doc.source_sha256[:16]


def test_cp1252(tmp_path: Path) -> None:
    doc = read_text_file(write(tmp_path, SWEDISH.encode("cp1252")))
    assert doc.encoding == "cp1252"
    assert texts(doc) == SWEDISH.splitlines()


def test_latin1(tmp_path: Path) -> None:
    # For åäö Latin-1 and cp1252 agree byte for byte, so either name is right.
    doc = read_text_file(write(tmp_path, SWEDISH_LATIN1.encode("latin-1")))
    assert doc.encoding in {"cp1252", "latin-1"}
    assert texts(doc) == SWEDISH_LATIN1.splitlines()


def test_latin1_when_bytes_are_undefined_in_cp1252(tmp_path: Path) -> None:
    data = SWEDISH_LATIN1.encode("latin-1") + b"Kod \x81\x8d\n"
    doc = read_text_file(write(tmp_path, data))
    assert doc.encoding == "latin-1"
    assert texts(doc)[-1] == "Kod \x81\x8d"
    assert texts(doc)[0] == "Verksamhetsplan 2024 för förskoleområde Öster"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be-bom", "utf-32"])
def test_utf16_and_utf32_with_bom(tmp_path: Path, codec: str) -> None:
    data = ("\ufeff" + SWEDISH).encode("utf-16-be") if codec == "utf-16-be-bom" else SWEDISH.encode(codec)
    doc = read_text_file(write(tmp_path, data))
    assert doc.encoding.startswith(codec[:6])
    assert texts(doc) == SWEDISH.splitlines()
    assert not texts(doc)[0].startswith("\ufeff")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(tmp_path: Path, codec: str) -> None:
    doc = read_text_file(write(tmp_path, SWEDISH.encode(codec)))
    assert doc.encoding == codec
    assert texts(doc) == SWEDISH.splitlines()


def test_utf8_with_bom(tmp_path: Path) -> None:
    doc = read_text_file(write(tmp_path, SWEDISH.encode("utf-8-sig")))
    assert doc.encoding == "utf-8-sig"
    assert texts(doc)[0] == "Verksamhetsplan 2024 för förskoleområde Öster"


def test_utf8_bom_on_cp1252_bytes_is_decoded_as_cp1252(tmp_path: Path) -> None:
    doc = read_text_file(write(tmp_path, b"\xef\xbb\xbf" + SWEDISH.encode("cp1252")))
    assert doc.encoding == "cp1252"
    assert texts(doc) == SWEDISH.splitlines()


def test_mojibake_is_left_alone(tmp_path: Path) -> None:
    # UTF-8 decoded as cp1252 and saved again as UTF-8: the bytes are valid UTF-8, and the
    # repair stage, not this one, undoes the damage.
    broken = "förskola".encode().decode("cp1252")
    doc = read_text_file(write(tmp_path, broken.encode("utf-8")))
    assert texts(doc) == [broken]


@pytest.mark.parametrize("codec", ["cp850", "mac_roman"])
def test_dos_and_mac_swedish_are_not_taken_for_cp1252(tmp_path: Path, codec: str) -> None:
    text = SWEDISH_LATIN1 * 3
    doc = read_text_file(write(tmp_path, text.encode(codec)))
    assert doc.encoding not in {"cp1252", "latin-1"}
    assert texts(doc) == text.splitlines()


def test_cp1252_with_apostrophes_and_dashes_inside_words(tmp_path: Path) -> None:
    text = "Mål: att öka. It’s the plan’s goal, don’t say what’s next. Hässelby–Vällingby.\n"
    doc = read_text_file(write(tmp_path, text.encode("cp1252")))
    assert doc.encoding == "cp1252"
    assert texts(doc) == text.splitlines()


def test_cyrillic_falls_back_to_charset_normalizer(tmp_path: Path) -> None:
    text = "Привет, как дела? Это тестовый текст на русском языке.\n"
    doc = read_text_file(write(tmp_path, text.encode("cp1251")))
    assert texts(doc) == text.splitlines()
    assert doc.encoding not in {"cp1252", "latin-1"}


# --- failures --------------------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    path = write(tmp_path, b"")
    with pytest.raises(ExtractError) as err:
        read_text_file(path)
    assert err.value.code == "empty"
    assert str(path) in err.value.message and "empty" in err.value.message


@pytest.mark.parametrize("data", [b"  \r\n\n\t\f\n", b"\xef\xbb\xbf", "\n\n".encode("utf-16")])
def test_whitespace_only_is_empty(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(ExtractError) as err:
        read_text_file(write(tmp_path, data))
    assert err.value.code == "empty"


def _png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(_png(), id="png"),
        pytest.param(random.Random(1).randbytes(4096) + b"\x00", id="random-with-nul"),
        pytest.param(bytes(range(256)) * 8, id="all-bytes"),
        pytest.param(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + b"x" * 50, id="zip-header"),
        pytest.param(b"text" + bytes(range(1, 9)) * 20, id="control-chars-no-nul"),
    ],
)
def test_binary(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, data)
    with pytest.raises(ExtractError) as err:
        read_text_file(path)
    assert err.value.code == "binary"
    assert str(path) in err.value.message


def test_invalid_utf16_after_bom_is_an_encoding_error(tmp_path: Path) -> None:
    path = write(tmp_path, "hej".encode("utf-16") + b"\x00\xd8")  # lone high surrogate
    with pytest.raises(ExtractError) as err:
        read_text_file(path)
    assert err.value.code == "encoding"
    assert str(path) in err.value.message and "utf-16-le" in err.value.message


def test_missing_file_is_an_io_error(tmp_path: Path) -> None:
    with pytest.raises(ExtractError) as err:
        read_text_file(tmp_path / "nope.txt")
    assert err.value.code == "io"
    assert "nope.txt" in err.value.message


# --- lines and pages -------------------------------------------------------------------


def test_crlf_cr_and_lf(tmp_path: Path) -> None:
    doc = read_text_file(write(tmp_path, b"ett\r\ntv\xc3\xa5\rtre\n\nfyra\r\n"))
    assert doc.lines == [
        Line("ett", 1, None),
        Line("två", 2, None),
        Line("tre", 3, None),
        Line("", 4, None),
        Line("fyra", 5, None),
    ]


def test_only_newlines_split_lines() -> None:
    lines, _ = split_lines("a\vb\x85c\u2028d\x1ce\n")
    assert [line.text for line in lines] == ["a\vb\x85c\u2028d\x1ce"]


def test_form_feed_pages(tmp_path: Path) -> None:
    data = "Sida ett\r\nmer\r\n\fSida två\r\n\r\n\fSida tre\r\n".encode()
    doc = read_text_file(write(tmp_path, data))
    assert doc.n_pages == 3
    assert [(line.text, line.lineno, line.page) for line in doc.lines] == [
        ("Sida ett", 1, 1),
        ("mer", 2, 1),
        ("Sida två", 3, 2),
        ("", 4, 2),
        ("Sida tre", 5, 3),
    ]


def test_trailing_form_feed_closes_the_last_page() -> None:
    # pdftotext ends every page, including the last, with \f.
    lines, n_pages = split_lines("ett\n\ftvå\n\f")
    assert n_pages == 2
    assert [(line.text, line.page) for line in lines] == [("ett", 1), ("två", 2)]


def test_form_feed_inside_a_line_splits_it() -> None:
    lines, n_pages = split_lines("slut på sidan\fbörjan\nnästa\n")
    assert n_pages == 2
    assert lines == [Line("slut på sidan", 1, 1), Line("början", 1, 2), Line("nästa", 2, 2)]


def test_empty_pages_count() -> None:
    lines, n_pages = split_lines("ett\n\f\f\ffyra\n")
    assert n_pages == 4
    assert lines == [Line("ett", 1, 1), Line("fyra", 2, 4)]


# --- dispatch --------------------------------------------------------------------------


def test_extract_dispatches_on_suffix(tmp_path: Path) -> None:
    assert {".txt", ".text", ".pdf"} <= supported_suffixes()
    doc = extract(write(tmp_path, SWEDISH.encode(), name="PLAN.TXT"))
    assert texts(doc) == SWEDISH.splitlines()
    assert extract(write(tmp_path, SWEDISH.encode(), name="plan.text")).encoding == "utf-8"


@pytest.mark.parametrize("name", ["plan.xyz", "plan"])
def test_extract_refuses_other_suffixes(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, b"%PDF-1.4\n", name=name)
    with pytest.raises(ExtractError) as err:
        extract(path)
    assert err.value.code == "unsupported"
    assert str(path) in err.value.message


def test_a_broken_pdf_is_refused_as_corrupt(tmp_path: Path) -> None:
    path = write(tmp_path, b"%PDF-1.4\n", name="plan.pdf")
    with pytest.raises(ExtractError) as err:
        extract(path)
    assert err.value.code == "corrupt" and str(path) in err.value.message


# --- properties ------------------------------------------------------------------------

_WORDS = [
    "mål", "nämnd", "verksamhet", "förskola", "öka", "andelen", "elever", "år", "skolan",
    "Åtgärd", "Ökad", "Ärende", "uppföljning", "kvalitet", "barn", "ansvar", "rektor",
    "trygghet", "hälsa", "café", "Müller", "2024", "85", "%", "kr", "§", "°C", "½",
    "it’s", "Hässelby–Vällingby", "nämnd/styrelse", "(KF)",
]  # fmt: skip
_SEPARATORS = [" ", " ", " ", ", ", ". ", "\n", "\r\n", "\t", " – ", " — ", " ”", "” ", " • ", " … ", " € "]


@st.composite
def swedish_text(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(_WORDS), max_size=80))
    seps = draw(st.lists(st.sampled_from(_SEPARATORS), min_size=len(words), max_size=len(words)))
    return "".join(w + s for w, s in zip(words, seps, strict=True))


_CODECS_WITH_BOM = ["utf-8", "utf-8-sig", "utf-16", "utf-16-be-bom", "utf-32", "cp1252"]


def _encode(text: str, codec: str) -> bytes:
    if codec == "utf-16-be-bom":
        return ("\ufeff" + text).encode("utf-16-be")
    return text.encode(codec)


@settings(max_examples=300, deadline=None)
@given(text=swedish_text(), codec=st.sampled_from(_CODECS_WITH_BOM))
def test_round_trip(text: str, codec: str) -> None:
    decoded, _ = decode_bytes(_encode(text, codec))
    assert decoded == text


@settings(max_examples=100, deadline=None)
@given(text=swedish_text())
def test_round_trip_utf16_without_bom(text: str) -> None:
    # Without a BOM only the NUL pattern tells UTF-16 apart; text that is mostly Latin-1
    # (as any Swedish text is: at most one in three characters here is wider) always has it.
    for codec in ("utf-16-le", "utf-16-be"):
        if len(text) >= 2:
            assert decode_bytes(text.encode(codec)) == (text, codec)


_ANY_BYTES = st.one_of(
    st.binary(max_size=4096),
    st.tuples(st.text(max_size=300), st.sampled_from(["utf-8", "utf-16-le", "utf-32-be", "cp1252"])).map(
        lambda pair: pair[0].encode(pair[1], errors="replace")
    ),
    st.tuples(swedish_text(), st.binary(max_size=20), st.integers(0, 400)).map(
        lambda t: t[0].encode("cp1252")[: t[2]] + t[1] + t[0].encode("utf-8")
    ),
)


@settings(
    max_examples=500,
    deadline=2000,  # "never hangs": every input, however odd, is decided quickly
    suppress_health_check=[HealthCheck.too_slow],
)
@given(data=_ANY_BYTES)
def test_decode_bytes_returns_str_or_extract_error(data: bytes) -> None:
    try:
        text, encoding = decode_bytes(data)
    except ExtractError as err:
        assert err.code in {"binary", "encoding"}
        assert err.message
    else:
        assert isinstance(text, str) and isinstance(encoding, str) and encoding
        assert "\x00" not in text


def test_large_file_is_fast(tmp_path: Path) -> None:
    data = (SWEDISH * 20_000).encode("cp1252")  # ~3 MB
    start = time.perf_counter()
    doc = read_text_file(write(tmp_path, data))
    assert len(doc.lines) == 60_000
    assert time.perf_counter() - start < 10
