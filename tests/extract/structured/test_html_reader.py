"""The HTML reader on pages written here, as a city's web site saves them."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract import ExtractOptions
from pipeline.extract.errors import ExtractError
from pipeline.extract.structured.html import decode_html, html_lines, read_html

OPTIONS = ExtractOptions()

PAGE = """<!DOCTYPE html><html><head>{meta}<title>Plan</title>
<script>var menu = "Förskola";</script><style>p {{ color: black }}</style></head>
<body><header><p>start.stockholm</p><p>Tjänsteutlåtande</p></header>
<nav><ul><li>Förskola</li><li>Kontakta oss</li></ul></nav>
<main>
<h1>Inledning</h1><p>Enheten arbetar med <em>trygghet</em> och närhet.</p>
<p><strong>Nämndmål: Alla ska känna sig trygga</strong></p>
<ul><li>Fler aktiviteter</li></ul><ol><li>Första</li><li>Andra</li></ol>
<table><thead><tr><th>Indikator</th><th>Årsmål</th><th>KF:s årsmål år 2026</th>
<th>Periodicitet</th></tr></thead>
<tbody><tr><td>Andel nöjda</td><td>90 %</td><td></td><td rowspan="2">År</td></tr>
<tr><td>Sjukfrånvaro</td><td>6 %</td><td>7 %</td></tr>
<tr><td colspan="4"><b>Kommentar</b><br>Mäts varje år.</td></tr></tbody></table>
</main>
<footer><p>Telefon 08-508 00 000</p></footer><script src="x.js"></script></body></html>
"""


def page(tmp_path: Path, meta: str, encoding: str) -> Path:
    path = tmp_path / "plan.html"
    path.write_bytes(PAGE.format(meta=meta).encode(encoding))
    return path


@pytest.mark.parametrize(
    ("meta", "encoding"),
    [
        ('<meta charset="utf-8">', "utf-8"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">', "cp1252"),
        ("", "cp1252"),  # no declaration: detected
        ("", "utf-8"),
    ],
)
def test_main_content_headings_lists_and_cells(tmp_path: Path, meta: str, encoding: str) -> None:
    source = read_html(page(tmp_path, meta, encoding), OPTIONS)
    lines = [line for line in source.lines if line.text]
    assert [(ln.text, ln.bold) for ln in lines[:6]] == [
        ("Inledning", True),
        ("Enheten arbetar med trygghet och närhet.", False),
        ("Nämndmål: Alla ska känna sig trygga", True),
        ("• Fler aktiviteter", False),
        ("1. Första", False),
        ("2. Andra", False),
    ]
    assert [ln.cells for ln in lines if ln.cells] == [
        ("Indikator", "Årsmål", "KF:s årsmål år 2026", "Periodicitet"),
        ("Andel nöjda", "90 %", "", "År"),
        ("Sjukfrånvaro", "6 %", "7 %", "År"),
    ]
    assert lines[-1].text == "Kommentar Mäts varje år."
    everything = " ".join(ln.text for ln in lines)
    for furniture in ("start.stockholm", "Tjänsteutlåtande", "Kontakta", "Telefon", "var menu", "color"):
        assert furniture not in everything
    assert (source.source_format, source.extraction, source.n_pages) == ("html", "html", None)


def test_a_page_without_main_reads_the_body(tmp_path: Path) -> None:
    lines = html_lines("<html><body><nav>Meny</nav><h2>Övrigt</h2><div>Text <b>här</b></div></body></html>")
    assert [ln.text for ln in lines if ln.text] == ["Övrigt", "Text här"]


def test_a_page_with_no_text_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text("<html><body><nav>Meny</nav><script>x()</script></body></html>", encoding="utf-8")
    with pytest.raises(ExtractError) as err:
        read_html(path, OPTIONS)
    assert err.value.code == "empty" and str(path) in err.value.message


_TAGS = st.sampled_from(
    ["p", "div", "table", "tr", "td", "th", "ul", "ol", "li", "h1", "h3", "b", "main", "nav", "br"]
)
_ATTRS = st.sampled_from(["", ' colspan="3"', ' rowspan="99999"', ' colspan="-2"', " hidden", ' role="main"'])


@st.composite
def markup(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 60))):
        kind = draw(st.integers(0, 2))
        tag = draw(_TAGS)
        if kind == 0:
            parts.append(f"<{tag}{draw(_ATTRS)}>")
        elif kind == 1:
            parts.append(f"</{tag}>")
        else:
            parts.append(draw(st.text(max_size=20)))
    return "".join(parts)


@settings(max_examples=150, deadline=None)
@given(markup())
def test_random_html_never_crashes(text: str) -> None:
    lines = html_lines(text)
    assert all(isinstance(line.text, str) for line in lines)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_are_read_or_refused_with_a_code(data: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.html"
        path.write_bytes(data)
        try:
            read_html(path, OPTIONS)
        except ExtractError as exc:
            assert exc.code in {"empty", "binary", "encoding"}


def test_deep_nesting_is_read_flat() -> None:
    lines = html_lines("<div>" * 3000 + "djup text" + "</div>" * 3000)
    assert [ln.text for ln in lines if ln.text] == ["djup text"]


def test_a_cell_spanning_rows_and_columns_holds_for_each_row() -> None:
    lines = html_lines(
        "<table><tr><td colspan=2>Aktivitet</td><td>Startdatum</td><td colspan=2>Slutdatum</td></tr>"
        "<tr><td colspan=2>A</td><td>2026-01-01</td><td rowspan=2 colspan=2>2026-12-31</td></tr>"
        "<tr><td colspan=2>B</td><td>2026-02-01</td></tr></table>"
    )
    assert [ln.cells for ln in lines] == [
        ("Aktivitet", "Startdatum", "Slutdatum"),
        ("A", "2026-01-01", "2026-12-31"),
        ("B", "2026-02-01", "2026-12-31"),
    ]


def test_list_items_holding_paragraphs_keep_their_bullets() -> None:
    lines = html_lines("<ul><li><p>Fler aktiviteter</p></li><li><p>Bättre <b>lokaler</b></p></li></ul>")
    assert [ln.text for ln in lines if ln.text] == ["• Fler aktiviteter", "• Bättre lokaler"]


def test_a_page_laid_out_in_a_table_is_read_as_blocks() -> None:
    lines = html_lines(
        "<body><table><tr><td><h1>Inledning</h1><p>Enheten arbetar med trygghet.</p>"
        "<table><tr><th>Aktivitet</th><th>Startdatum</th><th>Slutdatum</th></tr>"
        "<tr><td>Utbilda</td><td>2026-01-01</td><td>2026-12-31</td></tr></table>"
        "</td><td><p>Kontakt</p></td></tr></table></body>"
    )
    assert [(ln.text, ln.cells) for ln in lines if ln.text] == [
        ("Inledning", None),
        ("Enheten arbetar med trygghet.", None),
        ("Aktivitet  Startdatum  Slutdatum", ("Aktivitet", "Startdatum", "Slutdatum")),
        ("Utbilda  2026-01-01  2026-12-31", ("Utbilda", "2026-01-01", "2026-12-31")),
        ("Kontakt", None),
    ]


def test_a_cell_spanning_rows_holds_for_a_row_written_without_cells() -> None:
    lines = html_lines(
        "<table><tr><td rowspan=3>Utbilda personal</td><td>2026-01-01</td></tr><tr></tr>"
        "<tr><td>2026-06-01</td></tr></table>"
    )
    assert [ln.cells for ln in lines] == [
        ("Utbilda personal", "2026-01-01"),
        ("Utbilda personal", "2026-06-01"),
    ]


def test_a_data_table_with_a_heading_in_its_caption_is_read_as_a_table() -> None:
    """Only a heading or table inside a cell makes a table the page's layout: a caption's
    heading sends the table to the query of the whole table, which finds no such cell."""
    lines = html_lines(
        "<table><caption><h2>Indikatorer</h2></caption><tr><th>Indikator</th><th>Årsmål</th></tr>"
        "<tr><td>Sjukfrånvaro</td><td>6 %</td></tr></table>"
    )
    assert [ln.cells for ln in lines] == [("Indikator", "Årsmål"), ("Sjukfrånvaro", "6 %")]


def test_a_cell_holding_markup_but_no_heading_keeps_the_table_a_data_table() -> None:
    lines = html_lines(
        "<table><tr><th>Aktivitet</th><th>Slutdatum</th></tr>"
        "<tr><td><a href='/a'>Utbilda</a> <em>all</em> personal</td><td>2026-12-31</td></tr></table>"
    )
    assert [ln.cells for ln in lines] == [("Aktivitet", "Slutdatum"), ("Utbilda all personal", "2026-12-31")]


@pytest.mark.parametrize(
    ("data", "as_is"),
    [
        ('<meta charset="utf-8"><p>Målet nås</p>'.encode(), True),
        ("<p>Målet nås</p>".encode(), True),
        ('<meta charset="utf-8"><p>Målet nås '.encode() + b"\xff</p>", False),  # not UTF-8 after all
        (codecs.BOM_UTF8 + "<p>Målet nås</p>".encode(), False),
        ('<meta charset="windows-1252"><p>Målet nås</p>'.encode("cp1252"), False),
    ],
)
def test_a_page_is_parsed_from_its_bytes_only_where_they_are_its_text_in_utf8(
    tmp_path: Path, data: bytes, as_is: bool
) -> None:
    path = tmp_path / "plan.html"
    path.write_bytes(data)
    text, _, utf8 = decode_html(path, data)
    assert utf8 == as_is
    lines = [ln.text for ln in read_html(path, OPTIONS).lines if ln.text]
    assert lines == [ln.text for ln in html_lines(text) if ln.text]
    assert lines[0].startswith("Målet nås")
