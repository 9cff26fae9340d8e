"""The OpenDocument reader on real .odt files made here with odfpy."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from odf.office import Annotation
from odf.opendocument import OpenDocumentText
from odf.style import Footer, Header, MasterPage, PageLayout, Style, TextProperties
from odf.table import CoveredTableCell, Table, TableCell, TableColumn, TableHeaderRows, TableRow
from odf.text import H, List, ListItem, ListLevelStyleNumber, ListStyle, P, Span

from pipeline.extract import ExtractOptions
from pipeline.extract.errors import ExtractError
from pipeline.extract.structured.odt import read_odt

OPTIONS = ExtractOptions()


def cell(text: str = "", span: int = 1, rows: int = 1) -> TableCell:
    out = TableCell()
    if span > 1:
        out.setAttribute("numbercolumnsspanned", str(span))
    if rows > 1:
        out.setAttribute("numberrowsspanned", str(rows))
    out.addElement(P(text=text))
    return out


def plan_odt() -> OpenDocumentText:
    doc = OpenDocumentText()
    bold = Style(name="B", family="paragraph")
    bold.addElement(TextProperties(fontweight="bold"))
    doc.automaticstyles.addElement(bold)
    layout = PageLayout(name="PL")
    doc.automaticstyles.addElement(layout)
    master = MasterPage(name="Standard", pagelayoutname=layout)
    header, footer = Header(), Footer()
    header.addElement(P(text="Tjänsteutlåtande Sid 1 (3)"))
    footer.addElement(P(text="start.stockholm"))
    master.addElement(header)
    master.addElement(footer)
    doc.masterstyles.addElement(master)
    doc.text.addElement(H(outlinelevel=1, text="Inledning"))
    paragraph = P(text="Enheten arbetar med trygghet.")
    note = Annotation()
    note.addElement(P(text="Stämmer detta?"))
    paragraph.addElement(note)
    doc.text.addElement(paragraph)
    doc.text.addElement(P(stylename=bold, text="Nämndmål: Alla ska känna sig trygga"))
    items = List()
    item = ListItem()
    item.addElement(P(text="Fler aktiviteter"))
    items.addElement(item)
    doc.text.addElement(items)
    numbers = ListStyle(name="Numbers")
    numbers.addElement(ListLevelStyleNumber(level=1, numformat="1", numsuffix="."))
    doc.automaticstyles.addElement(numbers)
    steps = List(stylename=numbers)
    for text in ("Första", "Andra"):
        item = ListItem()
        item.addElement(P(text=text))
        steps.addElement(item)
    doc.text.addElement(steps)
    table = Table(name="Indikatorer")
    for _ in range(4):
        table.addElement(TableColumn())
    head = TableHeaderRows()
    row = TableRow()
    for text in ("Indikator", "Årsmål", "KF:s årsmål år 2026", "Periodicitet"):
        row.addElement(cell(text))
    head.addElement(row)
    table.addElement(head)
    row = TableRow()
    for text in ("Andel nöjda brukare", "90 %", "", "År"):
        row.addElement(cell(text))
    table.addElement(row)
    row = TableRow()
    comment = cell("", span=4)
    label = P()
    label.addElement(Span(text="Kommentar"))
    comment.addElement(label)
    comment.addElement(P(text="Mäts i brukarundersökningen."))
    row.addElement(comment)
    for _ in range(3):
        row.addElement(CoveredTableCell())
    table.addElement(row)
    row = TableRow()
    for text, rows in (("Sjukfrånvaro", 1), ("6 %", 1), ("7 %", 1), ("Tertial", 2)):
        row.addElement(cell(text, rows=rows))
    table.addElement(row)
    row = TableRow()
    for text in ("Personalomsättning", "10 %", ""):
        row.addElement(cell(text))
    row.addElement(CoveredTableCell())
    table.addElement(row)
    doc.text.addElement(table)
    return doc


@pytest.fixture(scope="module")
def good_odt() -> bytes:
    out = io.BytesIO()
    plan_odt().write(out)
    return out.getvalue()


def test_headings_lists_cells_and_no_furniture(tmp_path: Path, good_odt: bytes) -> None:
    path = tmp_path / "plan.odt"
    path.write_bytes(good_odt)
    source = read_odt(path, OPTIONS)
    lines = [line for line in source.lines if line.text]
    assert [(ln.text, ln.bold) for ln in lines[:6]] == [
        ("Inledning", True),
        ("Enheten arbetar med trygghet.", False),
        ("Nämndmål: Alla ska känna sig trygga", True),
        ("• Fler aktiviteter", False),
        ("1. Första", False),
        ("2. Andra", False),
    ]
    assert [ln.cells for ln in lines if ln.cells is not None] == [
        ("Indikator", "Årsmål", "KF:s årsmål år 2026", "Periodicitet"),
        ("Andel nöjda brukare", "90 %", "", "År"),
        ("Sjukfrånvaro", "6 %", "7 %", "Tertial"),
        ("Personalomsättning", "10 %", "", "Tertial"),  # under the cell spanning two rows
    ]
    assert "Kommentar Mäts i brukarundersökningen." in [ln.text for ln in lines]
    everything = " ".join(ln.text for ln in lines)
    assert "Tjänsteutlåtande" not in everything and "start.stockholm" not in everything
    assert "Stämmer" not in everything
    assert (source.source_format, source.extraction, source.n_pages) == ("odt", "odt", None)


def test_bad_odt_files_are_refused_with_a_code(tmp_path: Path, good_odt: bytes) -> None:
    cut = tmp_path / "cut.odt"
    cut.write_bytes(good_odt[:300])
    fake = tmp_path / "fake.odt"
    fake.write_bytes(b"<html>not an OpenDocument file</html>")
    for path in (cut, fake):
        with pytest.raises(ExtractError) as err:
            read_odt(path, OPTIONS)
        assert err.value.code == "corrupt" and str(path) in err.value.message


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_mutated_odt_is_read_or_refused_with_a_code(
    tmp_path: Path, good_odt: bytes, data: st.DataObject
) -> None:
    raw = bytearray(good_odt)
    for _ in range(data.draw(st.integers(1, 8))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    path = tmp_path / "mutated.odt"
    path.write_bytes(bytes(raw))
    try:
        source = read_odt(path, OPTIONS)
    except ExtractError as exc:
        assert exc.code in {"corrupt", "empty"}
    else:
        assert source.source_format == "odt"
